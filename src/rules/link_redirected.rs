//! `link-redirected` (online): the URL permanently redirects to another working URL.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "link-redirected",
    default: Severity::Info,
    summary: "the URL permanently redirects to another working URL",
    doc: "## What it checks
The URL answers with a permanent redirect (301, 308) to another URL that works; the report
gives the new URL. A move that only adds `https`, `www.` or a trailing slash is the same
address and stays `alive`.

## Why it matters
Permanent redirects break eventually; citing the final address keeps the note working longer.

## Example
    https://www.csis.org/analysis/x → 301 → https://www.csis.org/analysis/new-title-x

## Fix
Update the citation to the final URL when it is the same piece.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_links()
        .filter(|l| l.checked.status == LinkStatus::Redirected)
        .map(|l| {
            let to = l.checked.final_url.clone().unwrap_or_default();
            l.finding(
                rule,
                Severity::Info,
                format!("the link moved permanently to {to}"),
            )
            .with_suggestion(to)
        })
        .collect()
}
