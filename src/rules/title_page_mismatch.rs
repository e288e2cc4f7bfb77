//! `title-page-mismatch` (online): the cited title does not match the page's title, when both are in the same script.

use super::{Finding, OnlineContext, Rule, Severity};
use crate::net::page::{compare_titles, title_without_site, TitleMatch};

pub static RULE: Rule = Rule {
    id: "title-page-mismatch",
    default: Severity::Warning,
    summary: "the cited title does not match the page's title, when both are in the same script",
    doc: "## What it checks
The cited title is compared with the page's title (`og:title`, `<title>`, `<h1>`), tolerant of
case, punctuation, subtitles and site names (\" | CSIS\"), and of a word or two in a long
title; in a short title (eight words or fewer) one changed word is a mismatch. The page's
title, its site name set aside, is the suggestion. A title in another script (a
translated citation of a Chinese page, which is normal) or with no comparable words is not
compared, and says nothing. Dead and soft-404 links are not compared.

## Why it matters
A different title means the citation was retyped wrongly or the URL points to another piece.

## Example
    cited “A Small Deal with a Big Deal”; the page says “A Small Deal Within a Big Deal | CSIS”

## Fix
Copy the title from the page, or fix the URL.",
    online: true,
    check: None,
    online_check: Some(check),
};

fn check(rule: &Rule, ctx: &OnlineContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in ctx.cited_links() {
        let (Some(cited), Some(page)) = (l.reference.title.as_deref(), l.live_page()) else {
            continue;
        };
        let Some(shown) = page.title.as_deref() else {
            continue;
        };
        match compare_titles(cited, page) {
            // a translated title is normal: nothing to say
            TitleMatch::Match | TitleMatch::Unverifiable => {}
            TitleMatch::Mismatch => out.push(
                l.finding(
                    rule,
                    Severity::Warning,
                    format!("the cited title “{cited}” does not match the page's title “{shown}”"),
                )
                .with_evidence(cited.to_string(), shown.to_string(), "page")
                .with_suggestion(title_without_site(page).unwrap_or_else(|| shown.to_string())),
            ),
        }
    }
    out
}
