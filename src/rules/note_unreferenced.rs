//! `note-unreferenced`: a note is defined but no marker points to it.

use rustc_hash::FxHashSet as HashSet;

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "note-unreferenced",
    default: Severity::Warning,
    summary: "a note is defined but no marker points to it",
    doc: "## What it checks
Every note definition should have at least one marker in the body pointing to it. A body
with no marker at all (a page flattened without its superscripts, a list of sources) has
nothing to pair, and gets no finding.

In a LaTeX document, every entry of the bibliographies it names should be cited (a
`\\nocite{*}` cites them all); a BibTeX file checked on its own is a list of references and
gets no finding.

## Why it matters
An orphan note supports nothing: either its marker was lost in editing (and a claim lost its
source) or the note is left over and should go.

## Example
    … at the end of talks, Kim and Moon issued the Panmunjom Declaration.
    3 “Leaders of North and South Korea Sign the Panmunjom Declaration,” …
    (the superscript ³ after “Declaration.” is missing)

## Fix
Put the marker back where the note's claim is made, or delete the note and renumber.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    // a body without a single marker lost them all (a web page flattened without its
    // superscripts, a list of sources): there is nothing to pair, and a warning per note
    // would bury the findings that matter
    if ctx.doc.markers.is_empty() {
        return Vec::new();
    }
    let referenced: HashSet<&str> = ctx.doc.markers.iter().map(|m| m.label.as_str()).collect();
    let mut seen = HashSet::default();
    ctx.doc
        .notes
        .iter()
        .filter(|n| !referenced.contains(n.label.as_str()) && seen.insert(n.label.as_str()))
        .map(|n| {
            Finding::new(
                rule,
                rule.default,
                Some(&n.label),
                n.pos,
                if ctx.doc.keys.contains(n.label.as_str()) {
                    format!("bibliography entry {} is never cited", n.label)
                } else {
                    format!("note {} is defined but no marker points to it", n.label)
                },
            )
        })
        .collect()
}
