//! End-to-end tests: run the `reflint` binary on the sample documents and on broken inputs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reflint"));
    c.env_remove("NO_COLOR").env("CI", "true");
    c
}

fn refs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("references")
}

fn sample(name: &str) -> PathBuf {
    refs_dir().join(name)
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"))
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `reflint check --offline --format json` on a file, with a fixed document date.
fn check_json(path: &Path) -> (Value, i32) {
    let out = run(&[
        "check",
        "--offline",
        "--format",
        "json",
        "--document-date",
        "2020-06-01",
        path.to_str().unwrap_or_default(),
    ]);
    (json_of(&out), out.status.code().unwrap_or(-1))
}

fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn finding_refs(report: &Value, rule: &str) -> Vec<String> {
    findings(report, rule)
        .iter()
        .filter_map(|f| f["reference"].as_str().map(str::to_string))
        .collect()
}

fn tmp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
    p
}

fn prospects() -> String {
    std::fs::read_to_string(sample("peninsula-prospects.txt")).unwrap_or_default()
}

#[test]
fn prospects_sample_acceptance() {
    let (r, code) = check_json(&sample("peninsula-prospects.txt"));
    assert_eq!(code, 1, "errors present → exit 1");
    assert_eq!(r["schema"], "reflint/report/v1");
    let doc = &r["documents"][0];
    let refs = doc["references"].as_array().cloned().unwrap_or_default();
    assert_eq!(refs.len(), 27);
    let labels: Vec<String> = refs
        .iter()
        .filter_map(|x| x["label"].as_str().map(str::to_string))
        .collect();
    let expected: Vec<String> = (1..=27).map(|n| n.to_string()).collect();
    assert_eq!(labels, expected);
    // every note has exactly one marker
    let markers: usize = refs
        .iter()
        .map(|x| x["markers"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(markers, 27);
    assert!(refs
        .iter()
        .all(|x| x["markers"].as_array().map_or(0, Vec::len) == 1));
    for f in doc["findings"].as_array().into_iter().flatten() {
        assert!(
            !f["rule"].as_str().unwrap_or("").starts_with("note-"),
            "unexpected {f}"
        );
    }
    // exactly 12 URLs, all clean
    let urls: Vec<&str> = refs
        .iter()
        .flat_map(|x| x["urls"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(urls.len(), 12, "{urls:?}");
    assert_eq!(r["summary"]["urls"], 12);
    for u in &urls {
        assert!(u.starts_with("http"), "{u}");
        assert!(!u.ends_with(['.', '>', ',', ')', '”', '"']), "{u}");
        assert!(!u.contains(['<', '>', ' ']), "{u}");
    }
    assert!(urls.contains(&"http://www.xinhuanet.com//2020-01/02/c_1125416394.htm"));
    assert!(urls.contains(&"https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index"));
    // date-url-mismatch on 1 (error, suggestion) and 22 (warning)
    let dum = findings(&r, "date-url-mismatch");
    assert_eq!(finding_refs(&r, "date-url-mismatch"), ["1", "22"]);
    assert_eq!(dum[0]["severity"], "error");
    assert_eq!(dum[0]["suggestion"], "2020-01-02");
    assert_eq!(dum[0]["evidence"]["cited"], "2010-01-02");
    assert_eq!(dum[0]["evidence"]["found"], "2020-01-02");
    assert_eq!(dum[0]["evidence"]["where"], "url");
    assert_eq!(dum[0]["line"], 11);
    assert_eq!(dum[1]["severity"], "warning");
    assert_eq!(dum[1]["evidence"]["found"], "2019-10-29");
    assert_eq!(finding_refs(&r, "date-after-claim"), ["1"]);
    assert_eq!(finding_refs(&r, "title-url-mismatch"), ["6"]);
    assert_eq!(finding_refs(&r, "citation-incomplete"), ["23"]);
    // note 20 is a short form of note 7
    assert_eq!(refs[19]["same_as"], "7");
    assert!(refs
        .iter()
        .enumerate()
        .all(|(i, x)| i == 19 || x["same_as"].is_null()));
    // fields of note 1
    assert_eq!(refs[0]["source"], "Xinhua");
    assert_eq!(refs[0]["date"], "2010-01-02");
    assert_eq!(refs[0]["line"], 11);
    assert_eq!(refs[0]["markers"][0]["line"], 7);
    assert_eq!(refs[8]["date"], "2019", "No.9 is an issue, not a month");
    // no error other than the two above
    let errors: Vec<&Value> = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    // offline: every URL is a skipped link
    assert_eq!(r["links"].as_array().map_or(0, Vec::len), 12);
    assert!(r["links"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|l| l["status"] == "skipped"));
    assert_eq!(r["summary"]["links"]["skipped"], 12);
}

#[test]
fn deadlock_sample_has_no_notes() {
    let out = run(&[
        "check",
        "--offline",
        sample("peninsula-deadlock.txt")
            .to_str()
            .unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("peninsula-deadlock.txt: no notes found"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    let (r, code) = check_json(&sample("peninsula-deadlock.txt"));
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["references"], 0);
    assert_eq!(
        r["documents"][0]["findings"].as_array().map_or(1, Vec::len),
        0
    );
}

/// Applies `edit` to the prospects sample, checks the result.
fn mutated(edit: impl FnOnce(String) -> String) -> Value {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = edit(prospects());
    let p = tmp_file(&dir, "mutant.txt", text.as_bytes());
    check_json(&p).0
}

#[test]
fn mutation_deleted_note_definition() {
    let r = mutated(|t| {
        t.lines()
            .filter(|l| !l.starts_with("13 Wi Seong-rak"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert_eq!(finding_refs(&r, "note-missing"), ["13"]);
    assert!(finding_refs(&r, "note-unreferenced").is_empty());
}

#[test]
fn mutation_number_defined_twice() {
    let r = mutated(|t| t.replace("14 Han Xiandong", "13 Han Xiandong"));
    assert_eq!(finding_refs(&r, "note-duplicate"), ["13"]);
}

#[test]
fn mutation_cited_year_changed() {
    let r = mutated(|t| t.replace("*Xinhua*, March 28, 2018", "*Xinhua*, March 28, 2016"));
    let refs = finding_refs(&r, "date-url-mismatch");
    assert!(refs.contains(&"2".to_string()), "{refs:?}");
    let f = findings(&r, "date-url-mismatch")
        .into_iter()
        .find(|f| f["reference"] == "2")
        .cloned();
    assert_eq!(f.map(|f| f["severity"].clone()), Some(Value::from("error")));
}

#[test]
fn mutation_marker_removed() {
    let r = mutated(|t| t.replace("joint efforts.²", "joint efforts."));
    assert_eq!(finding_refs(&r, "note-unreferenced"), ["2"]);
    assert!(finding_refs(&r, "note-missing").is_empty());
}

#[test]
fn markdown_and_html_samples_report_their_planted_defects() {
    let (md, _) = check_json(&sample("markdown-defects.md"));
    assert_eq!(finding_refs(&md, "note-missing"), ["gone"]);
    assert_eq!(finding_refs(&md, "note-unreferenced"), ["orphan"]);
    assert_eq!(finding_refs(&md, "date-url-mismatch"), ["2"]);
    assert_eq!(finding_refs(&md, "date-invalid"), ["3"]);
    assert_eq!(finding_refs(&md, "url-malformed"), ["4"]);
    let (html, _) = check_json(&sample("html-defects.html"));
    assert_eq!(finding_refs(&html, "note-missing"), ["4"]);
    assert_eq!(finding_refs(&html, "date-url-mismatch"), ["2"]);
    assert_eq!(finding_refs(&html, "date-future"), ["3"]);
    for clean in ["markdown-clean.md", "html-clean.html"] {
        let (r, code) = check_json(&sample(clean));
        assert_eq!(code, 0, "{clean}");
        assert!(
            r["summary"]["references"].as_u64().unwrap_or(0) >= 3,
            "{clean}"
        );
        assert_eq!(
            r["documents"][0]["findings"],
            Value::Array(vec![]),
            "{clean}"
        );
    }
}

#[test]
fn directory_input_reads_every_document_and_skips_readme() {
    let (r, _) = check_json(&refs_dir());
    let paths: Vec<&str> = r["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("peninsula-prospects.txt")));
    assert!(paths.iter().any(|p| p.ends_with("html-clean.html")));
    assert!(!paths.iter().any(|p| p.ends_with("README.md")));
}

#[test]
fn default_subcommand_and_exit_codes() {
    let p = sample("peninsula-prospects.txt");
    let out = run(&["--offline", p.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("date-url-mismatch"))
        .unwrap_or_default();
    assert!(line.contains("peninsula-prospects.txt:11:"), "{line}");
    // told with the findings of the same cited date
    assert!(line.contains(" error date-url-mismatch"), "{line}");
    assert!(
        text.contains("Significant Signals"),
        "the note's text is shown"
    );
    let out = run(&[
        "check",
        "--offline",
        "--fail-on",
        "never",
        p.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    // a document with warnings only: exit 0 by default, 1 with --fail-on warning
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let warn_only = tmp_file(
        &dir,
        "warn.md",
        "A claim.[^1]\n\n[^1]: “A,” *X*, 2019.\n[^2]: “Orphan,” *Y*, 2019.\n".as_bytes(),
    );
    let w = warn_only.to_str().unwrap_or_default();
    assert_eq!(run(&["check", "--offline", w]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--offline", "--fail-on", "warning", w])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", "--offline", "--fail-on", "info", w])
            .status
            .code(),
        Some(1)
    );
    let out = run(&[
        "check",
        "--offline",
        "--color",
        "always",
        p.to_str().unwrap_or_default(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b["));
    let out = bin()
        .args([
            "check",
            "--offline",
            "--color",
            "auto",
            p.to_str().unwrap_or_default(),
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b["));
}

#[test]
fn output_file_and_document_date() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out_path = dir.path().join("r.json");
    let p = sample("peninsula-prospects.txt");
    let out = run(&[
        "check",
        "--offline",
        "--format",
        "json",
        "--output",
        out_path.to_str().unwrap_or_default(),
        "--document-date",
        "2019-12-01",
        p.to_str().unwrap_or_default(),
    ]);
    assert!(out.stdout.is_empty());
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap_or_default())
        .unwrap_or_default();
    assert_eq!(r["documents"][0]["document_date"], "2019-12-01");
    // notes dated 2020 are now in the future
    let future = finding_refs(&r, "date-future");
    assert!(future.contains(&"7".to_string()), "{future:?}");
    let bad = run(&[
        "check",
        "--offline",
        "--document-date",
        "someday",
        p.to_str().unwrap_or_default(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--document-date"));
}

#[test]
fn extract_prints_references() {
    let out = run(&[
        "extract",
        sample("peninsula-prospects.txt")
            .to_str()
            .unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    let doc = &v["documents"][0];
    assert_eq!(doc["references"].as_array().map_or(0, Vec::len), 27);
    assert_eq!(doc["markers"].as_array().map_or(0, Vec::len), 27);
    assert_eq!(doc["references"][5]["authors"][0], "Victor Cha");
    assert_eq!(
        doc["references"][5]["source"],
        "Center for Strategic and International Studies"
    );
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "note-missing",
        "date-url-mismatch",
        "citation-conflict",
        "link-soft-404",
        "archive-missing",
    ] {
        assert!(text.contains(id), "{id}");
    }
    let out = run(&["explain", "date-url-mismatch"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## Example") && text.contains("c_1125416394"));
    let out = run(&["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
}

fn one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn bad_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("nope.txt");
    one_line_error(
        &run(&["check", "--offline", missing.to_str().unwrap_or_default()]),
        "nope.txt: no such file",
    );
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir_all(&empty_dir).unwrap_or_default();
    std::fs::write(empty_dir.join("data.bin"), b"xx").unwrap_or_default();
    one_line_error(
        &run(&["check", "--offline", empty_dir.to_str().unwrap_or_default()]),
        "no documents found",
    );
    // a folder of formats reflint does not read yet says which files it skipped
    std::fs::write(empty_dir.join("slides.pptx"), b"PK").unwrap_or_default();
    one_line_error(
        &run(&["check", "--offline", empty_dir.to_str().unwrap_or_default()]),
        "skipped 2 files reflint does not read yet: data.bin, slides.pptx",
    );
    let bin_file = tmp_file(
        &dir,
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    one_line_error(
        &run(&["check", "--offline", bin_file.to_str().unwrap_or_default()]),
        "image.txt: binary data",
    );
    one_line_error(
        &run(&["check", "--offline", "--format", "xml", "x"]),
        "--format",
    );
}

#[test]
fn odd_but_readable_inputs_get_a_best_effort() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // invalid UTF-8: decoded lossily, with a warning
    let bad = tmp_file(&dir, "latin1.txt", b"Caf\xe9 society grew.\xc2\xb9\n\n1 \xe2\x80\x9cTitle,\xe2\x80\x9d *Outlet*, May 3, 2018.\n");
    let (r, code) = check_json(&bad);
    assert_eq!(code, 0);
    assert_eq!(
        r["documents"][0]["warnings"][0],
        "invalid UTF-8 (decoded lossily)"
    );
    assert_eq!(r["summary"]["references"], 1);
    // UTF-16 with a BOM
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Claim.¹\n\n1 “Title,” *Outlet*, May 3, 2018.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let p = tmp_file(&dir, "utf16.txt", &utf16);
    let (r, code) = check_json(&p);
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["references"], 1);
    // empty file
    let p = tmp_file(&dir, "empty.md", b"");
    let (r, code) = check_json(&p);
    assert_eq!(code, 0);
    assert_eq!(r["documents"][0]["warnings"][0], "empty document");
    // a 10 MB line
    let mut long = "word ".repeat(2_000_000);
    long.push_str("end.¹\n\n1 “Title,” *Outlet*, May 3, 2018.\n");
    let p = tmp_file(&dir, "long.txt", long.as_bytes());
    let (r, code) = check_json(&p);
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["references"], 1);
}

#[test]
fn stdin_input() {
    let mut child = bin()
        .args([
            "check",
            "--offline",
            "--format",
            "json",
            "--input-format",
            "markdown",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ =
            stdin.write_all(b"A claim.[^1]\n\n[^1]: Jane Roe, \"Title,\" *Outlet*, May 3, 2018.\n");
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let r = json_of(&out);
    assert_eq!(r["documents"][0]["path"], "<stdin>");
    assert_eq!(r["documents"][0]["format"], "markdown");
    assert_eq!(r["summary"]["references"], 1);
}

#[test]
fn markdown_defects_sample_has_exactly_its_planted_defects() {
    let (r, _) = check_json(&sample("markdown-defects.md"));
    let all: Vec<String> = r["documents"][0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        all,
        [
            "note-missing",
            "date-url-mismatch",
            "date-invalid",
            "url-malformed",
            "note-unreferenced"
        ]
    );
}

#[test]
fn near_misses_get_did_you_mean() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = tmp_file(&dir, "F.txt", b"Text.[1]\n\n1. A note.\n");
    let f = file.to_str().unwrap_or_default();
    one_line_error(&run(&["chek", f]), "did you mean `reflint check`?");
    one_line_error(
        &run(&["expalin", "link-dead"]),
        "did you mean `reflint explain`?",
    );
    one_line_error(
        &run(&["check", "--ofline", f]),
        "unexpected argument '--ofline'; did you mean '--offline'?",
    );
    one_line_error(
        &run(&["explain", "date-url-mismach"]),
        "unknown rule `date-url-mismach`; did you mean `date-url-mismatch`?",
    );
    one_line_error(
        &run(&["check", "--format", "jsn", f]),
        "did you mean 'json'?",
    );
    // values that do not parse say what is expected
    one_line_error(
        &run(&["check", "--timeout", "abc", f]),
        "--timeout <SECS>': expected a number of seconds above 0, e.g. 20",
    );
    one_line_error(
        &run(&["check", "--host-concurrency", "0", f]),
        "expected a whole number of requests above 0",
    );
    // a file of that name is read, not taken for a command
    let chek = tmp_file(&dir, "chek", b"Text.[1]\n\n1. A note.\n");
    let out = bin()
        .current_dir(dir.path())
        .args(["chek", "--offline"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(chek.exists());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("did you mean"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
