//! `date-invalid`: a cited date that cannot exist.

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "date-invalid",
    default: Severity::Error,
    summary: "a cited date that cannot exist (February 30, month 13)",
    doc: "## What it checks
Every date written in a note must exist: no February 30, no April 31, no month 13, no
February 29 outside a leap year.

## Why it matters
An impossible date is a typo that hides the real one; archive look-ups and date comparisons
cannot use it.

## Example
    “Title,” *Outlet*, February 30, 2019, https://example.org/news.

## Fix
Look up the source's real date and correct the citation.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    ctx.refs
        .iter()
        .flat_map(|r| {
            r.invalid_dates.iter().map(move |d| {
                let mut f = Finding::new(
                    rule,
                    rule.default,
                    Some(&r.label),
                    r.pos(),
                    format!("date {d} cannot exist"),
                );
                f.evidence = Some(super::Evidence {
                    cited: d.to_string(),
                    found: String::new(),
                    place: "text".into(),
                });
                f
            })
        })
        .collect()
}
