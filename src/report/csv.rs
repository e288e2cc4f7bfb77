//! The CSV report: a row per note and URL, for archivists.
//!
//! One header row, then one row per (document, note, URL) in document order; a note without a
//! URL gets one row with the URL columns empty. The link columns come from `links[]` joined by
//! the URL as written. `rules` lists the ids of the note's findings about that URL or about the
//! note as a whole (a finding about a URL the note does not list counts for the whole note),
//! first occurrence first, joined with `;`; `worst_severity` is the most severe of them.
//!
//! Values are written verbatim. Spreadsheet "formula injection" (a cell starting with `=`, `+`,
//! `-`, `@`) is not defused: every known defence (a leading `'`, a tab, a space) changes the
//! value that a CSV reader gets back, and this file is also read by programs that compare it
//! with the JSON report. Quoting does not help either: spreadsheets evaluate quoted cells too.
//! Open it with the spreadsheet's import dialog (columns as text) when the sources are not
//! trusted.
//!
//! No byte-order mark is written (CSV readers would take it as part of the first header).

use std::collections::HashMap;
use std::io::Write;

use super::{DocumentReport, LinkReport, Report};
use crate::cite::Reference;
use crate::rules::{Finding, Severity};

/// The columns, in order.
pub const HEADER: [&str; 22] = [
    "document",
    "note",
    "line",
    "kind",
    "title",
    "authors",
    "source",
    "cited_date",
    "accessed",
    "same_as",
    "url",
    "status",
    "http_status",
    "final_url",
    "page_title",
    "page_date",
    "archive_url",
    "archive_timestamp",
    "checked_at",
    "rules",
    "worst_severity",
    // the note's file when it is not the document's own (a `.bib` entry, an `\input` file)
    "file",
];

/// The UTF-8 byte-order mark that starts the file.
pub const BOM: &str = "\u{FEFF}";

pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    // a UTF-8 byte-order mark: Excel and LibreOffice, opening the file directly, read it as
    // UTF-8 only with one (CJK titles and accented names would otherwise come out garbled)
    w.write_all(BOM.as_bytes())?;
    let mut out = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(&mut *w);
    out.write_record(HEADER)?;
    let links: HashMap<&str, &LinkReport> =
        report.links.iter().map(|l| (l.url.as_str(), l)).collect();
    for doc in &report.documents {
        let by_note = findings_by_note(doc);
        for r in &doc.references {
            let findings = by_note.get(r.label.as_str()).map_or(&[][..], Vec::as_slice);
            if r.urls.is_empty() {
                out.write_record(row(doc, r, None, None, findings))?;
            }
            for u in &r.urls {
                let link = links.get(u.url.as_str()).copied();
                out.write_record(row(doc, r, Some(&u.url), link, findings))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A document's findings grouped by the label of the note they are about.
fn findings_by_note(doc: &DocumentReport) -> HashMap<&str, Vec<&Finding>> {
    let mut map: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &doc.findings {
        if let Some(label) = f.reference.as_deref() {
            map.entry(label).or_default().push(f);
        }
    }
    map
}

/// The findings of a note that belong on the row of `url` (`None`: the note has no URL):
/// those about that URL, about no URL, or about a URL the note does not list.
fn row_findings<'a>(
    r: &Reference,
    url: Option<&str>,
    findings: &[&'a Finding],
) -> Vec<&'a Finding> {
    findings
        .iter()
        .copied()
        .filter(|f| match (f.url.as_deref(), url) {
            (None, _) | (_, None) => true,
            (Some(fu), Some(u)) => fu == u || !r.urls.iter().any(|x| x.url == fu),
        })
        .collect()
}

fn row(
    doc: &DocumentReport,
    r: &Reference,
    url: Option<&str>,
    link: Option<&LinkReport>,
    findings: &[&Finding],
) -> Vec<String> {
    let fs = row_findings(r, url, findings);
    let mut rules: Vec<&str> = Vec::new();
    for f in &fs {
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
    }
    let worst: Option<Severity> = fs.iter().map(|f| f.severity).max();
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let page = link.and_then(|l| l.page.as_ref());
    let archive = link.and_then(|l| l.archive.as_ref());
    vec![
        doc.path.clone(),
        r.label.clone(),
        r.line.to_string(),
        kind_name(r),
        opt(r.title.as_deref()),
        r.authors.join("; "),
        opt(r.source.as_deref()),
        r.date.map(|d| d.to_string()).unwrap_or_default(),
        r.accessed.map(|d| d.to_string()).unwrap_or_default(),
        opt(r.same_as.as_deref()),
        opt(url),
        link.map(|l| l.status.name().to_string())
            .unwrap_or_default(),
        link.and_then(|l| l.http_status)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        opt(link.and_then(|l| l.final_url.as_deref())),
        opt(page.and_then(|p| p.title.as_deref())),
        opt(page.and_then(|p| p.published.as_deref())),
        opt(archive.map(|a| a.url.as_str())),
        opt(archive.map(|a| a.timestamp.as_str())),
        opt(link.and_then(|l| l.checked_at.as_deref())),
        rules.join(";"),
        worst.map(|s| s.name().to_string()).unwrap_or_default(),
        r.file.map(|f| f.path().to_string()).unwrap_or_default(),
    ]
}

/// The kind as the JSON report spells it (`news`, `web`, `short`, ...).
fn kind_name(r: &Reference) -> String {
    serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{LinkStatus, PageMeta, Snapshot};

    use crate::report::test_report as report_of;

    fn rows(report: &Report) -> Vec<Vec<String>> {
        let mut buf = Vec::new();
        write(report, &mut buf).unwrap();
        let body = buf.strip_prefix(BOM.as_bytes()).expect("a BOM first");
        let mut rd = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body);
        rd.records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    const DOC: &str = "Claim one.[^1] Claim two.[^2]\n\n\
        [^1]: Jane Doe and John Roe, “Two Links, One Note,” *Daily Planet*, March 3, 2019, \
        https://example.com/2019/03/03/a.html and https://example.org/b?x=1,2.\n\
        [^2]: Interview with a \"source\", =SUM(A1:A2), spring 2019.\n";

    #[test]
    fn one_row_per_url_and_one_for_a_note_without_url() {
        let mut report = report_of(DOC);
        if let Some(l) = report
            .links
            .iter_mut()
            .find(|l| l.url.contains("example.com"))
        {
            l.status = LinkStatus::Dead;
            l.http_status = Some(404);
            l.page = Some(PageMeta {
                title: Some("Not, \"found\"\nhere".into()),
                published: Some("2019-03-03".into()),
                language: None,
                ..PageMeta::default()
            });
            l.archive = Some(Snapshot {
                source: None,
                url: "http://web.archive.org/web/2019/https://example.com/2019/03/03/a.html".into(),
                timestamp: "2019-03-04T00:00:00Z".into(),
            });
            l.final_url = Some("https://example.com/gone".into());
            l.checked_at = Some("2026-11-22T10:00:00Z".into());
        }
        let rows = rows(&report);
        assert_eq!(rows[0], HEADER.map(str::to_string).to_vec());
        assert_eq!(rows.len(), 4, "{rows:?}");
        let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
        // note 1: two URLs → two rows, in order
        assert_eq!(rows[1][col("note")], "1");
        assert_eq!(rows[1][col("url")], "https://example.com/2019/03/03/a.html");
        assert_eq!(rows[1][col("status")], "dead");
        assert_eq!(rows[1][col("http_status")], "404");
        assert_eq!(rows[1][col("page_title")], "Not, \"found\"\nhere");
        assert_eq!(rows[1][col("page_date")], "2019-03-03");
        assert_eq!(rows[1][col("archive_timestamp")], "2019-03-04T00:00:00Z");
        assert_eq!(
            rows[1][col("archive_url")],
            "http://web.archive.org/web/2019/https://example.com/2019/03/03/a.html"
        );
        assert_eq!(rows[1][col("final_url")], "https://example.com/gone");
        assert_eq!(rows[1][col("checked_at")], "2026-11-22T10:00:00Z");
        assert_eq!(rows[1][col("authors")], "Jane Doe; John Roe");
        assert_eq!(rows[1][col("cited_date")], "2019-03-03");
        assert_eq!(rows[2][col("note")], "1");
        assert_eq!(rows[2][col("url")], "https://example.org/b?x=1,2");
        assert_eq!(rows[2][col("status")], "skipped");
        assert_eq!(rows[2][col("http_status")], "");
        // note 2: no URL → one row, URL columns empty, the text read back verbatim
        assert_eq!(rows[3][col("note")], "2");
        for c in ["url", "status", "http_status", "final_url", "archive_url"] {
            assert_eq!(rows[3][col(c)], "", "{c}");
        }
        assert_eq!(rows[3][col("document")], "doc.md");
        assert_eq!(rows.iter().map(Vec::len).max(), Some(HEADER.len()));
    }

    #[test]
    fn rules_follow_their_url() {
        let mut report = report_of(DOC);
        let doc = &mut report.documents[0];
        let mk = |rule: &'static str, sev, url: Option<&str>, label: &str| Finding {
            rule,
            severity: sev,
            reference: Some(label.to_string()),
            file: None,
            line: 3,
            column: 1,
            message: "m".into(),
            url: url.map(str::to_string),
            evidence: None,
            suggestion: None,
            fingerprint: String::new(),
            sentence: None,
            related: Vec::new(),
        };
        doc.findings.clear();
        doc.findings.push(mk(
            "link-dead",
            Severity::Error,
            Some("https://example.com/2019/03/03/a.html"),
            "1",
        ));
        doc.findings
            .push(mk("citation-incomplete", Severity::Info, None, "1"));
        doc.findings.push(mk(
            "link-redirected",
            Severity::Warning,
            Some("https://example.org/b?x=1,2"),
            "1",
        ));
        doc.findings
            .push(mk("citation-incomplete", Severity::Warning, None, "2"));
        doc.findings
            .push(mk("citation-incomplete", Severity::Info, None, "2"));
        let rows = rows(&report);
        let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
        assert_eq!(rows[1][col("rules")], "link-dead;citation-incomplete");
        assert_eq!(rows[1][col("worst_severity")], "error");
        assert_eq!(rows[2][col("rules")], "citation-incomplete;link-redirected");
        assert_eq!(rows[2][col("worst_severity")], "warning");
        assert_eq!(rows[3][col("rules")], "citation-incomplete");
        assert_eq!(rows[3][col("worst_severity")], "warning");
    }

    #[test]
    fn spreadsheets_are_told_it_is_utf8() {
        let mut buf = Vec::new();
        write(&report_of(DOC), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("\u{FEFF}document,note,"), "{text}");
        // once, at the start only
        assert_eq!(text.matches('\u{FEFF}').count(), 1);
    }

    #[test]
    fn empty_report_is_just_the_header() {
        let report = Report::new(vec![], vec![], "2024-01-01T00:00:00Z".into());
        let rows = rows(&report);
        assert_eq!(rows, vec![HEADER.map(str::to_string).to_vec()]);
    }
}
