//! `note-missing`: a marker points to a note number that has no definition.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "note-missing",
    default: Severity::Error,
    summary: "a marker points to a note number that has no definition",
    doc: "## What it checks
Every marker in the body (a superscript ¹², a `[12]`, a `[^label]`, a `<sup><a href=\"#fn12\">`)
must point to a note that the document defines. The rule fires once per missing label, at its
first marker.

In a LaTeX document, every key a `\\cite` (or natbib's, biblatex's citation commands) names
must have an entry in the bibliography the document names (`\\bibliography`,
`\\addbibresource`) or a `\\bibitem`.

## Why it matters
A reader who follows the marker finds nothing: the claim it supports is left unsourced. It
usually means a note was deleted while editing, or notes were renumbered and one was lost.

## Example
    … made a great strategic adjustment.¹³
    (no note starting with `13` anywhere in the document)

## Fix
Restore the note's definition, or remove the marker and renumber.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    // markers with no notes at all: one `notes-unreadable` says so, not an error per marker
    if ctx.doc.notes.is_empty() && ctx.doc.unreadable.is_some() {
        return Vec::new();
    }
    let defined: HashSet<&str> = ctx.doc.notes.iter().map(|n| n.label.as_str()).collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for m in ctx
        .doc
        .markers
        .iter()
        .filter(|m| !defined.contains(m.label.as_str()))
    {
        *counts.entry(m.label.as_str()).or_insert(0) += 1;
    }
    let mut seen = HashSet::default();
    let mut out = Vec::new();
    for m in &ctx.doc.markers {
        if defined.contains(m.label.as_str()) || !seen.insert(m.label.as_str()) {
            continue;
        }
        let count = counts.get(m.label.as_str()).copied().unwrap_or(1);
        let times = if count > 1 {
            format!(" ({count} markers)")
        } else {
            String::new()
        };
        let message = if ctx.doc.keys.contains(m.label.as_str()) {
            format!("citation key {} has no bibliography entry{times}", m.label)
        } else {
            format!(
                "marker {} points to a note that is not defined{times}",
                m.label
            )
        };
        out.push(Finding::new(
            rule,
            rule.default,
            Some(&m.label),
            m.pos,
            message,
        ));
    }
    out
}
