//! The JUnit XML report: a test suite per document, a test case per note.
//!
//! A note with error or warning findings fails (one `<failure>` listing all its findings);
//! a note with only info findings passes, its findings in `<system-out>`. Findings about a
//! label that has no definition (`note-missing`) get a test case of their own, named after
//! the label; findings about the document as a whole (`reference: None`) go in a test case
//! named `document`. Two definitions with one label (`note-duplicate`) are told apart by
//! their line. The counts on `<testsuites>` and `<testsuite>` are those of the elements
//! written; `errors` and `skipped` are always 0.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;

use super::{DocumentReport, Report};
use crate::rules::{Finding, Severity};

/// One test case: a note (or the document) and its findings.
#[derive(Debug)]
pub struct Case<'a> {
    pub name: String,
    pub findings: Vec<&'a Finding>,
}

impl Case<'_> {
    /// Error and warning findings fail the case.
    pub fn fails(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
    }
}

/// The test cases of one document: one per reference in order, then one per label that
/// findings name without a definition, then `document` when some finding is about the
/// document as a whole.
pub fn cases(doc: &DocumentReport) -> Vec<Case<'_>> {
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in doc.references.iter().enumerate() {
        by_label.entry(r.label.as_str()).or_default().push(i);
    }
    let mut out: Vec<Case> = doc
        .references
        .iter()
        .map(|r| {
            let dup = by_label.get(r.label.as_str()).is_some_and(|v| v.len() > 1);
            Case {
                name: if dup {
                    format!("note {} (line {})", r.label, r.line)
                } else {
                    format!("note {}", r.label)
                },
                findings: Vec::new(),
            }
        })
        .collect();
    let mut undefined: HashMap<&str, usize> = HashMap::new();
    let mut document: Option<usize> = None;
    for f in &doc.findings {
        let slot = match f.reference.as_deref() {
            Some(label) => match by_label.get(label) {
                // a duplicated label: the definition the finding lies in (the last one that
                // starts at or before it), else the first
                Some(idx) => idx
                    .iter()
                    .rev()
                    .find(|&&i| doc.references.get(i).is_some_and(|r| r.line <= f.line))
                    .or(idx.first())
                    .copied(),
                None => Some(*undefined.entry(label).or_insert_with(|| {
                    out.push(Case {
                        name: format!("note {label}"),
                        findings: Vec::new(),
                    });
                    out.len() - 1
                })),
            },
            None => None,
        };
        let slot = slot.unwrap_or_else(|| {
            *document.get_or_insert_with(|| {
                out.push(Case {
                    name: "document".to_string(),
                    findings: Vec::new(),
                });
                out.len() - 1
            })
        });
        if let Some(c) = out.get_mut(slot) {
            c.findings.push(f);
        }
    }
    // the document case last, after the notes named only by findings
    if let Some(d) = document {
        if d + 1 < out.len() {
            let c = out.remove(d);
            out.push(c);
        }
    }
    out
}

/// Replaces the characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF) with U+FFFD.
fn xml_chars(s: &str) -> Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().any(bad) {
        Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// An attribute whose value keeps its line breaks and tabs (written as character references,
/// which attribute-value normalisation leaves alone).
fn attr<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    let escaped = quick_xml::escape::escape(xml_chars(value).into_owned())
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;");
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(escaped.into_bytes()),
    }
}

/// Text content; a carriage return is kept as a character reference (parsers turn a raw one
/// into a line feed).
fn text(s: &str) -> BytesText<'static> {
    let escaped = quick_xml::escape::escape(xml_chars(s).into_owned()).replace('\r', "&#13;");
    BytesText::from_escaped(escaped)
}

fn start<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute(attr(k, v));
    }
    e
}

/// A finding as one entry of a failure's or system-out's text.
fn describe(path: &str, f: &Finding) -> String {
    let path = crate::model::path_of(f.file, path);
    let mut s = if f.line > 0 {
        format!(
            "{path}:{}:{} {} {} {}",
            f.line,
            f.column,
            f.severity.name(),
            f.rule,
            f.message
        )
    } else {
        format!("{path} {} {} {}", f.severity.name(), f.rule, f.message)
    };
    if let Some(u) = &f.url {
        s.push_str("\n    url: ");
        s.push_str(u);
    }
    if let Some(x) = &f.suggestion {
        s.push_str("\n    suggestion: ");
        s.push_str(x);
    }
    if !f.related.is_empty() {
        s.push_str("\n    related: ");
        s.push_str(&f.related.join(", "));
    }
    s
}

fn listing(path: &str, findings: &[&Finding]) -> String {
    let mut s = findings
        .iter()
        .map(|f| describe(path, f))
        .collect::<Vec<_>>()
        .join("\n");
    s.push('\n');
    s
}

fn write_case<W: Write>(x: &mut Writer<W>, path: &str, c: &Case) -> std::io::Result<()> {
    let e = start(
        "testcase",
        &[("name", &c.name), ("classname", path), ("time", "0")],
    );
    if c.findings.is_empty() {
        return x.write_event(Event::Empty(e));
    }
    x.write_event(Event::Start(e))?;
    if c.fails() {
        let failing: Vec<&Finding> = c
            .findings
            .iter()
            .copied()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        let mut rules: Vec<&str> = Vec::new();
        for f in &failing {
            if !rules.contains(&f.rule) {
                rules.push(f.rule);
            }
        }
        let message = failing
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let types = rules.join(",");
        x.write_event(Event::Start(start(
            "failure",
            &[("message", &message), ("type", &types)],
        )))?;
        x.write_event(Event::Text(text(&listing(path, &c.findings))))?;
        x.write_event(Event::End(BytesEnd::new("failure")))?;
    } else {
        x.write_event(Event::Start(BytesStart::new("system-out")))?;
        x.write_event(Event::Text(text(&listing(path, &c.findings))))?;
        x.write_event(Event::End(BytesEnd::new("system-out")))?;
    }
    x.write_event(Event::End(BytesEnd::new("testcase")))
}

/// Writes the report as JUnit XML.
pub fn write<W: Write>(report: &Report, w: &mut W) -> std::io::Result<()> {
    let suites: Vec<(&DocumentReport, Vec<Case>)> =
        report.documents.iter().map(|d| (d, cases(d))).collect();
    let tests: usize = suites.iter().map(|(_, c)| c.len()).sum();
    let failures: usize = suites
        .iter()
        .map(|(_, c)| c.iter().filter(|c| c.fails()).count())
        .sum();
    let mut x = Writer::new_with_indent(&mut *w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (tests_s, failures_s) = (tests.to_string(), failures.to_string());
    x.write_event(Event::Start(start(
        "testsuites",
        &[
            ("name", "reflint"),
            ("tests", &tests_s),
            ("failures", &failures_s),
            ("errors", "0"),
            ("skipped", "0"),
            ("time", "0"),
        ],
    )))?;
    for (doc, cases) in &suites {
        let n = cases.len().to_string();
        let failed = cases.iter().filter(|c| c.fails()).count().to_string();
        let e = start(
            "testsuite",
            &[
                ("name", &doc.path),
                ("tests", &n),
                ("failures", &failed),
                ("errors", "0"),
                ("skipped", "0"),
                ("time", "0"),
            ],
        );
        if cases.is_empty() && doc.warnings.is_empty() {
            x.write_event(Event::Empty(e))?;
            continue;
        }
        x.write_event(Event::Start(e))?;
        for c in cases {
            write_case(&mut x, &doc.path, c)?;
        }
        if !doc.warnings.is_empty() {
            let mut s = doc.warnings.join("\n");
            s.push('\n');
            x.write_event(Event::Start(BytesStart::new("system-err")))?;
            x.write_event(Event::Text(text(&s)))?;
            x.write_event(Event::End(BytesEnd::new("system-err")))?;
        }
        x.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    x.write_event(Event::End(BytesEnd::new("testsuites")))?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NoteDef, Pos};
    use crate::rules::find;
    use quick_xml::Reader;

    fn finding(rule: &str, sev: Severity, reference: Option<&str>, pos: Pos, msg: &str) -> Finding {
        Finding::new(find(rule).unwrap(), sev, reference, pos, msg.to_string())
    }

    fn note(label: &str, line: usize) -> crate::cite::Reference {
        crate::cite::parse_note(&NoteDef {
            cited: None,
            label: label.to_string(),
            pos: Pos::new(line, 1),
            text: format!("A. Author, “Title {label},” *Outlet*, May 2, 2019."),
            urls: Vec::new(),
        })
    }

    fn doc(path: &str, labels: &[(&str, usize)], findings: Vec<Finding>) -> DocumentReport {
        DocumentReport {
            path: path.to_string(),
            format: "text",
            document_date: None,
            references: labels.iter().map(|(l, n)| note(l, *n)).collect(),
            findings,
            warnings: Vec::new(),
        }
    }

    fn render(docs: Vec<DocumentReport>) -> String {
        let r = Report::new(docs, Vec::new(), "2026-01-01T00:00:00Z".to_string());
        let mut out = Vec::new();
        write(&r, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// An element as read back: name, attributes (unescaped), text inside (unescaped).
    #[derive(Debug, Default)]
    struct El {
        name: String,
        attrs: Vec<(String, String)>,
        text: String,
        depth: usize,
    }

    impl El {
        fn attr(&self, k: &str) -> &str {
            self.attrs
                .iter()
                .find(|(a, _)| a == k)
                .map_or("", |(_, v)| v.as_str())
        }
    }

    /// Reads the XML strictly: any error, a mismatched end tag or a bad entity panics.
    fn parse(xml: &str) -> Vec<El> {
        let mut reader = Reader::from_str(xml);
        let mut out: Vec<El> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let el = |e: &BytesStart, depth: usize| El {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.unescape_value().unwrap().into_owned(),
                    )
                })
                .collect(),
            text: String::new(),
            depth,
        };
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => {
                    out.push(el(&e, open.len()));
                    open.push(out.len() - 1);
                }
                Event::Empty(e) => out.push(el(&e, open.len())),
                Event::End(_) => {
                    open.pop().unwrap();
                }
                Event::Text(t) => {
                    let t = t.unescape().unwrap();
                    match open.last() {
                        Some(&i) => out[i].text.push_str(&t),
                        None => assert!(t.trim().is_empty(), "text outside the root: {t:?}"),
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(open.is_empty());
        assert_eq!(out.iter().filter(|e| e.depth == 0).count(), 1, "one root");
        out
    }

    fn named<'e>(els: &'e [El], name: &str) -> Vec<&'e El> {
        els.iter().filter(|e| e.name == name).collect()
    }

    #[test]
    fn counts_match_the_elements() {
        let xml = render(vec![
            doc(
                "a.txt",
                &[("1", 10), ("2", 11), ("3", 12)],
                vec![
                    finding(
                        "date-url-mismatch",
                        Severity::Error,
                        Some("1"),
                        Pos::new(10, 5),
                        "e1",
                    ),
                    finding(
                        "date-after-claim",
                        Severity::Warning,
                        Some("1"),
                        Pos::new(3, 9),
                        "w1",
                    ),
                    finding(
                        "title-url-mismatch",
                        Severity::Info,
                        Some("2"),
                        Pos::new(11, 7),
                        "i2",
                    ),
                ],
            ),
            doc("b.txt", &[], Vec::new()),
            doc(
                "c.md",
                &[("1", 5)],
                vec![finding(
                    "note-unreferenced",
                    Severity::Warning,
                    Some("1"),
                    Pos::new(5, 1),
                    "w",
                )],
            ),
        ]);
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{xml}"
        );
        let els = parse(&xml);
        let root = &els[0];
        assert_eq!(root.name, "testsuites");
        assert_eq!(root.attr("name"), "reflint");
        assert_eq!(root.attr("tests"), "4");
        assert_eq!(root.attr("failures"), "2");
        assert_eq!(root.attr("errors"), "0");
        assert_eq!(root.attr("skipped"), "0");
        let suites = named(&els, "testsuite");
        let got: Vec<(&str, &str, &str)> = suites
            .iter()
            .map(|s| (s.attr("name"), s.attr("tests"), s.attr("failures")))
            .collect();
        assert_eq!(
            got,
            [("a.txt", "3", "1"), ("b.txt", "0", "0"), ("c.md", "1", "1")]
        );
        assert_eq!(named(&els, "testcase").len(), 4);
        assert_eq!(named(&els, "failure").len(), 2);
        // one failure for note 1, with both of its findings, types in order
        let f = named(&els, "failure")[0];
        assert_eq!(f.attr("type"), "date-url-mismatch,date-after-claim");
        assert_eq!(f.attr("message"), "e1; w1");
        assert!(
            f.text.contains("a.txt:10:5 error date-url-mismatch e1"),
            "{}",
            f.text
        );
        assert!(
            f.text.contains("a.txt:3:9 warning date-after-claim w1"),
            "{}",
            f.text
        );
        // info only: passes, the finding in system-out
        let outs = named(&els, "system-out");
        assert_eq!(outs.len(), 1);
        assert!(outs[0]
            .text
            .contains("a.txt:11:7 info title-url-mismatch i2"));
        let names: Vec<(&str, &str)> = named(&els, "testcase")
            .iter()
            .map(|c| (c.attr("name"), c.attr("classname")))
            .collect();
        assert_eq!(
            names,
            [
                ("note 1", "a.txt"),
                ("note 2", "a.txt"),
                ("note 3", "a.txt"),
                ("note 1", "c.md")
            ]
        );
    }

    #[test]
    fn document_level_and_undefined_labels_get_their_own_cases() {
        let d = doc(
            "a.txt",
            &[("1", 10)],
            vec![
                finding(
                    "note-sequence",
                    Severity::Warning,
                    None,
                    Pos::new(0, 0),
                    "restarts",
                ),
                finding(
                    "note-missing",
                    Severity::Error,
                    Some("9"),
                    Pos::new(4, 2),
                    "missing 9",
                ),
                finding(
                    "title-url-mismatch",
                    Severity::Info,
                    None,
                    Pos::new(0, 0),
                    "doc info",
                ),
            ],
        );
        let names: Vec<String> = cases(&d).into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["note 1", "note 9", "document"]);
        let els = parse(&render(vec![d]));
        assert_eq!(els[0].attr("tests"), "3");
        assert_eq!(els[0].attr("failures"), "2");
        let cases = named(&els, "testcase");
        assert_eq!(cases[2].attr("name"), "document");
        let failures = named(&els, "failure");
        assert_eq!(failures[1].attr("type"), "note-sequence");
        // no line: the path alone, and the info finding listed with the failing one
        assert!(failures[1]
            .text
            .contains("a.txt warning note-sequence restarts"));
        assert!(failures[1]
            .text
            .contains("a.txt info title-url-mismatch doc info"));
    }

    #[test]
    fn duplicate_labels_are_told_apart_by_line() {
        let d = doc(
            "a.txt",
            &[("3", 10), ("3", 20)],
            vec![
                finding(
                    "note-duplicate",
                    Severity::Error,
                    Some("3"),
                    Pos::new(20, 1),
                    "twice",
                ),
                finding(
                    "date-invalid",
                    Severity::Error,
                    Some("3"),
                    Pos::new(11, 4),
                    "bad",
                ),
            ],
        );
        let cs = cases(&d);
        assert_eq!(cs[0].name, "note 3 (line 10)");
        assert_eq!(cs[1].name, "note 3 (line 20)");
        assert_eq!(cs[0].findings[0].message, "bad");
        assert_eq!(cs[1].findings[0].message, "twice");
    }

    #[test]
    fn markup_in_labels_paths_and_messages_is_escaped() {
        let mut d = doc(
            "my docs/<a & b>\".txt",
            &[("<&\">", 3)],
            vec![finding(
                "date-invalid",
                Severity::Error,
                Some("<&\">"),
                Pos::new(3, 1),
                "date ]]> <b>&amp; \"x\" 'y'\nsecond line\u{c}",
            )
            .with_url("https://e.org/?a=1&b=2")],
        );
        d.warnings.push("lossy <decoding> & more".to_string());
        let xml = render(vec![d]);
        assert!(!xml.contains("<b>"), "{xml}");
        let els = parse(&xml);
        let case = named(&els, "testcase")[0];
        assert_eq!(case.attr("name"), "note <&\">");
        assert_eq!(case.attr("classname"), "my docs/<a & b>\".txt");
        assert_eq!(
            named(&els, "testsuite")[0].attr("name"),
            "my docs/<a & b>\".txt"
        );
        let f = named(&els, "failure")[0];
        // the line break survives in the attribute; the form feed (not XML) is replaced
        assert_eq!(
            f.attr("message"),
            "date ]]> <b>&amp; \"x\" 'y'\nsecond line\u{fffd}"
        );
        assert!(f.text.contains("<b>&amp; \"x\""), "{}", f.text);
        assert!(f.text.contains("url: https://e.org/?a=1&b=2"), "{}", f.text);
        assert!(named(&els, "system-err")[0]
            .text
            .contains("lossy <decoding> & more"));
    }

    #[test]
    fn no_documents_is_still_a_document() {
        let els = parse(&render(Vec::new()));
        assert_eq!(els.len(), 1);
        assert_eq!(els[0].name, "testsuites");
        assert_eq!(els[0].attr("tests"), "0");
    }
}
