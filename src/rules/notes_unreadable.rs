//! `notes-unreadable`: the document evidently has notes, but no reading of them convinces.

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "notes-unreadable",
    default: Severity::Warning,
    summary: "the document evidently has notes, but no reading of them is convincing",
    doc: "## What it checks
A document read as having no notes, although it evidently has some: a Notes, Endnotes,
References, Footnotes or Sources section followed by links or citation-like text, or note
markers in the body. The finding sits at that section (or at the body's start) and says what
was seen. When markers are found but no notes, this one finding replaces a `note-missing`
error per marker.

## Why it matters
\"No notes found\" must never look like \"no problems found\". An editor who runs reflint on a
layout it cannot read should learn that the notes went unchecked, not conclude that the
document is clean.

## Example
    Endnotes
    Allen, Understanding China's AI Strategy (CNAS, 2019), https://www.cnas.org/… ⟶ …
    (notes in a layout that no reading of reflint explains)

## Fix
Check the notes by hand, or give reflint the document in another form (the HTML page, the
Markdown source, a PDF's text with its line breaks). Please report the layout.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let Some(u) = &ctx.doc.unreadable else {
        return Vec::new();
    };
    if !ctx.doc.notes.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        rule,
        rule.default,
        None,
        u.pos,
        u.seen.clone(),
    )]
}
