//! `doi-unresolved` (online): the registry does not know the cited DOI (checked twice; a registry that cannot be reached gives `link-unreachable`, not this).

use super::{Finding, OnlineContext, Rule, Severity};
use crate::net::DoiStatus;

pub static RULE: Rule = Rule {
    id: "doi-unresolved",
    default: Severity::Error,
    summary: "the registry does not know the cited DOI (checked twice; a registry that cannot be reached gives link-unreachable, not this)",
    doc: "## What it checks
Each cited DOI is looked up at the DOI resolver (`--doi-resolver`, `https://doi.org` by
default). When the resolver answers 404 or 410, it is asked once more, and only a second
404 or 410 makes this error: the DOI is not registered. A resolver or registry that cannot be
reached, or answers 5xx or 429 after retries, says nothing about the DOI: that is a
`link-unreachable` warning on the DOI's address (`https://doi.org/…`), never this. A DOI
the resolver knows but whose landing page is gone is registered, and not reported here.

## Why it matters
A DOI that does not resolve cannot be followed: it was mistyped (a digit dropped, a
character of the suffix changed), cut short where a line broke, or made up.

## Example
    “Deep Learning,” Nature 521 (2015): 436–44, doi:10.1038/nature1453.
    → the DOI 10.1038/nature1453 is not registered: the DOI resolver answered 404 Not Found
      (asked twice)

## Fix
Copy the DOI again from the publisher's page or the registry (search.crossref.org), or
remove it.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    ctx.cited_dois()
        .filter(|d| d.checked.status == DoiStatus::Unknown)
        .map(|d| {
            let doi = d.doi;
            d.finding(
                rule,
                Severity::Error,
                format!("the DOI {doi} is not registered: {}", d.checked.reason),
            )
        })
        .collect()
}
