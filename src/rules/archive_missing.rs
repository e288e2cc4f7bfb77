//! `archive-missing` (online): a cited URL has no archived snapshot near its cited date.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "archive-missing",
    default: Severity::Info,
    summary: "a link that no longer leads to what was cited has no archived snapshot",
    doc: "## What it checks
With `--archive` (the default online), the Wayback Machine's availability API is asked for
the snapshot closest to the cited date of every dead, soft-404 or unreachable link; the link
then names that snapshot as its suggestion. A link for which the archive answered that it has
no snapshot at all is reported here. Links that could not connect at all, and links for which
the archive itself did not answer, are not reported: nothing is known of them.

## Why it matters
Links rot; an archived copy is what keeps a citation verifiable. Archivists want to know
which lost sources have no copy anywhere.

## Example
    https://example.org/report.pdf: no archived snapshot near 2019-06-28 was found for this dead link

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
            ) && l.checked.archive_answered
                && l.checked.archive.is_none()
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
