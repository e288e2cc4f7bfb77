//! reflint.toml and baselines, end to end: the binary run in a temporary directory. The one
//! online test uses the loopback web of `tests/common/web.rs`; nothing else touches a network.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

fn reflint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflint"))
        .args(args)
        .current_dir(cwd)
        .env("CI", "true")
        .env_remove("NO_COLOR")
        .output()
        .expect("reflint runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("references/peninsula-prospects.txt")
}

/// A temporary directory holding the sample as `doc.txt`.
fn dir_with_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(sample_path(), dir.path().join("doc.txt")).expect("copy the sample");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

/// (rule, severity, note) of every finding.
fn findings(r: &Value) -> Vec<(String, String, String)> {
    r["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
                f["reference"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn finding(rule: &str, severity: &str, note: &str) -> (String, String, String) {
    (rule.to_string(), severity.to_string(), note.to_string())
}

/// `reflint check --offline --format json` on doc.txt with a fixed document date.
fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut a = vec![
        "check",
        "--offline",
        "--format",
        "json",
        "--document-date",
        "2020-06-01",
    ];
    a.extend_from_slice(extra);
    a.push("doc.txt");
    reflint(&a, dir)
}

/// The sample's findings without any configuration (a fixed document date).
fn plain_findings() -> Vec<(String, String, String)> {
    vec![
        finding("date-after-claim", "warning", "1"),
        finding("date-url-mismatch", "error", "1"),
        finding("title-url-mismatch", "info", "6"),
        finding("date-url-mismatch", "warning", "22"),
        finding("citation-incomplete", "warning", "23"),
    ]
}

#[test]
fn without_a_config_the_sample_has_its_known_findings() {
    let dir = dir_with_sample();
    let out = check(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(findings(&json(&out)), plain_findings());
}

#[test]
fn an_unknown_key_is_exit_2_naming_file_line_and_key() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "# CI settings\nformat = \"json\"\n\ncolour = \"never\"\n",
    );
    let out = reflint(&["check", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "reflint: reflint.toml:4: unknown key `colour` (did you mean `color`?)\n"
    );
    assert!(out.stdout.is_empty(), "no report");
    // `reflint FILE` and `reflint baseline` read it too
    let out = reflint(&["doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("reflint.toml:4:"), "{}", stderr(&out));
    let out = reflint(&["baseline", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(!dir.path().join("reflint-baseline.json").exists());
    // --no-config ignores it
    let out = reflint(
        &["check", "--offline", "--no-config", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    // --config names another file, and the message names that file
    std::fs::create_dir(dir.path().join("ci")).expect("mkdir");
    write(
        dir.path(),
        "ci/strict.toml",
        "[hosts.\"example.com\"]\nconcurrency = 1\nconcurency = 2\n",
    );
    let out = reflint(
        &[
            "check",
            "--offline",
            "--config",
            "ci/strict.toml",
            "doc.txt",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    let e = stderr(&out);
    assert!(
        e.starts_with("reflint: ci/strict.toml:3: unknown key `concurency`"),
        "{e}"
    );
    // a --config that does not exist is an error, not a silent default
    let out = reflint(
        &["check", "--offline", "--config", "nope.toml", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("reflint: nope.toml: cannot read"));
}

#[test]
fn bad_regexes_are_exit_2_with_file_line_and_problem() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "exclude = [\n  \"^https://ok\\\\.example/\",\n  \"(unclosed\",\n]\n",
    );
    let out = reflint(&["check", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    let e = stderr(&out);
    assert!(
        e.starts_with("reflint: reflint.toml:3: `exclude`: bad regex `(unclosed`"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");

    write(
        dir.path(),
        "reflint.toml",
        "[[ignore]]\nreason = \"an intranet\"\nurl = \"^https?://intra[\"\n",
    );
    let out = reflint(&["check", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    let e = stderr(&out);
    assert!(
        e.starts_with("reflint: reflint.toml:3: [[ignore]] url: bad regex `^https?://intra[`"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");

    // and an ignore entry without a reason names the entry's line
    write(
        dir.path(),
        "reflint.toml",
        "format = \"json\"\n\n[[ignore]]\nrule = \"date-url-mismatch\"\n",
    );
    let out = reflint(&["check", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("reflint: reflint.toml:3: [[ignore]]: an entry needs a `reason`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_off_and_severity_changes_show_in_the_report() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "[rules]\ndate-url-mismatch = \"off\"\n",
    );
    let out = check(dir.path(), &[]);
    let r = json(&out);
    let expected: Vec<_> = plain_findings()
        .into_iter()
        .filter(|f| f.0 != "date-url-mismatch")
        .collect();
    assert_eq!(findings(&r), expected);
    assert_eq!(r["summary"]["findings"]["error"], 0);
    assert_eq!(r["summary"]["findings"]["warning"], 2);
    assert_eq!(r["summary"]["findings"]["info"], 1);
    // the only error was the rule turned off: exit 0
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    write(
        dir.path(),
        "reflint.toml",
        "[rules]\ncitation-incomplete = \"error\"\ntitle-url-mismatch = \"warning\"\n",
    );
    let out = check(dir.path(), &[]);
    let r = json(&out);
    let expected: Vec<_> = plain_findings()
        .into_iter()
        .map(|(rule, sev, note)| match rule.as_str() {
            "citation-incomplete" => (rule, "error".to_string(), note),
            "title-url-mismatch" => (rule, "warning".to_string(), note),
            _ => (rule, sev, note),
        })
        .collect();
    assert_eq!(findings(&r), expected);
    assert_eq!(r["summary"]["findings"]["error"], 2);
    assert_eq!(r["summary"]["findings"]["warning"], 3);
    assert_eq!(r["summary"]["findings"]["info"], 0);
    // with the only error turned off, a warning made an error still fails the run
    write(
        dir.path(),
        "reflint.toml",
        "[rules]\ndate-url-mismatch = \"off\"\ncitation-incomplete = \"error\"\n",
    );
    assert_eq!(code(&check(dir.path(), &[])), 1);
}

#[test]
fn an_ignore_by_rule_and_note_drops_exactly_that_finding() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "[[ignore]]\nrule = \"date-url-mismatch\"\nnote = \"22\"\nreason = \"the URL's date is the upload date\"\n",
    );
    let out = check(dir.path(), &[]);
    let r = json(&out);
    let expected: Vec<_> = plain_findings()
        .into_iter()
        .filter(|f| *f != finding("date-url-mismatch", "warning", "22"))
        .collect();
    assert_eq!(findings(&r), expected);
    assert_eq!(r["summary"]["findings"]["warning"], 2);
    // a path that is not this document's: nothing dropped
    write(
        dir.path(),
        "reflint.toml",
        "[[ignore]]\nrule = \"date-url-mismatch\"\nnote = \"22\"\npath = \"other/*.txt\"\nreason = \"elsewhere\"\n",
    );
    assert_eq!(findings(&json(&check(dir.path(), &[]))), plain_findings());
    // an ignored URL: its link is skipped with the reason, and its findings dropped
    write(
        dir.path(),
        "reflint.toml",
        "[[ignore]]\nurl = \"xinhuanet\\\\.com/+2020-01/02/\"\nreason = \"moved\"\n",
    );
    let r = json(&check(dir.path(), &[]));
    let expected: Vec<_> = plain_findings()
        .into_iter()
        .filter(|f| *f != finding("date-url-mismatch", "error", "1"))
        .collect();
    assert_eq!(findings(&r), expected);
    let ignored: Vec<&Value> = r["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["reason"] == "ignored: moved")
        .collect();
    assert_eq!(ignored.len(), 1, "{}", r["links"]);
    assert_eq!(ignored[0]["status"], "skipped");
}

#[test]
fn config_values_are_used_and_the_command_line_wins() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "format = \"json\"\noffline = true\nfail-on = \"never\"\ndocument-date = 2019-01-01\n",
    );
    // JSON from the file, exit 0 from its fail-on; its document date makes 2019 sources future
    let out = reflint(&["check", "doc.txt"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["schema"], "reflint/report/v1");
    assert!(
        findings(&r).contains(&finding("date-future", "error", "4")),
        "{:?}",
        findings(&r)
    );
    // ... and the command line's date wins
    let out = reflint(
        &["check", "--document-date", "2020-06-01", "doc.txt"],
        dir.path(),
    );
    let r = json(&out);
    assert_eq!(findings(&r), plain_findings());
    assert_eq!(r["links"][0]["status"], "skipped", "offline from the file");
    // the command line wins
    let out = reflint(
        &[
            "check",
            "--format",
            "terminal",
            "--fail-on",
            "error",
            "doc.txt",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 1);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert!(text.contains("date-url-mismatch"), "{text}");
    // output and report paths from the file; the command line adds a report
    write(
        dir.path(),
        "reflint.toml",
        "offline = true\noutput = \"from-file.json\"\nformat = \"json\"\nreport = [\"csv=from-file.csv\"]\n",
    );
    let out = reflint(
        &["check", "--report", "markdown=cli.md", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("from-file.json")).expect("output");
    assert!(written.contains("reflint/report/v1"));
    assert!(
        dir.path().join("from-file.csv").exists(),
        "the file's report"
    );
    assert!(
        dir.path().join("cli.md").exists(),
        "the command line's report"
    );
}

/// The acceptance test of baselines: a baseline of the sample hides all its findings; one new
/// defect is then the only finding reported.
#[test]
fn a_baseline_reports_only_new_findings() {
    let dir = dir_with_sample();
    let out = reflint(&["baseline", "--offline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote 5 findings to reflint-baseline.json"));
    let file = dir.path().join("reflint-baseline.json");
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("baseline")).expect("JSON");
    assert_eq!(b["schema"], "reflint/baseline/v1");
    assert!(b["generated_at"].is_string());
    let entries = b["findings"].as_array().expect("findings");
    assert_eq!(entries.len(), 5);
    for e in entries {
        for k in ["fingerprint", "rule", "path", "reference", "message"] {
            assert!(e.get(k).is_some(), "{k} in {e}");
        }
        assert_eq!(e["path"], "doc.txt");
    }
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e["rule"].to_string(), e["fingerprint"].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted for stable diffs");

    // the same document: nothing to report
    let args = [
        "check",
        "--offline",
        "--format",
        "json",
        "--baseline",
        "reflint-baseline.json",
        "doc.txt",
    ];
    let out = reflint(&args, dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["summary"]["findings"]["error"], 0);
    assert_eq!(r["summary"]["findings"]["warning"], 0);
    assert_eq!(r["summary"]["findings"]["info"], 0);
    assert!(findings(&r).is_empty());
    assert!(
        stderr(&out).contains("reflint: 5 findings in the baseline were not reported"),
        "{}",
        stderr(&out)
    );

    // one new defect: a new note whose cited date cannot exist
    let mut text = std::fs::read_to_string(dir.path().join("doc.txt")).expect("doc");
    text.push_str(
        "\n\nA later assessment reached the same conclusion about the summit.²⁸\n\n\
         28 Park Min-ho, \"The Summit Reconsidered,\" *Korea Times*, February 30, 2019, p.4.\n",
    );
    write(dir.path(), "doc.txt", &text);
    let out = reflint(&args, dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(findings(&r), vec![finding("date-invalid", "error", "28")]);
    assert_eq!(r["summary"]["findings"]["error"], 1);
    assert!(stderr(&out).contains("5 findings in the baseline were not reported"));
    // without the baseline, all six
    let out = check(dir.path(), &[]);
    assert_eq!(findings(&json(&out)).len(), 6);
}

#[test]
fn a_missing_or_malformed_baseline_is_exit_2() {
    let dir = dir_with_sample();
    let out = reflint(
        &["check", "--offline", "--baseline", "nope.json", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    let e = stderr(&out);
    assert!(e.starts_with("reflint: nope.json: "), "{e}");
    assert!(e.contains("reflint baseline"), "{e}");
    assert!(out.stdout.is_empty());
    write(
        dir.path(),
        "broken.json",
        "{\"schema\": \"reflint/baseline/v1\",",
    );
    let out = reflint(
        &["check", "--offline", "--baseline", "broken.json", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("reflint: broken.json: not a valid baseline"),
        "{}",
        stderr(&out)
    );
    // a report is not a baseline
    let report = check(dir.path(), &[]);
    std::fs::write(dir.path().join("report.json"), &report.stdout).expect("write");
    let out = reflint(
        &["check", "--offline", "--baseline", "report.json", "doc.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("reflint/report/v1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_baseline_key_of_the_config_is_read_and_written() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "offline = true\nformat = \"json\"\nbaseline = \"accepted.json\"\n",
    );
    // `reflint baseline` writes where the config says, all findings (not none)
    let out = reflint(&["baseline", "doc.txt"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let b: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("accepted.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(b["findings"].as_array().map(Vec::len), Some(5));
    // and `reflint check` uses it
    let out = reflint(&["check", "doc.txt"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(findings(&json(&out)).is_empty());
    // --output wins over the config
    let out = reflint(&["baseline", "-o", "other.json", "doc.txt"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(dir.path().join("other.json").exists());
}

/// `[hosts."…"]` against the loopback web: one host limited to 1 in flight with an extra
/// header, another on the default limit of 2, a third spaced out.
#[test]
fn per_host_settings_apply() {
    let slow = |i: usize| {
        Behaviour::html(format!(
            "<html><head><title>Page {i}</title></head><body><p>Text {i}</p></body></html>"
        ))
        .after_ms(150)
    };
    let mut one = HostSpec::new("one.test");
    let mut two = HostSpec::new("two.test");
    let mut spaced = HostSpec::new("spaced.test");
    for i in 0..6 {
        one = one.route(format!("/p/{i}"), slow(i));
        two = two.route(format!("/p/{i}"), slow(i));
        spaced = spaced.route(format!("/s/{i}"), slow(i));
    }
    // a redirect from the host with the header to the other one
    one = one.route("/away", Behaviour::redirect(301, "http://two.test/p/0"));
    let web = Web::start(vec![one, two, spaced]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut urls = Vec::new();
    for i in 0..6 {
        urls.push(web.url("one.test", &format!("/p/{i}")));
        urls.push(web.url("two.test", &format!("/p/{i}")));
        urls.push(web.url("spaced.test", &format!("/s/{i}")));
    }
    urls.push(web.url("one.test", "/away"));
    // ignored by the config: never asked
    urls.push(web.url("two.test", "/ignored"));
    let mut doc = String::from("# Doc\n\n");
    let mut notes = String::new();
    for (i, u) in urls.iter().enumerate() {
        let n = i + 1;
        doc.push_str(&format!("Claim number {n} is sourced.[^{n}]\n"));
        notes.push_str(&format!(
            "[^{n}]: “Page {n},” *Wire*, March 8, 2019, {u}.\n"
        ));
    }
    write(dir.path(), "doc.md", &format!("{doc}\n{notes}"));
    write(
        dir.path(),
        "reflint.toml",
        r#"
format = "json"
no-cache = true
no-archive = true
host-interval = 0
timeout = 5

[hosts."one.test"]
concurrency = 1
headers = { X-Token = "s3cret" }

[hosts."spaced.test"]
interval = "250ms"

[[ignore]]
url = "^http://two\\.test/ignored$"
reason = "behind a login"
"#,
    );
    let mut args: Vec<String> = vec![
        "check".into(),
        "--header".into(),
        "X-All: 1".into(),
        "doc.md".into(),
    ];
    args.extend(web.remap_args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = reflint(&args, dir.path());
    let r = json(&out);
    assert_eq!(
        r["summary"]["links"]["alive"],
        18,
        "{}\n{}",
        r["links"],
        stderr(&out)
    );
    assert_eq!(r["summary"]["links"]["redirected"], 1);
    assert_eq!(r["summary"]["links"]["skipped"], 1);
    let ignored = r["links"]
        .as_array()
        .and_then(|ls| {
            ls.iter()
                .find(|l| l["url"] == web.url("two.test", "/ignored"))
        })
        .expect("the ignored link");
    assert_eq!(ignored["status"], "skipped");
    assert_eq!(ignored["reason"], "ignored: behind a login");
    assert_eq!(web.hits("two.test", "/ignored"), 0);
    // the limits: 1 where set, the default 2 elsewhere (and used)
    assert_eq!(web.max_in_flight("one.test"), 1);
    assert_eq!(web.max_in_flight("two.test"), 2);
    // the host's header goes to that host only, redirects included
    let to_one = web.requests("one.test");
    assert!(to_one.len() >= 7, "{to_one:?}");
    for q in &to_one {
        assert_eq!(
            q.header("x-all"),
            Some("1"),
            "--header still sent by the host's client"
        );
        assert_eq!(
            q.header("x-token"),
            Some("s3cret"),
            "{} {:?}",
            q.path,
            q.headers
        );
    }
    let to_two = web.requests("two.test");
    assert!(
        to_two.len() >= 7,
        "the redirect's hop too: {}",
        to_two.len()
    );
    for q in &to_two {
        assert_eq!(q.header("x-token"), None, "{} {:?}", q.path, q.headers);
    }
    // the spacing of one host
    let (gap, n) = web.min_start_gap("spaced.test", 0);
    assert!(n >= 6, "{n}");
    // 250 ms apart, less the jitter of the server's clock on a loaded machine (no spacing at
    // all would be a few ms)
    assert!(gap >= Some(Duration::from_millis(225)), "{gap:?}");
}

#[test]
fn online_and_cache_on_the_command_line_undo_the_file() {
    let dir = dir_with_sample();
    write(
        dir.path(),
        "reflint.toml",
        "format = \"json\"\noffline = true\nno-cache = true\nfail-on = \"never\"\n",
    );
    // every link sent to a closed loopback port: online, nothing connects, exit 3
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let remap = format!("^https?://[^/]+/ http://127.0.0.1:{port}/");
    let common = [
        "--remap",
        remap.as_str(),
        "--retries",
        "0",
        "--timeout",
        "2",
        "--no-archive",
    ];
    let mut args = vec!["check"];
    args.extend(common);
    args.push("doc.txt");
    let out = reflint(&args, dir.path());
    assert_eq!(code(&out), 0, "offline from the file: {}", stderr(&out));
    assert_eq!(json(&out)["links"][0]["status"], "skipped");
    let mut args = vec!["check", "--online", "--cache", "mine.sqlite"];
    args.extend(common);
    args.push("doc.txt");
    let out = reflint(&args, dir.path());
    assert_eq!(code(&out), 3, "--online undoes the file: {}", stderr(&out));
    assert!(
        dir.path().join("mine.sqlite").exists(),
        "--cache undoes no-cache = true"
    );
    assert!(!dir.path().join(".reflint").exists());
}
