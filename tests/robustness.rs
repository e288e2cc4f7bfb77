//! Broken inputs never panic: every sample document, truncated at many points and with bytes
//! corrupted, read as each format.

use reflint::check::{check_document, collect_links, Options};
use reflint::extract::read_bytes;
use reflint::model::{Document, Format};
use reflint::report::{self, terminal, Report};

/// Checks a document and renders its report in every format: none may panic, and every
/// format but `github` (a line per finding, so nothing for a clean document) writes something.
fn check_and_render(doc: &Document) {
    let d = check_document(doc, &opts());
    let links = collect_links(std::slice::from_ref(&d), &[Vec::new()]);
    let r = Report::new(vec![d], links, "2026-11-22T00:00:00Z".into());
    for format in report::Format::ALL {
        let mut out = Vec::new();
        let written = report::write(format, &r, terminal::Style { color: false }, &mut out);
        assert!(written.is_ok(), "{format:?}: {written:?}");
        assert!(
            !out.is_empty() || format == report::Format::Github,
            "{format:?} wrote nothing"
        );
    }
}

fn samples() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("references");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(b) = std::fs::read(e.path()) {
            out.push(b);
        }
    }
    assert!(out.len() >= 6);
    out
}

fn opts() -> Options {
    Options {
        document_date: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        input_format: None,
    }
}

#[test]
fn truncated_and_corrupted_documents_do_not_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift: reproducible, no dependency
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for bytes in samples() {
        for _ in 0..12 {
            let cut = (next() as usize) % (bytes.len() + 1);
            let mut b = bytes.get(..cut).unwrap_or(&[]).to_vec();
            for _ in 0..(next() % 8) {
                if !b.is_empty() {
                    let i = (next() as usize) % b.len();
                    if let Some(x) = b.get_mut(i) {
                        *x = (next() % 256) as u8;
                    }
                }
            }
            for format in [Format::Text, Format::Markdown, Format::Html] {
                if let Ok(doc) = read_bytes("fuzz", &b, Some(format)) {
                    check_and_render(&doc);
                    runs += 1;
                }
            }
        }
    }
    assert!(runs > 100);
}

#[test]
fn pathological_shapes_finish() {
    let cases: Vec<String> = vec![
        "Notes 1 A ".repeat(3_000),
        format!("{} Notes 1 A", "x. 1 A".repeat(3_000)),
        "[1]".repeat(5_000),
        "¹".repeat(5_000),
        "1 A\n".repeat(3_000),
        "<sup><a href=\"#fn1\">1</a></sup>".repeat(5_000),
        "[^1]".repeat(3_000),
        format!("{}\n\n[^1]: x", "a[^1]".repeat(5_000)),
        "http://".repeat(3_000),
        "“".repeat(5_000),
    ];
    for c in cases {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            if let Ok(doc) = read_bytes("p", c.as_bytes(), Some(format)) {
                check_and_render(&doc);
            }
        }
    }
}
