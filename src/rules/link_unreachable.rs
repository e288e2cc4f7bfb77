//! `link-unreachable` (online): timeouts, resets, TLS failures, 5xx after retries: the link could not be verified.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-unreachable",
    default: Severity::Warning,
    summary: "timeouts, resets, TLS failures, 5xx after retries: the link could not be verified",
    doc: "## What it checks
The link could not be verified: timeouts, connection resets, TLS failures, or 408, 425 and
5xx answers that persist after retries. It is never reported dead on one run.

## Why it matters
Servers fail for a while; a link is only dead when it fails definitely, so this is a warning
to look again.

## Example
    http://m.ckxx.net/shouye/p/153742.html → timed out after 20 s

## Fix
Run again later; `reflint history URL` shows whether the failure persists.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_links()
        .filter(|l| l.checked.status == LinkStatus::Unreachable)
        .map(|l| {
            let f = l.finding(
                rule,
                Severity::Warning,
                format!("the link could not be verified: {}", l.checked.reason),
            );
            match &l.checked.archive {
                Some(s) => f.with_suggestion(s.url.clone()),
                None => f,
            }
        })
        .collect()
}
