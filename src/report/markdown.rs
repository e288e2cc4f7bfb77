//! The Markdown report, for pull-request comments and job summaries (GitHub-flavoured
//! Markdown).
//!
//! A heading, a one-line verdict, a summary table, then for each document with problems a
//! table of its findings and a table of its links that are not alive (skipped links are only
//! counted: they were not checked). A clean run is one line.
//!
//! A pull-request comment holds at most 65,536 characters: past [`BUDGET`] bytes (bytes are
//! never fewer than characters or UTF-16 units) no more rows are added and the report ends with
//! "… and N more findings; see the full report".
//!
//! Every text from the documents (paths, notes, messages, URLs) is untrusted: it is escaped so
//! that it cannot break a table row, open a code span, emphasis, a link or an HTML tag, start
//! math, or mention (and notify) a GitHub user.

use std::fmt::Write as _;
use std::io::Write;

use super::story::{stories, Group, Story};
use super::{DocumentReport, LinkReport, LinkStatus, Report, Snapshot};
use crate::rules::Severity;
use std::collections::HashMap;

/// GitHub's limit on the body of a comment, in characters.
pub const LIMIT: usize = 65_536;
/// Bytes of tables and rows written before the rest is cut; leaves room for the closing line.
pub const BUDGET: usize = LIMIT - 1_024;

/// The most characters of a message (or other free text) shown in one cell.
const CELL_CHARS: usize = 400;
/// The most characters of a URL shown as a link's text.
const URL_CHARS: usize = 60;
/// Longer URLs are shown as text, not linked.
const HREF_BYTES: usize = 2_000;

pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    w.write_all(render(report).as_bytes())
}

/// Links whose status asks for attention (skipped ones were not checked, alive ones are fine).
fn needs_attention(l: &LinkReport) -> bool {
    !matches!(l.status, LinkStatus::Alive | LinkStatus::Skipped)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let bad_links: Vec<&LinkReport> = report.links.iter().filter(|l| needs_attention(l)).collect();
    let skipped = s.links.get("skipped").copied().unwrap_or(0);
    let findings_total = s.findings.error + s.findings.warning + s.findings.info;
    let scope = format!(
        "{} ({}, {}{})",
        plural(s.documents, "document", "documents"),
        plural(s.references, "note", "notes"),
        plural(s.urls, "URL", "URLs"),
        if skipped > 0 {
            format!(", {skipped} not checked")
        } else {
            String::new()
        }
    );
    if findings_total == 0 && bad_links.is_empty() {
        return format!("✅ **reflint**: no problems found in {scope}.\n");
    }

    let mut out = String::with_capacity(8 * 1024);
    out.push_str("## reflint report\n\n");
    let verdict = if s.findings.error > 0 {
        "❌"
    } else {
        "⚠️"
    };
    let _ = writeln!(
        out,
        "{verdict} {}, {}, {} info in {scope}.\n",
        bold_if(
            s.findings.error > 0,
            &plural(s.findings.error, "error", "errors")
        ),
        plural(s.findings.warning, "warning", "warnings"),
        s.findings.info,
    );

    out.push_str("| | Count |\n|:--|--:|\n");
    let _ = writeln!(out, "| Documents | {} |", s.documents);
    let _ = writeln!(out, "| Notes | {} |", s.references);
    let _ = writeln!(out, "| URLs | {} |", s.urls);
    for st in LinkStatus::ALL {
        if let Some(n) = s.links.get(st.name()).filter(|n| **n > 0) {
            let _ = writeln!(out, "| Links {} | {n} |", st.name());
        }
    }
    let _ = writeln!(out, "| Errors | {} |", s.findings.error);
    let _ = writeln!(out, "| Warnings | {} |", s.findings.warning);
    let _ = writeln!(out, "| Info | {} |", s.findings.info);

    // every document with problems, its rows made up front so that what fits can be chosen
    let mut plans: Vec<Plan> = Vec::new();
    let mut clean_docs = 0usize;
    for doc in &report.documents {
        let links: Vec<&LinkReport> = bad_links
            .iter()
            .copied()
            .filter(|l| l.cited_by.iter().any(|c| c.path == doc.path))
            .collect();
        if doc.findings.is_empty() && links.is_empty() {
            clean_docs += 1;
            continue;
        }
        plans.push(Plan::new(doc, &links));
    }
    let (more_findings, more_links) = choose(&mut plans, out.len());
    for plan in &plans {
        plan.render(&mut out);
    }
    let cut = more_findings + more_links > 0;
    if clean_docs > 0 && !cut {
        let _ = writeln!(
            out,
            "\n{} without problems.",
            plural(clean_docs, "other document", "other documents")
        );
    }
    if cut {
        let mut line = format!(
            "\n… and {more_findings} more {}",
            if more_findings == 1 {
                "finding"
            } else {
                "findings"
            }
        );
        if more_links > 0 {
            let _ = write!(
                line,
                " and {more_links} more {} not alive",
                if more_links == 1 { "link" } else { "links" }
            );
        }
        line.push_str("; see the full report.\n");
        out.push_str(&line);
    }
    out
}

fn bold_if(on: bool, s: &str) -> String {
    if on {
        format!("**{s}**")
    } else {
        s.to_string()
    }
}

/// One document's part: its heading, its finding rows (most severe first, then in document
/// order) and its link rows, and how many of each are shown.
struct Plan {
    head: String,
    findings_head: String,
    /// Per row: its severity, how many findings it tells, the row.
    findings: Vec<(Severity, usize, String)>,
    links_head: String,
    links: Vec<String>,
    shown_findings: usize,
    shown_links: usize,
}

impl Plan {
    fn new(doc: &DocumentReport, links: &[&LinkReport]) -> Plan {
        let mut head = format!("\n### {}\n\n", text(&doc.path));
        for warning in &doc.warnings {
            let _ = writeln!(head, "> reading: {}\n", text(warning));
        }
        // one row per story group (a note's findings that share a cause), the most severe
        // first, document order within a severity: a comment cut at GitHub's limit keeps
        // every document's errors before anyone's warnings
        let archived: HashMap<&str, &Snapshot> = links
            .iter()
            .filter_map(|l| Some((l.url.as_str(), l.archive.as_ref()?)))
            .collect();
        let mut rows: Vec<(Severity, usize, String)> = Vec::new();
        for story in stories(doc) {
            for g in &story.groups {
                rows.push((
                    g.severity(),
                    g.findings.len(),
                    group_row(&story, g, &archived),
                ));
            }
        }
        rows.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
        Plan {
            head,
            findings_head: format!(
                "**Findings** ({})\n\n| Severity | Rule | Note | Line | Message | URL |\n|:--|:--|:--|--:|:--|:--|\n",
                doc.findings.len()
            ),
            findings: rows,
            links_head: format!(
                "\n**Links not alive** ({})\n\n| Status | URL | Archived copy |\n|:--|:--|:--|\n",
                links.len()
            ),
            links: links.iter().map(|l| link_row(l)).collect(),
            shown_findings: 0,
            shown_links: 0,
        }
    }

    fn shown(&self) -> bool {
        self.shown_findings + self.shown_links > 0
    }

    /// The headings a table's next row brings with it: the table's when it is its first row
    /// (`shown` of them so far), and the document's when nothing of it is shown yet.
    fn heads_cost(&self, shown: usize, table_head: &str) -> usize {
        match (shown, self.shown()) {
            (0, false) => table_head.len() + self.head.len(),
            (0, true) => table_head.len(),
            _ => 0,
        }
    }

    fn render(&self, out: &mut String) {
        if !self.shown() {
            return;
        }
        out.push_str(&self.head);
        if self.shown_findings > 0 {
            out.push_str(&self.findings_head);
            for (_, _, row) in self.findings.iter().take(self.shown_findings) {
                out.push_str(row);
            }
        }
        if self.shown_links > 0 {
            out.push_str(&self.links_head);
            for row in self.links.iter().take(self.shown_links) {
                out.push_str(row);
            }
        }
    }
}

/// The bytes left under [`BUDGET`]: the first row that does not fit ends the choice.
struct Budget {
    used: usize,
    full: bool,
}

impl Budget {
    fn take(&mut self, cost: usize) -> bool {
        if self.full || self.used + cost > BUDGET {
            self.full = true;
            return false;
        }
        self.used += cost;
        true
    }
}

/// Chooses the rows shown within [`BUDGET`], `used` bytes being written already: errors of
/// every document first, then warnings, then info, then links not alive; the first row that
/// does not fit ends the choice. Returns how many findings and links are left out.
fn choose(plans: &mut [Plan], used: usize) -> (usize, usize) {
    let mut budget = Budget { used, full: false };
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        for plan in plans.iter_mut() {
            while let Some((s, _, row)) = plan.findings.get(plan.shown_findings) {
                let cost = row.len() + plan.heads_cost(plan.shown_findings, &plan.findings_head);
                if *s != sev || !budget.take(cost) {
                    break;
                }
                plan.shown_findings += 1;
            }
        }
    }
    for plan in plans.iter_mut() {
        while let Some(row) = plan.links.get(plan.shown_links) {
            let cost = row.len() + plan.heads_cost(plan.shown_links, &plan.links_head);
            if !budget.take(cost) {
                break;
            }
            plan.shown_links += 1;
        }
    }
    plans.iter().fold((0, 0), |(f, l), p| {
        let left: usize = p
            .findings
            .iter()
            .skip(p.shown_findings)
            .map(|(_, n, _)| n)
            .sum();
        (f + left, l + p.links.len() - p.shown_links)
    })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
        Severity::Info => "ℹ️ info",
    }
}

/// One group of a note's story as a row: the rules, the note (its number and title), the
/// findings told together (with the sentence they are about and one suggestion), the URLs.
fn group_row(story: &Story, g: &Group, archived: &HashMap<&str, &Snapshot>) -> String {
    let mut message = text(&g.told());
    if let Some(q) = g.sentence() {
        let _ = write!(message, " — “{}”", text(q));
    }
    if let Some(s) = g.suggestion() {
        let _ = write!(message, " **Suggestion:** {}", text(s));
    }
    let note = match (story.label, story.reference) {
        (Some(label), Some(r)) => {
            let title = r.title.clone().unwrap_or_else(|| shorten(&r.text, 80));
            format!("{}: {}", text(label), text(&title))
        }
        (Some(label), None) => text(label),
        (None, _) => "—".to_string(),
    };
    let mut urls: Vec<&str> = g.urls();
    if urls.is_empty() {
        if let Some(r) = story.reference {
            urls.extend(r.urls.iter().map(|u| u.url.as_str()));
        }
    }
    let line = g
        .findings
        .first()
        .map_or_else(String::new, |f| match f.file {
            Some(file) => format!("{}:{}", text(&file.path()), f.line),
            None => f.line.to_string(),
        });
    let mut cells: Vec<String> = urls.iter().map(|u| link(u)).collect();
    for u in g.urls() {
        if let Some(a) = archived.get(u) {
            let label = format!("archived {}", a.when_and_where());
            cells.push(format!("({})", link_as(&a.url, &label)));
        }
    }
    format!(
        "| {} | `{}` | {} | {} | {} | {} |\n",
        severity(g.severity()),
        g.rules().join(", ").replace(['`', '|'], ""),
        note,
        line,
        message,
        cells.join(" "),
    )
}

fn link_row(l: &LinkReport) -> String {
    let mut status = l.status.name().to_string();
    if let Some(code) = l.http_status {
        let _ = write!(status, " ({code})");
    }
    if let Some(reason) = &l.reason {
        let _ = write!(status, ": {reason}");
    }
    let archive = match &l.archive {
        Some(a) => {
            let label = a.timestamp.get(..10).unwrap_or(&a.timestamp);
            link_as(&a.url, label)
        }
        None => "—".to_string(),
    };
    format!("| {} | {} | {} |\n", text(&status), link(&l.url), archive)
}

/// A URL as a link showing its (shortened) self.
fn link(url: &str) -> String {
    let shown = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let shown = shorten(shown, URL_CHARS);
    link_as(url, &shown)
}

/// A link to `url` labelled `label`; a URL that is not http(s), or too long, is shown as text.
fn link_as(url: &str, label: &str) -> String {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if !web || url.len() > HREF_BYTES {
        return text(url);
    }
    format!("[{}]({})", text(label), href(url))
}

/// A link destination: the characters that could end it, break the table row or read as
/// Markdown are percent-encoded (servers read them the same).
fn href(url: &str) -> String {
    let mut s = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            ' ' | '<' | '>' | '|' | '(' | ')' | '`' | '"' | '\\' => {
                let _ = write!(s, "%{:02X}", c as u32);
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(s, "%{b:02X}");
                }
            }
            c => s.push(c),
        }
    }
    s
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Free text for a table cell or a heading: on one line, at most [`CELL_CHARS`] characters,
/// with every character that Markdown (GitHub's flavour) could read as syntax escaped.
pub fn text(s: &str) -> String {
    let s = shorten(s, CELL_CHARS);
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for c in s.chars() {
        if c.is_control() || c.is_whitespace() {
            // newlines would end the table row; tabs and runs of spaces read as code
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // GitHub links (and notifies) "@name" after rendering, backslash or not: a word
            // joiner after the "@" keeps it plain text and is invisible.
            '@' => out.push_str("@\u{2060}"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Snapshot;
    use crate::rules::Finding;
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};

    use crate::report::test_report as report_of;

    fn finding(message: &str, url: Option<&str>) -> Finding {
        Finding {
            rule: "date-url-mismatch",
            severity: Severity::Error,
            reference: Some("1".into()),
            file: None,
            line: 3,
            column: 1,
            message: message.into(),
            url: url.map(str::to_string),
            evidence: None,
            suggestion: None,
            sentence: None,
            fingerprint: String::new(),
            related: Vec::new(),
        }
    }

    /// The tables of a Markdown text as GitHub-flavoured Markdown reads them: rows of cells,
    /// each cell's rendered text.
    fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
        let mut tables = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut cell: Option<String> = None;
        for ev in Parser::new_ext(md, MdOptions::ENABLE_TABLES) {
            match ev {
                Event::Start(Tag::Table(_)) => rows = Vec::new(),
                Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut rows)),
                Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    if let (Some(c), Some(r)) = (cell.take(), rows.last_mut()) {
                        r.push(c);
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str(&t);
                    }
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str("<HTML>");
                    }
                }
                _ => {}
            }
        }
        tables
    }

    #[test]
    fn pipes_and_markup_in_cells_stay_text_on_one_row() {
        let mut report = report_of("A claim.[^1]\n\n[^1]: “T,” *S*, 2019.\n");
        let nasty =
            "a | b `code` <script>alert(1)</script> *em* _u_ [x](y) \\| $x$ ~~s~~\nnext line";
        report.documents[0].findings = vec![finding(nasty, Some("https://e.com/a|b (c)"))];
        report.summary.findings.error = 1;
        let md = render(&report);
        let html = Parser::new_ext(&md, MdOptions::ENABLE_TABLES)
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        assert!(!html, "no HTML reaches the page: {md}");
        let t = tables(&md);
        assert_eq!(t.len(), 2, "summary and findings: {md}");
        let findings = &t[1];
        assert_eq!(findings.len(), 2, "head and one row: {findings:?}");
        let row = &findings[1];
        assert_eq!(row.len(), 6, "{row:?}");
        let flat = nasty.replace('\n', " ");
        assert_eq!(row[4], flat, "the message reads back as written");
        assert_eq!(row[1], "date-url-mismatch");
        assert_eq!(row[5], "e.com/a|b (c)");
        // the row is one line
        let line = md
            .lines()
            .find(|l| l.contains("date-url"))
            .unwrap_or_default();
        assert!(line.starts_with("| ") && line.ends_with(" |"), "{line}");
    }

    #[test]
    fn text_escapes_specials() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("<b>"), "\\<b\\>");
        assert_eq!(text("`x`"), "\\`x\\`");
        assert_eq!(text("a\n\tb"), "a b");
        assert_eq!(text("@octocat"), "@\u{2060}octocat");
        assert!(!href("https://e.com/a b|c").contains([' ', '|']));
    }

    #[test]
    fn non_web_urls_are_not_linked() {
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert!(link("https://example.com/x").starts_with("[example.com/x]("));
    }

    #[test]
    fn clean_run_is_one_line() {
        let report = report_of("A claim.[^1]\n\n[^1]: Interview with the author.\n");
        let mut report = report;
        report.documents[0].findings.clear();
        report.summary.findings = Default::default();
        let md = render(&report);
        assert_eq!(md.lines().count(), 1, "{md}");
        assert!(md.contains("no problems found"), "{md}");
    }

    #[test]
    fn dead_links_are_listed_with_their_archive() {
        let mut report = report_of(
            "A claim.[^1]\n\n[^1]: “Title,” *Outlet*, May 2, 2019, https://example.com/2019/05/02/x.\n",
        );
        report.documents[0].findings.clear();
        report.summary.findings = Default::default();
        let l = &mut report.links[0];
        l.status = LinkStatus::Dead;
        l.http_status = Some(404);
        l.archive = Some(Snapshot {
            source: None,
            url: "http://web.archive.org/web/20190502000000/https://example.com/2019/05/02/x"
                .into(),
            timestamp: "2019-05-02T00:00:00Z".into(),
        });
        let md = render(&report);
        let t = tables(&md);
        let links = t.last().unwrap();
        assert_eq!(links[0], vec!["Status", "URL", "Archived copy"]);
        assert_eq!(links[1][0], "dead (404)");
        assert_eq!(links[1][2], "2019-05-02");
        assert!(md.contains(
            "(http://web.archive.org/web/20190502000000/https://example.com/2019/05/02/x)"
        ));
    }

    #[test]
    fn long_reports_are_cut_under_the_limit() {
        let mut report = report_of("A claim.[^1]\n\n[^1]: “T,” *S*, 2019.\n");
        let long = "x".repeat(300);
        report.documents[0].findings = (0..1_000)
            .map(|i| finding(&format!("{i} {long}"), Some(&format!("https://e.com/{i}"))))
            .collect();
        report.summary.findings.error = 1_000;
        let md = render(&report);
        assert!(md.len() < LIMIT, "{}", md.len());
        let rows = tables(&md)[1].len() - 1;
        assert!(rows > 50 && rows < 1_000, "{rows}");
        let expected = format!("… and {} more findings; see the full report.", 1_000 - rows);
        assert!(
            md.trim_end().ends_with(&expected),
            "{}",
            &md[md.len() - 200..]
        );
    }

    fn warning(message: &str) -> Finding {
        Finding {
            severity: Severity::Warning,
            rule: "date-after-claim",
            ..finding(message, None)
        }
    }

    #[test]
    fn when_cut_the_most_severe_come_first() {
        let base = report_of("A claim.[^1]\n\n[^1]: “T,” *S*, 2019.\n");
        let long = "x".repeat(300);
        // document a: warnings, then errors further down; document b: errors only
        let mut a = base.documents[0].clone();
        a.path = "a.md".into();
        a.findings = (0..300).map(|i| warning(&format!("w{i} {long}"))).collect();
        a.findings
            .extend((0..40).map(|i| finding(&format!("ea{i} {long}"), None)));
        let mut b = base.documents[0].clone();
        b.path = "b.md".into();
        b.findings = (0..40)
            .map(|i| finding(&format!("eb{i} {long}"), None))
            .collect();
        let report = Report::new(vec![a, b], vec![], base.generated_at.clone());
        let md = render(&report);
        assert!(md.len() < LIMIT);
        let t = tables(&md);
        assert_eq!(t.len(), 3, "summary, a, b");
        let a_rows: Vec<&Vec<String>> = t[1].iter().skip(1).collect();
        let b_rows: Vec<&Vec<String>> = t[2].iter().skip(1).collect();
        // every error is shown, before any warning, in document order within a severity
        assert_eq!(b_rows.len(), 40);
        assert!(a_rows.len() > 40 && a_rows.len() < 340, "{}", a_rows.len());
        for (i, row) in a_rows.iter().enumerate() {
            let want = if i < 40 {
                format!("ea{i} ")
            } else {
                format!("w{} ", i - 40)
            };
            assert!(row[4].starts_with(&want), "row {i}: {}", row[4]);
        }
        let shown = a_rows.len() + b_rows.len();
        assert!(md.ends_with(&format!(
            "… and {} more findings; see the full report.\n",
            380 - shown
        )));
        // document order is kept for the sections
        assert!(md.find("### a.md").unwrap() < md.find("### b.md").unwrap());
    }

    #[test]
    fn under_the_budget_nothing_is_cut() {
        let mut report = report_of("A claim.[^1]\n\n[^1]: “T,” *S*, 2019.\n");
        report.documents[0].findings = (0..20).map(|i| finding(&i.to_string(), None)).collect();
        report.summary.findings.error = 20;
        let md = render(&report);
        assert_eq!(tables(&md)[1].len(), 21);
        assert!(!md.contains("more findings"));
        assert!(
            md.starts_with(
                "## reflint report\n\n❌ **20 errors**, 0 warnings, 0 info in 1 document"
            ),
            "{md}"
        );
    }
}
