//! `link-unreachable` (online): timeouts, resets, TLS failures, 5xx after retries: the link could not be verified.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;
use crate::net::DoiStatus;

pub static RULE: Rule = Rule {
    id: "link-unreachable",
    default: Severity::Warning,
    summary: "timeouts, resets, TLS failures, 5xx after retries: the link could not be verified",
    doc: "## What it checks
The link could not be verified: timeouts, connection resets, TLS failures, or 408, 425 and
5xx answers that persist after retries. It is never reported dead on one run.

A cited DOI whose look-up at the DOI resolver or its registry failed the same way is
reported here too, with the DOI's address (`https://doi.org/…`) as its URL: nothing is
known of that DOI, so it is not `doi-unresolved`.

## Why it matters
Servers fail for a while; a link is only dead when it fails definitely, so this is a warning
to look again.

## Example
    http://m.ckxx.net/shouye/p/153742.html → timed out after 20 s
    doi:10.1038/nature14539 → the registry answered 503 Service Unavailable

## Fix
Run again later; `reflint history URL` shows whether the failure persists.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    let dois = ctx
        .cited_dois()
        .filter(|d| d.checked.status == DoiStatus::Unreachable)
        .map(|d| {
            d.finding(
                rule,
                Severity::Warning,
                format!(
                    "the DOI {} could not be looked up: {}",
                    d.doi, d.checked.reason
                ),
            )
        });
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
        .chain(dois)
        .collect()
}
