//! `date-page-mismatch` (online): the cited date disagrees with the publication date the page itself states.
//!
//! Checked by the online checker from the fetched page; this file carries the rule's
//! catalogue entry and documentation.

use super::{Rule, Severity};

pub static RULE: Rule = Rule {
    id: "date-page-mismatch",
    default: Severity::Error,
    summary: "the cited date disagrees with the publication date the page itself states",
    doc: "## What it checks
The fetched page's own publication date (meta tags such as `article:published_time`, JSON-LD
`datePublished`, `<time datetime>`, a visible dateline in English or CJK forms) is compared
with the cited date at the precision both carry. Error when the years differ, else warning.

## Why it matters
The page is the best witness of its own date: a disagreement means a typo in the citation or
a URL that points to another piece.

## Example
    cited January 2, 2010; the page states 2020-01-02

## Fix
Correct the cited date, or check that the URL is the cited piece's.",
    online: true,
    check: None,
};
