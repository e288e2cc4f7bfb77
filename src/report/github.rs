//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::`): one line per finding,
//! which the runner turns into an annotation on the file.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` are percent-encoded;
//! in property values (`file`, `title`) `:` and `,` are encoded as well, since they delimit
//! the properties.

use std::io::Write;

use super::Report;
use crate::rules::{Finding, Severity};

/// The workflow command for a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (the data after `::`).
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`file=`, `title=`): as a message, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation's text: the finding's message, then its URL and suggestion on lines of
/// their own.
fn message(f: &Finding) -> String {
    let mut m = f.message.clone();
    if let Some(url) = &f.url {
        m.push_str("\nURL: ");
        m.push_str(url);
    }
    if let Some(s) = &f.suggestion {
        m.push_str("\nSuggestion: ");
        m.push_str(s);
    }
    if !f.related.is_empty() {
        // the other findings of its story, by fingerprint (each has its own annotation)
        m.push_str("\nRelated: ");
        m.push_str(&f.related.join(", "));
    }
    m
}

/// One finding of the document at `path` as a workflow command (without the newline).
pub fn line(path: &str, f: &Finding) -> String {
    // a finding in a file the document read (a `.bib`, an `\input`) is annotated there
    let path = crate::model::path_of(f.file, path);
    let path = path.as_str();
    let mut props = vec![format!("file={}", escape_property(path))];
    if f.line > 0 {
        props.push(format!("line={}", f.line));
        if f.column > 0 {
            props.push(format!("col={}", f.column));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("reflint {}", f.rule))
    ));
    format!(
        "::{} {}::{}",
        command(f.severity),
        props.join(","),
        escape_data(&message(f))
    )
}

/// Writes one workflow command per finding of every document, in report order.
pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    for doc in &report.documents {
        for f in &doc.findings {
            w.write_all(line(&doc.path, f).as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;
    use crate::report::DocumentReport;
    use crate::rules::{find, Finding};

    fn finding(rule: &str, sev: Severity, reference: Option<&str>, pos: Pos, msg: &str) -> Finding {
        let rule = find(rule).unwrap();
        Finding::new(rule, sev, reference, pos, msg.to_string())
    }

    fn report(path: &str, findings: Vec<Finding>) -> Report {
        let doc = DocumentReport {
            path: path.to_string(),
            format: "text",
            document_date: None,
            references: Vec::new(),
            findings,
            warnings: Vec::new(),
        };
        Report::new(vec![doc], Vec::new(), "2026-01-01T00:00:00Z".to_string())
    }

    fn render(r: &Report) -> String {
        let mut out = Vec::new();
        write(r, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("100% a\r\nb: c, d"),
            "100%25 a%0D%0Ab%3A c%2C d"
        );
        // `%` first: an already encoded sequence is not decoded back by the runner
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn levels_map_to_commands() {
        let r = report(
            "a.txt",
            vec![
                finding(
                    "date-invalid",
                    Severity::Error,
                    Some("1"),
                    Pos::new(3, 4),
                    "e",
                ),
                finding(
                    "note-sequence",
                    Severity::Warning,
                    Some("2"),
                    Pos::new(5, 6),
                    "w",
                ),
                finding(
                    "title-url-mismatch",
                    Severity::Info,
                    Some("3"),
                    Pos::new(7, 8),
                    "i",
                ),
            ],
        );
        let out = render(&r);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=a.txt,line=3,col=4,title=reflint date-invalid::e",
                "::warning file=a.txt,line=5,col=6,title=reflint note-sequence::w",
                "::notice file=a.txt,line=7,col=8,title=reflint title-url-mismatch::i",
            ]
        );
    }

    #[test]
    fn document_level_finding_has_no_line_or_col() {
        let r = report(
            "dir/a.md",
            vec![finding(
                "note-sequence",
                Severity::Warning,
                None,
                Pos::new(0, 0),
                "notes restart at 1",
            )],
        );
        assert_eq!(
            render(&r),
            "::warning file=dir/a.md,title=reflint note-sequence::notes restart at 1\n"
        );
    }

    #[test]
    fn path_with_spaces_commas_and_colons_is_escaped() {
        let r = report(
            "my docs/a, b: c%.txt",
            vec![finding(
                "date-invalid",
                Severity::Error,
                Some("1"),
                Pos::new(2, 1),
                "date 2019-02-30 cannot exist",
            )],
        );
        assert_eq!(
            render(&r),
            "::error file=my docs/a%2C b%3A c%25.txt,line=2,col=1,title=reflint date-invalid::\
             date 2019-02-30 cannot exist\n"
        );
    }

    #[test]
    fn url_and_suggestion_follow_the_message_on_one_line() {
        let f = finding(
            "date-url-mismatch",
            Severity::Error,
            Some("<&\">"),
            Pos::new(11, 140),
            "cited date 2010-01-02 disagrees: 100%\nreally",
        )
        .with_url("https://example.org/2020/01/02/a,b:c")
        .with_suggestion("2020-01-02".to_string());
        let r = report("a.txt", vec![f]);
        let out = render(&r);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert_eq!(
            out,
            "::error file=a.txt,line=11,col=140,title=reflint date-url-mismatch::\
             cited date 2010-01-02 disagrees: 100%25%0Areally\
             %0AURL: https://example.org/2020/01/02/a,b:c\
             %0ASuggestion: 2020-01-02\n"
        );
    }

    #[test]
    fn a_story_names_its_other_findings() {
        let mut f = finding(
            "date-url-mismatch",
            Severity::Error,
            Some("1"),
            Pos::new(11, 140),
            "cited date 2010-01-02 disagrees",
        );
        f.related = vec!["023c8ba8ab849cad".into(), "284830ba376f9b8d".into()];
        let out = render(&report("a.txt", vec![f]));
        assert!(
            out.ends_with("%0ARelated: 023c8ba8ab849cad, 284830ba376f9b8d\n"),
            "{out}"
        );
    }

    #[test]
    fn one_line_per_finding_across_documents() {
        let mut a = report(
            "a.txt",
            vec![
                finding(
                    "date-invalid",
                    Severity::Error,
                    Some("1"),
                    Pos::new(1, 1),
                    "x",
                ),
                finding(
                    "date-invalid",
                    Severity::Error,
                    Some("2"),
                    Pos::new(2, 1),
                    "y",
                ),
            ],
        );
        let b = report(
            "b.txt",
            vec![finding(
                "note-missing",
                Severity::Error,
                Some("3"),
                Pos::new(4, 2),
                "z",
            )],
        );
        a.documents.extend(b.documents);
        let out = render(&a);
        let files: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split("file=").nth(1)?.split(',').next())
            .collect();
        assert_eq!(files, ["a.txt", "a.txt", "b.txt"]);
        assert_eq!(render(&report("empty.txt", Vec::new())), "");
    }
}
