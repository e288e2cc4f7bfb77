//! `note-duplicate`: two definitions carry the same number or label.

use rustc_hash::FxHashMap as HashMap;

use super::{Context, Finding, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "note-duplicate",
    default: Severity::Error,
    summary: "two definitions carry the same number/label",
    doc: "## What it checks
No two note definitions may carry the same number or label. The rule fires at every
definition after the first.

## Why it matters
A marker pointing to a duplicated number is ambiguous: the reader cannot tell which source
supports the claim, and one of the two notes is usually misnumbered.

## Example
    13 Wi Seong-rak, “The Influence of Cooperation …,” *World Affairs*, No.22, 2019, p.18.
    …
    13 Han Xiandong, “Constructing the Peace Regime …,” 2008, p.58.

## Fix
Renumber the second note (and its marker), or merge the two if they are the same source.",
    online: false,
    check: Some(check),
    online_check: None,
};

fn check(rule: &Rule, ctx: &Context) -> Vec<Finding> {
    let mut first: HashMap<&str, usize> = HashMap::default();
    let mut out = Vec::new();
    for n in &ctx.doc.notes {
        match first.get(n.label.as_str()) {
            Some(line) => out.push(Finding::new(
                rule,
                rule.default,
                Some(&n.label),
                n.pos,
                format!("note {} is defined twice (first on line {line})", n.label),
            )),
            None => {
                first.insert(n.label.as_str(), n.pos.line);
            }
        }
    }
    out
}
