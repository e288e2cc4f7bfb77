//! `doi-mismatch` (online): the citation's title or year disagrees with what the DOI registry holds for its DOI.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::net::page::TitleMatch;
use crate::net::DoiStatus;

pub static RULE: Rule = Rule {
    id: "doi-mismatch",
    default: Severity::Warning,
    summary: "the citation's title or year disagrees with what the DOI registry holds for its DOI",
    doc: "## What it checks
Each DOI a run cites (`doi:10.…`, `https://doi.org/10.…`, or the DOI of a reference manager's
record) is looked up once at the DOI resolver (`--doi-resolver`, `https://doi.org` by
default), which hands the request to the DOI's registry (Crossref, DataCite, mEDRA) for its
record as CSL JSON. The cited title is compared with the record's title as
`title-page-mismatch` compares titles (tolerant of case, punctuation, subtitles and of a word
or two in a long title; a title in another script is not compared), and the cited year with
the record's years: `issued`, `published-print` and `published-online` all count, since a
paper published online in December and in print in January carries both years. The record's
title or year is the suggestion. `--no-doi` (or `doi = false` in reflint.toml) skips DOI
look-ups.

## Why it matters
A DOI names one work: a citation whose title or year is not that work's carries a wrong DOI
or wrong details, and a reader who follows the DOI lands on another work.

## Example
    “Deep Learning,” Nature 521 (2014): 436–44, doi:10.1038/nature14539.
    → the registry's record of 10.1038/nature14539 says 2015; suggested: 2015

## Fix
Correct the year or the title from the registry's record, or correct the DOI.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in ctx.cited_dois() {
        let (DoiStatus::Resolved, Some(record)) = (d.checked.status, d.checked.registered.as_ref())
        else {
            continue;
        };
        let title = d
            .reference
            .title
            .as_deref()
            .zip(record.title.as_deref())
            .filter(|(cited, _)| record.compare_title(cited) == TitleMatch::Mismatch);
        let years = record.years();
        let year = d
            .reference
            .date
            .map(|date| date.year)
            .filter(|y| !years.is_empty() && !years.contains(y))
            .zip(years.first().copied());
        let listed = if years.len() > 1 {
            let all: Vec<String> = years.iter().map(i32::to_string).collect();
            format!(" (its years: {})", all.join(", "))
        } else {
            String::new()
        };
        let doi = d.doi;
        let (message, cited, found) = match (title, year) {
            (None, None) => continue,
            (Some((ct, rt)), None) => (
                format!("the cited title “{ct}” is not the title the DOI registry gives {doi}, “{rt}”"),
                ct.to_string(),
                rt.to_string(),
            ),
            (None, Some((cy, ry))) => (
                format!("cited year {cy} is not the year the DOI registry gives {doi}, {ry}{listed}"),
                cy.to_string(),
                ry.to_string(),
            ),
            (Some((ct, rt)), Some((cy, ry))) => (
                format!(
                    "the citation is not the work the DOI registry gives {doi}: cited “{ct}” ({cy}), registered “{rt}” ({ry}){listed}"
                ),
                format!("“{ct}” ({cy})"),
                format!("“{rt}” ({ry})"),
            ),
        };
        out.push(
            d.finding(rule, Severity::Warning, message)
                .with_evidence(cited, found.clone(), "doi")
                .with_suggestion(found),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::parse_note;
    use crate::model::{NoteDef, Pos};
    use crate::net::doi::{key, Registered};
    use crate::net::DoiChecked;
    use rustc_hash::FxHashMap as HashMap;

    fn findings(text: &str, status: DoiStatus, record: Option<Registered>) -> Vec<Finding> {
        let r = parse_note(&NoteDef {
            label: "1".into(),
            pos: Pos::new(3, 1),
            text: text.into(),
            urls: Vec::new(),
            cited: None,
        });
        let mut c = DoiChecked::bare(status, "");
        c.registered = record;
        let mut dois = HashMap::default();
        dois.insert(key(r.doi.as_deref().unwrap_or_default()), c);
        check(
            &RULE,
            &OnlineContext {
                refs: std::slice::from_ref(&r),
                links: &HashMap::default(),
                dois: &dois,
                archive: false,
            },
        )
    }

    fn record(title: &str, issued: i32) -> Option<Registered> {
        Some(Registered {
            title: Some(title.into()),
            issued: Some(issued),
            ..Registered::default()
        })
    }

    #[test]
    fn title_and_year_together_make_one_finding() {
        let note =
            "Ann Smith, “A Field Guide to Marsh Birds,” *Nature* 9 (2012): 1–2, doi:10.1000/X.";
        let f = findings(
            note,
            DoiStatus::Resolved,
            record("Protein folding at scale", 2015),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].suggestion.as_deref(),
            Some("“Protein folding at scale” (2015)")
        );
        assert_eq!(f[0].url.as_deref(), Some("https://doi.org/10.1000/X"));
        assert_eq!((f[0].line, f[0].column), (3, 1), "at the note");
        // the same citation, matching: nothing
        let ok = "Ann Smith, “Protein Folding at Scale,” *Nature* 9 (2015): 1–2, doi:10.1000/X.";
        assert!(findings(
            ok,
            DoiStatus::Resolved,
            record("Protein folding at scale", 2015)
        )
        .is_empty());
    }

    #[test]
    fn nothing_is_compared_without_a_record() {
        let note = "Ann Smith, “A Field Guide,” *Nature* 9 (2012): 1–2, doi:10.1000/X.";
        assert!(findings(note, DoiStatus::Resolved, None).is_empty());
        assert!(findings(note, DoiStatus::Unknown, record("Other", 2015)).is_empty());
        let no_years = Some(Registered {
            title: Some("A field guide".into()),
            ..Registered::default()
        });
        assert!(findings(note, DoiStatus::Resolved, no_years).is_empty());
    }
}
