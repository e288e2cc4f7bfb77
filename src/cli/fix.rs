//! `reflint fix --archive-links`: a check online, then each document written back with an
//! archived copy after every cited URL that is dead, soft-404 or unreachable (`repair/`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{exit, fail, run_check, write_out, ConfigArgs, InputArgs, NetArgs};
use crate::config::Config;
use crate::links::LinkStatus;
use crate::repair::{add_archive_links, ArchiveLink, Repaired};
use crate::report::{DocumentReport, LinkReport};

/// `reflint fix`: what to repair, where the result goes, and the options of the check it
/// runs first.
#[derive(Args, Debug)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Follow every dead, soft-404 or unreachable cited URL with its archived copy: plain
    /// text `[archived at URL on DATE]`, a Markdown link `([archived](URL))`, HTML Robust
    /// Links attributes on the `<a>`.
    #[arg(long)]
    pub archive_links: bool,
    /// Write the fixed document to PATH (one input; default: standard output).
    #[arg(long, short = 'o', value_name = "PATH", conflicts_with_all = ["in_place", "diff"])]
    pub output: Option<PathBuf>,
    /// Rewrite each input file in place.
    #[arg(long, conflicts_with = "diff")]
    pub in_place: bool,
    /// Print a unified diff of the changes instead of writing anything.
    #[arg(long)]
    pub diff: bool,
    /// Refused: a fix needs to know which links are dead (kept so that reflint.toml's
    /// `offline = true` gives a clear message).
    #[arg(long, overrides_with = "online", hide = true)]
    pub offline: bool,
    /// Check links (the default): undoes `offline = true` of reflint.toml.
    #[arg(long, overrides_with = "offline")]
    pub online: bool,
    /// The document's own date, for `date-future` (default: detected, else today).
    #[arg(long, value_name = "DATE")]
    pub document_date: Option<String>,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The statuses whose links get their copy.
fn needs_copy(status: LinkStatus) -> bool {
    matches!(
        status,
        LinkStatus::Dead | LinkStatus::Soft404 | LinkStatus::Unreachable
    )
}

pub fn fix(a: FixArgs, config: Option<&Config>) -> i32 {
    if !a.archive_links {
        return fail("say what to fix: --archive-links (the only fix so far)");
    }
    if a.offline {
        return fail(
            "fix --archive-links needs the network to know which links are dead (reflint.toml says offline = true: pass --online)",
        );
    }
    if a.net.no_archive {
        return fail("fix --archive-links looks up archived copies: drop --no-archive");
    }
    if a.input.inputs.iter().any(|i| i == "-") {
        return fail("fix writes files back: name the file instead of `-`");
    }
    let several = a.input.inputs.len() > 1
        || a.input
            .inputs
            .iter()
            .any(|i| Path::new(i).is_dir() || i.contains(['*', '?']));
    if several && !a.in_place && !a.diff {
        return fail("several documents: use --in-place or --diff (--output takes one document)");
    }
    let outcome = match run_check(&a.input, a.document_date.as_deref(), false, &a.net, config) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    for e in &outcome.errors {
        eprintln!("reflint: {e}");
    }
    if let Some(msg) = &outcome.network_unavailable {
        eprintln!("reflint: {msg}");
        return exit::NETWORK;
    }
    let links: HashMap<&str, &LinkReport> = outcome
        .report
        .links
        .iter()
        .map(|l| (l.url.as_str(), l))
        .collect();
    let mut code = if outcome.errors.is_empty() {
        exit::OK
    } else {
        exit::USAGE
    };
    let mut diffs = String::new();
    for doc in &outcome.report.documents {
        match fix_document(doc, &links) {
            Ok((source, repaired)) => {
                eprintln!("reflint: {}", summary(&doc.path, &repaired, doc, &links));
                let written = if a.diff {
                    diffs.push_str(&unified_diff(&doc.path, &source, &repaired.text));
                    Ok(())
                } else if a.in_place {
                    if repaired.added > 0 {
                        write_in_place(Path::new(&doc.path), &repaired.text)
                    } else {
                        Ok(())
                    }
                } else {
                    write_out(a.output.as_ref(), &repaired.text)
                };
                if let Err(e) = written {
                    code = fail(e);
                }
            }
            Err(e) => code = fail(format!("{}: {e}", doc.path)),
        }
    }
    if a.diff {
        if let Err(e) = write_out(None, &diffs) {
            return fail(e);
        }
    }
    code
}

/// One document's source with the copies added.
fn fix_document(
    doc: &DocumentReport,
    links: &HashMap<&str, &LinkReport>,
) -> Result<(String, Repaired), String> {
    let format = crate::extract::parse_format(doc.format)
        .ok_or_else(|| format!("{} documents cannot be written back", doc.format))?;
    let bytes = std::fs::read(&doc.path).map_err(|e| format!("cannot read: {e}"))?;
    let source = String::from_utf8(bytes).map_err(|_| {
        "not UTF-8: fix writes documents back byte for byte, UTF-8 only".to_string()
    })?;
    let mut wanted = Vec::new();
    for r in &doc.references {
        for u in &r.urls {
            let Some(l) = links.get(u.url.as_str()) else {
                continue;
            };
            if let (true, Some(s)) = (needs_copy(l.status), &l.archive) {
                wanted.push(ArchiveLink {
                    url: &u.url,
                    pos: u.pos,
                    snapshot: s,
                });
            }
        }
    }
    let repaired = add_archive_links(&source, format, &wanted)?;
    Ok((source, repaired))
}

/// `doc.md: 2 archived copies added, 1 already there; 1 dead link has no copy in any archive`.
fn summary(
    path: &str,
    r: &Repaired,
    doc: &DocumentReport,
    links: &HashMap<&str, &LinkReport>,
) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = vec![format!(
        "{} added",
        plural(r.added, "archived copy", "archived copies")
    )];
    if r.already > 0 {
        parts.push(format!("{} already there", r.already));
    }
    let mut without: Vec<&str> = doc
        .references
        .iter()
        .flat_map(|r| r.urls.iter())
        .filter_map(|u| links.get(u.url.as_str()))
        .filter(|l| needs_copy(l.status) && l.archive.is_none())
        .map(|l| l.url.as_str())
        .collect();
    without.sort_unstable();
    without.dedup();
    let mut line = format!("{path}: {}", parts.join(", "));
    if !without.is_empty() {
        line.push_str(&format!(
            "; {} no copy in any archive",
            plural(without.len(), "broken link has", "broken links have")
        ));
    }
    for u in &r.unplaced {
        line.push_str(&format!(
            "\nreflint: {path}: {u}: not written as found (rejoined or escaped), left alone"
        ));
    }
    line
}

/// A unified diff of one document, `--- a/PATH` / `+++ b/PATH`.
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replaces a file through a temporary file beside it, so that an interruption never leaves
/// half a document.
fn write_in_place(path: &Path, text: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("{}: cannot write beside it: {e}", path.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path)
        .map(|_| ())
        .map_err(|e| format!("{}: cannot replace: {e}", path.display()))
}
