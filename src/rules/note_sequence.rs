//! `note-sequence`: numbered notes skip or repeat a number, or markers first appear out of
//! ascending order.

use rustc_hash::FxHashSet as HashSet;

use super::{label_number, Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "note-sequence",
    default: Severity::Warning,
    summary:
        "numbered notes skip or repeat a number, or markers first appear out of ascending order",
    doc: "## What it checks
Numbered note definitions should run 1, 2, 3, … in document order (numbering may restart
at 1, as books do per chapter), and the body's markers
should first appear in that same order. A gap is reported only when no marker points to the
missing number (a marker without its note is `note-missing`), and a repeated number is left to
`note-duplicate`.

## Why it matters
Out-of-order numbering is the trace of an edit that moved a paragraph or deleted a note: a
reader following ¹⁴ may land on the source of another claim.

## Example
    … first claim.¹ … second claim.³ … third claim.²

## Fix
Renumber the markers and notes in reading order (most editors can do this automatically).",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let marked: HashSet<&str> = ctx.doc.markers.iter().map(|m| m.label.as_str()).collect();
    let defined: HashSet<&str> = ctx.doc.notes.iter().map(|n| n.label.as_str()).collect();
    // a citation key is a name, never a number in a sequence, even when it is all digits
    let number = |label: &str| label_number(label).filter(|_| !ctx.doc.keys.contains(label));
    // definitions in document order
    let mut prev: Option<u32> = None;
    for n in &ctx.doc.notes {
        let Some(k) = number(&n.label) else {
            continue;
        };
        match prev {
            Some(p) if k == p => {}          // a repeat: note-duplicate
            Some(p) if k == 1 && p > 1 => {} // numbering restarts (a new chapter's notes)
            Some(p) if k < p => out.push(Finding::new(
                rule,
                rule.default,
                Some(&n.label),
                n.pos,
                format!("note {k} is defined after note {p}"),
            )),
            _ => {
                let from = prev.map_or(1, |p| p + 1);
                let gaps: Vec<String> = (from..k)
                    .take(50)
                    .filter(|g| {
                        let g = g.to_string();
                        !marked.contains(g.as_str()) && !defined.contains(g.as_str())
                    })
                    .map(|g| g.to_string())
                    .collect();
                if !gaps.is_empty() {
                    out.push(Finding::new(
                        rule,
                        rule.default,
                        Some(&n.label),
                        n.pos,
                        format!(
                            "numbering skips from {} to {k} (no note {})",
                            from.saturating_sub(1),
                            gaps.join(", ")
                        ),
                    ));
                }
            }
        }
        prev = Some(k);
    }
    // markers: first appearances should ascend
    let mut seen = HashSet::default();
    let mut max_seen = 0u32;
    for m in &ctx.doc.markers {
        let Some(k) = number(&m.label) else {
            continue;
        };
        if !seen.insert(k) {
            continue;
        }
        if k < max_seen {
            out.push(Finding::new(
                rule,
                rule.default,
                Some(&m.label),
                m.pos,
                format!("marker {k} first appears after marker {max_seen}"),
            ));
        }
        max_seen = max_seen.max(k);
    }
    out
}
