//! `link-dead` (online): the URL answers 404/410 or another definite failure after retries.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::report::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-dead",
    default: Severity::Error,
    summary: "the URL answers 404/410 or another definite failure after retries",
    doc: "## What it checks
The link is fetched (GET, redirects followed) and answers 404 or 410, or fails definitely
after retries: the DNS name does not exist, or every connection is refused.

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
