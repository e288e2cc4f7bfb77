//! `link-dead` (online): the URL answers 404/410 or another definite failure after retries.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-dead",
    default: Severity::Error,
    summary: "the URL answers 404/410 or another definite failure after retries",
    doc: "## What it checks
The link is fetched (GET, redirects followed) and answers 404, 410 or another 4xx that is
not a refusal (400, 405, ...; 408 and 425 are `unreachable`, 401/403/407/429/451/999
`blocked`), or it fails definitely: the DNS name does not exist, every connection is refused
(after retries), the redirects loop or pass ten, or a redirect names no usable `Location`.

## Why it matters
A dead link leaves the claim unsourced for every future reader; the archived copy near the
cited date is the usual remedy.

## Example
    5 “Detailed Report …,” Yonhap, June 28, 2019, <https://cn.yna.co.kr/view/ACK20190628005700881>.
    → 404 Not Found

## Fix
Replace the URL with the source's new address or an archived snapshot (`--archive` names the
one closest to the cited date).",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_links()
        .filter(|l| l.checked.status == LinkStatus::Dead)
        .map(|l| {
            let f = l.finding(
                rule,
                Severity::Error,
                format!("dead link: {}", l.checked.reason),
            );
            match &l.checked.archive {
                Some(s) => f.with_suggestion(s.url.clone()),
                None => f,
            }
        })
        .collect()
}
