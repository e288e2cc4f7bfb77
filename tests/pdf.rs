//! PDF inputs end to end: the sample typeset from `references/peninsula-prospects.txt` reports
//! as the text does; damaged, encrypted and foreign files each cost one line and not the run;
//! random and mutated PDFs never panic (proptest).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;
use reflint::extract::read_bytes;
use reflint::model::Format;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(inputs: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflint"))
        .env_remove("NO_COLOR")
        .env("CI", "true")
        .args([
            "check",
            "--offline",
            "--format",
            "json",
            "--document-date",
            "2020-06-01",
        ])
        .args(inputs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"))
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// What a report says of one document, without its positions: each reference (label, URLs,
/// the note it repeats, how many markers), each finding (rule, reference, severity), sorted.
fn reading(doc: &Value) -> (Vec<String>, Vec<String>) {
    let refs = doc["references"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            format!(
                "{} {} same_as={} markers={}",
                r["label"],
                r["urls"],
                r["same_as"],
                r["markers"].as_array().map_or(0, Vec::len)
            )
        })
        .collect();
    let mut findings: Vec<String> = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{} {} {}", f["rule"], f["reference"], f["severity"]))
        .collect();
    findings.sort();
    (refs, findings)
}

#[test]
fn the_sample_pdf_reports_as_its_text() {
    let txt = root().join("references/peninsula-prospects.txt");
    let pdf = root().join("references/peninsula-prospects.pdf");
    let (t, p) = (check(&[&txt]), check(&[&pdf]));
    assert_eq!(t.status.code(), p.status.code());
    let (t, p) = (json(&t), json(&p));
    let (td, pd) = (&t["documents"][0], &p["documents"][0]);
    assert_eq!(pd["format"], "pdf");
    let (t_refs, t_findings) = reading(td);
    let (p_refs, p_findings) = reading(pd);
    assert_eq!(p_refs.len(), 27);
    assert_eq!(p_refs, t_refs);
    assert!(!p_findings.is_empty());
    assert_eq!(p_findings, t_findings);
    assert_eq!(p["summary"], t["summary"]);
    assert_eq!(pd["warnings"], td["warnings"]);
}

/// Bytes that look like nothing, the same every run.
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn damaged_pdfs_cost_one_line_each_and_not_the_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let put = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
        p
    };
    let sample = fixture("references/peninsula-prospects.pdf");
    let tex = fixture("tests/fixtures/pdf/real/l3news02.pdf");
    let good = put("good.txt", &fixture("references/peninsula-prospects.txt"));
    // refused: pdfTeX keeps its pages in object streams at the end, cut off here
    let cut = put("cut.pdf", tex.get(..tex.len() / 2).unwrap_or_default());
    // refused: a user password is needed (made by pypdf's tests, AES-256)
    let locked = put(
        "locked.pdf",
        &fixture("tests/fixtures/pdf/encrypted/r6-both-passwords.pdf"),
    );
    // refused: not a PDF at all
    let foreign = put("noise.pdf", &noise(20_000));
    // read best-effort: the first half of a file whose pages come first
    let half = put(
        "half.pdf",
        sample.get(..sample.len() / 2).unwrap_or_default(),
    );
    // read best-effort: its startxref points nowhere; the table is rebuilt
    let at = sample
        .windows(9)
        .rposition(|w| w == b"startxref")
        .unwrap_or(0);
    let mut moved = sample.get(..at).unwrap_or_default().to_vec();
    moved.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
    let moved = put("moved.pdf", &moved);
    // and its cross-reference table garbled: its offsets all wrong
    let mut garbled = sample.clone();
    if let Some(x) = garbled.windows(5).rposition(|w| w == b"\nxref") {
        for b in garbled.iter_mut().skip(x + 12).take(400) {
            if b.is_ascii_digit() {
                *b = b'0' + (*b - b'0' + 3) % 10;
            }
        }
    }
    let garbled = put("garbled.pdf", &garbled);

    let out = check(&[&good, &cut, &locked, &foreign, &half, &moved, &garbled]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    // one line per bad file: three refused, three read as far as they go (and reported)
    assert_eq!(lines.len(), 6, "{err}");
    for (line, (path, why)) in lines.iter().zip([
        (&cut, "damaged PDF, not read"),
        (&locked, "encrypted PDF, not read"),
        (&foreign, "not a PDF"),
        (&half, "damaged PDF"),
        (&moved, "damaged PDF: its cross-reference table was rebuilt"),
        (
            &garbled,
            "damaged PDF: its cross-reference table was rebuilt",
        ),
    ]) {
        assert!(
            line.contains(&format!("{}: {why}", path.display())),
            "{line}"
        );
    }
    let report = json(&out);
    let docs = report["documents"].as_array().cloned().unwrap_or_default();
    let by_name = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(docs.len(), 4);
    assert_eq!(
        by_name("good.txt")["references"]
            .as_array()
            .map_or(0, Vec::len),
        27
    );
    let half = by_name("half.pdf");
    let n = half["references"].as_array().map_or(0, Vec::len);
    assert!(n > 0 && n < 27, "{n}");
    assert!(half["warnings"][0]
        .as_str()
        .is_some_and(|w| w.starts_with("damaged PDF")));
    for name in ["moved.pdf", "garbled.pdf"] {
        let d = by_name(name);
        assert_eq!(d["references"].as_array().map_or(0, Vec::len), 27, "{name}");
        assert!(
            d["warnings"][0]
                .as_str()
                .is_some_and(|w| w.contains("rebuilt")),
            "{name}: {}",
            d["warnings"]
        );
    }
}

/// The sample with its streams uncompressed, so that mutations reach its dictionaries, content
/// and fonts rather than only breaking its compression.
fn plain_sample() -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&fixture("references/peninsula-prospects.pdf"))
        .unwrap_or_else(|e| panic!("{e}"));
    doc.decompress();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// A mutation of a file: bytes overwritten, removed or repeated, or the file cut.
#[derive(Clone, Debug)]
enum Edit {
    Set(usize, u8),
    Remove(usize, usize),
    Repeat(usize, usize),
    Cut(usize),
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Set(at, b) => {
                if let Some(x) = bytes.get_mut(at % n) {
                    *x = b;
                }
            }
            Edit::Remove(at, len) => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Repeat(at, len) => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                let piece = bytes.get(at..end).unwrap_or_default().to_vec();
                bytes.splice(at..at, piece);
            }
            Edit::Cut(at) => bytes.truncate(at % n),
        }
    }
    bytes
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Set(a, b)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(a, l)| Edit::Remove(a, l)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(a, l)| Edit::Repeat(a, l)),
        1 => any::<usize>().prop_map(Edit::Cut),
    ]
}

/// Reading any bytes as a PDF ends: a document or one error line naming the file.
fn reads_or_refuses(bytes: &[u8]) -> Result<(), TestCaseError> {
    match read_bytes("m.pdf", bytes, Some(Format::Pdf)) {
        Ok(doc) => prop_assert!(doc.notes.iter().all(|n| n.pos.line >= 1)),
        Err(e) => {
            prop_assert!(e.path == "m.pdf");
            prop_assert!(
                !e.message.is_empty() && !e.message.contains('\n'),
                "{}",
                e.message
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        head in prop_oneof![Just(&b""[..]), Just(&b"%PDF-1.4\n"[..]), Just(&b"%PDF-1.7\n1 0 obj\n<<"[..])],
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
    ) {
        let mut all = head.to_vec();
        all.extend_from_slice(&bytes);
        reads_or_refuses(&all)?;
    }

    #[test]
    fn mutated_real_pdfs_never_panic(
        which in 0usize..4,
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        let base = match which {
            0 => plain_sample(),
            1 => fixture("tests/fixtures/pdf/real/l3news02.pdf"),
            2 => fixture("tests/fixtures/pdf/real/polyglossia-examples.pdf"),
            _ => fixture("tests/fixtures/pdf/encrypted/r2-empty-password.pdf"),
        };
        reads_or_refuses(&apply(base, &edits))?;
    }
}
