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
