//! A loopback web for the online benchmark (`scripts/bench_online.py`).
//!
//! ```sh
//! cargo run --release --example loopweb -- --hosts 100 --pages 100 --latency-ms 50 \
//!     --port 8080 --doc target/bench/online.md
//! ```
//!
//! Host h (1-based) listens on 127.0.1.h:PORT (all of 127.0.0.0/8 is loopback on Linux; tools
//! key their per-host limits by host name, so every host needs its own address) and serves
//! `/page/{i}` (1 ≤ i ≤ pages) as a ~3 KB HTML page with a title and an
//! `article:published_time`, the latency after the request arrived (timed to about 0.1 ms by a
//! timer thread, not tokio's millisecond timer; no CPU); any other path is a 404 after the
//! same latency. `/__stats` (no latency) answers
//! `{"requests":N,"max_in_flight_per_host":M,"hosts_seen":K}` and `/__reset` zeroes those
//! counters, so a benchmark can check the per-host limit a tool really kept.
//!
//! The document written to `--doc` cites every page once as a Markdown footnote, the hosts
//! interleaved: `[^k]: “Page i of host h,” Bench Wire, October 29, 2019,
//! http://host{h}.bench.test/page/{i}.` Map the names with a remap such as
//! `^http://host(\d+)\.bench\.test/ http://127.0.1.$1:PORT/`.
//!
//! Prints `ready` on stdout once every host listens, then serves until killed.
//!
//! `--fetch L` runs the other side instead: a bare HTTP client (reqwest, L connections per
//! host, bodies read, nothing parsed) fetches every page of a loopweb already serving on
//! `--port` and prints the seconds it took: the floor a link checker can reach on this machine,
//! against the ideal `pages / L × latency`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::process::exit;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

struct Options {
    hosts: usize,
    pages: usize,
    latency: Duration,
    port: u16,
    doc: Option<String>,
    fetch: Option<usize>,
}

fn usage(problem: &str) -> ! {
    eprintln!("loopweb: {problem}");
    eprintln!(
        "usage: loopweb [--hosts N (1-254, default 100)] [--pages P (default 100)] \
         [--latency-ms MS (default 50)] [--port PORT (default 8080)] [--doc PATH] \
         [--fetch L]"
    );
    exit(2)
}

fn options() -> Options {
    let mut o = Options {
        hosts: 100,
        pages: 100,
        latency: Duration::from_millis(50),
        port: 8080,
        doc: None,
        fetch: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let number = || -> u64 {
            value
                .parse()
                .unwrap_or_else(|_| usage(&format!("{flag}: not a number: {value}")))
        };
        match flag.as_str() {
            "--hosts" => o.hosts = number() as usize,
            "--pages" => o.pages = number() as usize,
            "--latency-ms" => o.latency = Duration::from_millis(number()),
            "--port" => o.port = number() as u16,
            "--doc" => o.doc = Some(value.clone()),
            "--fetch" => o.fetch = Some(number().max(1) as usize),
            _ => usage(&format!("unknown option {flag}")),
        }
    }
    if !(1..=254).contains(&o.hosts) {
        usage("--hosts must be between 1 and 254 (one address 127.0.1.h each)");
    }
    if o.pages == 0 {
        usage("--pages must be at least 1");
    }
    o
}

/// The Markdown document: every page cited once, hosts interleaved.
fn document(hosts: usize, pages: usize) -> String {
    let total = hosts * pages;
    let mut doc = String::with_capacity(total * 150);
    doc.push_str("# Loopback benchmark\n\n");
    for k in 1..=total {
        let _ = write!(doc, "Claim number {k} rests on a source.[^{k}] ");
        if k % 10 == 0 || k == total {
            doc.push_str("\n\n");
        }
    }
    for k in 1..=total {
        let (h, i) = ((k - 1) % hosts + 1, (k - 1) / hosts + 1);
        let _ = writeln!(
            doc,
            "[^{k}]: \u{201c}Page {i} of host {h},\u{201d} Bench Wire, October 29, 2019, \
             http://host{h}.bench.test/page/{i}."
        );
    }
    doc
}

/// A ~3 KB article page.
fn page(h: usize, i: usize) -> String {
    let mut html = String::with_capacity(3500);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Page {i} of host {h}</title>\n\
         <meta property=\"og:title\" content=\"Page {i} of host {h}\">\n\
         <meta property=\"article:published_time\" content=\"2019-10-29T08:00:00Z\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         </head><body><header><nav><a href=\"/\">Bench Wire</a></nav></header>\n\
         <article><h1>Page {i} of host {h}</h1>\n<p class=\"byline\">By the Bench Desk, \
         <time datetime=\"2019-10-29T08:00:00Z\">October 29, 2019</time></p>\n"
    );
    for p in 0..6 {
        let _ = writeln!(
            html,
            "<p>Paragraph {p} of page {i} on host {h}. Negotiators met again on Tuesday to \
             discuss the framework agreed earlier in the year, while observers noted that the \
             timetable had slipped and that several questions of verification, sequencing and \
             sanctions relief remained open. Officials declined to comment on the details, \
             saying only that talks would continue in the coming weeks.</p>"
        );
    }
    html.push_str("</article><footer><p>&copy; 2019 Bench Wire</p></footer></body></html>\n");
    html
}

/// Sleeps that end on time. tokio's timer counts whole milliseconds and wakes on its driver's
/// next turn, so a 50 ms sleep ends 50-52 ms later, and a host answering 50 rounds in a row
/// runs 50-100 ms over the latency it claims; a thread waiting on a condition variable until
/// the earliest deadline (the kernel's high-resolution timers) wakes within about 0.1 ms.
struct Timer {
    due: Mutex<BinaryHeap<Due>>,
    changed: Condvar,
    next: AtomicU64,
}

/// A deadline and whom to wake; ordered soonest first (the sequence number keeps equal
/// instants distinct).
struct Due {
    at: Instant,
    seq: u64,
    waker: tokio::sync::oneshot::Sender<()>,
}

impl Due {
    fn key(&self) -> Reverse<(Instant, u64)> {
        Reverse((self.at, self.seq))
    }
}

impl PartialEq for Due {
    fn eq(&self, other: &Due) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Due {}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Due) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Due) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl Timer {
    fn start() -> Arc<Timer> {
        let timer = Arc::new(Timer {
            due: Mutex::new(BinaryHeap::new()),
            changed: Condvar::new(),
            next: AtomicU64::new(0),
        });
        let t = timer.clone();
        std::thread::spawn(move || t.run());
        timer
    }

    fn run(&self) {
        let mut due = self.due.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            match due.peek().map(|d| d.at) {
                None => due = self.changed.wait(due).unwrap_or_else(|p| p.into_inner()),
                Some(at) if at <= now => {
                    if let Some(d) = due.pop() {
                        let _ = d.waker.send(());
                    }
                }
                Some(at) => {
                    due = self
                        .changed
                        .wait_timeout(due, at - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
    }

    /// Waits until `at`.
    async fn sleep_until(&self, at: Instant) {
        let (waker, rx) = tokio::sync::oneshot::channel();
        let seq = self.next.fetch_add(1, Ordering::Relaxed);
        self.due
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Due { at, seq, waker });
        self.changed.notify_one();
        let _ = rx.await;
    }
}

/// Per-host counters.
#[derive(Default)]
struct Counters {
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// The whole web: settings and counters.
struct Web {
    pages: usize,
    latency: Duration,
    timer: Arc<Timer>,
    requests: AtomicUsize,
    hosts: Vec<Counters>,
    /// Unix milliseconds of the first request and of the last answer since the last reset.
    first_ms: AtomicU64,
    last_ms: AtomicU64,
}

fn unix_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn text(status: u16, content_type: &str, body: String) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(Bytes::from(body)))
        .expect("a valid response")
}

struct InFlight<'a>(&'a Counters);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Host `h` (1-based) answers one request.
async fn serve(
    web: Arc<Web>,
    h: usize,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = req.uri().path();
    if path == "/__stats" {
        let max = |c: &Counters| c.max_in_flight.load(Ordering::SeqCst);
        let body = format!(
            "{{\"requests\":{},\"max_in_flight_per_host\":{},\"hosts_seen\":{},\"first_request_ms\":{},\"last_answer_ms\":{}}}\n",
            web.requests.load(Ordering::SeqCst),
            web.hosts.iter().map(max).max().unwrap_or(0),
            web.hosts.iter().filter(|c| max(c) > 0).count(),
            web.first_ms.load(Ordering::SeqCst),
            web.last_ms.load(Ordering::SeqCst)
        );
        return Ok(text(200, "application/json", body));
    }
    if path == "/__reset" {
        web.requests.store(0, Ordering::SeqCst);
        web.first_ms.store(0, Ordering::SeqCst);
        web.last_ms.store(0, Ordering::SeqCst);
        for c in &web.hosts {
            c.max_in_flight.store(0, Ordering::SeqCst);
        }
        return Ok(text(200, "text/plain", "reset\n".into()));
    }
    let answer_at = Instant::now() + web.latency;
    web.requests.fetch_add(1, Ordering::SeqCst);
    let _ = web
        .first_ms
        .compare_exchange(0, unix_ms(), Ordering::SeqCst, Ordering::SeqCst);
    let counters = &web.hosts[h - 1];
    let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    counters.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let _guard = InFlight(counters);
    web.timer.sleep_until(answer_at).await;
    web.last_ms.fetch_max(unix_ms(), Ordering::SeqCst);
    let page_number = path
        .strip_prefix("/page/")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=web.pages).contains(n));
    Ok(match page_number {
        Some(i) => text(200, "text/html; charset=utf-8", page(h, i)),
        None => text(
            404,
            "text/html; charset=utf-8",
            "<html><head><title>Not Found</title></head><body>Not Found</body></html>".into(),
        ),
    })
}

async fn accept_loop(listener: TcpListener, web: Arc<Web>, h: usize) {
    loop {
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let web = web.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve(web.clone(), h, req));
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// `--fetch L`: every page of every host with `l` connections per host, in seconds.
async fn fetch_all(o: &Options, l: usize) -> Result<f64, String> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(l)
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| e.to_string())?;
    let start = std::time::Instant::now();
    let mut tasks = Vec::with_capacity(o.hosts * l);
    for h in 1..=o.hosts {
        for first in 1..=l.min(o.pages) {
            let (client, port, pages) = (client.clone(), o.port, o.pages);
            tasks.push(tokio::spawn(async move {
                for i in (first..=pages).step_by(l) {
                    let url = format!("http://127.0.1.{h}:{port}/page/{i}");
                    let r = client
                        .get(&url)
                        .send()
                        .await
                        .map_err(|e| format!("{url}: {e}"))?;
                    if r.status() != 200 {
                        return Err(format!("{url}: {}", r.status()));
                    }
                    r.bytes().await.map_err(|e| format!("{url}: {e}"))?;
                }
                Ok::<(), String>(())
            }));
        }
    }
    for t in tasks {
        t.await.map_err(|e| e.to_string())??;
    }
    Ok(start.elapsed().as_secs_f64())
}

fn main() {
    let o = options();
    if let Some(l) = o.fetch {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        match runtime.block_on(fetch_all(&o, l)) {
            Ok(secs) => println!("{secs:.3}"),
            Err(e) => {
                eprintln!("loopweb --fetch: {e}");
                exit(1);
            }
        }
        return;
    }
    if let Some(path) = &o.doc {
        if let Err(e) = std::fs::write(path, document(o.hosts, o.pages)) {
            eprintln!("loopweb: cannot write {path}: {e}");
            exit(2);
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let web = Arc::new(Web {
        pages: o.pages,
        latency: o.latency,
        timer: Timer::start(),
        requests: AtomicUsize::new(0),
        hosts: (0..o.hosts).map(|_| Counters::default()).collect(),
        first_ms: AtomicU64::new(0),
        last_ms: AtomicU64::new(0),
    });
    let mut listeners = Vec::with_capacity(o.hosts);
    for h in 1..=o.hosts {
        let addr = SocketAddrV4::new(Ipv4Addr::new(127, 0, 1, h as u8), o.port);
        match std::net::TcpListener::bind(addr) {
            Ok(l) => {
                l.set_nonblocking(true).expect("non-blocking listener");
                listeners.push(l);
            }
            Err(e) => {
                eprintln!("loopweb: cannot listen on {addr}: {e}");
                exit(1);
            }
        }
    }
    runtime.block_on(async move {
        for (i, listener) in listeners.into_iter().enumerate() {
            let listener = TcpListener::from_std(listener).expect("tokio listener");
            tokio::spawn(accept_loop(listener, web.clone(), i + 1));
        }
        println!("ready");
        let _ = std::io::stdout().flush();
        std::future::pending::<()>().await;
    });
}
