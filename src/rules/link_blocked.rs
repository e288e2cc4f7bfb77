//! `link-blocked` (online): the server refuses automated access (401, 403, 429 after retries, bot-protection challenges).
//!
//! Checked by the online checker from the fetched page; this file carries the rule's
//! catalogue entry and documentation.

use super::{Rule, Severity};

pub static RULE: Rule = Rule {
    id: "link-blocked",
    default: Severity::Warning,
    summary: "the server refuses automated access (401, 403, 429 after retries, bot-protection challenges)",
    doc: "## What it checks
The server refuses automated access: 401, 403 or 429 persisting after retries, or a
bot-protection challenge (`cf-mitigated`, challenge pages). The link is not reported dead.

## Why it matters
Many publishers block robots; a CI job must not fail on them, but an editor should check such
links by hand.

## Example
    https://www.wsj.com/articles/… → 403 Forbidden (cf-mitigated: challenge)

## Fix
Open the link in a browser; if it works, add an `ignore` entry or a per-host header.",
    online: true,
    check: None,
};
