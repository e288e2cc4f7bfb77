//! Hostile servers: every one gives its link the status README's "How links are judged" says,
//! within `--timeout`, and the run ends. Nothing here is timed with a clock: a hang would be a
//! test that never ends.
//!
//! Every host is simulated on a loopback address (127.0.1.N, `tests/common/web.rs` and
//! `tests/common/hostile.rs`); documents cite made-up `.test` names that `--remap` sends
//! there. No test connects anywhere else (`--no-archive`: the Wayback Machine is not asked).

mod common;

use std::time::Duration;

use common::run::{link, reflint, report, status, warnings, write_doc};
use common::web::{Behaviour, HostSpec, Raw, Web};

/// A run with a 2 s timeout and no retries, so that the slow ones fail once, quickly.
fn hostile_args(web: &Web) -> Vec<String> {
    web.check_args(&["doc.md"])
}

/// Waits (a bounded number of times) until every request of a host is finished on the
/// server's side: the client has gone away or read the answer.
fn settled(web: &Web, host: &str) -> Vec<common::web::Request> {
    let mut reqs = web.requests(host);
    for _ in 0..200 {
        if reqs.iter().all(|q| q.done.is_some()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
        reqs = web.requests(host);
    }
    reqs
}

/// Uses loopback servers only.
#[test]
fn hostile_servers_get_their_status_and_the_run_ends() {
    let pace = Some(Duration::from_millis(100));
    let bomb_head = "<!doctype html><html><head><title>Bomb</title></head><body>";
    let mut broken_utf8 = b"<html><head><title>Broken \xff\xfe bytes</title></head><body>".to_vec();
    broken_utf8.extend_from_slice(b"<p>\xc3\x28 \xa0\xa1 \xed\xa0\x80</p></body></html>");
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(
        "<html><head><title>Café crème à la française</title></head><body><p>Le ministère \
         a publié mercredi un communiqué détaillé sur les négociations économiques, où il \
         précise que les délégations se réuniront à nouveau à Genève après l'été.</p></body></html>",
    );
    let web = Web::start(vec![
        HostSpec::new("endless-body.test").raw("/e/body", Raw::EndlessBody(None)),
        HostSpec::new("trickle-body.test").raw("/t/body", Raw::EndlessBody(pace)),
        HostSpec::new("endless-headers.test").raw("/e/head", Raw::EndlessHeaders(None)),
        HostSpec::new("trickle-headers.test").raw("/t/head", Raw::EndlessHeaders(pace)),
        HostSpec::new("silent.test").raw("/", Raw::Silent),
        HostSpec::new("hang.test").fallback(Behaviour::Hang),
        HostSpec::new("chain.test").fallback(Behaviour::RedirectChain(302)),
        HostSpec::new("bomb.test").route(
            "/bomb",
            // 8 GiB of HTML, gzip-compressed as it streams: a few MB on the wire
            Behaviour::gzip(Behaviour::large(8 << 30, bomb_head)),
        ),
        HostSpec::new("utf8.test").route(
            "/bad",
            Behaviour::page(200, "text/html; charset=utf-8", broken_utf8),
        ),
        HostSpec::new("klingon.test").route(
            "/k",
            Behaviour::page(200, "text/html; charset=x-klingon", latin.into_owned()),
        ),
        HostSpec::new("hz.test").route(
            "/hz",
            Behaviour::page(
                200,
                "text/html; charset=hz-gb-2312",
                "<html><head><title>Plain ASCII title</title></head><body><p>x</p></body></html>",
            ),
        ),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let urls = [
        web.url("endless-body.test", "/e/body"),
        web.url("trickle-body.test", "/t/body"),
        web.url("endless-headers.test", "/e/head"),
        web.url("trickle-headers.test", "/t/head"),
        web.url("silent.test", "/s"),
        web.url("hang.test", "/h"),
        web.url("chain.test", "/hop/0"),
        web.url("bomb.test", "/bomb"),
        web.url("utf8.test", "/bad"),
        web.url("klingon.test", "/k"),
        web.url("hz.test", "/hz"),
    ];
    write_doc(dir.path(), &urls);
    let out = reflint(&hostile_args(&web), dir.path());
    let r = report(&out);
    let st = |i: usize| status(&r, &urls[i]);
    let reason = |i: usize| {
        link(&r, &urls[i])["reason"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };

    // a body that never ends: read up to the 2 MB cap, the page is what it says
    assert_eq!(st(0), "alive", "{}", link(&r, &urls[0]));
    assert_eq!(link(&r, &urls[0])["page"]["title"], "Endless");
    // the same, trickling: the timeout covers the body, so unreachable (never dead)
    assert_eq!(st(1), "unreachable", "{}", link(&r, &urls[1]));
    assert!(reason(1).contains("timed out"), "{}", reason(1));
    // headers that never end: refused by the client's head limit, or timed out
    assert_eq!(st(2), "unreachable", "{}", link(&r, &urls[2]));
    assert_eq!(st(3), "unreachable", "{}", link(&r, &urls[3]));
    assert!(reason(3).contains("timed out"), "{}", reason(3));
    // accepted and never answered (not even read), or read and never answered
    assert_eq!(st(4), "unreachable", "{}", link(&r, &urls[4]));
    assert_eq!(st(5), "unreachable", "{}", link(&r, &urls[5]));
    assert!(web.connections("silent.test") >= 1);
    assert_eq!(web.hits("hang.test", "/h"), 1, "--retries 0");
    // 10,000 redirects: stopped at the limit, dead, after the first request and 10 hops
    assert_eq!(st(6), "dead", "{}", link(&r, &urls[6]));
    assert!(
        reason(6).contains("more than 10 redirects"),
        "{}",
        reason(6)
    );
    assert_eq!(web.requests("chain.test").len(), 11);
    // the gzip bomb: inflated only up to the cap. Inflating all 8 GiB would take far longer
    // than the 2 s timeout (the link would be unreachable); the server compressed only what
    // the socket buffers took before reflint closed the connection (at ~1000:1, a few MB of
    // buffers hold some hundred MB of HTML), not the whole bomb
    assert_eq!(st(7), "alive", "{}", link(&r, &urls[7]));
    assert_eq!(link(&r, &urls[7])["page"]["title"], "Bomb");
    let bomb = settled(&web, "bomb.test");
    let sent = bomb
        .iter()
        .filter(|q| q.path == "/bomb")
        .map(|q| q.body_bytes)
        .sum::<usize>();
    assert!(
        bomb.iter().all(|q| q.done.is_some()),
        "the connection was closed"
    );
    assert!(
        sent < 2 << 30,
        "{sent} bytes compressed on the server's side"
    );
    // invalid UTF-8 read lossily; an unknown charset sniffed; a charset that would turn the
    // page into nothing (the "replacement" encoding of HZ and ISO-2022-KR) is not believed
    assert_eq!(st(8), "alive", "{}", link(&r, &urls[8]));
    let title = link(&r, &urls[8])["page"]["title"].as_str().unwrap_or("");
    assert!(
        title.starts_with("Broken") && title.ends_with("bytes"),
        "{title}"
    );
    assert_eq!(st(9), "alive", "{}", link(&r, &urls[9]));
    assert_eq!(
        link(&r, &urls[9])["page"]["title"],
        "Café crème à la française"
    );
    assert_eq!(st(10), "alive", "{}", link(&r, &urls[10]));
    assert_eq!(link(&r, &urls[10])["page"]["title"], "Plain ASCII title");

    // the run ended as any run with a dead link does: exit 1, not "no network" (3) nor 2
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(warnings(&out).is_empty(), "{:?}", warnings(&out));
}

/// Uses loopback servers only. A redirect chain answered with 301s and 307s (permanent and
/// temporary) stops at the same limit.
#[test]
fn every_redirect_status_stops_at_the_limit() {
    let web = Web::start(vec![
        HostSpec::new("p301.test").fallback(Behaviour::RedirectChain(301)),
        HostSpec::new("p307.test").fallback(Behaviour::RedirectChain(307)),
        HostSpec::new("p308.test").fallback(Behaviour::RedirectChain(308)),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let urls: Vec<String> = web.names().iter().map(|n| web.url(n, "/hop/7")).collect();
    write_doc(dir.path(), &urls);
    let out = reflint(&hostile_args(&web), dir.path());
    let r = report(&out);
    for (u, name) in urls.iter().zip(web.names()) {
        assert_eq!(status(&r, u), "dead", "{}", link(&r, u));
        assert_eq!(web.requests(&name).len(), 11, "{name}");
    }
    assert_eq!(out.status.code(), Some(1));
}
