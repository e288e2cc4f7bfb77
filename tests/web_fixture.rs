//! Tests of the loopback web fixture itself (`tests/common/web.rs`), with a plain std HTTP/1.1
//! client.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::web::*;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn send(addr: SocketAddr, method: &str, path: &str, user_agent: &str) -> std::io::Result<Vec<u8>> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: {user_agent}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    Ok(raw)
}

fn parse(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

fn get(web: &Web, host: &str, path: &str, user_agent: &str) -> Reply {
    let raw = send(web.addr(host), "GET", path, user_agent).expect("a response");
    parse(&raw)
}

#[test]
fn html_route_unknown_path_and_requests_recorded() {
    let web = Web::start(vec![
        HostSpec::new("alive.test").route("/a?x=1", Behaviour::html("<title>A</title>"))
    ]);
    let r = get(&web, "alive.test", "/a?x=1", "reflint/0.1");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"<title>A</title>");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("content-length"), Some("16"));
    assert_eq!(
        get(&web, "alive.test", "/missing", "reflint/0.1").status,
        404
    );
    assert_eq!(get(&web, "alive.test", "/a", "reflint/0.1").status, 404);

    let reqs = web.requests("alive.test");
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].path, "/a?x=1");
    assert_eq!(reqs[1].path, "/missing");
    assert_eq!(reqs[0].header("User-Agent"), Some("reflint/0.1"));
    assert_eq!(reqs[0].header("accept"), Some("*/*"));
    assert!(reqs.iter().all(|r| r.done.is_some_and(|d| d >= r.at)));
    assert!(reqs[0].at <= reqs[1].at && reqs[1].at <= reqs[2].at);
    assert_eq!(web.hits("alive.test", "/a?x=1"), 1);
    assert_eq!(web.connections("alive.test"), 3);
    assert_eq!(web.max_in_flight("alive.test"), 1);
    assert_eq!(web.total_requests(), 3);
}

#[test]
fn head_request_gets_no_body() {
    let web = Web::start(vec![
        HostSpec::new("alive.test").route("/", Behaviour::html("<title>A</title>"))
    ]);
    let r = parse(&send(web.addr("alive.test"), "HEAD", "/", "x").unwrap());
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(web.requests("alive.test")[0].method, "HEAD");
}

#[test]
fn sequence_gives_503_then_200_and_repeats_the_last() {
    let web = Web::start(vec![HostSpec::new("flaky.test").route(
        "/",
        Behaviour::sequence(vec![Behaviour::status(503), Behaviour::html("ok")]),
    )]);
    let codes: Vec<u16> = (0..3)
        .map(|_| get(&web, "flaky.test", "/", "x").status)
        .collect();
    assert_eq!(codes, [503, 200, 200]);
}

#[test]
fn redirect_carries_location() {
    let web = Web::start(vec![HostSpec::new("moved.test")
        .route("/old", Behaviour::redirect(301, "http://home.test/new"))
        .route("/rel", Behaviour::redirect(302, "/elsewhere"))]);
    let r = get(&web, "moved.test", "/old", "x");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("http://home.test/new"));
    let r = get(&web, "moved.test", "/rel", "x");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/elsewhere"));
}

#[test]
fn forbid_robots_by_user_agent() {
    let web =
        Web::start(vec![HostSpec::new("picky.test")
            .route("/", Behaviour::forbid_robots(Behaviour::html("hello")))]);
    assert_eq!(get(&web, "picky.test", "/", "reflint/0.1").status, 403);
    assert_eq!(get(&web, "picky.test", "/", "lychee/0.24").status, 403);
    assert_eq!(get(&web, "picky.test", "/", "Googlebot/2.1").status, 403);
    let r = get(
        &web,
        "picky.test",
        "/",
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"hello");
}

#[test]
fn reset_fails_the_read_or_returns_nothing() {
    let web = Web::start(vec![HostSpec::new("rst.test").route("/", Behaviour::Reset)]);
    match send(web.addr("rst.test"), "GET", "/", "x") {
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        Ok(raw) => assert!(raw.is_empty(), "{}", String::from_utf8_lossy(&raw)),
    }
    let reqs = web.requests("rst.test");
    assert_eq!(reqs.len(), 1);
    assert!(reqs[0].done.is_some());
}

#[test]
fn hang_never_answers_and_counts_in_flight() {
    let web = Web::start(vec![HostSpec::new("slow.test")
        .route("/", Behaviour::Hang)
        .route("/late", Behaviour::html("late").after_ms(300))]);
    let addr = web.addr("slow.test");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: slow.test\r\n\r\n").unwrap();
    let mut buf = [0u8; 64];
    let err = s.read(&mut buf).expect_err("no answer");
    assert!(matches!(
        err.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    ));
    let t = Instant::now();
    let r = get(&web, "slow.test", "/late", "x");
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(web.max_in_flight("slow.test"), 2);
    let reqs = web.requests("slow.test");
    assert!(reqs[0].done.is_none());
    assert!(reqs[1].done.is_some());
}

#[test]
fn gzip_sets_content_encoding_and_compresses() {
    let page = "<title>Zipped</title>".repeat(50);
    let web = Web::start(vec![HostSpec::new("zip.test")
        .route("/", Behaviour::gzip(Behaviour::html(page.clone())))
        .route(
            "/bomb",
            Behaviour::gzip(Behaviour::large(5_000_000, "<title>Bomb</title>")),
        )]);
    let r = get(&web, "zip.test", "/", "x");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let mut plain = String::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_string(&mut plain)
        .unwrap();
    assert_eq!(plain, page);

    let r = get(&web, "zip.test", "/bomb", "x");
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    let body = dechunk(&r.body);
    assert!(body.len() < 100_000, "{} compressed bytes", body.len());
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain.len(), 5_000_000);
    assert!(plain.starts_with(b"<title>Bomb</title><p>"));
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..eol]).unwrap(), 16).unwrap();
        raw = &raw[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

#[test]
fn large_streams_exact_size_and_client_may_stop_early() {
    let web = Web::start(vec![HostSpec::new("big.test")
        .route(
            "/",
            Behaviour::large(50_000_000, "<html><head><title>Big</title></head><body>"),
        )
        .route("/small", Behaviour::html("ok"))]);
    let addr = web.addr("big.test");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: big.test\r\n\r\n").unwrap();
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = 0;
    while got < buf.len() {
        let n = s.read(&mut buf[got..]).unwrap();
        assert!(n > 0);
        got += n;
    }
    let r = parse(&buf);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("50000000"));
    assert!(r
        .body
        .starts_with(b"<html><head><title>Big</title></head><body><p>Lorem"));
    drop(s); // stop early: the server's write error must not disturb anything
    assert_eq!(get(&web, "big.test", "/small", "x").status, 200);
}

#[test]
fn keep_alive_reuses_the_connection() {
    let web = Web::start(vec![HostSpec::new("alive.test")
        .route("/1", Behaviour::html("one"))
        .route("/2", Behaviour::html("two"))]);
    let mut s = TcpStream::connect(web.addr("alive.test")).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    for (path, body) in [("/1", "one"), ("/2", "two")] {
        write!(s, "GET {path} HTTP/1.1\r\nHost: alive.test\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        while !raw.ends_with(body.as_bytes()) {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "connection closed");
            raw.extend_from_slice(&buf[..n]);
        }
        assert_eq!(parse(&raw).status, 200);
    }
    let reqs = web.requests("alive.test");
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].conn, reqs[1].conn);
    assert_eq!(web.connections("alive.test"), 1);
}

#[test]
fn hosts_get_distinct_addresses_and_remaps() {
    let web = Web::start(vec![
        HostSpec::new("a.test"),
        HostSpec::new("b.test").fallback(Behaviour::status(410)),
    ]);
    let (a, b) = (web.addr("a.test"), web.addr("b.test"));
    assert!(a.ip().is_loopback() && b.ip().is_loopback());
    assert_ne!(a, b);
    let args = web.remap_args();
    assert_eq!(args.len(), 4);
    assert_eq!(args[0], "--remap");
    assert_eq!(args[1], format!("^https?://a\\.test(:\\d+)?/ http://{a}/"));
    // the rule rewrites what a document cites into the listener's address
    let (pattern, replacement) = args[3].split_once(' ').unwrap();
    let re = regex::Regex::new(pattern).unwrap();
    assert_eq!(
        re.replace("https://b.test:8443/x?y", replacement),
        format!("http://{b}/x?y")
    );
    assert!(!re.is_match("http://b.tester/"));
    assert_eq!(get(&web, "b.test", "/anything", "x").status, 410);
}

#[test]
fn parallel_requests_are_counted_in_flight() {
    let web = Web::start(vec![
        HostSpec::new("slow.test").fallback(Behaviour::html("slow").after_ms(200))
    ]);
    let addr = web.addr("slow.test");
    let threads: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || parse(&send(addr, "GET", &format!("/{i}"), "x").unwrap()))
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap().status, 200);
    }
    assert_eq!(web.max_in_flight("slow.test"), 4);
}

#[test]
fn dropping_the_web_closes_hanging_connections() {
    let web = Web::start(vec![HostSpec::new("slow.test").route("/", Behaviour::Hang)]);
    let mut s = TcpStream::connect(web.addr("slow.test")).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: slow.test\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    drop(web);
    let mut buf = [0u8; 16];
    let n = s.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0);
    assert!(t.elapsed() < Duration::from_secs(5));
}
