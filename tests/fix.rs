//! `reflint fix --archive-links` against a loopback web (`tests/common/web.rs`): the cited
//! hosts and the Wayback Machine are simulated on 127.0.0.0/8 and reached through `--remap`;
//! no request leaves loopback. The fixed document reads to the same notes, differs from the
//! input only by the copies inserted, and a second run changes nothing.

mod common;

use std::path::Path;

use common::run::{args, reflint};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

const COPY: &str = "http://web.archive.org/web/20180428101010/http://copy.test/";

/// Every host of the documents below answers 404; the Wayback Machine has one copy for all.
fn web() -> Web {
    let snapshot = format!(
        r#"{{"url":"x","archived_snapshots":{{"closest":{{"status":"200","available":true,"url":"{COPY}","timestamp":"20180428101010"}}}}}}"#
    );
    let mut hosts: Vec<HostSpec> = [
        "www.xinhuanet.com",
        "politics.people.com.cn",
        "cn.yna.co.kr",
        "www.csis.org",
        "www.uriminzokkiri.com",
        "www.nbcnews.com",
        "www.foreignpolicyjournal.com",
        "m.ckxx.net",
        "www.38north.org",
        "news.test",
    ]
    .iter()
    .map(|h| HostSpec::new(*h).fallback(Behaviour::not_found()))
    .collect();
    hosts.push(HostSpec::new("archive.org").fallback(Behaviour::page(
        200,
        "application/json",
        snapshot,
    )));
    // the copies themselves are alive
    hosts.push(HostSpec::new("web.archive.org").fallback(Behaviour::html(
        "<html><head><title>archived</title></head><body>copy</body></html>",
    )));
    Web::start(hosts)
}

fn fix_args(web: &Web, extra: &[&str]) -> Vec<String> {
    let mut a = args(&[
        "fix",
        "--archive-links",
        "--timeout",
        "2",
        "--retries",
        "0",
        "--host-interval",
        "0",
        "--no-cache",
        "--archives",
        "wayback",
    ]);
    a.extend(web.remap_args());
    a.extend(args(extra));
    a
}

/// `reflint extract`: each note's label and URLs.
fn notes(path: &Path) -> Vec<(String, Vec<String>)> {
    let out = reflint(
        &args(&["extract", path.to_str().unwrap_or_default()]),
        path.parent().unwrap_or(Path::new(".")),
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("extract JSON");
    r["documents"][0]["references"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            let urls = n["urls"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect();
            (n["label"].as_str().unwrap_or("").to_string(), urls)
        })
        .collect()
}

/// Fixes `name` and checks the result; `copy` matches one inserted copy in the document's form.
fn check_fixed(web: &Web, dir: &Path, name: &str, source: &str, copy: &str) {
    let input = dir.join(name);
    std::fs::write(&input, source).expect("write");
    let fixed_name = format!("fixed-{name}");
    let out = reflint(&fix_args(web, &["--output", &fixed_name, name]), dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let fixed = std::fs::read_to_string(dir.join(&fixed_name)).expect("fixed");
    // only copies were inserted, in the document's own form: without them, the input
    let copy = regex::Regex::new(copy).expect("regex");
    assert!(
        copy.find_iter(&fixed).count() >= 2,
        "{name}: {fixed}; {err}"
    );
    assert_eq!(copy.replace_all(&fixed, ""), source, "{name}");
    // every dead URL got its copy (the sample's 12, written `<URL>` or bare)
    assert!(!err.contains("left alone"), "{err}");
    assert!(
        err.contains(&format!("{name}: ")) && err.contains("added"),
        "{err}"
    );
    // the same notes, each with its URLs (and now its copy)
    let before = notes(&input);
    let after = notes(&dir.join(&fixed_name));
    assert_eq!(before.len(), after.len(), "{name}");
    for ((l1, u1), (l2, u2)) in before.iter().zip(&after) {
        assert_eq!(l1, l2);
        for u in u1 {
            assert!(u2.contains(u), "{name}: note {l1} lost {u}: {u2:?}");
        }
    }
    // a second run adds nothing
    let out = reflint(&fix_args(web, &[&fixed_name]), dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        fixed,
        "{name}: second run"
    );
}

#[test]
fn fixed_documents_keep_their_notes_and_gain_only_copies() {
    let web = web();
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/references/peninsula-prospects.txt"
    ))
    .expect("sample");
    let copy = regex::escape(COPY);
    check_fixed(
        &web,
        dir.path(),
        "sample.txt",
        &sample,
        &format!(r" \[archived at {copy} on 2018-04-28\]"),
    );
    let md = "Talks stalled.[^1] Then resumed.[^2] A third.[^3]\n\n\
              [^1]: \"Talks Stall,\" *Xinhua*, May 2, 2019, [the article](http://news.test/a \"Xinhua\").\n\
              [^2]: \"Talks Resume,\" *Xinhua*, June 3, 2019, <http://news.test/b>.\n\
              [^3]: \"Third,\" *Xinhua*, June 4, 2019, http://news.test/c.\n";
    check_fixed(
        &web,
        dir.path(),
        "doc.md",
        md,
        &format!(r" \(\[archived\]\({copy}\)\)"),
    );
    let html = "<!doctype html><html><body><p>Talks stalled.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup> Resumed.<sup><a href=\"#fn2\" id=\"r2\">2</a></sup></p>\n\
                <ol class=\"footnotes\"><li id=\"fn1\">“Talks Stall,” <i>Xinhua</i>, May 2, 2019, <a href=\"http://news.test/a?x=1&amp;y=2\">news.test</a>. <a href=\"#r1\">↩</a></li>\n\
                <li id=\"fn2\">“Talks Resume,” <i>Xinhua</i>, June 3, 2019, <a href='http://news.test/b'>news.test</a>. <a href=\"#r2\">↩</a></li></ol></body></html>\n";
    check_fixed(
        &web,
        dir.path(),
        "doc.html",
        html,
        &format!(
            r#" data-originalurl="http://news\.test/[^"]*" data-versionurl="{copy}" data-versiondate="2018-04-28""#
        ),
    );
}

#[test]
fn diff_and_in_place() {
    let web = web();
    let dir = tempfile::tempdir().expect("tempdir");
    let md = "A claim.[^1]\n\n[^1]: \"Gone,\" *Xinhua*, May 2, 2019, http://news.test/gone.\n";
    std::fs::write(dir.path().join("doc.md"), md).expect("write");
    let out = reflint(&fix_args(&web, &["--diff", "doc.md"]), dir.path());
    assert_eq!(out.status.code(), Some(0));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.starts_with("--- a/doc.md\n+++ b/doc.md\n"), "{diff}");
    assert!(diff.contains(&format!(
        "+[^1]: \"Gone,\" *Xinhua*, May 2, 2019, http://news.test/gone ([archived]({COPY}))."
    )));
    // --diff writes nothing
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md")).unwrap_or_default(),
        md
    );
    let out = reflint(&fix_args(&web, &["--in-place", "doc.md"]), dir.path());
    assert_eq!(out.status.code(), Some(0));
    let fixed = std::fs::read_to_string(dir.path().join("doc.md")).unwrap_or_default();
    assert!(fixed.contains(&format!("([archived]({COPY}))")), "{fixed}");
    // several documents need --in-place or --diff; a fix needs the network
    std::fs::write(dir.path().join("two.md"), md).expect("write");
    let out = reflint(&fix_args(&web, &["doc.md", "two.md"]), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--in-place or --diff"));
    let out = reflint(&args(&["fix", "doc.md"]), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--archive-links"));
}
