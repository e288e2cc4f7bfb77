//! Web archives against a loopback web (`tests/common/web.rs`): the Wayback Machine's
//! availability and CDX APIs and Memento TimeGates, all simulated on 127.0.0.0/8 and reached
//! through `--remap` (the test says so: no request leaves loopback). One archive is slow, one
//! answers 429 with `Retry-After`, one errs; none of them fails the run.

mod common;

use std::time::Duration;

use common::run::{args, link, reflint, report};
use common::web::{Behaviour, HostSpec, Web};
use serde_json::Value;

fn sample() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/references/peninsula-prospects.txt"
    ))
    .expect("sample")
}

/// The sample's hosts, every page gone.
const SAMPLE_HOSTS: &[&str] = &[
    "www.xinhuanet.com",
    "politics.people.com.cn",
    "cn.yna.co.kr",
    "www.csis.org",
    "www.uriminzokkiri.com",
    "www.nbcnews.com",
    "www.foreignpolicyjournal.com",
    "m.ckxx.net",
    "www.38north.org",
];

const NOTE_3: &str = "http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm";
const NOTE_4: &str = "http://politics.people.com.cn/n1/2019/0623/c1024-31175221.html";
const NOTE_1: &str = "http://www.xinhuanet.com//2020-01/02/c_1125416394.htm";

fn memento(at_http_date: &str, link: &str) -> Behaviour {
    Behaviour::Page {
        status: 200,
        headers: vec![
            ("content-type".into(), "text/html".into()),
            ("memento-datetime".into(), at_http_date.into()),
            ("link".into(), link.into()),
        ],
        body: b"<html><title>archived</title></html>".to_vec(),
    }
}

fn archive_web() -> Web {
    let wayback_note_3 = r#"{"url":"x","archived_snapshots":{"closest":{"status":"200","available":true,"url":"http://web.archive.org/web/20180428101010/http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm","timestamp":"20180428101010"}}}"#;
    let mut hosts: Vec<HostSpec> = SAMPLE_HOSTS
        .iter()
        .map(|h| HostSpec::new(*h).fallback(Behaviour::not_found()))
        .collect();
    hosts.extend([
        // the Wayback Machine holds note 3's page, captured on its cited day
        HostSpec::new("archive.org")
            .route(
                "/wayback/available?url=http%3A%2F%2Fwww.xinhuanet.com%2Fmil%2F2018-04%2F28%2Fc_129861582.htm&timestamp=20180428",
                Behaviour::page(200, "application/json", wayback_note_3),
            )
            .fallback(Behaviour::page(
                200,
                "application/json",
                r#"{"archived_snapshots":{}}"#,
            )),
        HostSpec::new("web.archive.org").fallback(Behaviour::page(200, "application/json", "[]")),
        // a second archive, reached by Memento, holds note 4's page: its TimeGate redirects to
        // a copy made after the cited date, whose previous copy is from before it
        HostSpec::new("memento.test")
            .route(
                format!("/tg/{NOTE_4}"),
                Behaviour::redirect(302, format!("http://memento.test/20190701000000/{NOTE_4}")),
            )
            .route(
                format!("/20190701000000/{NOTE_4}"),
                memento(
                    "Mon, 01 Jul 2019 00:00:00 GMT",
                    &format!(
                        "<{NOTE_4}>; rel=\"original\", <http://memento.test/20190620000000/{NOTE_4}>; rel=\"prev memento\"; datetime=\"Thu, 20 Jun 2019 00:00:00 GMT\""
                    ),
                ),
            )
            .fallback(Behaviour::not_found()),
        // slow, busy and broken archives hold nothing useful
        HostSpec::new("slow.test").fallback(Behaviour::delay(
            Duration::from_millis(400),
            Behaviour::not_found(),
        )),
        HostSpec::new("busy.test").fallback(Behaviour::sequence(vec![
            Behaviour::Page {
                status: 429,
                headers: vec![("retry-after".into(), "1".into())],
                body: Vec::new(),
            },
            Behaviour::not_found(),
        ])),
        HostSpec::new("broken.test").fallback(Behaviour::status(500)),
    ]);
    Web::start(hosts)
}

fn findings<'a>(r: &'a Value, rule: &str) -> Vec<&'a Value> {
    r["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["findings"].as_array().into_iter().flatten())
        .filter(|f| f["rule"] == rule)
        .collect()
}

#[test]
fn the_sample_finds_copies_in_every_archive() {
    let web = archive_web();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), sample()).expect("write");
    let mut a = args(&[
        "check",
        "--format",
        "json",
        "--timeout",
        "2",
        "--retries",
        "1",
        "--host-interval",
        "0",
        "--no-cache",
        "--archives",
        "wayback,second=http://memento.test/tg/,slow=http://slow.test/tg/,busy=http://busy.test/tg/,broken=http://broken.test/tg/",
        "doc.txt",
    ]);
    a.extend(web.remap_args());
    let out = reflint(&a, dir.path());
    let r = report(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // note 3: the Wayback Machine's capture of the cited day
    let three = &link(&r, NOTE_3)["archive"];
    assert_eq!(
        three["url"],
        "http://web.archive.org/web/20180428101010/http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm"
    );
    assert_eq!(three["timestamp"], "2018-04-28T10:10:10Z");
    assert_eq!(three["source"], "wayback");

    // note 4: held only by the second archive, whose newest copy before 2019-06-23 is named
    let four = &link(&r, NOTE_4)["archive"];
    assert_eq!(
        four["url"],
        format!("http://memento.test/20190620000000/{NOTE_4}")
    );
    assert_eq!(four["timestamp"], "2019-06-20T00:00:00Z");
    assert_eq!(four["source"], "second");
    // the TimeGate was asked for the end of the cited day
    let asked = web.requests_to("memento.test", &format!("/tg/{NOTE_4}"));
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].header("accept-datetime"),
        Some("Sun, 23 Jun 2019 23:59:59 GMT")
    );

    // note 1: in no archive
    assert!(link(&r, NOTE_1)["archive"].is_null());
    let missing = findings(&r, "archive-missing");
    assert!(missing.iter().any(|f| f["url"] == NOTE_1), "{missing:?}");
    assert!(!missing
        .iter()
        .any(|f| f["url"] == NOTE_3 || f["url"] == NOTE_4));

    // the busy archive was asked again after its Retry-After, the broken one given up on
    let busy = web.requests("busy.test");
    assert!(busy.len() > SAMPLE_HOSTS.len(), "{}", busy.len());
    assert!(!web.requests("broken.test").is_empty());
    assert!(!web.requests("slow.test").is_empty());
}
