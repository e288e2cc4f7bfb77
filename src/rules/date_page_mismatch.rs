//! `date-page-mismatch` (online): the cited date disagrees with the publication date the page itself states.

use super::{date_difference, date_disagreement_severity, Finding, OnlineContext, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "date-page-mismatch",
    default: Severity::Error,
    summary: "the cited date disagrees with the publication date the page itself states",
    doc: "## What it checks
The fetched page's own publication date is compared with the cited date at the precision both
carry. Error when the years differ, info when they are one day apart (time zones), else
warning; but only when the page states its publication date as such (strong evidence: a
publication `<meta>` such as `article:published_time`, JSON-LD `datePublished`, microdata, an
element that says it holds the publication date such as `<time pubdate>` or
`class=\"published\"`, or the date in the URL). A date read from weaker evidence (a date
element, a date after \"Published\" in the text, the dateline, a modification date) gives an
info. The report's `links[].page.published_from` names the evidence, and `reflint inspect URL`
shows every date the page gives.

## Why it matters
The page is the best witness of its own date: a disagreement means a typo in the citation or
a URL that points to another piece.

## Example
    cited January 2, 2010; the page states 2020-01-02

## Fix
Correct the cited date, or check that the URL is the cited piece's.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in ctx.cited_links() {
        let (Some(cited), Some(page)) = (l.date, l.live_page()) else {
            continue;
        };
        let Some(found) = page.published else {
            continue;
        };
        if date_difference(&cited, &found).is_none() {
            continue;
        }
        let severity = if page.published_strong {
            date_disagreement_severity(&cited, &found)
        } else {
            Severity::Info
        };
        let why = if cited.year != found.year {
            " (years differ)"
        } else {
            ""
        };
        let weak = if page.published_strong {
            ""
        } else {
            " (weak evidence)"
        };
        let from = page
            .published_from
            .as_deref()
            .map(|f| format!(", from its {f}{weak}"))
            .unwrap_or_default();
        out.push(
            l.finding(
                rule,
                severity,
                format!("cited date {cited} disagrees with the page's own date {found}{why}{from}"),
            )
            .with_evidence(cited.to_string(), found.to_string(), "page")
            .with_suggestion(found.to_string()),
        );
    }
    out
}
