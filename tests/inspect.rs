//! `reflint inspect`: what reflint reads from one page, on a saved file and on a loopback web
//! (`tests/common/web.rs`; only 127.0.0.0/8 is contacted: `--remap` sends the made-up hosts
//! there).

mod common;

use common::run::{args, reflint};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

const ARTICLE: &str = "<!doctype html><html lang=\"en\"><head><title>Small Deal | Wire</title>\
    <meta property=\"og:site_name\" content=\"Wire\">\
    <meta property=\"article:published_time\" content=\"2019-03-09T03:00:00Z\"></head><body>\
    <article><h1>Small Deal</h1><p class=\"byline\">By A. Writer</p>\
    <p>Text of the article, long enough to be one, about the deal and its terms.</p></article>\
    <div class=\"comments\"><time datetime=\"2021-01-01\">January 1, 2021</time></div></body></html>";

fn json(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("inspect JSON")
}

#[test]
fn a_saved_page_shows_its_title_dates_and_their_evidence() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.html"), ARTICLE).expect("write");
    let url = "https://wire.test/2019/03/08/small-deal";
    let out = reflint(
        &args(&["inspect", "page.html", "--url", url, "--format", "json"]),
        dir.path(),
    );
    let j = json(&out);
    assert_eq!(j["schema"], "reflint/inspect/v1");
    assert_eq!(j["fetched"], false);
    let p = &j["page"];
    assert_eq!(p["title"], "Small Deal | Wire");
    assert_eq!(p["title_from"], "title");
    assert_eq!(p["site_name"], "Wire");
    // the UTC timestamp is the evening of the 8th where the URL was written
    assert_eq!(p["published"], "2019-03-08");
    assert_eq!(p["published_from"], "url");
    assert_eq!(p["published_strong"], true);
    let seen: Vec<(String, String)> = p["date_evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["date"].as_str().unwrap_or("").into(),
                d["from"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert!(
        seen.contains(&(
            "2019-03-09".into(),
            "meta[property=article:published_time]".into()
        )),
        "{seen:?}"
    );
    assert!(
        seen.contains(&("2019-03-08".into(), "url".into())),
        "{seen:?}"
    );
    // the comment's date is not among the page's
    assert!(!seen.iter().any(|(d, _)| d == "2021-01-01"), "{seen:?}");
    assert_eq!(p["language"], "en");
    assert_eq!(p["not_found"], false);

    let text = reflint(&args(&["inspect", "page.html", "--url", url]), dir.path());
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    for field in ["page", "url", "title", "published", "language", "not found"] {
        assert!(
            text.lines().any(|l| l.starts_with(field)),
            "{field} in:\n{text}"
        );
    }
    assert!(
        text.contains("2019-03-08  from url  (strong evidence)"),
        "{text}"
    );
    assert!(
        text.contains("2019-03-09  from meta[property=article:published_time]"),
        "{text}"
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = reflint(&args(&["inspect", "nothing.html"]), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing.html"));
}

#[test]
fn a_url_shows_its_status_redirects_and_the_probes_verdict() {
    let web = Web::start(vec![
        HostSpec::new("wire.test")
            .route("/old", Behaviour::redirect(301, "/2019/03/08/small-deal"))
            .route("/2019/03/08/small-deal", Behaviour::html(ARTICLE)),
        HostSpec::new("home.test").fallback(Behaviour::html(
            "<html><head><title>Welcome</title></head><body><p>The home page of a site that \
             answers every address with it, whatever was asked for.</p></body></html>",
        )),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let inspect = |url: &str| {
        let mut a = args(&[
            "inspect",
            url,
            "--format",
            "json",
            "--timeout",
            "2",
            "--retries",
            "0",
        ]);
        a.extend(web.remap_args());
        json(&reflint(&a, dir.path()))
    };
    let j = inspect(&web.url("wire.test", "/old"));
    assert_eq!(j["fetched"], true);
    assert_eq!(j["status"], "redirected");
    assert_eq!(j["http_status"], 200);
    let redirects = j["redirects"].as_array().cloned().unwrap_or_default();
    assert_eq!(redirects.len(), 1, "{j}");
    assert!(redirects[0]
        .as_str()
        .unwrap_or("")
        .ends_with("/2019/03/08/small-deal"));
    assert_eq!(j["page"]["published"], "2019-03-08");
    assert_eq!(j["page"]["published_from"], "url");
    // every date the page gives, with its evidence, as for a saved page
    let seen: Vec<String> = j["page"]["date_evidence"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| format!("{} {}", d["date"], d["from"]))
        .collect();
    assert!(
        seen.iter().any(|d| d.contains("article:published_time")),
        "{j}"
    );
    assert!(seen.iter().any(|d| d.contains("url")), "{j}");

    let j = inspect(&web.url("home.test", "/news/2019/a-story-that-is-not-there"));
    assert_eq!(j["status"], "soft-404");
    assert!(
        j["reason"].as_str().unwrap_or("").contains("random path"),
        "{j}"
    );
    // nothing was cached: inspect always looks afresh
    assert!(!dir.path().join(".reflint").exists());
}

#[test]
fn a_private_address_is_refused_as_check_refuses_it() {
    // a loopback server cited by its address, not through --remap: nothing may reach it
    let web = Web::start(vec![
        HostSpec::new("inner.test").route("/secret", Behaviour::html(ARTICLE))
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("http://{}/secret", web.addr("inner.test"));
    let j = json(&reflint(
        &args(&["inspect", &url, "--format", "json"]),
        dir.path(),
    ));
    assert_eq!(j["status"], "skipped");
    assert!(
        j["reason"]
            .as_str()
            .unwrap_or("")
            .contains("--allow-private"),
        "{j}"
    );
    assert_eq!(j["page"], Value::Null);
    assert_eq!(web.total_requests(), 0);
    // asked for, it is read
    let j = json(&reflint(
        &args(&["inspect", &url, "--format", "json", "--allow-private"]),
        dir.path(),
    ));
    assert_eq!(j["status"], "alive");
    assert_eq!(j["page"]["site_name"], "Wire");
}
