//! `archive-missing` (online): a cited URL has no archived snapshot near its cited date.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::links::LinkStatus;

pub static RULE: Rule = Rule {
    id: "archive-missing",
    default: Severity::Info,
    summary: "a link that no longer leads to what was cited has no archived snapshot",
    doc: "## What it checks
With `--archive` (the default online), every archive of `--archives` is asked for copies of
each dead, soft-404 or unreachable link: the Wayback Machine through its availability and CDX
APIs, the others (archive.today, Arquivo.pt, the UK Web Archive, the Library of Congress, any
TimeGate you name) through Memento. The copy is chosen as InternetArchiveBot chooses it: the
newest successful capture at or before the cited date (the access date when the citation
gives one, else the publication date), otherwise the first after it, whichever archive holds
it; the link names that copy and its archive. A link that no archive that answered holds is
reported here. Links that could not connect at all, and links for which no archive answered,
are not reported: nothing is known of them.

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
