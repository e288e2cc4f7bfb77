//! Word documents end to end: the sample DOCX against the text it was made from, reference
//! managers' fields in the report, files Word and LibreOffice wrote, corrupt and hostile
//! files (one error each, the other inputs still checked), and random input (proptest).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use reflint::extract::docx::extract_docx;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflint"))
        .env_remove("NO_COLOR")
        .env("CI", "true")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"))
}

/// `check --offline --format json` on `paths`, with a fixed document date.
fn check(paths: &[&Path]) -> (Value, Output) {
    let mut args = vec![
        "check",
        "--offline",
        "--format",
        "json",
        "--document-date",
        "2020-06-01",
    ];
    args.extend(paths.iter().map(|p| p.to_str().unwrap_or_default()));
    let out = run(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out)
}

fn array(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

/// What a report says of its notes and findings, positions aside (a DOCX counts paragraphs
/// where a text counts lines).
fn reading(report: &Value) -> (Vec<Value>, Vec<Value>) {
    let doc = &report["documents"][0];
    let refs = array(&doc["references"])
        .iter()
        .map(|r| {
            serde_json::json!({
                "label": r["label"], "text": r["text"], "urls": r["urls"], "title": r["title"],
                "authors": r["authors"], "source": r["source"], "date": r["date"],
                "accessed": r["accessed"], "kind": r["kind"], "same_as": r["same_as"],
                "markers": array(&r["markers"]).len(),
            })
        })
        .collect();
    let findings = array(&doc["findings"])
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f["rule"], "reference": f["reference"], "severity": f["severity"],
                "suggestion": f["suggestion"], "url": f["url"],
            })
        })
        .collect();
    (refs, findings)
}

#[test]
fn the_sample_docx_reads_as_the_text_it_was_made_from() {
    let (docx, out) = check(&[&root().join("references/peninsula-prospects.docx")]);
    let (text, _) = check(&[&root().join("references/peninsula-prospects.txt")]);
    assert_eq!(docx["documents"][0]["format"], "docx");
    let (docx_refs, docx_findings) = reading(&docx);
    let (text_refs, text_findings) = reading(&text);
    assert_eq!(docx_refs.len(), 27);
    assert_eq!(docx_refs, text_refs);
    assert!(!docx_findings.is_empty());
    assert_eq!(docx_findings, text_findings);
    assert_eq!(docx["summary"]["urls"], text["summary"]["urls"]);
    assert_eq!(out.status.code(), Some(1), "errors present → exit 1");
    assert!(array(&docx["documents"][0]["warnings"]).is_empty());
    // positions are paragraphs: every marker in the body, every note after it
    let refs = array(&docx["documents"][0]["references"]);
    let last_marker = refs
        .iter()
        .flat_map(|r| array(&r["markers"]))
        .filter_map(|m| m["line"].as_u64())
        .max()
        .unwrap_or(0);
    let first_note = refs
        .iter()
        .filter_map(|r| r["line"].as_u64())
        .min()
        .unwrap_or(0);
    assert!(0 < last_marker && last_marker < first_note);
}

#[test]
fn reference_manager_fields_reach_the_report() {
    let (r, _) = check(&[&root().join("tests/fixtures/docx/zotero-citations.docx")]);
    let refs = array(&r["documents"][0]["references"]);
    assert_eq!(refs.len(), 3);
    // a journal article with its DOI
    assert_eq!(
        refs[0]["title"],
        "Powerplay: Origins of the U.S. Alliance System in Asia"
    );
    assert_eq!(refs[0]["date"], "2010");
    assert_eq!(refs[0]["doi"], "10.1162/isec.2010.34.3.158");
    assert_eq!(refs[0]["authors"][0], "Victor D. Cha");
    assert_eq!(refs[0]["source"], "International Security");
    assert_eq!(refs[0]["volume"], "34");
    assert_eq!(refs[0]["kind"], "journal");
    assert_eq!(
        array(&refs[0]["urls"]),
        ["https://doi.org/10.1162/isec.2010.34.3.158"]
    );
    // a web article: its date, its access date, its URL
    assert_eq!(refs[1]["date"], "2019-10-17");
    assert_eq!(refs[1]["accessed"], "2020-01-05");
    assert_eq!(
        array(&refs[1]["urls"]),
        ["https://www.38north.org/2019/10/depetris101719/"]
    );
    // Mendeley: the shown text gives no date, the record does (a `raw` date)
    assert!(!refs[2]["text"].as_str().unwrap_or("").contains("2018"));
    assert_eq!(refs[2]["date"], "2018-03-28");
    assert_eq!(refs[2]["title"], "Xi Jinping Meets with Kim Jong Un");
    assert_eq!(refs[2]["authors"][0], "Xinhua News Agency");
    let findings = array(&r["documents"][0]["findings"]);
    assert!(
        !findings.iter().any(|f| f["rule"] == "citation-incomplete"),
        "{findings:?}"
    );
}

/// (label, text, URLs, marker lines) of each note of a real file.
fn notes_of(path: &str) -> Vec<(String, String, Vec<String>, Vec<u64>)> {
    let (r, out) = check(&[&root().join(path)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(array(&r["documents"][0]["warnings"]).is_empty());
    array(&r["documents"][0]["references"])
        .iter()
        .map(|n| {
            (
                n["label"].as_str().unwrap_or("").to_string(),
                n["text"].as_str().unwrap_or("").to_string(),
                array(&n["urls"])
                    .iter()
                    .filter_map(|u| u.as_str().map(str::to_string))
                    .collect(),
                array(&n["markers"])
                    .iter()
                    .filter_map(|m| m["line"].as_u64())
                    .collect(),
            )
        })
        .collect()
}

fn note(
    label: &str,
    text: &str,
    urls: &[&str],
    markers: &[u64],
) -> (String, String, Vec<String>, Vec<u64>) {
    (
        label.to_string(),
        text.to_string(),
        urls.iter().map(|u| u.to_string()).collect(),
        markers.to_vec(),
    )
}

#[test]
fn files_word_and_libreoffice_wrote_read_as_they_show() {
    // Word 2010: two footnotes after "Ouch" and "."
    assert_eq!(
        notes_of("tests/fixtures/docx/real/mammoth-footnotes.docx"),
        [
            note("1", "A tachyon walks into a bar.", &[], &[1]),
            note("2", "Fin.", &[], &[1])
        ]
    );
    // Word 2010: a footnote whose text is a link, resolved through the footnotes' own rels
    assert_eq!(
        notes_of("tests/fixtures/docx/real/mammoth-footnote-hyperlink.docx"),
        [note("1", "Example", &["http://www.example.com"], &[1])]
    );
    // LibreOffice: endnotes in lower-case roman, ids 2 and 3
    assert_eq!(
        notes_of("tests/fixtures/docx/real/mammoth-endnotes.docx"),
        [
            note("i", "A tachyon walks into a bar.", &[], &[1]),
            note("ii", "Fin.", &[], &[1])
        ]
    );
}

fn zip_of(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, data) in parts {
        z.start_file(*name, opts)
            .unwrap_or_else(|e| panic!("zip: {e}"));
        z.write_all(data).unwrap_or_else(|e| panic!("zip: {e}"));
    }
    z.finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner()
}

/// A document.xml that inflates to 300 MiB (of spaces inside the body) from a few hundred KB.
fn zip_bomb() -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("word/document.xml", opts)
        .unwrap_or_else(|e| panic!("zip: {e}"));
    z.write_all(b"<w:document><w:body>")
        .unwrap_or_else(|e| panic!("zip: {e}"));
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..300 {
        z.write_all(&spaces).unwrap_or_else(|e| panic!("zip: {e}"));
    }
    z.write_all(b"</w:body></w:document>")
        .unwrap_or_else(|e| panic!("zip: {e}"));
    z.finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner()
}

#[test]
fn corrupt_files_are_one_error_each_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sample = std::fs::read(root().join("references/peninsula-prospects.docx"))
        .unwrap_or_else(|e| panic!("{e}"));
    let bomb = zip_bomb();
    assert!(bomb.len() < 2 << 20, "the bomb is small: {}", bomb.len());
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let bad: [(&str, Vec<u8>, &str); 4] = [
        (
            "truncated.docx",
            sample
                .get(..sample.len() * 2 / 3)
                .unwrap_or_default()
                .to_vec(),
            "truncated",
        ),
        ("bomb.docx", bomb, "zip bomb"),
        ("noise.docx", noise, "not a zip"),
        (
            "no-body.docx",
            zip_of(
                &[("[Content_Types].xml", b"<Types/>")],
                CompressionMethod::Deflated,
            ),
            "no word/document.xml",
        ),
    ];
    let good = root().join("references/peninsula-prospects.docx");
    let mut paths = vec![good.clone()];
    for (name, bytes, _) in &bad {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let (r, out) = check(&refs);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(".docx")).collect();
    assert_eq!(lines.len(), bad.len(), "{err}");
    for (name, _, why) in &bad {
        let line = lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no error names {name}: {err}"));
        assert!(line.contains(why), "{name}: {line}");
    }
    // the good document is still read and checked
    let docs = array(&r["documents"]);
    assert_eq!(docs.len(), 1, "{r}");
    assert_eq!(array(&docs[0]["references"]).len(), 27);
}

/// A Word document whose body and footnotes are the given XML.
fn docx_with(body: &str, notes: &str) -> Vec<u8> {
    zip_of(
        &[
            ("word/document.xml", body.as_bytes()),
            ("word/footnotes.xml", notes.as_bytes()),
        ],
        CompressionMethod::Deflated,
    )
}

/// Pieces of WordprocessingML, well-formed or not, put together at random.
const PIECES: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:rPr><w:i/></w:rPr>",
    r#"<w:footnoteReference w:id="1"/>"#,
    r#"<w:footnoteReference w:customMarkFollows="1" w:id="2"/>"#,
    r#"<w:endnoteReference w:id="1"/>"#,
    r#"<w:footnote w:id="1">"#,
    r#"<w:footnote w:type="separator" w:id="0">"#,
    "</w:footnote>",
    "<w:footnoteRef/>",
    r#"<w:fldChar w:fldCharType="begin"/>"#,
    r#"<w:fldChar w:fldCharType="separate"/>"#,
    r#"<w:fldChar w:fldCharType="end"/>"#,
    "<w:instrText>",
    "</w:instrText>",
    " HYPERLINK \"https://example.org/a\" ",
    r#"ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"itemData":{"title":"T","issued":{"date-parts":[[2019,2,30]]},"DOI":"10.1/x"}}]}"#,
    r#"ADDIN CSL_CITATION {"citationItems":[{"itemData":{"author":[{}],"issued":{"date-parts":[["x"]]}}"#,
    r#"<w:fldSimple w:instr="HYPERLINK &quot;http://x.org&quot;">"#,
    "</w:fldSimple>",
    r#"<w:hyperlink r:id="rId1">"#,
    "</w:hyperlink>",
    r#"<w:sdt><w:sdtPr><w:tag w:val="MENDELEY_CITATION_v3_eyJjaXRhdGlvbkl0ZW1zIjpbXX0="/></w:sdtPr><w:sdtContent>"#,
    "</w:sdtContent></w:sdt>",
    "<w:del>",
    "</w:del>",
    "<w:tab/><w:br/>",
    "<![CDATA[x]]>",
    "&amp;&#x1F600;&bogus;",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(PIECES).prop_map(str::to_string),
        "[a-zA-Z0-9 .,“”<>&;/=\"-]{0,12}",
        "\\PC{0,8}",
    ]
}

fn assembled() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract_docx("p.docx", &bytes);
        // the same bytes behind a zip's signature
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = extract_docx("p.docx", &zipped);
    }

    #[test]
    fn arbitrary_xml_in_a_valid_zip_never_panics(body in assembled(), notes in assembled()) {
        let body = format!(r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>{body}</w:body></w:document>"#);
        let notes = format!(r#"<w:footnotes xmlns:w="w">{notes}</w:footnotes>"#);
        let bytes = docx_with(&body, &notes);
        if let Ok(doc) = extract_docx("p.docx", &bytes) {
            for m in &doc.markers {
                prop_assert!(m.pos.line >= 1 && m.pos.column >= 1);
            }
            for n in &doc.notes {
                prop_assert!(n.pos.line >= 1 && n.pos.column >= 1);
                prop_assert!(!n.label.is_empty());
            }
            let refs = reflint::cite::read_document(&doc);
            prop_assert_eq!(refs.len(), doc.notes.len());
        }
        // cut anywhere, the same zip is an error or a document, never a panic
        let cut = bytes.len() / 3;
        let _ = extract_docx("p.docx", bytes.get(..cut).unwrap_or_default());
    }
}
