//! `date-future`: a cited date later than the document's own date or than today.

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "date-future",
    default: Severity::Error,
    summary: "a cited date later than the document's own date or than today",
    doc: "## What it checks
A source cannot be published after the document that cites it. The document's date is
`--document-date` when given, else the date the document states (front matter, a dateline near
the top), else today. A cited date is in the future when the whole period it names (the day,
month or year) starts after that date.

## Why it matters
A future date is almost always a typo in the year (2091 for 2019) or a date copied from the
wrong note.

## Example
    (document dated 2021-11-30)
    3 “Title,” *Outlet*, March 3, 2023, https://example.org/a.

## Fix
Correct the year, or set `--document-date` if the document's own date was misread.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let limit = ctx.document_date;
    ctx.refs
        .iter()
        .filter_map(|r| {
            let d = r.date?;
            let start = d.to_naive()?;
            (start > limit).then(|| {
                Finding::new(
                    rule,
                    rule.default,
                    Some(&r.label),
                    r.pos(),
                    format!("cited date {d} is later than the document's date, {limit}"),
                )
                .with_evidence(d.to_string(), limit.to_string(), "document-date")
            })
        })
        .collect()
}
