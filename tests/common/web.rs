//! An in-process loopback web for integration tests.
//!
//! `Web::start` gives every simulated host (`alive.test`, `home.test`, …) its own listener on
//! its own loopback address (127.0.1.1, 127.0.1.2, … — all of 127.0.0.0/8 is loopback on Linux;
//! 127.0.0.1 when such an address cannot be bound) and an ephemeral port, served by hyper on a
//! multi-thread tokio runtime owned by the `Web`, so tests are plain `#[test]` functions that
//! run the `reflint` binary with `std::process::Command` and pass it `web.remap_args()`.
//! Distinct addresses matter: link checkers key their per-host limits by host name, not port,
//! and a remapped URL's host is the address.
//!
//! Every host records each request it receives (`requests`, in arrival order) and the most
//! requests it was serving at once (`max_in_flight`). Dropping the `Web` stops everything,
//! including hanging connections.
//!
//! ```ignore
//! let web = Web::start(vec![
//!     HostSpec::new("alive.test").route("/", Behaviour::html("<title>Home</title>")),
//!     HostSpec::new("moved.test").route("/old", Behaviour::redirect(301, "http://alive.test/")),
//! ]);
//! let out = Command::new(env!("CARGO_BIN_EXE_reflint")).arg("check").args(web.remap_args())...;
//! assert_eq!(web.requests("alive.test").len(), 1);
//! ```

use std::collections::HashMap;
use std::io::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

pub use super::hostile::Raw;

/// Size of the chunks a `Large` body is streamed in.
const CHUNK: usize = 64 * 1024;

/// What a route answers.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// Any status, headers (give the content-type here) and body.
    Page {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// 200, `text/html; charset=utf-8`.
    Html(String),
    /// A redirect; `location` is sent as given (absolute with a simulated host name such as
    /// `http://home.test/`, or relative).
    Redirect { status: u16, location: String },
    /// The n-th request to this route (0-based) gets the n-th behaviour; the last one repeats.
    /// A nested `Sequence` is indexed by the same count.
    Sequence(Vec<Behaviour>),
    /// 403 when the User-Agent contains "reflint", "bot" or "lychee" (case-insensitive), else `ok`.
    ForbidRobots { ok: Box<Behaviour> },
    /// Reads the request and never answers (until the client gives up or the `Web` is dropped).
    Hang,
    /// Reads the request, then closes the socket with `SO_LINGER` 0 (a TCP RST), no response.
    Reset,
    /// The inner response with its body gzip-compressed and `Content-Encoding: gzip`
    /// (a `Large` inner body is compressed as it streams: a small transfer that inflates to
    /// `size` bytes).
    Gzip(Box<Behaviour>),
    /// 200 `text/html; charset=utf-8` of exactly `size` bytes (Content-Length sent), streamed in
    /// 64 KiB chunks: `html_head`, then `<p>` filler. Never built in memory.
    Large { size: usize, html_head: String },
    /// Waits, then behaves like the inner behaviour.
    Delay(Duration, Box<Behaviour>),
    /// An endless chain of redirects with this status: `/hop/N` (or any other path, as N = 0)
    /// answers with `Location: /hop/N+1`.
    RedirectChain(u16),
}

impl Behaviour {
    /// 200 text/html with this body.
    pub fn html(body: impl Into<String>) -> Self {
        Behaviour::Html(body.into())
    }

    /// A page with this status, content type and body.
    pub fn page(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Behaviour::Page {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A short HTML page with this status (e.g. 404, 410, 503).
    pub fn status(status: u16) -> Self {
        Behaviour::page(
            status,
            "text/html; charset=utf-8",
            format!(
                "<html><head><title>{status}</title></head><body><h1>{status}</h1></body></html>"
            ),
        )
    }

    /// The default fallback: a real 404.
    pub fn not_found() -> Self {
        Behaviour::page(
            404,
            "text/html; charset=utf-8",
            "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        )
    }

    pub fn redirect(status: u16, location: impl Into<String>) -> Self {
        Behaviour::Redirect {
            status,
            location: location.into(),
        }
    }

    pub fn sequence(steps: Vec<Behaviour>) -> Self {
        Behaviour::Sequence(steps)
    }

    pub fn forbid_robots(ok: Behaviour) -> Self {
        Behaviour::ForbidRobots { ok: Box::new(ok) }
    }

    pub fn gzip(inner: Behaviour) -> Self {
        Behaviour::Gzip(Box::new(inner))
    }

    pub fn large(size: usize, html_head: impl Into<String>) -> Self {
        Behaviour::Large {
            size,
            html_head: html_head.into(),
        }
    }

    pub fn delay(wait: Duration, inner: Behaviour) -> Self {
        Behaviour::Delay(wait, Box::new(inner))
    }

    /// `self` after `ms` milliseconds.
    pub fn after_ms(self, ms: u64) -> Self {
        Behaviour::Delay(Duration::from_millis(ms), Box::new(self))
    }
}

/// One simulated host.
#[derive(Clone, Debug)]
pub struct HostSpec {
    /// The host name used in the documents' URLs, e.g. `alive.test`.
    pub name: String,
    /// Exact path+query (`/a?b=1`) → behaviour.
    pub routes: Vec<(String, Behaviour)>,
    /// For any other path; `Behaviour::not_found()` by default.
    pub fallback: Behaviour,
    /// Listen on this loopback address instead of the host's own 127.0.1.N (a test of
    /// spellings of 127.0.0.1 needs a server there).
    pub bind_to: Option<Ipv4Addr>,
    /// A hostile server ([`Raw`]) answering below HTTP at one path (a plain 404 at the
    /// others) instead of the routes.
    pub raw: Option<(String, Raw)>,
    /// Routes match the path alone, whatever the query (a server that ignores queries).
    pub ignore_query: bool,
}

impl HostSpec {
    pub fn new(name: impl Into<String>) -> Self {
        HostSpec {
            name: name.into(),
            routes: Vec::new(),
            fallback: Behaviour::not_found(),
            bind_to: None,
            raw: None,
            ignore_query: false,
        }
    }

    /// Matches routes by path alone: `/view/1?section=a` is served as `/view/1`.
    pub fn ignore_query(mut self) -> Self {
        self.ignore_query = true;
        self
    }

    /// Answers requests for `path` the hostile way `raw` says, and every other path with a
    /// plain 404 (the routes are not used; `Raw::Silent` answers no path at all).
    pub fn raw(mut self, path: impl Into<String>, raw: Raw) -> Self {
        self.raw = Some((path.into(), raw));
        self
    }

    /// Listens on `ip` (a loopback address: the fixture never serves anything else).
    pub fn bind_to(mut self, ip: Ipv4Addr) -> Self {
        assert!(ip.is_loopback(), "{ip} is not a loopback address");
        self.bind_to = Some(ip);
        self
    }

    /// Adds a route (exact path+query).
    pub fn route(mut self, path: impl Into<String>, behaviour: Behaviour) -> Self {
        self.routes.push((path.into(), behaviour));
        self
    }

    /// Sets the behaviour for unknown paths.
    pub fn fallback(mut self, behaviour: Behaviour) -> Self {
        self.fallback = behaviour;
        self
    }
}

/// A request as a simulated host received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent (`/a?b=1`).
    pub path: String,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// When the request head had been read.
    pub at: Instant,
    /// When the response was fully handed to the connection, or the request was abandoned
    /// (connection dropped, `Reset`); `None` while still in flight (`Hang`).
    pub done: Option<Instant>,
    /// Which connection of this host carried it (0, 1, …, in accept order): equal numbers
    /// mean a reused (keep-alive) connection.
    pub conn: usize,
    /// Body bytes handed to the connection (before gzip), known once `done` is set: a client
    /// that stops reading leaves most of a large body unsent.
    pub body_bytes: usize,
}

impl Request {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Log {
    requests: Vec<Request>,
    /// Requests so far per path+query, for `Sequence`.
    hits: HashMap<String, usize>,
    in_flight: usize,
    max_in_flight: usize,
    connections: usize,
}

struct HostState {
    raw: Option<(String, Raw)>,
    ignore_query: bool,
    routes: Vec<(String, Behaviour)>,
    fallback: Behaviour,
    log: Mutex<Log>,
}

impl HostState {
    fn log(&self) -> MutexGuard<'_, Log> {
        // a panicking test thread must not hide the log from the others
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Host {
    name: String,
    addr: SocketAddr,
    state: Arc<HostState>,
}

/// The running web. Dropping it shuts every host down.
pub struct Web {
    runtime: Option<tokio::runtime::Runtime>,
    hosts: Vec<Host>,
}

impl Web {
    /// Starts one listener per host; they accept connections as soon as this returns.
    pub fn start(hosts: Vec<HostSpec>) -> Web {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("loopback-web")
            .enable_all()
            .build()
            .expect("tokio runtime for the loopback web");
        let mut started = Vec::with_capacity(hosts.len());
        for (i, spec) in hosts.into_iter().enumerate() {
            assert!(
                started.iter().all(|h: &Host| h.name != spec.name),
                "host {} given twice",
                spec.name
            );
            let listener = match spec.bind_to {
                Some(ip) => bind_at(ip),
                None => bind_loopback(i),
            };
            let addr = listener.local_addr().expect("listener address");
            let state = Arc::new(HostState {
                raw: spec.raw,
                ignore_query: spec.ignore_query,
                routes: spec.routes,
                fallback: spec.fallback,
                log: Mutex::new(Log::default()),
            });
            let task_state = state.clone();
            runtime.spawn(async move {
                let listener = TcpListener::from_std(listener).expect("tokio listener");
                accept_loop(listener, task_state).await;
            });
            started.push(Host {
                name: spec.name,
                addr,
                state,
            });
        }
        Web {
            runtime: Some(runtime),
            hosts: started,
        }
    }

    fn host(&self, name: &str) -> &Host {
        self.hosts
            .iter()
            .find(|h| h.name == name)
            .unwrap_or_else(|| panic!("no simulated host {name}"))
    }

    /// The names of the hosts, in the order given.
    pub fn names(&self) -> Vec<String> {
        self.hosts.iter().map(|h| h.name.clone()).collect()
    }

    /// Where a host listens.
    pub fn addr(&self, name: &str) -> SocketAddr {
        self.host(name).addr
    }

    /// `http://NAME{path}`: the URL a document cites.
    pub fn url(&self, name: &str, path: &str) -> String {
        let _ = self.host(name);
        format!("http://{name}{path}")
    }

    /// `reflint check` against this web, as most online tests run it: JSON, a 2 s timeout,
    /// no retries, no spacing, no archive, no cache, every host remapped here; then `extra`.
    pub fn check_args(&self, extra: &[&str]) -> Vec<String> {
        let mut a: Vec<String> = [
            "check",
            "--format",
            "json",
            "--timeout",
            "2",
            "--retries",
            "0",
            "--host-interval",
            "0",
            "--no-archive",
            "--no-cache",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(self.remap_args());
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    }

    /// `--remap` arguments for reflint: one pair per host, mapping `^https?://NAME(:\d+)?/` to
    /// `http://ADDR:PORT/`.
    pub fn remap_args(&self) -> Vec<String> {
        self.remaps()
            .into_iter()
            .flat_map(|r| ["--remap".to_string(), r])
            .collect()
    }

    /// The remap rules alone ('REGEX REPLACEMENT'), one per host.
    pub fn remaps(&self) -> Vec<String> {
        self.hosts
            .iter()
            .map(|h| {
                format!(
                    "^https?://{}(:\\d+)?/ http://{}/",
                    regex::escape(&h.name),
                    h.addr
                )
            })
            .collect()
    }

    /// Every request a host received, in arrival order.
    pub fn requests(&self, name: &str) -> Vec<Request> {
        self.host(name).state.log().requests.clone()
    }

    /// The smallest gap between the starts of a host's requests after the first `skip`, and
    /// how many requests that is.
    #[allow(dead_code)] // not every test binary that includes the fixture asks for it
    pub fn min_start_gap(&self, name: &str, skip: usize) -> (Option<Duration>, usize) {
        let mut starts: Vec<_> = self
            .requests(name)
            .iter()
            .skip(skip)
            .map(|q| q.at)
            .collect();
        starts.sort();
        let gap = starts.windows(2).map(|w| w[1] - w[0]).min();
        (gap, starts.len())
    }

    /// The requests a host received for one path+query.
    pub fn requests_to(&self, name: &str, path: &str) -> Vec<Request> {
        let mut all = self.requests(name);
        all.retain(|r| r.path == path);
        all
    }

    /// How many requests a host received for one path+query.
    pub fn hits(&self, name: &str, path: &str) -> usize {
        self.host(name)
            .state
            .log()
            .requests
            .iter()
            .filter(|r| r.path == path)
            .count()
    }

    /// Requests received by all hosts together.
    pub fn total_requests(&self) -> usize {
        self.hosts
            .iter()
            .map(|h| h.state.log().requests.len())
            .sum()
    }

    /// The most requests this host was serving at once (from the request head read until the
    /// response was fully handed over or the request abandoned).
    pub fn max_in_flight(&self, name: &str) -> usize {
        self.host(name).state.log().max_in_flight
    }

    /// TCP connections this host accepted.
    pub fn connections(&self, name: &str) -> usize {
        self.host(name).state.log().connections
    }
}

impl Drop for Web {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            // does not block, and is allowed inside another runtime
            rt.shutdown_background();
        }
    }
}

/// The i-th host's listener: 127.0.1.1, 127.0.1.2, … (127.0.2.1 after 254 hosts), port chosen
/// by the system; 127.0.0.1 where that address cannot be bound.
fn bind_loopback(i: usize) -> std::net::TcpListener {
    let ip = Ipv4Addr::new(127, 0, 1 + (i / 254) as u8, 1 + (i % 254) as u8);
    let listener = std::net::TcpListener::bind(SocketAddrV4::new(ip, 0))
        .or_else(|_| std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))
        .expect("bind a loopback listener");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    listener
}

fn bind_at(ip: Ipv4Addr) -> std::net::TcpListener {
    let listener = std::net::TcpListener::bind(SocketAddrV4::new(ip, 0))
        .unwrap_or_else(|e| panic!("bind {ip}: {e}"));
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    listener
}

async fn accept_loop(listener: TcpListener, state: Arc<HostState>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // out of descriptors or similar: let the other tasks run, then go on
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let conn = {
            let mut log = state.log();
            log.connections += 1;
            log.connections - 1
        };
        if let Some(raw) = state.raw.clone() {
            let state = state.clone();
            tokio::spawn(async move { serve_raw(stream, raw, state, conn).await });
            continue;
        }
        let reset = Arc::new(AtomicBool::new(false));
        let io = TokioIo::new(Conn {
            stream,
            reset: reset.clone(),
        });
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve(state.clone(), conn, reset.clone(), req));
            // errors are normal here: clients stop reading, time out, reset
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(io, service)
                .await;
        });
    }
}

/// A hostile host's connection: the request head is read and recorded (unless the server
/// never reads), then answered the hostile way.
async fn serve_raw(
    mut stream: TcpStream,
    (at, raw): (String, Raw),
    state: Arc<HostState>,
    conn: usize,
) {
    let head = if raw.reads_request() {
        super::hostile::read_head(&mut stream).await
    } else {
        None
    };
    if let Some(head) = head {
        let elsewhere = head.path != at;
        {
            let mut log = state.log();
            log.requests.push(Request {
                method: head.method,
                path: head.path,
                headers: head.headers,
                at: Instant::now(),
                done: None,
                conn,
                body_bytes: 0,
            });
        }
        if elsewhere {
            super::hostile::not_found(stream).await;
            return;
        }
    }
    super::hostile::answer(stream, raw).await;
}

/// Marks a request done and no longer in flight when dropped: after the body's last frame,
/// or with the response future / body when the connection goes away.
struct InFlight {
    state: Arc<HostState>,
    index: usize,
    sent: usize,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut log = self.state.log();
        log.in_flight -= 1;
        log.requests[self.index].done = Some(Instant::now());
        log.requests[self.index].body_bytes = self.sent;
    }
}

/// What one request resolves to.
enum Action {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Source,
        gzip: bool,
    },
    Hang,
    Reset,
}

fn is_robot(user_agent: &str) -> bool {
    let ua = user_agent.to_ascii_lowercase();
    ["reflint", "bot", "lychee"].iter().any(|w| ua.contains(w))
}

/// Flattens a behaviour for the `n`-th request to its route: total delay and the action.
fn resolve(b: &Behaviour, path: &str, n: usize, user_agent: &str, delay: &mut Duration) -> Action {
    match b {
        Behaviour::Page {
            status,
            headers,
            body,
        } => Action::Respond {
            status: *status,
            headers: headers.clone(),
            body: Source::Full(Some(Bytes::copy_from_slice(body))),
            gzip: false,
        },
        Behaviour::Html(html) => Action::Respond {
            status: 200,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: Source::Full(Some(Bytes::copy_from_slice(html.as_bytes()))),
            gzip: false,
        },
        Behaviour::Redirect { status, location } => Action::Respond {
            status: *status,
            headers: vec![
                ("location".into(), location.clone()),
                ("content-type".into(), "text/html; charset=utf-8".into()),
            ],
            body: Source::Full(Some(Bytes::from(format!(
                "<html><body>Moved to <a href=\"{location}\">{location}</a></body></html>"
            )))),
            gzip: false,
        },
        Behaviour::Sequence(steps) => match steps.get(n.min(steps.len().saturating_sub(1))) {
            Some(step) => resolve(step, path, n, user_agent, delay),
            None => resolve(&Behaviour::not_found(), path, n, user_agent, delay),
        },
        Behaviour::ForbidRobots { ok } => {
            if is_robot(user_agent) {
                resolve(&Behaviour::status(403), path, n, user_agent, delay)
            } else {
                resolve(ok, path, n, user_agent, delay)
            }
        }
        Behaviour::Hang => Action::Hang,
        Behaviour::Reset => Action::Reset,
        Behaviour::Gzip(inner) => match resolve(inner, path, n, user_agent, delay) {
            Action::Respond {
                status,
                headers,
                body,
                ..
            } => Action::Respond {
                status,
                headers,
                body,
                gzip: true,
            },
            other => other,
        },
        Behaviour::Large { size, html_head } => Action::Respond {
            status: 200,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: Source::Large {
                head: Some(Bytes::copy_from_slice(html_head.as_bytes())),
                left: *size,
            },
            gzip: false,
        },
        Behaviour::Delay(wait, inner) => {
            *delay += *wait;
            resolve(inner, path, n, user_agent, delay)
        }
        Behaviour::RedirectChain(status) => {
            let hop: u64 = path
                .strip_prefix("/hop/")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let next = Behaviour::redirect(*status, format!("/hop/{}", hop + 1));
            resolve(&next, path, n, user_agent, delay)
        }
    }
}

async fn serve(
    state: Arc<HostState>,
    conn: usize,
    reset: Arc<AtomicBool>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<TrackedBody>, io::Error> {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".to_string());
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let user_agent = req
        .headers()
        .get(hyper::header::USER_AGENT)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let (index, n) = {
        let mut log = state.log();
        let n = {
            let count = log.hits.entry(path.clone()).or_insert(0);
            *count += 1;
            *count - 1
        };
        log.requests.push(Request {
            method: req.method().as_str().to_string(),
            path: path.clone(),
            headers,
            at: Instant::now(),
            done: None,
            conn,
            body_bytes: 0,
        });
        log.in_flight += 1;
        log.max_in_flight = log.max_in_flight.max(log.in_flight);
        (log.requests.len() - 1, n)
    };
    let guard = InFlight {
        state: state.clone(),
        index,
        sent: 0,
    };
    let behaviour = state
        .routes
        .iter()
        .find(|(p, _)| {
            *p == path || (state.ignore_query && path.split('?').next() == Some(p.as_str()))
        })
        .map(|(_, b)| b)
        .unwrap_or(&state.fallback);
    let mut delay = Duration::ZERO;
    let action = resolve(behaviour, &path, n, &user_agent, &mut delay);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match action {
        Action::Hang => {
            std::future::pending::<()>().await;
            unreachable!()
        }
        Action::Reset => {
            reset.store(true, Ordering::SeqCst);
            drop(guard);
            Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "simulated reset",
            ))
        }
        Action::Respond {
            status,
            headers,
            body,
            gzip,
        } => {
            let mut builder = hyper::Response::builder().status(status);
            for (k, v) in &headers {
                if gzip && k.eq_ignore_ascii_case("content-length") {
                    continue;
                }
                builder = builder.header(k.as_str(), v.as_str());
            }
            let mut body = TrackedBody {
                src: body,
                gz: None,
                guard: Some(guard),
            };
            if gzip {
                builder = builder.header("content-encoding", "gzip");
                match &mut body.src {
                    // small bodies are compressed at once, so a Content-Length is sent
                    Source::Full(full) => {
                        let raw = full.take().unwrap_or_default();
                        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
                        enc.write_all(&raw)?;
                        *full = Some(Bytes::from(enc.finish()?));
                    }
                    Source::Large { .. } => {
                        body.gz = Some(GzEncoder::new(Vec::new(), Compression::default()));
                    }
                }
            }
            builder
                .body(body)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))
        }
    }
}

/// Where a response body's bytes come from.
enum Source {
    Full(Option<Bytes>),
    /// The head, then `left - head` bytes of filler.
    Large {
        head: Option<Bytes>,
        left: usize,
    },
}

fn filler() -> Bytes {
    static FILLER: OnceLock<Bytes> = OnceLock::new();
    FILLER
        .get_or_init(|| {
            let para = b"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>\n";
            Bytes::from(para.iter().copied().cycle().take(CHUNK).collect::<Vec<u8>>())
        })
        .clone()
}

impl Source {
    fn next_chunk(&mut self) -> Option<Bytes> {
        match self {
            Source::Full(b) => b.take(),
            Source::Large { head, left } => {
                if *left == 0 {
                    return None;
                }
                let chunk = match head.take() {
                    Some(h) if !h.is_empty() => h,
                    _ => filler(),
                };
                let chunk = chunk.slice(..chunk.len().min(*left));
                *left -= chunk.len();
                Some(chunk)
            }
        }
    }

    fn remaining(&self) -> u64 {
        match self {
            Source::Full(b) => b.as_ref().map_or(0, |b| b.len() as u64),
            Source::Large { left, .. } => *left as u64,
        }
    }
}

/// A response body that streams its source (optionally through gzip) and holds the
/// request's `InFlight` guard until its last frame.
struct TrackedBody {
    src: Source,
    gz: Option<GzEncoder<Vec<u8>>>,
    guard: Option<InFlight>,
}

impl Body for TrackedBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = &mut *self;
        loop {
            let next = this.src.next_chunk();
            if let (Some(chunk), Some(guard)) = (&next, &mut this.guard) {
                guard.sent += chunk.len();
            }
            match next {
                Some(chunk) => match &mut this.gz {
                    None => return Poll::Ready(Some(Ok(Frame::data(chunk)))),
                    Some(enc) => {
                        enc.write_all(&chunk)?;
                        let out = std::mem::take(enc.get_mut());
                        if !out.is_empty() {
                            return Poll::Ready(Some(Ok(Frame::data(Bytes::from(out)))));
                        }
                    }
                },
                None => {
                    if let Some(enc) = this.gz.take() {
                        let out = enc.finish()?;
                        if !out.is_empty() {
                            return Poll::Ready(Some(Ok(Frame::data(Bytes::from(out)))));
                        }
                    }
                    this.guard = None;
                    return Poll::Ready(None);
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        if self.gz.is_some() {
            SizeHint::default()
        } else {
            SizeHint::with_exact(self.src.remaining())
        }
    }
}

/// The server side of a connection; after a `Reset` it refuses further I/O (no FIN, no
/// response) and closes with `SO_LINGER` 0, so the client sees a TCP RST.
struct Conn {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Conn {
    fn check(&self) -> io::Result<()> {
        if self.reset.load(Ordering::SeqCst) {
            Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "simulated reset",
            ))
        } else {
            Ok(())
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
