//! reflint.toml's tests: every problem named with its line, every option turned into its
//! arguments, hosts, rules and ignores. (How the arguments merge with the command line's is
//! tested in `cli/tests.rs`.)

use std::time::Duration;

use super::*;
use crate::report::DocumentReport;
use crate::rules::{Finding, Severity};

fn err(src: &str) -> String {
    match Config::parse(src, "reflint.toml") {
        Ok(_) => panic!("accepted:\n{src}"),
        Err(e) => e,
    }
}

fn ok(src: &str) -> Config {
    Config::parse(src, "reflint.toml").unwrap_or_else(|e| panic!("{e}\n{src}"))
}

/// Asserts that the error is on `line` and mentions every one of `words`.
fn assert_err(src: &str, line: usize, words: &[&str]) {
    let e = err(src);
    let prefix = format!("reflint.toml:{line}: ");
    assert!(e.starts_with(&prefix), "expected line {line}: {e}");
    for w in words {
        assert!(e.contains(w), "`{w}` not in: {e}");
    }
    assert!(!e.contains('\n'), "one line: {e}");
}

#[test]
fn a_value_with_a_newline_is_quoted_on_one_line() {
    // found by fuzzing: a TOML string holding "\n" echoed in the error split it in two
    assert_err(
        "# a comment\nmax-cache-age = \"   # only for \\nte\"\n",
        2,
        &["max-cache-age", "\\n", "is not a duration"],
    );
    assert_err("host-interval = \"a\\tb\\u0007\"\n", 1, &["\\t", "\\u{7}"]);
}

#[test]
fn unknown_keys_name_their_line() {
    assert_err(
        "format = \"json\"\n\ncolour = \"always\"\n",
        3,
        &["unknown key `colour`", "did you mean `color`"],
    );
    assert_err(
        "offline = true\n[colours]\nx = 1\n",
        2,
        &["unknown key `colours`"],
    );
    assert_err(
        "[hosts.\"example.com\"]\nconcurrency = 1\nconcurency = 2\n",
        3,
        &["unknown key `concurency`", "`concurrency`"],
    );
    assert_err(
        "[[ignore]]\nreason = \"x\"\nrule = \"note-sequence\"\n\n[[ignore]]\nreason = \"y\"\nnotes = \"3\"\n",
        7,
        &["unknown key `notes`"],
    );
    assert_err(
        "[hosts.\"a.org\"]\nheader = { A = \"b\" }\n",
        2,
        &["unknown key `header`"],
    );
}

#[test]
fn wrong_types_name_their_line() {
    assert_err(
        "\ntimeout = \"20\"\n",
        2,
        &["`timeout`", "number", "a string"],
    );
    assert_err("offline = \"yes\"\n", 1, &["`offline`", "true or false"]);
    assert_err("exclude = \"x\"\n", 1, &["array"]);
    assert_err("retries = 1.5\n", 1, &["`retries`", "whole number"]);
    assert_err(
        "host-concurrency = 0\n",
        1,
        &["`host-concurrency`", "at least 1"],
    );
    assert_err(
        "[hosts.\"a.org\"]\n\nconcurrency = \"2\"\n",
        3,
        &["hosts.\"a.org\".concurrency", "whole number"],
    );
    assert_err(
        "[hosts.\"a.org\"]\nheaders = { X-A = 3 }\n",
        2,
        &["X-A", "a string"],
    );
    assert_err(
        "[rules]\nnote-sequence = 1\n",
        2,
        &["rules.note-sequence", "string"],
    );
    // a TOML syntax error too
    assert_err(
        "format = \"json\"\nexclude = [\"a\" \"b\"]\n",
        2,
        &["invalid array"],
    );
}

#[test]
fn bad_values_name_their_line() {
    // a bad regex on its own line of a list
    assert_err(
        "format = \"json\"\nexclude = [\n  \"ok\",\n  \"(unclosed\",\n]\n",
        4,
        &["`exclude`", "bad regex `(unclosed`"],
    );
    assert_err("include = [\"a[\"]\n", 1, &["`include`", "bad regex"]);
    assert_err(
        "remap = [\"nospace\"]\n",
        1,
        &["`remap`", "REGEX REPLACEMENT"],
    );
    assert_err(
        "[[ignore]]\nreason = \"r\"\nurl = \"a(b\"\n",
        3,
        &["[[ignore]] url", "bad regex `a(b`"],
    );
    assert_err(
        "format = \"yaml\"\n",
        1,
        &["`format`", "unknown value `yaml`", "sarif"],
    );
    assert_err(
        "report = [\"yaml=x.yml\"]\n",
        1,
        &["`report`", "unknown format `yaml`"],
    );
    assert_err("fail-on = \"fatal\"\n", 1, &["`fail-on`", "fatal"]);
    assert_err("input-format = \"odt\"\n", 1, &["`input-format`", "odt"]);
    assert_err(
        "max-cache-age = \"soon\"\n",
        1,
        &["`max-cache-age`", "not a duration"],
    );
    assert_err(
        "host-interval = \"fast\"\n",
        1,
        &["`host-interval`", "not a duration"],
    );
    assert_err(
        "[hosts.\"a.org\"]\ninterval = \"2 fortnights\"\n",
        2,
        &["interval", "not a duration"],
    );
    assert_err(
        "document-date = \"last year\"\n",
        1,
        &["`document-date`", "not a date"],
    );
    assert_err("header = [\"nocolon\"]\n", 1, &["`header`", "Name: value"]);
    assert_err(
        "header = [\"Bad Name: x\"]\n",
        1,
        &["not a valid header name"],
    );
    assert_err(
        "[hosts.\"https://a.org/\"]\nconcurrency = 1\n",
        1,
        &["not a URL"],
    );
    assert_err(
        "archive = true\nno-archive = true\n",
        2,
        &["`archive`", "`no-archive`"],
    );
    // rules: an unknown rule (on its key's line), an unknown severity (on its value's)
    assert_err(
        "[rules]\nnote-sequence = \"off\"\ndate-futur = \"off\"\n",
        3,
        &["unknown rule `date-futur`", "did you mean `date-future`"],
    );
    assert_err(
        "[rules]\nnote-sequence = \"fatal\"\n",
        2,
        &["unknown severity `fatal`", "error, warning, info or off"],
    );
    // ignores
    assert_err(
        "format = \"json\"\n\n[[ignore]]\nrule = \"note-sequence\"\n",
        3,
        &["needs a `reason`"],
    );
    assert_err(
        "[[ignore]]\nreason = \"  \"\nrule = \"note-sequence\"\n",
        2,
        &["empty"],
    );
    assert_err("[[ignore]]\nreason = \"r\"\n", 1, &["needs `url`"]);
    assert_err(
        "[[ignore]]\nreason = \"r\"\nrule = \"no-such-rule\"\n",
        3,
        &["unknown rule `no-such-rule`"],
    );
    assert_err(
        "[[ignore]]\nreason = \"r\"\nurl = \"x\"\nrule = \"note-sequence\"\n",
        4,
        &["either `url`"],
    );
    assert_err(
        "[[ignore]]\nreason = \"r\"\npath = \"a[\"\n",
        3,
        &["bad pattern"],
    );
}

#[test]
fn the_first_problem_of_the_file_is_reported() {
    // problems are found table by table; the one reported is the earliest line
    let e = err("[rules]\nnope = \"off\"\n[hosts.\"a.org\"]\nconcurrency = 0\n");
    assert!(e.starts_with("reflint.toml:2:"), "{e}");
    let e = err("timeout = -1\n[[ignore]]\nreason = \"r\"\n");
    assert!(e.starts_with("reflint.toml:1:"), "{e}");
}

/// A reflint.toml giving every option once.
pub(crate) const EVERY_OPTION: &str = r#"
format = "json"
output = "out.json"
report = ["sarif=r.sarif", "junit=r.xml"]
offline = true
remap = ['^https://a\.org/ http://127.0.0.1:9/']
timeout = 5
retries = 0
max-concurrency = 8
host-concurrency = 3
host-interval = "250ms"
user-agent = "Bot/1"
header = ["X-A: 1"]
exclude = ["x"]
include = ["y"]
cache = "c.sqlite"
no-cache = true
max-cache-age = 3600
archive = false
allow-private = true
document-date = 2020-06-01
fail-on = "warning"
progress = "never"
color = "always"
input-format = "markdown"
baseline = "b.json"
"#;

#[test]
fn every_option_becomes_an_argument() {
    let c = ok(EVERY_OPTION);
    let args = c.args(Command::Check);
    for a in [
        "--format=json",
        "--output=out.json",
        "--report=sarif=r.sarif",
        "--report=junit=r.xml",
        "--offline",
        r"--remap=^https://a\.org/ http://127.0.0.1:9/",
        "--timeout=5",
        "--retries=0",
        "--max-concurrency=8",
        "--host-concurrency=3",
        "--host-interval=250",
        "--user-agent=Bot/1",
        "--header=X-A: 1",
        "--exclude=x",
        "--include=y",
        "--cache=c.sqlite",
        "--no-cache",
        "--max-cache-age=3600s",
        "--no-archive",
        "--allow-private",
        "--document-date=2020-06-01",
        "--fail-on=warning",
        "--progress=never",
        "--color=always",
        "--input-format=markdown",
        "--baseline=b.json",
    ] {
        assert!(args.iter().any(|x| x == a), "{a} not in {args:?}");
    }
    assert_eq!(c.baseline.as_deref(), Some(Path::new("b.json")));
    // `reflint baseline` renders no report: the report options are left out
    let b = c.args(Command::Baseline);
    assert!(b.iter().all(|x| !x.starts_with("--format")
        && !x.starts_with("--output")
        && !x.starts_with("--report")
        && !x.starts_with("--fail-on")
        && !x.starts_with("--color")
        && !x.starts_with("--baseline")));
    assert!(b.iter().any(|x| x == "--offline"));
    assert!(b.iter().any(|x| x == "--exclude=x"));
}

#[test]
fn hosts_are_read() {
    let c = ok(r#"
[hosts."Example.COM"]
concurrency = 1
interval = "2s"
headers = { Authorization = "Bearer t", X-Project = "p" }

[hosts."news.example.com"]
interval = 500

[hosts."slow.org"]
interval = "1.5s"
headers.X-Dotted = "yes"
"#);
    assert_eq!(c.hosts.len(), 3);
    let e = c.hosts.iter().find(|h| h.host == "example.com").unwrap();
    assert_eq!(e.concurrency, Some(1));
    assert_eq!(e.interval, Some(Duration::from_secs(2)));
    assert!(e
        .headers
        .contains(&("Authorization".to_string(), "Bearer t".to_string())));
    assert_eq!(e.headers.len(), 2);
    let n = crate::net::match_host(&c.hosts, "news.example.com").unwrap();
    assert_eq!(n.interval, Some(Duration::from_millis(500)));
    assert_eq!(n.concurrency, None);
    let s = crate::net::match_host(&c.hosts, "www.slow.org").unwrap();
    assert_eq!(s.interval, Some(Duration::from_millis(1500)));
    assert_eq!(s.headers, vec![("X-Dotted".to_string(), "yes".to_string())]);
    assert_eq!(
        crate::net::match_host(&c.hosts, "www.example.com").map(|h| h.host.as_str()),
        Some("example.com")
    );
    // two spellings of one host
    assert_err(
        "[hosts.\"a.org\"]\nconcurrency = 1\n[hosts.\"A.org\"]\nconcurrency = 2\n",
        3,
        &["given twice"],
    );
}

#[test]
fn durations_in_milliseconds() {
    assert_eq!(parse_millis("500ms"), Some(500));
    assert_eq!(parse_millis("2s"), Some(2000));
    assert_eq!(parse_millis("1.5s"), Some(1500));
    assert_eq!(parse_millis("1m"), Some(60_000));
    assert_eq!(parse_millis("250"), Some(250));
    assert_eq!(parse_millis("2h"), None);
    assert_eq!(parse_millis("fast"), None);
    assert_eq!(parse_millis(""), None);
}

fn finding(rule: &'static str, note: Option<&str>, url: Option<&str>) -> Finding {
    Finding {
        rule,
        severity: crate::rules::find(rule).map_or(Severity::Error, |r| r.default),
        reference: note.map(str::to_string),
        file: None,
        line: 1,
        column: 1,
        message: format!("{rule} {note:?}"),
        url: url.map(str::to_string),
        evidence: None,
        suggestion: None,
        fingerprint: String::new(),
        sentence: None,
        related: Vec::new(),
    }
}

fn doc(path: &str, findings: Vec<Finding>) -> DocumentReport {
    DocumentReport {
        path: path.to_string(),
        format: "text",
        document_date: None,
        references: Vec::new(),
        findings,
        warnings: Vec::new(),
    }
}

fn summary(d: &DocumentReport) -> Vec<(String, Option<String>, Severity)> {
    d.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.reference.clone(), f.severity))
        .collect()
}

#[test]
fn rules_off_and_severity_changes() {
    let c = ok("[rules]\nnote-sequence = \"off\"\ndate-future = \"warning\"\ntitle-url-mismatch = \"error\"\n");
    let mut d = doc(
        "a.txt",
        vec![
            finding("note-sequence", Some("3"), None),
            finding("date-future", Some("4"), None),
            finding("title-url-mismatch", Some("5"), None),
            finding("date-invalid", Some("6"), None),
        ],
    );
    assert_eq!(c.policy.apply(&mut d), 1);
    assert_eq!(
        summary(&d),
        vec![
            ("date-future".into(), Some("4".into()), Severity::Warning),
            (
                "title-url-mismatch".into(),
                Some("5".into()),
                Severity::Error
            ),
            ("date-invalid".into(), Some("6".into()), Severity::Error),
        ]
    );
}

#[test]
fn ignores_match_every_field_given() {
    let c = ok(r#"
[[ignore]]
rule = "citation-incomplete"
note = 12
reason = "an interview"

[[ignore]]
path = "drafts/*.md"
reason = "drafts"

[[ignore]]
rule = "date-future"
path = "notes.txt"
reason = "a forecast"

[[ignore]]
url = "^https?://intranet\\."
reason = "not public"
"#);
    let fs = || {
        vec![
            finding("citation-incomplete", Some("12"), None),
            finding("citation-incomplete", Some("13"), None),
            finding("date-invalid", Some("12"), None),
            finding("date-future", Some("2"), None),
            finding("link-dead", Some("3"), Some("http://intranet.example/x")),
            finding(
                "link-dead",
                Some("4"),
                Some("http://example.org/intranet.x"),
            ),
        ]
    };
    let refs = |d: &DocumentReport| -> Vec<(String, String)> {
        d.findings
            .iter()
            .map(|f| (f.rule.to_string(), f.reference.clone().unwrap_or_default()))
            .collect()
    };
    let pair = |r: &str, n: &str| (r.to_string(), n.to_string());
    let mut d = doc("chapter.txt", fs());
    assert_eq!(c.policy.apply(&mut d), 2);
    assert_eq!(
        refs(&d),
        vec![
            pair("citation-incomplete", "13"),
            pair("date-invalid", "12"),
            pair("date-future", "2"),
            pair("link-dead", "4"),
        ]
    );
    // a path without `/` matches the file name anywhere; with one, the path
    let mut d = doc("./book/notes.txt", fs());
    c.policy.apply(&mut d);
    assert!(!refs(&d).contains(&pair("date-future", "2")));
    let mut d = doc("drafts/one.md", fs());
    assert_eq!(c.policy.apply(&mut d), 6);
    let mut d = doc("book/drafts/one.md", fs());
    assert_eq!(c.policy.apply(&mut d), 2, "`drafts/*.md` is anchored");
    assert_eq!(
        c.policy.ignored_url("https://intranet.corp/a"),
        Some("not public")
    );
    assert_eq!(c.policy.ignored_url("https://example.org/"), None);
}

#[test]
fn an_empty_file_changes_nothing() {
    let c = ok("# nothing yet\n");
    assert!(c.args(Command::Check).is_empty());
    assert!(c.policy.is_empty() && c.hosts.is_empty());
}
