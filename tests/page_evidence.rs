//! The page's date evidence in the JSON report (`links[].page`), and `date-page-mismatch`
//! warning only on strong evidence, against a loopback web (`tests/common/web.rs`; only
//! 127.0.0.0/8 is contacted, `--remap` sends the made-up hosts there).

mod common;

use common::run::{link, reflint, report, write_doc};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

fn article(head: &str, body: &str) -> Behaviour {
    Behaviour::html(format!(
        "<!doctype html><html lang=\"en\"><head><title>Page</title>{head}</head><body><article>\
         <h1>Page</h1>{body}<p>The text of the article, about the deal and its terms, at length.</p>\
         </article></body></html>"
    ))
}

#[test]
fn the_report_names_the_evidence_and_weak_evidence_only_informs() {
    let web = Web::start(vec![
        HostSpec::new("strong.test").route(
            "/a/story",
            article(
                "<meta property=\"article:published_time\" content=\"2015-01-01T10:00:00Z\">",
                "",
            ),
        ),
        HostSpec::new("weak.test")
            .route("/b/story", article("", "<p>Published: 1 January 2015</p>")),
        HostSpec::new("none.test").route("/c/story", article("", "")),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    // every note cites March 8, 2019 (tests/common/run.rs)
    let urls = vec![
        web.url("strong.test", "/a/story"),
        web.url("weak.test", "/b/story"),
        web.url("none.test", "/c/story"),
    ];
    write_doc(dir.path(), &urls);
    let a = web.check_args(&["--fail-on", "never", "doc.md"]);
    let r = report(&reflint(&a, dir.path()));

    let page = |u: &str| link(&r, u)["page"].clone();
    let strong = page(&urls[0]);
    assert_eq!(strong["published"], "2015-01-01");
    assert_eq!(
        strong["published_from"],
        "meta[property=article:published_time]"
    );
    assert_eq!(strong["published_evidence"], "strong");
    assert_eq!(strong["title_from"], "title");
    let weak = page(&urls[1]);
    assert_eq!(weak["published"], "2015-01-01");
    assert_eq!(weak["published_from"], "text");
    assert_eq!(weak["published_evidence"], "weak");
    let none = page(&urls[2]);
    assert_eq!(none["published"], Value::Null);
    assert_eq!(none["published_evidence"], Value::Null);

    let dpm: Vec<&Value> = r["documents"][0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "date-page-mismatch")
        .collect();
    let of = |n: &str| dpm.iter().find(|f| f["reference"] == n).copied();
    // years differ on strong evidence: an error
    assert_eq!(
        of("1").map(|f| f["severity"].clone()),
        Some(Value::from("error")),
        "{dpm:?}"
    );
    // the same disagreement on a date read from the text: an info that says so
    let n2 = of("2").expect("note 2: date-page-mismatch");
    assert_eq!(n2["severity"], "info");
    assert!(
        n2["message"]
            .as_str()
            .unwrap_or("")
            .contains("weak evidence"),
        "{n2}"
    );
    assert!(of("3").is_none(), "{dpm:?}");
}
