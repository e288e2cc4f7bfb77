//! LaTeX documents and BibTeX files through the binary (`check --offline --format json`):
//! findings about keys in the right files and lines, the LaTeX sample against its plain text,
//! a `.bib` on its own, a directory walk, broken inputs; real bibliographies; any text through
//! both readers (proptest).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde_json::Value;

use reflint::extract::latex::{extract_bib, extract_latex, parse_bib};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `reflint check --offline --format json` on the inputs: the report and the exit code.
fn check(inputs: &[&Path]) -> (Value, i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reflint"))
        .args([
            "check",
            "--offline",
            "--format",
            "json",
            "--document-date",
            "2024-01-01",
        ])
        .args(inputs)
        .env("CI", "true")
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"));
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        report,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn arr(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn findings(doc: &Value) -> Vec<(String, String, Option<String>, u64)> {
    arr(&doc["findings"])
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["reference"].as_str().unwrap_or_default().to_string(),
                f["file"].as_str().map(str::to_string),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const COMPLETE: &str = "  author = {Roe, Jane},\n  journaltitle = {Journal of Tests},\n  volume = {3},\n  date = {2019-05-03},\n";

#[test]
fn an_undefined_and_an_unused_key_are_the_only_findings_in_their_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    let bib = write(
        d,
        "refs.bib",
        &format!("@article{{used,\n{COMPLETE}  title = {{A Used Work}},\n}}\n\n@article{{unused,\n{COMPLETE}  title = {{A Work Never Cited}},\n}}\n"),
    );
    let chapter = write(
        d,
        "chapters/one.tex",
        "\\section{One}\nAs shown before \\citep[p.~4]{used}, and\nalso elsewhere \\parencite{undefinedkey}.\n",
    );
    let main = write(
        d,
        "paper.tex",
        "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{refs.bib}\n\\begin{document}\nIntro \\cite{used}.\n\\input{chapters/one}\n\\printbibliography\n\\end{document}\n",
    );
    let (r, code, _) = check(&[&main]);
    let docs = arr(&r["documents"]);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["format"], "latex");
    assert_eq!(arr(&doc["warnings"]), Vec::<Value>::new());
    let path = |p: &Path| Some(p.to_string_lossy().to_string());
    assert_eq!(
        findings(doc),
        [
            (
                "note-missing".to_string(),
                "undefinedkey".to_string(),
                path(&chapter),
                3
            ),
            (
                "note-unreferenced".to_string(),
                "unused".to_string(),
                path(&bib),
                9
            ),
        ]
        .into_iter()
        .collect::<Vec<_>>()
    );
    let messages: Vec<String> = arr(&doc["findings"])
        .iter()
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "citation key undefinedkey has no bibliography entry",
            "bibliography entry unused is never cited"
        ]
    );
    assert_eq!(code, 1);
    // the entries as references, in their file, with the markers that cite them
    let refs = arr(&doc["references"]);
    let used = refs
        .iter()
        .find(|x| x["label"] == "used")
        .cloned()
        .unwrap_or_default();
    assert_eq!(used["file"].as_str(), path(&bib).as_deref());
    assert_eq!(used["line"], 1);
    assert_eq!(used["title"], "A Used Work");
    assert_eq!(used["date"], "2019-05-03");
    let markers = arr(&used["markers"]);
    assert_eq!(markers.len(), 2);
    assert_eq!(markers[0]["line"], 5);
    assert!(markers[0].get("file").is_none());
    assert_eq!(markers[1]["file"].as_str(), path(&chapter).as_deref());
    assert_eq!(markers[1]["line"], 2);
}

#[test]
fn every_report_format_names_the_file_of_a_finding() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    write(
        d,
        "refs.bib",
        &format!("@article{{orphan,\n{COMPLETE}  title = {{Orphan}},\n}}\n"),
    );
    let main = write(d, "p.tex", "\\bibliography{refs}\nText \\cite{gone}.\n");
    for (format, needle) in [
        ("terminal", "refs.bib:1:1"),
        ("github", "file=REFS,line=1"),
        ("junit", "refs.bib:1:1"),
        ("sarif", "refs.bib"),
        ("markdown", "refs.bib:1"),
        ("html", "refs.bib line 1"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_reflint"))
            .args(["check", "--offline", "--format", format])
            .arg(&main)
            .env("CI", "true")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        let bib = d.join("refs.bib").to_string_lossy().to_string();
        let needle = needle.replace("REFS", &bib);
        assert!(text.contains(&needle), "{format}: no {needle} in\n{text}");
    }
}

/// The distinct URLs of a report's references.
fn urls(doc: &Value) -> BTreeSet<String> {
    arr(&doc["references"])
        .iter()
        .flat_map(|r| arr(&r["urls"]))
        .filter_map(|u| u.as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_latex_sample_reads_as_its_plain_text() {
    let txt = root().join("references/peninsula-prospects.txt");
    let tex = root().join("references/peninsula-prospects.tex");
    let bib = root().join("references/peninsula-prospects.bib");
    let (t, _, _) = check(&[&txt]);
    let (l, _, _) = check(&[&tex]);
    let (t, l) = (&t["documents"][0], &l["documents"][0]);
    assert_eq!(arr(&l["warnings"]), Vec::<Value>::new());
    // the same 27 notes: footnotes keep their numbers, bibliography entries their keys
    let labels: Vec<String> = arr(&l["references"])
        .iter()
        .filter_map(|r| r["label"].as_str().map(str::to_string))
        .collect();
    assert_eq!(labels.len(), 27, "{labels:?}");
    // the five notes left as footnotes, numbered among themselves (`\footcite`s are citations)
    for n in ["1", "2", "3", "4", "5"] {
        assert!(labels.iter().any(|l| l == n), "footnote {n} in {labels:?}");
    }
    assert_eq!(urls(t), urls(l));
    assert_eq!(urls(l).len(), 12);
    // the defects: the same rules on the same citations (by title), the entries' in the .bib
    let by_title = |doc: &Value, rule: &str| -> BTreeSet<String> {
        let refs = arr(&doc["references"]);
        arr(&doc["findings"])
            .iter()
            .filter(|f| f["rule"] == rule)
            .filter_map(|f| {
                let r = refs.iter().find(|r| r["label"] == f["reference"])?;
                // TeX sets a straight apostrophe as a curly one
                r["title"].as_str().map(|t| t.replace('’', "'"))
            })
            .collect()
    };
    for rule in [
        "date-url-mismatch",
        "date-after-claim",
        "title-url-mismatch",
        "citation-incomplete",
    ] {
        let want = by_title(t, rule);
        assert!(!want.is_empty(), "{rule}");
        assert_eq!(by_title(l, rule), want, "{rule}");
    }
    let bib_path = bib.to_string_lossy().to_string();
    for f in arr(&l["findings"])
        .iter()
        .filter(|f| f["rule"] == "date-url-mismatch")
    {
        assert_eq!(f["file"].as_str(), Some(bib_path.as_str()), "{f}");
    }
    // the short form resolves to the entry of the citation it repeats
    let twenty = arr(&l["references"])
        .into_iter()
        .find(|r| {
            r.get("file").is_none()
                && r["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("“Report of the Fifth"))
        })
        .unwrap_or_default();
    assert!(
        twenty["same_as"]
            .as_str()
            .is_some_and(|s| s.contains("report")),
        "{twenty}"
    );
    for rule in [
        "note-missing",
        "note-unreferenced",
        "note-sequence",
        "note-duplicate",
    ] {
        assert!(by_title(l, rule).is_empty(), "{rule}");
    }
}

#[test]
fn the_samples_directory_reads_the_bib_through_its_document() {
    let (r, _, stderr) = check(&[&root().join("references")]);
    let paths: Vec<String> = arr(&r["documents"])
        .iter()
        .filter_map(|d| d["path"].as_str().map(str::to_string))
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("peninsula-prospects.tex")),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.ends_with(".bib")), "{paths:?}");
    assert!(stderr.is_empty() || !stderr.contains("error"), "{stderr}");
}

#[test]
fn a_bib_on_its_own_is_a_list_of_references() {
    let bib = root().join("references/peninsula-prospects.bib");
    let (r, _, _) = check(&[&bib]);
    let doc = &r["documents"][0];
    assert_eq!(doc["format"], "bibtex");
    assert_eq!(arr(&doc["references"]).len(), 22);
    let rules: BTreeSet<String> = arr(&doc["findings"])
        .iter()
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect();
    assert!(
        !rules.contains("note-unreferenced") && !rules.contains("note-sequence"),
        "{rules:?}"
    );
    assert!(rules.contains("date-url-mismatch"), "{rules:?}");
    // positions in the file itself: no other file named
    assert!(arr(&doc["findings"])
        .iter()
        .all(|f| f.get("file").is_none()));
}

#[test]
fn broken_inputs_warn_with_their_file_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    let broken = write(d, "broken.bib", "@article{fine, title = {Fine}, year = 2019}\n@article{open,\n  title = {Never {closed},\n  year = 2019\n\n@misc{later, title = {Read Again}, year = 2020}\n");
    let tex = write(
        d,
        "doc.tex",
        "Claim \\cite{fine,later}.\\footnote{Open {brace\n\nNext.\n\\bibliography{broken,absent}\n",
    );
    let binary = write(d, "bin.tex", "\\documentclass{article}\u{0}\u{1}\u{2}");
    let md = write(
        d,
        "ok.md",
        "Text.[^1]\n\n[^1]: “A Title,” *Outlet*, May 3, 2019.\n",
    );
    let (r, code, stderr) = check(&[&broken, &tex, &binary, &md]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bin.tex"), "{stderr}");
    // a damaged bibliography is an input error naming its file, read as far as it goes
    assert!(
        stderr.contains(&format!(
            "{}: damaged BibTeX (line 3: entry open: unbalanced braces",
            broken.display()
        )),
        "{stderr}"
    );
    let docs = arr(&r["documents"]);
    assert_eq!(docs.len(), 3, "the others are still checked");
    let warnings = |i: usize| -> String {
        arr(&docs[i]["warnings"])
            .iter()
            .filter_map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        warnings(0).contains("line 3: entry open: unbalanced braces"),
        "{}",
        warnings(0)
    );
    let labels: Vec<&str> = arr(&docs[0]["references"])
        .iter()
        .filter_map(|r| r["label"].as_str())
        .map(|_| "")
        .collect();
    assert_eq!(labels.len(), 3);
    let w = warnings(1);
    assert!(
        w.contains("broken.bib: line 3: entry open: unbalanced braces"),
        "{w}"
    );
    assert!(
        w.contains("absent.bib (named on line 4): cannot read"),
        "{w}"
    );
    assert!(w.contains("\\footnote never closed"), "{w}");
    assert_eq!(arr(&docs[2]["references"]).len(), 1);
}

#[test]
fn real_bibliographies_read_to_their_entries() {
    let dir = root().join("tests/fixtures/latex/real");
    for (name, entries, key, field, value) in [
        ("xampl.bib", 36, "article-full", "month", "July"),
        ("biblatex-examples.bib", 92, "ctan", "urldate", "2006-10-01"),
        (
            "texnique.bib",
            48,
            "McPherson:TQ1-1",
            "journal",
            "{\\TeX{}}{\\-}niques, Publications for the {\\TeX{}}\n                      community",
        ),
    ] {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // entries counted apart: lines opening with `@type{` that are not macros or comments
        let counted = text
            .lines()
            .filter(|l| {
                let l = l.trim_start().to_ascii_lowercase();
                l.starts_with('@')
                    && !["@string", "@preamble", "@comment"]
                        .iter()
                        .any(|p| l.starts_with(p))
            })
            .count();
        assert_eq!(counted, entries, "{name}");
        let bib = parse_bib(&text);
        assert!(bib.warnings.is_empty(), "{name}: {:?}", bib.warnings);
        assert_eq!(bib.entries.len(), entries, "{name}");
        let e = bib
            .entries
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("{name}: no {key}"));
        assert_eq!(
            e.get(field).map(|f| f.value.as_str()),
            Some(value),
            "{name} {key}"
        );
        // and as a document: every entry a note at its line
        let doc = extract_bib(name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.notes.len(), entries);
        let first = bib.entries.first().map_or(0, |e| e.at);
        let line = 1 + text.get(..first).unwrap_or("").matches('\n').count();
        assert_eq!(doc.notes.first().map(|n| n.pos.line), Some(line), "{name}");
    }
}

/// Pieces LaTeX and BibTeX sources are made of, for the property test.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\\footnote{".to_string()),
        Just("\\footnote[3]{".to_string()),
        Just("\\footnotetext{".to_string()),
        Just("\\cite{a,b}".to_string()),
        Just("\\citep[p.~3][x]{".to_string()),
        Just("\\cites{a}[2]{".to_string()),
        Just("\\nocite{*}".to_string()),
        Just("\\url{https://example.org/a\\_b}".to_string()),
        Just("\\href{http://x.org}{".to_string()),
        Just("\\emph{".to_string()),
        Just("\\'".to_string()),
        Just("\\begin{verbatim}".to_string()),
        Just("\\iffalse ".to_string()),
        Just("\\input{missing}".to_string()),
        Just("\\bibitem{k} ".to_string()),
        Just("\\newcommand{\\x}[1]{".to_string()),
        Just("@article{key,".to_string()),
        Just("@string{j = \"J\"}".to_string()),
        Just(" title = {".to_string()),
        Just(" year = 2020,".to_string()),
        Just(" # j ".to_string()),
        Just("\"".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("%".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "[A-Za-zé ,.]{1,10}",
        any::<String>(),
    ]
}

/// Whether a 1-based line and column (in characters) lie in `src`.
fn inside(src: &str, line: usize, column: usize) -> bool {
    line >= 1
        && column >= 1
        && src
            .split('\n')
            .nth(line - 1)
            .is_some_and(|l| column <= l.chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_reads_without_panic_and_positions_stay_in_the_source(
        pieces in prop::collection::vec(piece(), 0..80)
    ) {
        let src: String = pieces.concat();
        // a directory that does not exist: nothing the text names is found
        let tex = extract_latex("/nonexistent-reflint-props/p.tex", &src);
        prop_assert!(tex.is_ok());
        let tex = tex.unwrap_or_else(|_| reflint::model::Document::new("", reflint::model::Format::Latex));
        let bib = extract_bib("p.bib", &src);
        prop_assert!(bib.is_ok());
        let bib = bib.unwrap_or_else(|_| reflint::model::Document::new("", reflint::model::Format::Bibtex));
        for doc in [&tex, &bib] {
            let positions = doc
                .markers
                .iter()
                .map(|m| m.pos)
                .chain(doc.notes.iter().map(|n| n.pos))
                .chain(doc.notes.iter().flat_map(|n| n.urls.iter().map(|u| u.pos)))
                .chain(doc.body_urls.iter().map(|u| u.pos));
            for p in positions {
                prop_assert!(p.file.is_none());
                prop_assert!(inside(&src, p.line, p.column), "{p:?} outside {src:?}");
            }
        }
    }
}

#[test]
fn truncated_and_corrupted_real_files_read_without_panic() {
    let mut sources: Vec<String> = ["xampl.bib", "biblatex-examples.bib", "texnique.bib"]
        .iter()
        .map(|n| {
            std::fs::read_to_string(root().join("tests/fixtures/latex/real").join(n))
                .unwrap_or_default()
        })
        .collect();
    sources.push(
        std::fs::read_to_string(root().join("references/peninsula-prospects.tex"))
            .unwrap_or_default(),
    );
    for src in &sources {
        let cuts: Vec<usize> = (1..64).map(|k| src.len() * k / 64).collect();
        for &cut in &cuts {
            let mut at = cut;
            while !src.is_char_boundary(at) {
                at -= 1;
            }
            let head = src.get(..at).unwrap_or("");
            // cut short, and with a brace or a quote dropped in at the cut
            for text in [
                head.to_string(),
                format!("{head}{{{}", src.get(at..).unwrap_or("")),
                format!("{head}\"{}", src.get(at..).unwrap_or("")),
            ] {
                let tex = extract_latex("/nonexistent-reflint-cuts/c.tex", &text);
                let bib = extract_bib("c.bib", &text);
                for doc in [tex.ok(), bib.ok()].into_iter().flatten() {
                    for n in &doc.notes {
                        assert!(inside(&text, n.pos.line, n.pos.column), "{:?}", n.pos);
                    }
                    for m in &doc.markers {
                        assert!(inside(&text, m.pos.line, m.pos.column), "{:?}", m.pos);
                    }
                }
            }
        }
    }
}
