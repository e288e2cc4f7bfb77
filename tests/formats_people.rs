//! The report formats meant for people: HTML for editors, CSV for archivists, Markdown for CI
//! comments. Each runs the built binary offline on the sample documents (and on temporary
//! fixtures) and checks the output against the JSON report of the same run.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reflint"));
    c.env_remove("NO_COLOR").env("CI", "true");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn prospects() -> String {
    root()
        .join("references/peninsula-prospects.txt")
        .display()
        .to_string()
}

/// The sample documents and the extraction fixtures: several documents, notes with several
/// URLs, notes without any, findings about undefined notes, a document without notes.
fn many() -> Vec<String> {
    vec![
        root().join("references").display().to_string(),
        root().join("tests/fixtures/extract").display().to_string(),
    ]
}

/// `reflint check --offline --format FORMAT` with a fixed document date; the report's text.
fn report(format: &str, inputs: &[String]) -> String {
    let out: Output = bin()
        .args([
            "check",
            "--offline",
            "--document-date",
            "2020-06-01",
            "--format",
            format,
        ])
        .args(inputs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run reflint: {e}"));
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "reflint --format {format} exited with {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the report is UTF-8")
}

fn json(inputs: &[String]) -> Value {
    serde_json::from_str(&report("json", inputs)).expect("JSON report")
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn rank(sev: &str) -> u8 {
    match sev {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

// ------------------------------------------------------------------------------------------
// HTML
// ------------------------------------------------------------------------------------------

#[test]
fn html_has_one_note_row_per_reference_of_the_json_run() {
    for inputs in [vec![prospects()], many()] {
        let j = json(&inputs);
        let page = Html::parse_document(&report("html", &inputs));
        let docs = arr(&j["documents"]);
        let sections: Vec<_> = page.select(&sel("section.document")).collect();
        assert_eq!(sections.len(), docs.len());
        let mut total = 0;
        for (doc, section) in docs.iter().zip(&sections) {
            let path = doc["path"].as_str().unwrap();
            let heading: String = section.select(&sel("h2")).next().unwrap().text().collect();
            assert_eq!(heading, path);
            let refs = arr(&doc["references"]);
            let rows: Vec<_> = section
                .select(&sel("table.notes > tbody > tr.note"))
                .collect();
            assert_eq!(rows.len(), refs.len(), "{path}");
            total += rows.len();
            for (r, row) in refs.iter().zip(&rows) {
                let label = r["label"].as_str().unwrap();
                assert_eq!(row.value().attr("data-label"), Some(label), "{path}");
                // the findings of that note (labels are unique in these documents)
                let findings: Vec<&Value> = arr(&doc["findings"])
                    .iter()
                    .filter(|f| f["reference"].as_str() == Some(label))
                    .collect();
                let worst = findings
                    .iter()
                    .filter_map(|f| f["severity"].as_str())
                    .max_by_key(|s| rank(s))
                    .unwrap_or("none");
                assert_eq!(
                    row.value().attr("data-severity"),
                    Some(worst),
                    "{path} {label}"
                );
                let mut rules: Vec<&str> = Vec::new();
                for f in &findings {
                    let rule = f["rule"].as_str().unwrap();
                    if !rules.contains(&rule) {
                        rules.push(rule);
                    }
                }
                assert_eq!(
                    row.value().attr("data-rules"),
                    Some(rules.join(" ").as_str()),
                    "{path} {label}"
                );
                // one item per story: together, the items tell every finding once
                let told: Vec<String> = row
                    .select(&sel("li.finding"))
                    .flat_map(|li| {
                        li.value()
                            .attr("data-rules")
                            .unwrap_or("")
                            .split(' ')
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                let mut want: Vec<String> = findings
                    .iter()
                    .map(|f| f["rule"].as_str().unwrap().to_string())
                    .collect();
                let mut got = told.clone();
                want.sort();
                got.sort();
                assert_eq!(got, want, "{path} {label}");
                // every URL of the note is shown with a status badge, on its own row
                let urls = arr(&r["urls"]);
                let more = page
                    .select(&sel(&format!(
                        "tr.note-more[data-note=\"{}\"]",
                        row.value().id().unwrap()
                    )))
                    .count();
                assert_eq!(more + 1, urls.len().max(1), "{path} {label}");
            }
        }
        assert_eq!(
            page.select(&sel("table.notes tr.note")).count(),
            j["summary"]["references"].as_u64().unwrap() as usize
        );
        assert_eq!(total, j["summary"]["references"].as_u64().unwrap() as usize);
        // every link of a note shows its status from links[]
        let badges = page.select(&sel("table.notes td.link .badge")).count();
        let note_urls: usize = docs
            .iter()
            .flat_map(|d| arr(&d["references"]))
            .map(|r| arr(&r["urls"]).len())
            .sum();
        assert_eq!(badges, note_urls);
    }
}

#[test]
fn html_findings_not_about_a_note_are_listed_for_the_document() {
    let inputs = many();
    let j = json(&inputs);
    let page = Html::parse_document(&report("html", &inputs));
    let mut expected = 0;
    for doc in arr(&j["documents"]) {
        let labels: BTreeSet<&str> = arr(&doc["references"])
            .iter()
            .filter_map(|r| r["label"].as_str())
            .collect();
        expected += arr(&doc["findings"])
            .iter()
            .filter(|f| f["reference"].as_str().is_none_or(|l| !labels.contains(l)))
            .count();
    }
    assert!(
        expected > 0,
        "the fixtures have findings about undefined notes"
    );
    let rows = page.select(&sel("table.doc-findings tr.finding")).count();
    assert_eq!(rows, expected);
    // all findings are on the page, each once
    let all: usize = page
        .select(&sel(".finding[data-rule]"))
        .map(|f| {
            f.value()
                .attr("data-rules")
                .map_or(1, |r| r.split(' ').count())
        })
        .sum();
    let findings = j["summary"]["findings"].as_object().unwrap();
    let n: u64 = findings.values().filter_map(Value::as_u64).sum();
    assert_eq!(all as u64, n);
}

#[test]
fn html_status_chart_has_a_bar_per_status() {
    let inputs = many();
    let j = json(&inputs);
    let page = Html::parse_document(&report("html", &inputs));
    let charts: Vec<_> = page.select(&sel("svg#status-chart")).collect();
    assert_eq!(charts.len(), 1);
    let expected: BTreeMap<String, u64> = j["summary"]["links"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| v.as_u64().filter(|n| *n > 0).map(|n| (k.clone(), n)))
        .collect();
    assert!(!expected.is_empty());
    let bars: BTreeMap<String, u64> = page
        .select(&sel("svg#status-chart rect.bar"))
        .map(|b| {
            let v = b.value();
            (
                v.attr("data-status").unwrap().to_string(),
                v.attr("data-count").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(bars, expected);
    assert_eq!(
        page.select(&sel("svg#status-chart rect.bar")).count(),
        expected.len()
    );
    // the labels and counts are written, not only drawn
    let text: String = charts[0].text().collect();
    for (status, n) in &expected {
        assert!(text.contains(status.as_str()), "{status} in {text}");
        assert!(text.contains(&n.to_string()), "{n} in {text}");
    }
}

#[test]
fn html_filters_list_every_severity_and_every_rule_with_findings() {
    let inputs = many();
    let j = json(&inputs);
    let page = Html::parse_document(&report("html", &inputs));
    assert_eq!(page.select(&sel("#filters")).count(), 1);
    let values = |name: &str| -> BTreeSet<String> {
        page.select(&sel(&format!("#filters input[name=\"{name}\"]")))
            .filter_map(|i| i.value().attr("value").map(str::to_string))
            .collect()
    };
    let rules: BTreeSet<String> = arr(&j["documents"])
        .iter()
        .flat_map(|d| arr(&d["findings"]))
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect();
    assert!(rules.len() >= 5, "{rules:?}");
    assert_eq!(values("rule"), rules);
    assert_eq!(
        values("severity"),
        ["error", "info", "warning"].map(String::from).into()
    );
    // every filter starts on but one: notes without findings are folded away until asked
    // for; without JavaScript nothing is hidden
    for i in page.select(&sel("#filters input[type=\"checkbox\"]")) {
        let clean = i.value().attr("name") == Some("clean");
        assert_eq!(
            i.value().attr("checked").is_some(),
            !clean,
            "{:?}",
            i.value()
        );
    }
    assert_eq!(page.select(&sel("tr[hidden], li[hidden]")).count(), 0);
    // the filter script is inline
    let scripts: Vec<_> = page.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    let js: String = scripts[0].text().collect();
    assert!(js.contains("filters") && js.contains("tr.note"));
}

#[test]
fn html_is_self_contained() {
    let inputs = many();
    let html = report("html", &inputs);
    let page = Html::parse_document(&html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.select(&sel("script[src]")).count(), 0);
    assert_eq!(page.select(&sel("link")).count(), 0, "no <link> at all");
    for tag in [
        "img", "iframe", "object", "embed", "source", "video", "audio", "image", "use",
    ] {
        for el in page.select(&sel(tag)) {
            for (name, value) in el.value().attrs() {
                assert!(
                    !value.contains("://"),
                    "<{tag} {name}={value}> loads from outside"
                );
            }
        }
    }
    let css: String = page.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(!css.is_empty());
    assert!(!css.contains("url("), "CSS url() in {css}");
    assert!(!css.contains("@import"));
    assert!(!css.contains("http"));
    let js: String = page.select(&sel("script")).flat_map(|s| s.text()).collect();
    assert!(!js.contains("http") && !js.contains("fetch(") && !js.contains("XMLHttpRequest"));
    // the only URLs are the documents' links and archives, as <a href>
    let mut hrefs = 0;
    for el in page.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            if value.contains("http://") || value.contains("https://") {
                let csp = name == "content" && el.value().name() == "meta";
                assert!(
                    (el.value().name() == "a" && name == "href") || csp,
                    "<{} {name}=\"{value}\">",
                    el.value().name()
                );
                hrefs += usize::from(!csp);
            }
            assert!(!name.starts_with("on"), "event handler attribute {name}");
        }
    }
    assert!(hrefs > 0);
    // and the browser is told to load nothing
    let csp = page
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
}

#[test]
fn html_escapes_markup_in_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xss.txt");
    std::fs::write(
        &path,
        "A Test Article\n\nSome claim about things.1 Another claim.2\n\n\
         1 “<script>alert(1)</script> Title,” *Outlet*, May 2, 2019, https://example.com/2019/05/03/x.html.\n\n\
         2 Interview with <b onmouseover=\"alert(2)\">the author</b> & co, 2019.\n",
    )
    .unwrap();
    let inputs = vec![path.display().to_string()];
    let j = json(&inputs);
    let texts: Vec<&str> = arr(&j["documents"][0]["references"])
        .iter()
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "the fixture's note keeps the tag: {texts:?}"
    );
    let html = report("html", &inputs);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    let page = Html::parse_document(&html);
    // only the report's own script; no <b> from the note
    assert_eq!(page.select(&sel("script")).count(), 1);
    assert_eq!(page.select(&sel("[onmouseover]")).count(), 0);
    assert!(!page
        .select(&sel("b"))
        .any(|b| b.text().collect::<String>() == "the author"));
    let rows: Vec<String> = page
        .select(&sel("table.notes tr.note"))
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("<script>alert(1)</script> Title"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("<b onmouseover=\"alert(2)\">the author</b> & co"),
        "{}",
        rows[1]
    );
}

// ------------------------------------------------------------------------------------------
// CSV
// ------------------------------------------------------------------------------------------

const CSV_HEADER: [&str; 22] = [
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
    "file",
];

/// A JSON value as the CSV shows it: null → empty, strings as they are, numbers written out.
fn field(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The rows the CSV must hold, derived from the JSON report: documents → references → URLs
/// (one row with an empty URL for a note without any), joined with `links` by URL.
fn expected_rows(j: &Value) -> Vec<Vec<String>> {
    let links: HashMap<&str, &Value> = arr(&j["links"])
        .iter()
        .filter_map(|l| Some((l["url"].as_str()?, l)))
        .collect();
    let mut rows = Vec::new();
    for doc in arr(&j["documents"]) {
        for r in arr(&doc["references"]) {
            let label = r["label"].as_str().unwrap();
            let urls: Vec<&str> = arr(&r["urls"]).iter().filter_map(Value::as_str).collect();
            let targets: Vec<Option<&str>> = if urls.is_empty() {
                vec![None]
            } else {
                urls.iter().copied().map(Some).collect()
            };
            for url in targets {
                let link = url.and_then(|u| links.get(u)).copied();
                let lf = |k: &str| link.map(|l| field(&l[k])).unwrap_or_default();
                let page = |k: &str| link.map(|l| field(&l["page"][k])).unwrap_or_default();
                let archive = |k: &str| link.map(|l| field(&l["archive"][k])).unwrap_or_default();
                // the note's findings about this URL, about no URL, or about a URL the note
                // does not list
                let findings: Vec<&Value> = arr(&doc["findings"])
                    .iter()
                    .filter(|f| f["reference"].as_str() == Some(label))
                    .filter(|f| match (f["url"].as_str(), url) {
                        (None, _) | (_, None) => true,
                        (Some(fu), Some(u)) => fu == u || !urls.contains(&fu),
                    })
                    .collect();
                let mut rules: Vec<&str> = Vec::new();
                for f in &findings {
                    let rule = f["rule"].as_str().unwrap();
                    if !rules.contains(&rule) {
                        rules.push(rule);
                    }
                }
                let worst = findings
                    .iter()
                    .filter_map(|f| f["severity"].as_str())
                    .max_by_key(|s| rank(s))
                    .unwrap_or("");
                let authors: Vec<&str> = arr(&r["authors"])
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                rows.push(vec![
                    field(&doc["path"]),
                    label.to_string(),
                    field(&r["line"]),
                    field(&r["kind"]),
                    field(&r["title"]),
                    authors.join("; "),
                    field(&r["source"]),
                    field(&r["date"]),
                    field(&r["accessed"]),
                    field(&r["same_as"]),
                    url.unwrap_or_default().to_string(),
                    lf("status"),
                    lf("http_status"),
                    lf("final_url"),
                    page("title"),
                    page("published"),
                    archive("url"),
                    archive("timestamp"),
                    lf("checked_at"),
                    rules.join(";"),
                    worst.to_string(),
                    field(&r["file"]),
                ]);
            }
        }
    }
    rows
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    // spreadsheets read the file as UTF-8 by its byte-order mark
    let text = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or_else(|| panic!("no byte-order mark: {}", &text[..text.len().min(40)]));
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = rd.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rd
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_rows_equal_the_json_report_field_by_field() {
    for inputs in [vec![prospects()], many()] {
        let j = json(&inputs);
        let (header, rows) = csv_rows(&report("csv", &inputs));
        assert_eq!(header, CSV_HEADER);
        let expected = expected_rows(&j);
        assert_eq!(rows.len(), expected.len(), "{inputs:?}");
        for (i, (got, want)) in rows.iter().zip(&expected).enumerate() {
            for (c, name) in CSV_HEADER.iter().enumerate() {
                assert_eq!(got.get(c), want.get(c), "row {} column {name}", i + 1);
            }
            assert_eq!(got.len(), CSV_HEADER.len());
        }
        // a row per URL, and a row for each note without one
        let notes_without: usize = arr(&j["documents"])
            .iter()
            .flat_map(|d| arr(&d["references"]))
            .filter(|r| arr(&r["urls"]).is_empty())
            .count();
        let note_urls: usize = arr(&j["documents"])
            .iter()
            .flat_map(|d| arr(&d["references"]))
            .map(|r| arr(&r["urls"]).len())
            .sum();
        assert!(notes_without > 0);
        assert_eq!(rows.len(), note_urls + notes_without);
        assert_eq!(
            rows.iter().filter(|r| r[10].is_empty()).count(),
            notes_without
        );
        // the findings of the sample are on their rows
        assert!(rows
            .iter()
            .any(|r| r[19].contains("date-url-mismatch") && r[20] == "error"));
    }
}

#[test]
fn csv_keeps_values_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.md");
    std::fs::write(
        &path,
        "Claim.[^1] Other.[^2]\n\n\
         [^1]: Doe, Jane, and Roe, John, “=HYPERLINK(\"x\"), a \"quoted\"; title,” *Out, let*, \
         May 2, 2019, https://example.com/2019/05/02/a,b.html.\n\
         [^2]: -1 +2 @three, 2019.\n",
    )
    .unwrap();
    let inputs = vec![path.display().to_string()];
    let j = json(&inputs);
    let (_, rows) = csv_rows(&report("csv", &inputs));
    assert_eq!(rows, expected_rows(&j));
    assert_eq!(rows.len(), 2);
    // a cell a spreadsheet would read as a formula is left as written
    assert_eq!(rows[0][4], "=HYPERLINK(\"x\"), a \"quoted\"; title");
    assert_eq!(rows[0][10], "https://example.com/2019/05/02/a,b.html");
}

// ------------------------------------------------------------------------------------------
// Markdown
// ------------------------------------------------------------------------------------------

/// The rows of the Markdown findings tables: lines that begin with a severity cell.
fn finding_rows(md: &str) -> Vec<&str> {
    md.lines()
        .filter(|l| {
            ["| ❌ error |", "| ⚠️ warning |", "| ℹ️ info |"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect()
}

#[test]
fn markdown_has_the_summary_and_a_row_per_finding() {
    for inputs in [vec![prospects()], many()] {
        let j = json(&inputs);
        let md = report("markdown", &inputs);
        let s = &j["summary"];
        assert!(md.starts_with("## reflint report\n"), "{md}");
        assert!(md.contains("| | Count |\n|:--|--:|\n"), "{md}");
        for (name, v) in [
            ("Documents", &s["documents"]),
            ("Notes", &s["references"]),
            ("URLs", &s["urls"]),
            ("Errors", &s["findings"]["error"]),
            ("Warnings", &s["findings"]["warning"]),
            ("Info", &s["findings"]["info"]),
        ] {
            assert!(
                md.contains(&format!("\n| {name} | {v} |\n")),
                "{name} {v}: {md}"
            );
        }
        for (status, n) in s["links"].as_object().unwrap() {
            if n.as_u64() > Some(0) {
                assert!(
                    md.contains(&format!("\n| Links {status} | {n} |\n")),
                    "{md}"
                );
            }
        }
        let rows = finding_rows(&md);
        // a row per story: a note's findings that share a cause in one row, every finding
        // in a row with its rule, its severity or a worse one beside it, its note
        let findings: Vec<&Value> = arr(&j["documents"])
            .iter()
            .flat_map(|d| arr(&d["findings"]).iter())
            .collect();
        assert!(!rows.is_empty() && rows.len() <= findings.len(), "{md}");
        let rules_of = |row: &str| -> Vec<String> {
            row.split(" | `")
                .nth(1)
                .and_then(|c| c.split('`').next())
                .unwrap_or("")
                .split(", ")
                .map(str::to_string)
                .collect()
        };
        let told: usize = rows.iter().map(|r| rules_of(r).len()).sum();
        assert_eq!(told, findings.len(), "{md}");
        for f in &findings {
            let rule = f["rule"].as_str().unwrap();
            let note = match f["reference"].as_str() {
                Some(n) => format!(" | {n}"),
                None => " | — |".to_string(),
            };
            assert!(
                rows.iter()
                    .any(|r| rules_of(r).iter().any(|x| x == rule) && r.contains(&note)),
                "{rule} of note {note}: {md}"
            );
        }
        for row in &rows {
            assert_eq!(row.matches(" | ").count() + 2, 7, "six cells: {row}");
        }
        assert!(md.chars().count() < 65_536);
        assert!(!md.contains("more findings"));
    }
}

#[test]
fn markdown_of_a_clean_run_is_one_line() {
    let inputs = vec![
        root()
            .join("references/markdown-clean.md")
            .display()
            .to_string(),
        root()
            .join("references/html-clean.html")
            .display()
            .to_string(),
    ];
    let j = json(&inputs);
    assert_eq!(j["summary"]["findings"]["error"], 0);
    let md = report("markdown", &inputs);
    assert_eq!(md.lines().count(), 1, "{md}");
    assert!(md.contains("no problems found in 2 documents"), "{md}");
}

#[test]
fn markdown_stays_under_the_comment_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    let mut doc = String::from("# Many notes\n\n");
    for i in 1..=3_000 {
        doc.push_str(&format!("Claim number {i} with a | pipe.[^{i}]\n"));
    }
    doc.push('\n');
    for i in 1..=3_000 {
        // the date in the URL disagrees with the cited one: one error per note
        doc.push_str(&format!(
            "[^{i}]: “Report `{i}` on <things> | more,” *Daily Planet*, January 2, 2010, \
             https://news.example.com/2020/01/02/report-{i}.html.\n"
        ));
    }
    std::fs::write(&path, doc).unwrap();
    let inputs = vec![path.display().to_string()];
    let j = json(&inputs);
    let total: u64 = j["summary"]["findings"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert!(total >= 3_000, "{total} findings");
    let md = report("markdown", &inputs);
    let chars = md.chars().count();
    assert!(chars < 65_536, "{chars} characters");
    assert!(md.encode_utf16().count() < 65_536);
    let rows = finding_rows(&md).len();
    assert!(rows > 100, "{rows} rows shown");
    // each row tells one story: its findings are its rules
    let shown: usize = finding_rows(&md)
        .iter()
        .map(|r| {
            r.split(" | `")
                .nth(1)
                .and_then(|c| c.split('`').next())
                .map_or(0, |c| c.split(", ").count())
        })
        .sum();
    // the errors come first
    assert!(finding_rows(&md)
        .iter()
        .all(|r| r.starts_with("| ❌ error |")));
    let tail = md.trim_end().lines().last().unwrap_or_default();
    assert_eq!(
        tail,
        format!(
            "… and {} more findings; see the full report.",
            total - shown as u64
        )
    );
    // every row is whole, on one line, with its six cells
    for row in finding_rows(&md) {
        assert!(row.ends_with(" |"), "{row}");
        assert_eq!(row.matches(" | ").count() + 2, 7, "six cells: {row}");
    }
}

#[test]
fn reports_write_to_output_files() {
    let dir = tempfile::tempdir().unwrap();
    for (format, check) in [
        ("html", "<table class=\"notes\">"),
        ("csv", "document,note,line,kind"),
        ("markdown", "## reflint report"),
    ] {
        let out = dir.path().join(format!("report.{format}"));
        let status = bin()
            .args(["check", "--offline", "--format", format, "--output"])
            .arg(&out)
            .arg(prospects())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "{format}");
        let text = std::fs::read_to_string(Path::new(&out)).unwrap();
        assert!(
            text.contains(check),
            "{format}: {}",
            &text[..text.len().min(300)]
        );
    }
}
