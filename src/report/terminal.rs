//! The terminal report, one story per note: the note quoted once, then its findings, most
//! severe first, those that share a cause told together (`path:line:col severity rules
//! message`, the URL, the sentence, one suggestion); then a summary.

use std::fmt::Write;

use super::story::stories;
use super::{plural, Report};
use crate::model::path_of;
use crate::rules::Severity;

/// How to render for a person.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
}

fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub fn render(report: &Report, style: Style) -> String {
    let c = style.color;
    let mut out = String::new();
    for doc in &report.documents {
        for w in &doc.warnings {
            let _ = writeln!(out, "{}: {} {}", doc.path, paint(c, "33", "warning:"), w);
        }
        if doc.references.is_empty() && doc.findings.is_empty() {
            let _ = writeln!(out, "{}: no notes found", doc.path);
            continue;
        }
        let archived: std::collections::HashMap<&str, &super::Snapshot> = report
            .links
            .iter()
            .filter_map(|l| Some((l.url.as_str(), l.archive.as_ref()?)))
            .collect();
        for story in stories(doc) {
            if let (Some(label), Some(r)) = (story.label, story.reference) {
                // the note quoted once, whole (its URLs included)
                let _ = writeln!(
                    out,
                    "{} {} {}",
                    paint(c, "1", &doc.path),
                    paint(c, "1", &format!("note {label}:")),
                    r.text
                );
            }
            for g in &story.groups {
                let Some(first) = g.findings.first() else {
                    continue;
                };
                let sev = match g.severity() {
                    Severity::Error => paint(c, "1;31", "error"),
                    Severity::Warning => paint(c, "1;33", "warning"),
                    Severity::Info => paint(c, "1;36", "info"),
                };
                let _ = writeln!(
                    out,
                    "{}:{}:{} {} {} {}",
                    paint(c, "1", &path_of(first.file, &doc.path)),
                    first.line,
                    first.column,
                    sev,
                    paint(c, "2", &g.rules().join(", ")),
                    g.told()
                );
                for u in g.urls() {
                    let _ = writeln!(out, "    {} {u}", paint(c, "2", "url:"));
                    if let Some(a) = archived.get(u) {
                        let _ = writeln!(
                            out,
                            "    {} {} ({})",
                            paint(c, "2", "archived:"),
                            a.url,
                            a.when_and_where()
                        );
                    }
                }
                if let Some(q) = g.sentence() {
                    let at = g
                        .findings
                        .iter()
                        .find(|f| f.sentence.is_some())
                        .map_or(String::new(), |f| format!(" ({}:{})", f.line, f.column));
                    let _ = writeln!(
                        out,
                        "    {} “{q}”",
                        paint(c, "2", &format!("sentence{at}:"))
                    );
                }
                if let Some(s) = g.suggestion() {
                    let _ = writeln!(out, "    {} {}", paint(c, "32", "suggestion:"), s);
                }
            }
        }
        let marked = doc
            .references
            .iter()
            .filter(|r| !r.markers.is_empty())
            .count();
        let _ = writeln!(
            out,
            "{}: {} notes ({} with markers), {} URLs, {} findings",
            doc.path,
            doc.references.len(),
            marked,
            doc.references.iter().map(|r| r.urls.len()).sum::<usize>(),
            doc.findings.len()
        );
    }
    let s = &report.summary;
    let checked: usize = s
        .links
        .iter()
        .filter(|(k, _)| **k != "skipped")
        .map(|(_, v)| v)
        .sum();
    let _ = writeln!(
        out,
        "\n{} {}, {} {}, {} {} ({} checked): {} {}, {} {}, {} info",
        s.documents,
        plural(s.documents, "document", "documents"),
        s.references,
        plural(s.references, "note", "notes"),
        s.urls,
        plural(s.urls, "URL", "URLs"),
        checked,
        paint(
            c && s.findings.error > 0,
            "1;31",
            &s.findings.error.to_string()
        ),
        plural(s.findings.error, "error", "errors"),
        paint(
            c && s.findings.warning > 0,
            "1;33",
            &s.findings.warning.to_string()
        ),
        plural(s.findings.warning, "warning", "warnings"),
        s.findings.info
    );
    if checked > 0 {
        let parts: Vec<String> = super::LinkStatus::ALL
            .iter()
            .filter_map(|st| {
                let n = *s.links.get(st.name())?;
                (n > 0).then(|| format!("{n} {}", st.name()))
            })
            .collect();
        let cached = report.links.iter().filter(|l| l.from_cache).count();
        let cached = if cached > 0 {
            format!(" ({cached} from the cache)")
        } else {
            String::new()
        };
        let _ = writeln!(out, "links: {}{cached}", parts.join(", "));
    }
    out
}
