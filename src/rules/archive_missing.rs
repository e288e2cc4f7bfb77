//! `archive-missing` (online): a cited URL has no archived snapshot near its cited date.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::report::LinkStatus;

pub static RULE: Rule = Rule {
    id: "archive-missing",
    default: Severity::Info,
    summary: "a cited URL has no archived snapshot near its cited date",
    doc: "## What it checks
The archive (the Wayback Machine's availability API) is asked for a snapshot of the URL near
its cited date. With `--archive`, a dead or soft-404 link always names the closest snapshot
where one exists; a URL with none near the date is reported here.

## Why it matters
Links rot; an archived copy is what keeps a citation verifiable. Archivists want to know
which sources have none, while the page still exists to be saved.

## Example
    https://example.org/report.pdf: no snapshot within a year of 2019-06-28

## Fix
Save the page to an archive now, and consider citing the snapshot alongside the URL.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    if !ctx.archive {
        return Vec::new();
    }
    ctx.cited_links()
        .filter(|l| {
            matches!(
                l.checked.status,
                LinkStatus::Dead | LinkStatus::Soft404 | LinkStatus::Unreachable
            ) && l.checked.archive.is_none()
        })
        .map(|l| {
            let near = l.date.map(|d| format!(" near {d}")).unwrap_or_default();
            l.finding(
                rule,
                Severity::Info,
                format!(
                    "no archived snapshot{near} was found for this {} link",
                    l.checked.status.name()
                ),
            )
        })
        .collect()
}
