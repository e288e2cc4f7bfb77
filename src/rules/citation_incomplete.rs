//! `citation-incomplete`: a citation lacks what its kind needs to be found again.

use super::{Context, Finding, Rule, Severity};
use crate::cite::Kind;

pub static RULE: Rule = Rule {
    id: "citation-incomplete",
    default: Severity::Warning,
    summary: "a citation lacks what its kind needs to be found again",
    doc: "## What it checks
What a citation needs depends on its kind:
- a news or magazine citation (a title and a named outlet) needs a date;
- a journal citation (an outlet with volume, issue or pages) needs a year;
- any citation needs a title, and a source: a named outlet, a publisher, or its URL.
A page cited with its URL and an access date (\"accessed May 1, 2026\") is complete: that is
how a page without a publication date is cited. A note that is only a link with its title (common in web pages) has its URL as its source and
is not asked for a date. Short forms (\"Ibid.\", a repeated title, \"Author, op. cit.\") are
checked through the citation they resolve to, never reported here; notes that cite nothing
(commentary, interviews) are left alone.

## Why it matters
A reader, or an archivist looking for a snapshot, must be able to find the source again. A
news story without a date, or a journal article without a year, can rarely be found.

## Example
    23 Kim So-yeong, “Marketization in North Korea's Agriculture …,” *KDI Economic Review*, p.29.
    → a journal citation with no year

## Fix
Add the missing date, year, title or outlet.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in ctx.refs {
        let lacks = match r.kind {
            Kind::Short | Kind::Other => continue,
            _ if r.same_as.is_some() => continue,
            _ if r.title.is_none() => "a title",
            // a date that is written but impossible is `date-invalid`'s
            _ if !r.invalid_dates.is_empty() => continue,
            Kind::Journal if r.date.is_none() => "a year",
            // a web page without a publication date is cited with its access date
            Kind::News if r.date.is_none() && (r.accessed.is_none() || r.urls.is_empty()) => {
                "a date"
            }
            Kind::Book if r.source.is_none() && r.date.is_none() && r.authors.is_empty() => {
                "a source"
            }
            _ => continue,
        };
        let what = match r.kind {
            Kind::Journal => "journal citation",
            Kind::News => "news citation",
            Kind::Web => "web citation",
            _ => "citation",
        };
        out.push(Finding::new(
            rule,
            rule.default,
            Some(&r.label),
            r.pos(),
            format!("{what} has no {}", lacks.trim_start_matches("a ")),
        ));
    }
    out
}
