//! The CI report formats end to end: SARIF (checked against the official 2.1.0 schema),
//! JUnit XML (read back strictly) and GitHub workflow commands, each compared with the JSON
//! report of the same run. Offline only: no test here opens a connection.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::Value;

/// The inputs every test runs on: the sample with footnotes, its LaTeX version (findings in
/// its `.bib`), the planted defects, and the extraction fixtures.
const INPUTS: [&str; 5] = [
    "references/peninsula-prospects.txt",
    "references/peninsula-prospects.tex",
    "references/markdown-defects.md",
    "references/html-defects.html",
    "tests/fixtures/extract",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reflint"));
    c.env_remove("NO_COLOR")
        .env("CI", "true")
        .current_dir(root());
    c
}

fn run_in(dir: &Path, format: &str, inputs: &[&str], extra: &[&str]) -> Output {
    let out = bin()
        .current_dir(dir)
        .args(["check", "--offline", "--document-date", "2020-06-01"])
        .args(["--format", format])
        .args(extra)
        .args(inputs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"));
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn run(format: &str) -> Output {
    run_in(&root(), format, &INPUTS, &[])
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_report() -> Value {
    serde_json::from_slice(&run("json").stdout).unwrap()
}

fn sarif_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

fn documents(report: &Value) -> &Vec<Value> {
    report["documents"].as_array().unwrap()
}

/// Every finding of the JSON report with its document's path, in report order.
fn json_findings(report: &Value) -> Vec<(String, Value)> {
    documents(report)
        .iter()
        .flat_map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            d["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |f| (path.clone(), f.clone()))
        })
        .collect()
}

/// The `language` pattern of the published SARIF 2.1.0 schema has a stray `]`, a known
/// erratum (oasis-tcs/sarif-spec#488), which the `jsonschema` crate refuses when it checks the
/// schema itself.
const BAD_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
/// The pattern as SARIF 2.1.0 Errata 01 corrects it.
const ERRATA_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

fn fix_language_pattern(v: &mut Value) -> usize {
    match v {
        Value::String(s) if s == BAD_LANGUAGE_PATTERN => {
            *s = ERRATA_LANGUAGE_PATTERN.to_string();
            1
        }
        Value::Array(a) => a.iter_mut().map(fix_language_pattern).sum(),
        Value::Object(o) => o.values_mut().map(fix_language_pattern).sum(),
        _ => 0,
    }
}

/// The official SARIF 2.1.0 schema from `tests/data`, with only the erratum above corrected
/// (`run.language` and `toolComponent.language`, neither of which reflint writes).
fn sarif_schema() -> Value {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    assert_eq!(fix_language_pattern(&mut schema), 2);
    schema
}

/// A validator of the schema as draft 7 reads it (`format` only an annotation).
fn sarif_validator() -> jsonschema::Validator {
    jsonschema::draft7::options()
        .build(&sarif_schema())
        .unwrap()
}

/// The same schema with `format` asserted: `uri`, `uri-reference` and `date-time` values are
/// checked too.
fn sarif_format_validator() -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&sarif_schema())
        .unwrap()
}

fn schema_errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().unwrap()
}

// ---------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_validates_against_the_official_schema() {
    let sarif = sarif_of(&run("sarif"));
    assert!(!results(&sarif).is_empty(), "the inputs have findings");
    for v in [sarif_validator(), sarif_format_validator()] {
        let errors = schema_errors(&v, &sarif);
        assert!(errors.is_empty(), "{errors:#?}");

        // the validator is not vacuous: broken copies are rejected
        let mut no_version = sarif.clone();
        no_version.as_object_mut().unwrap().remove("version");
        assert!(
            !v.is_valid(&no_version),
            "a log without `version` must fail"
        );

        let mut bad_level = sarif.clone();
        bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!v.is_valid(&bad_level), "level `fatal` must fail");

        let mut bad_line = sarif.clone();
        let loc = &mut bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        loc["region"]["startLine"] = 0.into();
        assert!(!v.is_valid(&bad_line), "startLine 0 must fail");

        let mut unknown = sarif.clone();
        unknown["runs"][0]["tool"]["driver"]["colour"] = "blue".into();
        assert!(!v.is_valid(&unknown), "unknown driver property must fail");
    }
    // with formats asserted, URIs are checked too
    let v = sarif_format_validator();
    let mut bad_uri = sarif.clone();
    bad_uri["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    assert!(!v.is_valid(&bad_uri), "informationUri must be a URI");
    let mut spaced = sarif.clone();
    spaced["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = "my docs/a b.md".into();
    assert!(
        !v.is_valid(&spaced),
        "an unencoded space is not a URI reference"
    );
}

#[test]
fn sarif_has_a_result_per_json_finding() {
    let json = json_report();
    let sarif = sarif_of(&run("sarif"));
    let findings = json_findings(&json);
    let res = results(&sarif);
    assert_eq!(res.len(), findings.len());
    assert!(findings.len() >= 10, "{}", findings.len());
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), documents(&json).len());
    for (r, (path, f)) in res.iter().zip(&findings) {
        assert_eq!(r["ruleId"], f["rule"]);
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], f["rule"]);
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" => "note",
            s => panic!("severity {s}"),
        };
        assert_eq!(r["level"], level);
        assert_eq!(r["message"]["text"], f["message"]);
        let phys = &r["locations"][0]["physicalLocation"];
        // the sample paths need no encoding; a finding in a file the document read (its
        // `.bib`) is located there, a file that is no artifact of the run
        let file = f["file"].as_str().unwrap_or(path.as_str());
        assert_eq!(phys["artifactLocation"]["uri"].as_str(), Some(file));
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        if f["file"].is_null() {
            let a = phys["artifactLocation"]["index"].as_u64().unwrap() as usize;
            assert_eq!(
                artifacts[a]["location"]["uri"].as_str(),
                Some(path.as_str())
            );
        } else {
            assert!(phys["artifactLocation"]["index"].is_null());
        }
        assert_eq!(phys["region"]["startLine"], f["line"]);
        assert_eq!(phys["region"]["startColumn"], f["column"]);
        assert_eq!(r["properties"]["note"], f["reference"]);
        if !f["url"].is_null() {
            assert_eq!(r["properties"]["url"], f["url"]);
        }
        if !f["suggestion"].is_null() {
            assert_eq!(r["properties"]["suggestion"], f["suggestion"]);
        }
        if !f["evidence"].is_null() {
            assert_eq!(r["properties"]["evidence"], f["evidence"]);
        }
    }
}

#[test]
fn sarif_lists_every_catalogue_rule_with_help() {
    let sarif = sarif_of(&run("sarif"));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let listed = bin().arg("rules").output().unwrap();
    let catalogue: Vec<String> = stdout(&listed)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|id| id.contains('-'))
        .collect();
    assert_eq!(catalogue.len(), 23, "{catalogue:?}");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, catalogue);
    for r in rules {
        for key in ["text", "markdown"] {
            let help = r["help"][key].as_str().unwrap_or("");
            assert!(
                help.contains("What it checks"),
                "{} help.{key}: {help:?}",
                r["id"]
            );
        }
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        let name = r["name"].as_str().unwrap();
        assert!(
            name.starts_with(char::is_uppercase) && !name.contains('-'),
            "{name}"
        );
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }
    let dead = rules.iter().find(|r| r["id"] == "link-dead").unwrap();
    assert!(dead["properties"]["tags"]
        .as_array()
        .unwrap()
        .contains(&"online".into()));
}

#[test]
fn sarif_fingerprints_are_unique_and_stable() {
    let fps = |sarif: &Value| -> Vec<String> {
        results(sarif)
            .iter()
            .map(|r| {
                r["partialFingerprints"]["reflintFingerprint/v1"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    let a = fps(&sarif_of(&run("sarif")));
    let b = fps(&sarif_of(&run("sarif")));
    assert!(!a.is_empty());
    assert!(a.iter().all(|f| !f.is_empty()), "{a:?}");
    let distinct: HashSet<&String> = a.iter().collect();
    assert_eq!(distinct.len(), a.len(), "{a:?}");
    assert_eq!(a, b);
    // the same fingerprints as the JSON report's
    let json: Vec<String> = json_findings(&json_report())
        .iter()
        .map(|(_, f)| f["fingerprint"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(a, json);
}

#[test]
fn sarif_encodes_a_path_with_spaces() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my docs")).unwrap();
    std::fs::copy(
        root().join("references/markdown-defects.md"),
        dir.path().join("my docs/defects #1 [draft].md"),
    )
    .unwrap();
    let out = run_in(dir.path(), "sarif", &["my docs/defects #1 [draft].md"], &[]);
    let sarif = sarif_of(&out);
    for v in [sarif_validator(), sarif_format_validator()] {
        let errors = schema_errors(&v, &sarif);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let uri = "my%20docs/defects%20%231%20%5Bdraft%5D.md";
    let res = results(&sarif);
    assert_eq!(res.len(), 5);
    for r in res {
        let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(loc["uri"], uri);
        assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    }
    assert_eq!(sarif["runs"][0]["artifacts"][0]["location"]["uri"], uri);
    // %SRCROOT% is the directory reflint ran in, and the URI resolves to the file
    let base = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let base = url::Url::parse(base).unwrap();
    let file = base.join(uri).unwrap().to_file_path().unwrap();
    assert_eq!(
        file.canonicalize().unwrap(),
        dir.path()
            .join("my docs/defects #1 [draft].md")
            .canonicalize()
            .unwrap()
    );
}

// ---------------------------------------------------------------------------------------
// JUnit

/// An element as read back: name, unescaped attributes, unescaped text, nesting depth.
#[derive(Debug)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    depth: usize,
}

impl El {
    fn attr(&self, k: &str) -> &str {
        self.attrs
            .get(k)
            .unwrap_or_else(|| panic!("<{}> has no {k}", self.name))
    }

    fn count(&self, k: &str) -> usize {
        self.attr(k).parse().unwrap()
    }
}

/// Reads XML strictly: any syntax error, bad entity, duplicate attribute or mismatched end
/// tag panics; exactly one root; nothing but whitespace outside it.
fn parse_xml(xml: &str) -> Vec<El> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut out: Vec<El> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let el = |e: &BytesStart, depth: usize| El {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .with_checks(true)
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
    let mut decl = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Decl(d) => {
                assert!(out.is_empty());
                assert_eq!(d.version().unwrap().as_ref(), b"1.0");
                decl = true;
            }
            Event::Start(e) => {
                out.push(el(&e, open.len()));
                open.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(el(&e, open.len())),
            Event::End(e) => {
                let i = open.pop().unwrap();
                assert_eq!(e.name().as_ref(), out[i].name.as_bytes());
            }
            Event::Text(t) => {
                let t = t.unescape().unwrap();
                match open.last() {
                    Some(&i) => out[i].text.push_str(&t),
                    None => assert!(t.trim().is_empty(), "text outside the root: {t:?}"),
                }
            }
            Event::CData(_) | Event::PI(_) | Event::DocType(_) => panic!("unexpected markup"),
            Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    assert!(decl, "no XML declaration");
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(out.iter().filter(|e| e.depth == 0).count(), 1, "one root");
    out
}

/// The elements under the element at `i` (its subtree), in order.
fn subtree(els: &[El], i: usize) -> &[El] {
    let d = els[i].depth;
    let end = els[i + 1..]
        .iter()
        .position(|e| e.depth <= d)
        .map_or(els.len(), |p| i + 1 + p);
    &els[i + 1..end]
}

#[test]
fn junit_reads_back_with_counts_matching_the_json_report() {
    let json = json_report();
    let xml = stdout(&run("junit"));
    let els = parse_xml(&xml);
    let root_el = &els[0];
    assert_eq!(root_el.name, "testsuites");
    assert_eq!(root_el.attr("name"), "reflint");

    let docs = documents(&json);
    let suites: Vec<usize> = (0..els.len())
        .filter(|&i| els[i].name == "testsuite")
        .collect();
    assert_eq!(suites.len(), docs.len());
    assert!(suites.iter().all(|&i| els[i].depth == 1));

    let (mut all_cases, mut all_failures) = (0, 0);
    for (&si, d) in suites.iter().zip(docs) {
        let suite = &els[si];
        let path = d["path"].as_str().unwrap();
        assert_eq!(suite.attr("name"), path);
        let refs = d["references"].as_array().unwrap();
        let labels: Vec<&str> = refs.iter().map(|r| r["label"].as_str().unwrap()).collect();
        let distinct: HashSet<&str> = labels.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            labels.len(),
            "no duplicate labels in the inputs"
        );
        let findings = d["findings"].as_array().unwrap();

        // expected: a case per reference, one per label named only by findings, `document`
        // when a finding has no reference; a case fails when it has an error or warning
        let mut expected: Vec<String> = labels.iter().map(|l| format!("note {l}")).collect();
        let mut failing: HashSet<String> = HashSet::new();
        let mut rules_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut has_document = false;
        for f in findings {
            let name = match f["reference"].as_str() {
                Some(l) => format!("note {l}"),
                None => {
                    has_document = true;
                    "document".to_string()
                }
            };
            if name != "document" && !expected.contains(&name) {
                expected.push(name.clone());
            }
            if f["severity"] != "info" {
                failing.insert(name.clone());
                let rule = f["rule"].as_str().unwrap().to_string();
                let rules = rules_of.entry(name).or_default();
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
        }
        if has_document {
            expected.push("document".to_string());
        }

        let sub = subtree(&els, si);
        let cases: Vec<&El> = sub.iter().filter(|e| e.name == "testcase").collect();
        let names: Vec<String> = cases.iter().map(|c| c.attr("name").to_string()).collect();
        assert_eq!(names, expected, "{path}");
        assert!(cases.iter().all(|c| c.attr("classname") == path));
        let failures: Vec<&El> = sub.iter().filter(|e| e.name == "failure").collect();
        assert_eq!(failures.len(), failing.len(), "{path}");
        assert_eq!(suite.count("tests"), cases.len(), "{path}");
        assert_eq!(suite.count("failures"), failures.len(), "{path}");
        assert_eq!(suite.count("errors"), 0);
        assert_eq!(
            suite.count("skipped"),
            sub.iter().filter(|e| e.name == "skipped").count()
        );

        // each failing case has exactly one failure naming its rules and listing every
        // finding with its position
        for (ci, c) in sub.iter().enumerate().filter(|(_, e)| e.name == "testcase") {
            let inner = subtree(sub, ci);
            let fails: Vec<&El> = inner.iter().filter(|e| e.name == "failure").collect();
            let name = c.attr("name");
            if failing.contains(name) {
                assert_eq!(fails.len(), 1, "{path} {name}");
                assert_eq!(fails[0].attr("type"), rules_of[name].join(","));
                assert!(!fails[0].attr("message").is_empty());
                for f in findings.iter().filter(|f| {
                    f["reference"]
                        .as_str()
                        .map_or(name == "document", |l| name == format!("note {l}"))
                }) {
                    let file = f["file"].as_str().unwrap_or(path);
                    let at = format!("{file}:{}:{} {}", f["line"], f["column"], f["severity"]);
                    let at = at.replace('"', "");
                    assert!(fails[0].text.contains(&at), "{at} in {}", fails[0].text);
                    assert!(fails[0].text.contains(f["message"].as_str().unwrap()));
                    if let Some(u) = f["url"].as_str() {
                        assert!(fails[0].text.contains(u));
                    }
                }
            } else {
                assert!(fails.is_empty(), "{path} {name}");
            }
        }
        all_cases += cases.len();
        all_failures += failures.len();
    }
    let references: usize = json["summary"]["references"].as_u64().unwrap() as usize;
    assert!(all_cases >= references);
    assert_eq!(root_el.count("tests"), all_cases);
    assert_eq!(root_el.count("failures"), all_failures);
    assert_eq!(root_el.count("errors"), 0);
    assert_eq!(root_el.count("skipped"), 0);
    assert_eq!(
        all_cases,
        els.iter().filter(|e| e.name == "testcase").count()
    );
    assert!(all_failures > 0);
}

#[test]
fn junit_info_only_notes_pass_with_system_out() {
    // note 6 of the prospects sample has only an info finding (title-url-mismatch)
    let xml = stdout(&run_in(
        &root(),
        "junit",
        &["references/peninsula-prospects.txt"],
        &[],
    ));
    let els = parse_xml(&xml);
    let i = els
        .iter()
        .position(|e| e.name == "testcase" && e.attr("name") == "note 6")
        .unwrap();
    let inner = subtree(&els, i);
    assert!(inner.iter().all(|e| e.name != "failure"), "{inner:?}");
    let out: Vec<&El> = inner.iter().filter(|e| e.name == "system-out").collect();
    assert_eq!(out.len(), 1);
    assert!(
        out[0].text.contains("info title-url-mismatch"),
        "{}",
        out[0].text
    );
}

// ---------------------------------------------------------------------------------------
// GitHub workflow commands

fn unescape_property(s: &str) -> String {
    s.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

#[test]
fn github_has_a_command_per_finding() {
    let json = json_report();
    let findings = json_findings(&json);
    let text = stdout(&run("github"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{text}");
    for (line, (path, f)) in lines.iter().zip(&findings) {
        let (cmd, rest) = line
            .strip_prefix("::")
            .and_then(|l| l.split_once(' '))
            .unwrap_or_else(|| panic!("not a command: {line}"));
        let expected = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" => "notice",
            s => panic!("severity {s}"),
        };
        assert_eq!(cmd, expected, "{line}");
        assert!(line.starts_with(&format!("::{cmd} ")));
        let (props, message) = rest.split_once("::").unwrap();
        let props: BTreeMap<&str, String> = props
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k, unescape_property(v))
            })
            .collect();
        assert_eq!(props["file"], f["file"].as_str().unwrap_or(path.as_str()));
        if f["line"] == 0 {
            assert!(
                !props.contains_key("line") && !props.contains_key("col"),
                "{line}"
            );
        } else {
            assert_eq!(props["line"], f["line"].to_string());
            assert_eq!(props["col"], f["column"].to_string());
        }
        assert_eq!(
            props["title"],
            format!("reflint {}", f["rule"].as_str().unwrap())
        );
        assert!(!message.contains('\n') && !message.contains('\r'));
        let message = unescape_property(message);
        assert!(
            message.starts_with(f["message"].as_str().unwrap()),
            "{message}"
        );
        if let Some(u) = f["url"].as_str() {
            assert!(message.contains(u), "{message}");
        }
        if let Some(s) = f["suggestion"].as_str() {
            assert!(message.contains(s), "{message}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// --report FORMAT=PATH

#[test]
fn report_option_writes_sarif_and_junit_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif_path = dir.path().join("out.sarif");
    let junit_path = dir.path().join("junit.xml");
    let out = run_in(
        &root(),
        "json",
        &INPUTS,
        &[
            "--report",
            &format!("sarif={}", sarif_path.display()),
            "--report",
            &format!("junit={}", junit_path.display()),
        ],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json_findings(&json).len();

    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    for v in [sarif_validator(), sarif_format_validator()] {
        let errors = schema_errors(&v, &sarif);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    assert_eq!(results(&sarif).len(), findings);

    let els = parse_xml(&std::fs::read_to_string(&junit_path).unwrap());
    assert_eq!(els[0].name, "testsuites");
    assert_eq!(
        els.iter().filter(|e| e.name == "testsuite").count(),
        documents(&json).len()
    );
    let failed_notes: usize = els.iter().filter(|e| e.name == "failure").count();
    assert!(failed_notes > 0);
}
