//! The fuzz targets: one function per reader, taking any bytes.
//!
//! Each target reads its input and asserts what must hold for every input (positions inside
//! the source, valid dates, one reference per note, errors that name their line). A panic or a
//! failed assertion is a finding. The same functions replay the kept corpus (`fuzz/corpus/`)
//! in the stable test `tests/fuzz_corpus.rs`, so what fuzzing found stays fixed.
//!
//! Targets: text, markdown, html, latex, bib, document (any bytes through format detection and
//! the offline rules), dates, cite, page, decode, config, baseline, csl (a DOI registry's answer),
//! pdf, docx (any bytes as a Word document).

use reflint::baseline::Baseline;
use reflint::check::{check_document, Options};
use reflint::cite::dates::{find_dates, parse_date, url_date, written_date, NumericOrder};
use reflint::cite::{parse_note, read_document};
use reflint::config::{Command, Config};
use reflint::extract::docx::extract_docx;
use reflint::extract::html::extract_html;
use reflint::extract::latex::{extract_bib, extract_latex};
use reflint::extract::markdown::extract_markdown;
use reflint::extract::pdf::{extract_pdf, pdf_text};
use reflint::extract::read_bytes;
use reflint::extract::text::extract_str;
use reflint::model::{Document, NoteDef, Pos};
use reflint::net::doi::parse_csl;
use reflint::net::fetch::decode;
use reflint::net::page::parse_page;

/// A fuzz target: any bytes in, a panic when something that must hold does not.
pub type Target = fn(&[u8]);

/// Every target by name, for the replay test and `scripts/fuzz.sh`.
pub const TARGETS: &[(&str, Target)] = &[
    ("text", text),
    ("markdown", markdown),
    ("html", html),
    ("latex", latex),
    ("bib", bib),
    ("document", document),
    ("dates", dates),
    ("cite", cite),
    ("page", page),
    ("decode", decode_bytes),
    ("config", config),
    ("baseline", baseline),
    ("csl", csl),
    ("pdf", pdf),
    ("docx", docx),
];

/// Whether a 1-based line/column (column in characters) is inside `src`; the column may be
/// one past the line's last character.
fn inside(src: &str, pos: Pos) -> bool {
    if pos.line == 0 || pos.column == 0 {
        return false;
    }
    src.split('\n')
        .nth(pos.line - 1)
        .is_some_and(|line| pos.column <= line.chars().count() + 1)
}

/// Every position the document reports lies in its source, and its citations read with one
/// reference per note.
fn check_read(src: &str, doc: &Document) {
    for m in &doc.markers {
        assert!(inside(src, m.pos), "marker {m:?} outside the source");
    }
    for n in &doc.notes {
        assert!(inside(src, n.pos), "note at {:?} outside the source", n.pos);
        for u in &n.urls {
            assert!(inside(src, u.pos), "URL {u:?} outside the source");
            assert!(!u.url.is_empty(), "empty URL");
        }
    }
    for u in &doc.body_urls {
        assert!(inside(src, u.pos), "body URL {u:?} outside the source");
    }
    let refs = read_document(doc);
    assert_eq!(refs.len(), doc.notes.len(), "one reference per note");
    for (i, r) in refs.iter().enumerate() {
        if let Some(j) = r.same_as_index {
            assert!(j < refs.len() && j != i, "same_as_index {j} of {i}");
        }
        for d in r.date.iter().chain(&r.accessed).chain(&r.all_dates) {
            assert!(d.is_valid(), "invalid date {d:?} in note {}", r.label);
        }
    }
}

fn as_text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The plain-text reader (line layouts and the evidence reader).
pub fn text(data: &[u8]) {
    let src = as_text(data);
    check_read(&src, &extract_str("f.txt", &src));
}

/// The Markdown reader.
pub fn markdown(data: &[u8]) {
    let src = as_text(data);
    check_read(&src, &extract_markdown("f.md", &src));
}

/// The HTML reader (marked notes, and unmarked pages rendered to text).
pub fn html(data: &[u8]) {
    let src = as_text(data);
    check_read(&src, &extract_html("f.html", &src));
}

/// The LaTeX reader. The document is named in a directory that does not exist, so that what it
/// `\input`s or names as a bibliography is never found: every position is in its own text.
pub fn latex(data: &[u8]) {
    let src = as_text(data);
    let Ok(doc) = extract_latex("/nonexistent-reflint-fuzz/f.tex", &src) else {
        return;
    };
    for p in doc
        .markers
        .iter()
        .map(|m| m.pos)
        .chain(doc.notes.iter().map(|n| n.pos))
    {
        assert!(p.file.is_none(), "a position in another file: {p:?}");
    }
    check_read(&src, &doc);
}

/// The BibTeX reader: a file on its own, every entry a note.
pub fn bib(data: &[u8]) {
    let src = as_text(data);
    let Ok(doc) = extract_bib("f.bib", &src) else {
        return;
    };
    assert!(doc.markers.is_empty(), "a BibTeX file has no markers");
    check_read(&src, &doc);
}

/// Any bytes, as a user's file: decoding, format detection, reading, offline rules.
pub fn document(data: &[u8]) {
    let Ok(doc) = read_bytes("f", data, None) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let opts = Options {
        document_date: None,
        today,
        input_format: None,
    };
    let report = check_document(&doc, &opts);
    assert_eq!(report.references.len(), doc.notes.len());
}

/// The date grammar: dates found in a text, a text read as one date, a URL's date.
pub fn dates(data: &[u8]) {
    let text = as_text(data);
    let mut prev_end = 0;
    for d in find_dates(&text) {
        assert!(d.start < d.end && d.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert!(d.start >= prev_end, "overlapping or unordered dates");
        // an impossible date ("2020-13-31") is kept as written: `date-invalid` reports it
        prev_end = d.end;
    }
    let _ = parse_date(&text);
    if let Some(d) = url_date(&text) {
        assert!(d.is_valid(), "invalid URL date {d:?}");
    }
    for order in [NumericOrder::DayFirst, NumericOrder::MonthFirst] {
        if let Some((d, start, end)) = written_date(&text, order, 2026) {
            assert!(d.is_valid() && d.day.is_some(), "written date {d:?}");
            assert!(
                start < end && text.get(start..end).is_some(),
                "span {start}..{end}"
            );
        }
    }
}

/// The citation parser on one note's text.
pub fn cite(data: &[u8]) {
    let text = as_text(data).into_owned();
    let r = parse_note(&NoteDef {
        cited: None,
        label: "1".to_string(),
        pos: Pos::new(1, 1),
        text: text.clone(),
        urls: Vec::new(),
    });
    assert_eq!(r.text, text);
    if let Some(t) = &r.title {
        assert!(!t.trim().is_empty(), "blank title");
    }
    for d in r.date.iter().chain(&r.accessed).chain(&r.all_dates) {
        assert!(d.is_valid(), "invalid date {d:?}");
    }
}

/// The page reader: title, date, language, shingles.
pub fn page(data: &[u8]) {
    let p = parse_page(&as_text(data));
    if let Some(d) = p.published {
        assert!(d.is_valid(), "invalid published date {d:?}");
    }
    assert_eq!(p.published.is_some(), p.published_from.is_some());
    if let Some(t) = &p.title {
        assert!(
            !t.is_empty() && t.trim() == t && !t.contains('\n'),
            "title {t:?}"
        );
    }
    assert!(
        p.shingles.windows(2).all(|w| w[0] < w[1]),
        "shingles unsorted"
    );
}

/// Charset decoding of a fetched body: the first line is the Content-Type header.
pub fn decode_bytes(data: &[u8]) {
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (
            data.get(..i).unwrap_or_default(),
            data.get(i + 1..).unwrap_or_default(),
        ),
        None => (&[][..], data),
    };
    let header = String::from_utf8_lossy(header);
    let _ = decode(body, (!header.is_empty()).then_some(header.as_ref()));
}

/// reflint.toml: a configuration, or one line naming the file and a line of it.
pub fn config(data: &[u8]) {
    let src = as_text(data);
    match Config::parse(&src, "reflint.toml") {
        Ok(c) => {
            let _ = c.args(Command::Check);
            let _ = c.args(Command::Baseline);
        }
        Err(e) => {
            assert!(!e.contains('\n'), "error on several lines: {e:?}");
            let line: Option<usize> = e
                .strip_prefix("reflint.toml:")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok());
            let lines = src.split('\n').count();
            assert!(
                line.is_some_and(|l| l >= 1 && l <= lines),
                "error names line {line:?} of {lines}: {e:?}"
            );
        }
    }
}

/// A baseline file: read, or refused with one message; what is read writes back the same.
pub fn baseline(data: &[u8]) {
    match Baseline::parse(&as_text(data)) {
        Ok(b) => assert_eq!(Baseline::parse(&b.to_json()).ok(), Some(b)),
        Err(e) => assert!(e.starts_with("not a valid baseline"), "{e}"),
    }
}

/// A DOI registry's answer (CSL JSON, or anything a server sends instead): a record whose
/// years are plausible and whose titles are non-empty, one line each, or none.
pub fn csl(data: &[u8]) {
    let Some(r) = parse_csl(&as_text(data)) else {
        return;
    };
    for y in [r.issued, r.published_print, r.published_online]
        .into_iter()
        .flatten()
    {
        assert!((1000..=2999).contains(&y), "year {y}");
    }
    for t in r.title.iter().chain(&r.other_titles) {
        assert!(
            !t.is_empty() && t.trim() == t && !t.contains('\n'),
            "title {t:?}"
        );
    }
}

/// The PDF reader: any bytes read as a PDF give a text whose pages start on rising lines inside
/// it, links and notes placed inside it, or one error line naming the file.
pub fn pdf(data: &[u8]) {
    let read = pdf_text("f.pdf", data);
    let doc = extract_pdf("f.pdf", data);
    match (read, doc) {
        (Ok(t), Ok(doc)) => {
            let lines = t.text.split('\n').count();
            assert!(
                t.page_lines.windows(2).all(|w| w[0] < w[1]),
                "page starts {:?}",
                t.page_lines
            );
            assert!(t.page_lines.iter().all(|&l| l >= 1 && l <= lines));
            for l in &t.links {
                assert!(inside(&t.text, l.pos), "link {l:?} outside the text");
                assert!(l.url.starts_with("http") || l.url.starts_with("www."));
            }
            for l in 1..=lines {
                assert!(t.page_of(l) >= 1 && t.page_of(l) <= t.page_lines.len());
            }
            check_read(&t.text, &doc);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "the text and the document fail alike");
            assert_eq!(a.path, "f.pdf");
            assert!(!a.message.is_empty() && !a.message.contains('\n'), "{a}");
        }
        (t, d) => panic!("text {:?} but document {:?}", t.is_ok(), d.is_ok()),
    }
}

/// The Word reader: any bytes as a `.docx`. What it reads has positions from 1, labels, one
/// reference per note and passes the offline rules; what it refuses is one line naming the
/// file.
pub fn docx(data: &[u8]) {
    match extract_docx("f.docx", data) {
        Ok(doc) => {
            for pos in doc
                .markers
                .iter()
                .map(|m| m.pos)
                .chain(doc.notes.iter().map(|n| n.pos))
                .chain(doc.notes.iter().flat_map(|n| n.urls.iter().map(|u| u.pos)))
                .chain(doc.body_urls.iter().map(|u| u.pos))
            {
                assert!(pos.line >= 1 && pos.column >= 1, "position {pos:?}");
            }
            for n in &doc.notes {
                assert!(!n.label.is_empty(), "a note without a label");
                assert!(n.urls.iter().all(|u| !u.url.is_empty()), "empty URL");
            }
            let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
            let opts = Options {
                document_date: None,
                today,
                input_format: None,
            };
            let report = check_document(&doc, &opts);
            assert_eq!(report.references.len(), doc.notes.len());
        }
        Err(e) => {
            assert_eq!(e.path, "f.docx");
            assert!(!e.message.is_empty() && !e.message.contains('\n'), "{e}");
        }
    }
}
