//! `link-unreachable` (online): timeouts, resets, TLS failures, 5xx after retries: the link could not be verified.
//!
//! Checked by the online checker from the fetched page; this file carries the rule's
//! catalogue entry and documentation.

use super::{Rule, Severity};

pub static RULE: Rule = Rule {
    id: "link-unreachable",
    default: Severity::Warning,
    summary: "timeouts, resets, TLS failures, 5xx after retries: the link could not be verified",
    doc: "## What it checks
The link could not be verified: timeouts, connection resets, TLS failures, or 5xx answers
that persist after retries. It is never reported dead on one run.

## Why it matters
Servers fail for a while; a link is only dead when it fails definitely, so this is a warning
to look again.

## Example
    http://m.ckxx.net/shouye/p/153742.html → timed out after 20 s (3 attempts)

## Fix
Run again later; `reflint history URL` shows whether the failure persists.",
    online: true,
    check: None,
};
