//! `title-page-mismatch` (online): the cited title does not match the page's title, when both are in the same script.
//!
//! Checked by the online checker from the fetched page; this file carries the rule's
//! catalogue entry and documentation.

use super::{Rule, Severity};

pub static RULE: Rule = Rule {
    id: "title-page-mismatch",
    default: Severity::Warning,
    summary: "the cited title does not match the page's title, when both are in the same script",
    doc: "## What it checks
The cited title is compared with the page's title (`og:title`, `<title>`, `<h1>`), tolerant of
case, punctuation, subtitles and site names (\" | CSIS\"). A title in another script (a
translated citation of a Chinese page) is noted as unverifiable, not a mismatch.

## Why it matters
A different title means the citation was retyped wrongly or the URL points to another piece.

## Example
    cited “A Small Deal with a Big Deal”; the page says “A Small Deal Within a Big Deal | CSIS”

## Fix
Copy the title from the page, or fix the URL.",
    online: true,
    check: None,
};
