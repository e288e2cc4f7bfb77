//! `reflint archive save` against a simulated Internet Archive on loopback (127.0.0.1, reached
//! through `--remap`; no request leaves loopback): the availability API says which pages were
//! captured lately, Save Page Now takes submissions and answers each job's status. A run killed
//! with SIGKILL and run again submits nothing twice.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::run::{args, command, write_doc};
use common::web::{Behaviour, HostSpec, Web};

/// What the simulated archive knows and has been asked.
#[derive(Default)]
struct Archive {
    /// URL → a capture made ten days ago.
    fresh: Vec<String>,
    /// URLs whose capture fails.
    failing: Vec<String>,
    /// URLs whose first submission is refused with 429.
    busy_once: Vec<String>,
    /// Jobs stay pending while this is set.
    hold: bool,
    /// Every accepted submission, in order: (URL, job id).
    submitted: Vec<(String, String)>,
    /// Refused submissions (429).
    refused: Vec<String>,
    /// Status polls per job.
    polls: HashMap<String, usize>,
    /// The Authorization header of each submission.
    auth: Vec<String>,
}

struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<Archive>>,
}

fn decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn query(path: &str, key: &str) -> Option<String> {
    let q = path.split_once('?')?.1;
    url::form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn respond(stream: &mut TcpStream, status: &str, extra: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
}

fn handle(mut stream: TcpStream, state: &Mutex<Archive>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut length = 0usize;
    let mut auth = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().unwrap_or(0),
                "authorization" => auth = v.trim().to_string(),
                _ => {}
            }
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let body = String::from_utf8_lossy(&body).into_owned();
    let mut s = state.lock().expect("state");
    if path.starts_with("/wayback/available") {
        let url = query(&path, "url").unwrap_or_default();
        if s.fresh.contains(&url) {
            let ts = (chrono::Utc::now() - chrono::Duration::days(10))
                .format("%Y%m%d%H%M%S")
                .to_string();
            let json = format!(
                r#"{{"archived_snapshots":{{"closest":{{"status":"200","available":true,"url":"http://web.archive.org/web/{ts}/{url}","timestamp":"{ts}"}}}}}}"#
            );
            respond(&mut stream, "200 OK", "", &json);
        } else {
            respond(&mut stream, "200 OK", "", r#"{"archived_snapshots":{}}"#);
        }
    } else if method == "POST" && path == "/save" {
        let url = body
            .split('&')
            .find_map(|kv| kv.strip_prefix("url="))
            .map(decode)
            .unwrap_or_default();
        s.auth.push(auth);
        if s.busy_once.contains(&url) && !s.refused.contains(&url) {
            s.refused.push(url);
            respond(
                &mut stream,
                "429 Too Many Requests",
                "retry-after: 1\r\n",
                "{}",
            );
            return;
        }
        let job = format!("spn2-{}", s.submitted.len() + 1);
        s.submitted.push((url.clone(), job.clone()));
        respond(
            &mut stream,
            "200 OK",
            "",
            &format!(r#"{{"url":"{url}","job_id":"{job}"}}"#),
        );
    } else if let Some(job) = path.strip_prefix("/save/status/") {
        *s.polls.entry(job.to_string()).or_default() += 1;
        let url = s
            .submitted
            .iter()
            .find(|(_, j)| j == job)
            .map(|(u, _)| u.clone())
            .unwrap_or_default();
        let json = if s.hold {
            r#"{"status":"pending"}"#.to_string()
        } else if s.failing.contains(&url) {
            r#"{"status":"error","status_ext":"error:not-found","message":"The server cannot find the requested resource."}"#.to_string()
        } else {
            format!(r#"{{"status":"success","timestamp":"20261207101010","original_url":"{url}"}}"#)
        };
        respond(&mut stream, "200 OK", "", &json);
    } else {
        respond(&mut stream, "404 Not Found", "", "{}");
    }
}

/// Starts the simulated archive on 127.0.0.1.
fn archive(state: Archive) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let state = Arc::new(Mutex::new(state));
    let shared = Arc::clone(&state);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let s = Arc::clone(&shared);
            std::thread::spawn(move || handle(stream, &s));
        }
    });
    Server { addr, state }
}

/// The cited pages: alive at these paths of `live.test` (any other path is not found), gone
/// on `dead.test`.
fn cited_web(paths: &[&str]) -> Web {
    let mut live = HostSpec::new("live.test").fallback(Behaviour::not_found());
    for p in paths {
        live = live.route(
            *p,
            Behaviour::html(format!(
                "<html><head><title>Page {p}</title></head><body><p>Words of {p}.</p></body></html>"
            )),
        );
    }
    Web::start(vec![
        live,
        HostSpec::new("dead.test").fallback(Behaviour::not_found()),
    ])
}

fn save_command(web: &Web, server: &Server, dir: &Path, extra: &[&str]) -> Command {
    let mut a = args(&[
        "archive",
        "save",
        "--timeout",
        "5",
        "--retries",
        "2",
        "--host-interval",
        "0",
        "--poll-interval",
        "50",
        "--remap",
        &format!("^https?://(web\\.)?archive\\.org/ http://{}/", server.addr),
    ]);
    a.extend(web.remap_args());
    a.extend(args(extra));
    a.push("doc.md".into());
    let mut c = command(&a, dir);
    c.env("REFLINT_IA_ACCESS", "key")
        .env("REFLINT_IA_SECRET", "secret");
    c
}

fn run(c: &mut Command) -> Output {
    c.output().expect("reflint runs")
}

#[test]
fn live_pages_without_a_fresh_copy_are_saved() {
    let web = cited_web(&["/fresh", "/new", "/busy", "/fails"]);
    let urls = [
        web.url("live.test", "/fresh"),
        web.url("live.test", "/new"),
        web.url("live.test", "/busy"),
        web.url("live.test", "/fails"),
        web.url("dead.test", "/gone"),
    ];
    let server = archive(Archive {
        fresh: vec![urls[0].clone()],
        failing: vec![urls[3].clone()],
        busy_once: vec![urls[2].clone()],
        ..Archive::default()
    });
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), &urls);
    let out = run(&mut save_command(&web, &server, dir.path(), &[]));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a capture failed: {table}{err}");
    assert!(table.contains("saved               2\n"), "{table}");
    assert!(table.contains("already fresh       1\n"), "{table}");
    assert!(table.contains("failed              1\n"), "{table}");
    assert!(
        table.contains(&format!(
            "  failed: {}: error:not-found: The server cannot find the requested resource.",
            urls[3]
        )),
        "{table}"
    );
    {
        let s = server.state.lock().expect("state");
        let submitted: Vec<&str> = s.submitted.iter().map(|(u, _)| u.as_str()).collect();
        // the fresh page and the dead one are never submitted; the busy one after its 429
        assert_eq!(submitted, vec![&urls[1], &urls[2], &urls[3]]);
        assert_eq!(s.refused, vec![urls[2].clone()]);
        assert!(s.auth.iter().all(|a| a == "LOW key:secret"));
    }
    // a second run: what was saved is fresh; the failure is tried again
    let out = run(&mut save_command(&web, &server, dir.path(), &[]));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(table.contains("already fresh       3\n"), "{table}");
    let s = server.state.lock().expect("state");
    let again: Vec<&str> = s
        .submitted
        .iter()
        .skip(3)
        .map(|(u, _)| u.as_str())
        .collect();
    assert_eq!(again, vec![&urls[3]]);
}

#[test]
fn a_killed_run_resumes_without_submitting_twice() {
    let web = cited_web(&["/p/1", "/p/2", "/p/3"]);
    let urls: Vec<String> = (1..=3)
        .map(|i| web.url("live.test", &format!("/p/{i}")))
        .collect();
    let server = archive(Archive {
        hold: true,
        ..Archive::default()
    });
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), &urls);
    let mut child = save_command(&web, &server, dir.path(), &["--wait", "5m"])
        .spawn()
        .expect("reflint starts");
    // every job submitted and polled at least once: each submission is in the store
    let started = Instant::now();
    loop {
        {
            let s = server.state.lock().expect("state");
            if s.submitted.len() == 3 && s.polls.len() == 3 {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the run never submitted all three"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    server.state.lock().expect("state").hold = false;
    let out = run(&mut save_command(&web, &server, dir.path(), &[]));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{table}");
    assert!(table.contains("saved               3\n"), "{table}");
    {
        let s = server.state.lock().expect("state");
        assert_eq!(s.submitted.len(), 3, "resubmitted: {:?}", s.submitted);
    }
    // and a third run has nothing to do
    let out = run(&mut save_command(&web, &server, dir.path(), &[]));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(table.contains("already fresh       3\n"), "{table}");
    assert_eq!(server.state.lock().expect("state").submitted.len(), 3);
}
