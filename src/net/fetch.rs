//! One URL fetched: GET (a HEAD answer is never trusted alone, so reflint does not send one),
//! redirects followed by hand so that every hop is recorded, remapped and scheduled, the body
//! streamed only as far as needed, and the page decoded from the charset it declares or sniffs
//! as.

use std::collections::HashSet;
use std::error::Error as _;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_TYPE, LINK, LOCATION, RETRY_AFTER};
use url::Url;

use super::guard::{self, GuardedResolver};
use super::schedule::Scheduler;
use super::{host_key, remapped, NetOptions};

/// The most redirects followed.
pub const MAX_REDIRECTS: usize = 10;

/// Why a request got no HTTP answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailKind {
    Timeout,
    /// Reset or closed before an answer.
    Reset,
    Refused,
    /// The name does not resolve.
    Dns,
    Tls,
    /// Another failure to connect.
    Connect,
    /// The URL cannot be requested (bad remap, unsupported scheme).
    Invalid,
    /// The private-address guard refused the target: nothing was sent, and it says nothing
    /// about the network.
    Private,
    Other,
}

impl FailKind {
    /// Worth another try.
    pub fn transient(self) -> bool {
        matches!(
            self,
            FailKind::Timeout | FailKind::Reset | FailKind::Refused | FailKind::Connect
        )
    }

    /// No connection was made at all (for "the network is unavailable"; a refusal of the
    /// guard is not counted: it says nothing about the network).
    pub fn no_connection(self) -> bool {
        matches!(
            self,
            FailKind::Refused | FailKind::Dns | FailKind::Connect | FailKind::Tls
        )
    }
}

/// A request without an HTTP answer.
#[derive(Clone, Debug)]
pub struct Failure {
    pub kind: FailKind,
    pub message: String,
}

/// An HTTP answer.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub retry_after: Option<Duration>,
    /// A bot-protection challenge (`cf-mitigated: challenge`, ...).
    pub challenge: bool,
    pub content_type: Option<String>,
    /// The decoded page, for HTML (and text) answers with a 2xx status.
    pub body: Option<String>,
    /// The `Link` header (RFC 8288), asked for by archive look-ups (Memento, RFC 7089).
    pub link: Option<String>,
    /// `Memento-Datetime`: the moment an archived copy was captured.
    pub memento_datetime: Option<String>,
}

/// What a request asks beyond a plain GET: headers of its own, and whether a 2xx page's body
/// is wanted (an archive look-up needs only the headers of the copy it lands on).
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    pub headers: &'a [(&'static str, &'a str)],
    pub body: bool,
    /// A POST of this form (`application/x-www-form-urlencoded`) instead of a GET.
    pub form: Option<&'a [(&'a str, &'a str)]>,
}

impl Ask<'_> {
    /// A plain GET that reads the body of a page.
    pub const PAGE: Ask<'static> = Ask {
        headers: &[],
        body: true,
        form: None,
    };
}

/// What following a URL's redirects ended in.
#[derive(Clone, Debug)]
pub struct Chain {
    /// Each hop after the first: (URL, status that sent us there).
    pub hops: Vec<(Url, u16)>,
    /// The logical URL of the last request.
    pub last: Url,
    pub outcome: Result<Answer, Failure>,
    /// A redirect loop, or more than [`MAX_REDIRECTS`].
    pub loop_or_cap: Option<String>,
}

/// The two clients of a run (or of a host with headers of its own), alike but for the guard:
/// requests go through `guarded` unless `--allow-private` is given or a remap wrote their
/// target. They share nothing: a connection `open` made is never reused for a guarded request.
#[derive(Clone)]
pub struct HttpClient {
    guarded: reqwest::Client,
    open: reqwest::Client,
    /// A proxy is set in the environment (the resolver then sees the proxy, not the target).
    proxied: bool,
}

impl HttpClient {
    /// The client for a request: the guarded one unless the guard is off for it.
    fn pick(&self, guarded: bool) -> &reqwest::Client {
        if guarded {
            &self.guarded
        } else {
            &self.open
        }
    }
}

/// Builds the clients of a run.
pub fn client(opts: &NetOptions) -> Result<HttpClient, String> {
    let open = builder(opts)?
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    let guarded = if opts.allow_private {
        open.clone()
    } else {
        builder(opts)?
            .dns_resolver(Arc::new(GuardedResolver::system()))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?
    };
    Ok(HttpClient {
        guarded,
        open,
        proxied: guard::proxy_set(),
    })
}

/// Clients whose guarded resolver looks names up with `lookup` (a stub, in tests).
#[cfg(test)]
fn client_with_lookup(
    opts: &NetOptions,
    lookup: impl Fn(String) -> guard::Lookup + Send + Sync + 'static,
) -> HttpClient {
    let build = |b: reqwest::ClientBuilder| b.no_proxy().build().expect("client");
    HttpClient {
        guarded: build(
            builder(opts)
                .expect("builder")
                .dns_resolver(Arc::new(GuardedResolver::with_lookup(lookup))),
        ),
        open: build(builder(opts).expect("builder")),
        proxied: false,
    }
}

/// A client builder with the options of a run.
fn builder(opts: &NetOptions) -> Result<reqwest::ClientBuilder, String> {
    let mut headers = HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        ),
    );
    for (k, v) in &opts.headers {
        let name = reqwest::header::HeaderName::from_bytes(k.as_bytes())
            .map_err(|e| format!("--header '{k}: {v}': {e}"))?;
        let value = reqwest::header::HeaderValue::from_str(v)
            .map_err(|e| format!("--header '{k}: {v}': {e}"))?;
        headers.insert(name, value);
    }
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(opts.user_agent.clone())
        .default_headers(headers)
        .pool_max_idle_per_host(opts.host_concurrency.max(1))
        .tcp_nodelay(true)
        .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
        .gzip(true)
        .brotli(true)
        .deflate(true))
}

/// Follows `url`'s redirects, each hop remapped and scheduled.
///
/// `client_for` gives the client for each hop (a host with headers of its own has its own).
pub async fn follow<'c>(
    client_for: impl Fn(&Url) -> &'c HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
) -> Chain {
    follow_accepting(client_for, sched, opts, url, None).await
}

/// [`follow`] with every hop asking for `accept` (`Accept:`) instead of the client's pages
/// (a DOI's content negotiation asks for CSL JSON).
pub async fn follow_accepting<'c>(
    client_for: impl Fn(&Url) -> &'c HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    accept: Option<&str>,
) -> Chain {
    let mut current = url.clone();
    let mut hops = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(current.as_str().to_string());
    loop {
        let outcome = request_accepting(client_for(&current), sched, opts, &current, accept).await;
        let next = match &outcome {
            Ok(a) if (300..400).contains(&a.status) => {
                a.location.as_deref().and_then(|l| current.join(l).ok())
            }
            _ => None,
        };
        let (Some(next), Ok(answer)) = (next, &outcome) else {
            return Chain {
                hops,
                last: current,
                outcome,
                loop_or_cap: None,
            };
        };
        let status = answer.status;
        let repeated = !seen.insert(next.as_str().to_string());
        hops.push((next.clone(), status));
        if repeated || hops.len() > MAX_REDIRECTS {
            let why = if repeated {
                format!("redirect loop at {next}")
            } else {
                format!("more than {MAX_REDIRECTS} redirects")
            };
            return Chain {
                hops,
                last: current,
                outcome,
                loop_or_cap: Some(why),
            };
        }
        current = next;
    }
}

/// One GET of the logical URL `url` (remapped before it is sent), refused before anything is
/// sent when the guard finds its target private.
pub async fn request(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
) -> Result<Answer, Failure> {
    request_with(client, sched, opts, url, Ask::PAGE).await
}

/// [`request`] asking for `accept` (`Accept:`, replacing the client's) when given, else for
/// pages.
pub async fn request_accepting(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    accept: Option<&str>,
) -> Result<Answer, Failure> {
    let headers: Vec<(&'static str, &str)> = accept.map(|a| ("accept", a)).into_iter().collect();
    let ask = Ask {
        headers: &headers,
        ..Ask::PAGE
    };
    request_with(client, sched, opts, url, ask).await
}

/// [`request`] with headers of its own, or without reading the body.
pub async fn request_with(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    ask: Ask<'_>,
) -> Result<Answer, Failure> {
    let rewritten = remapped(&opts.remaps, url.as_str());
    // a target a remap wrote is the operator's choice; everything else a document (or a
    // server's redirect) chose is guarded
    let guarded = !opts.allow_private && rewritten.is_none();
    let target = rewritten.unwrap_or_else(|| url.as_str().to_string());
    let target = Url::parse(&target).map_err(|e| Failure {
        kind: FailKind::Invalid,
        message: format!("the remapped URL {target} is not valid: {e}"),
    })?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(Failure {
            kind: FailKind::Invalid,
            message: format!("unsupported scheme {}", target.scheme()),
        });
    }
    if guarded {
        // reqwest asks the resolver about names only: IP literals are checked here
        guard::check_host(&target).map_err(refused)?;
        if client.proxied {
            // through a proxy, the proxy resolves the target: its name is checked here, with
            // a look-up of its own (the proxy's could differ: see SECURITY.md)
            if let Some(url::Host::Domain(name)) = target.host() {
                if let Err(guard::Refusal::Refused(r)) =
                    guard::resolve_checked(name, guard::system_lookup).await
                {
                    return Err(refused(r));
                }
            }
        }
    }
    let client = client.pick(guarded);
    let host = host_key(&target);
    let _permit = sched.acquire(&host).await;
    let started = tokio::time::Instant::now();
    let result = tokio::time::timeout(opts.timeout, get(client, &target, opts.body_cap, ask)).await;
    let answer = match result {
        Ok(r) => r?,
        Err(_) => {
            return Err(Failure {
                kind: FailKind::Timeout,
                message: format!("timed out after {} s", opts.timeout.as_secs_f32()),
            })
        }
    };
    if let Some(wait) = answer.retry_after {
        if matches!(answer.status, 429 | 503) {
            sched.defer(&host, started + wait.min(opts.retry_after_cap));
        }
    }
    Ok(answer)
}

async fn get(
    client: &reqwest::Client,
    target: &Url,
    cap: usize,
    ask: Ask<'_>,
) -> Result<Answer, Failure> {
    let mut builder = match ask.form {
        Some(form) => client.post(target.clone()).form(form),
        None => client.get(target.clone()),
    };
    for (name, value) in ask.headers {
        builder = builder.header(*name, *value);
    }
    let mut resp = builder.send().await.map_err(|e| failure(&e))?;
    let status = resp.status().as_u16();
    let headers = resp.headers();
    let text = |name: reqwest::header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let location = text(LOCATION);
    let retry_after = text(RETRY_AFTER).and_then(|v| parse_retry_after(&v));
    let content_type = text(CONTENT_TYPE);
    let challenge = is_challenge(headers, status);
    let link = text(LINK);
    let memento_datetime = headers
        .get("memento-datetime")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut answer = Answer {
        status,
        location,
        retry_after,
        challenge,
        content_type,
        body: None,
        link,
        memento_datetime,
    };
    let wants_body = ask.body
        && (200..300).contains(&status)
        && answer.content_type.as_deref().is_none_or(is_page_type);
    if !wants_body {
        return Ok(answer);
    }
    let mut buf: Vec<u8> = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap.saturating_sub(buf.len());
                buf.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or(&chunk));
                if buf.len() >= cap {
                    break;
                }
            }
            Ok(None) => break,
            // a body cut short still says what it says
            Err(_) if !buf.is_empty() => break,
            Err(e) => return Err(failure(&e)),
        }
    }
    if answer.content_type.is_none() && !looks_like_html(&buf) {
        return Ok(answer);
    }
    answer.body = Some(decode(&buf, answer.content_type.as_deref()));
    Ok(answer)
}

/// HTML, XHTML, plain text or JSON (the archive's answers): a type whose body is read.
fn is_page_type(ct: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    ct.contains("html") || ct.starts_with("text/plain") || ct.contains("xml") || ct.contains("json")
}

fn looks_like_html(b: &[u8]) -> bool {
    let head = b.get(..512).unwrap_or(b);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<head")
}

/// `Retry-After`: seconds or an HTTP date.
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Known bot-protection answers.
fn is_challenge(h: &HeaderMap, status: u16) -> bool {
    let has = |n: &str| h.get(n).is_some();
    let val = |n: &str| {
        h.get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    val("cf-mitigated").contains("challenge")
        || has("x-amzn-waf-action")
        || val("x-datadome").contains("protected")
        || has("x-sucuri-block")
        || (matches!(status, 403 | 503) && val("server").contains("cloudflare") && has("cf-ray"))
}

/// The guard's refusal as a request failure.
fn refused(r: guard::Refused) -> Failure {
    Failure {
        kind: FailKind::Private,
        message: r.to_string(),
    }
}

/// Names a request failure by walking the error's causes.
fn failure(e: &reqwest::Error) -> Failure {
    if let Some(r) = guard::refused_in(e) {
        return refused(r.clone());
    }
    let mut chain = String::new();
    let mut io_kind = None;
    let mut src: Option<&(dyn std::error::Error + 'static)> = e.source();
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind.get_or_insert(io.kind());
        }
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        src = s.source();
    }
    let lower = chain.to_ascii_lowercase();
    use std::io::ErrorKind as K;
    let kind = if e.is_timeout() || io_kind == Some(K::TimedOut) {
        FailKind::Timeout
    } else if io_kind == Some(K::ConnectionRefused) || lower.contains("connection refused") {
        FailKind::Refused
    } else if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
        || lower.contains("no address associated")
        || lower.contains("nodename nor servname")
    {
        FailKind::Dns
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        FailKind::Tls
    } else if matches!(
        io_kind,
        Some(K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof)
    ) || lower.contains("connection reset")
        || lower.contains("connection closed")
        || lower.contains("incomplete")
    {
        FailKind::Reset
    } else if e.is_connect() {
        FailKind::Connect
    } else {
        FailKind::Other
    };
    let message = match kind {
        FailKind::Timeout => "timed out".to_string(),
        FailKind::Refused => "connection refused".to_string(),
        FailKind::Dns => "the host name does not resolve".to_string(),
        FailKind::Reset => "connection reset".to_string(),
        FailKind::Tls => format!("TLS failure{chain}"),
        _ => format!("{e}{chain}"),
    };
    Failure { kind, message }
}

/// Decodes a page: the charset of the `Content-Type` header, else a BOM, else a `<meta>`
/// declaration in the first 1024 bytes, else UTF-8 when it is valid, else the encoding
/// chardetng guesses (GBK, Big5, EUC-KR, Shift_JIS, windows-1252, ...). A BOM wins over any
/// declaration (`Encoding::decode` sniffs it). A label of the "replacement" encoding
/// (HZ-GB-2312, ISO-2022-KR/CN) is not believed: it would decode the whole page to one U+FFFD.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| encoding_for(&l));
    let enc = declared
        .or_else(|| encoding_rs::Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                let mut det = chardetng::EncodingDetector::new();
                det.feed(bytes, true);
                det.guess(None, true)
            }
        });
    // a page declared as ISO-8859-1/ASCII is windows-1252 for browsers, and encoding_rs agrees
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// The encoding a charset label names, unless it is the "replacement" encoding.
fn encoding_for(label: &str) -> Option<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The charset a `<meta charset>` or `<meta http-equiv content="...; charset=">` declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = rest.get(i + 5..)?;
        let tag = rest.split('>').next().unwrap_or("");
        if let Some(j) = tag.find("charset=") {
            let v = tag.get(j + 8..).unwrap_or("");
            let v = v.trim_start_matches(['"', '\'']);
            let end = v
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(v.len());
            let label = v.get(..end).unwrap_or("");
            if let Some(e) = encoding_for(label) {
                // a page that says UTF-16 in a meta tag is ASCII-compatible, so it is not UTF-16
                return Some(
                    if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        e
                    },
                );
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_dates() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        let soon = std::time::SystemTime::now() + Duration::from_secs(30);
        let d = parse_retry_after(&httpdate::fmt_http_date(soon)).unwrap();
        assert!(
            d > Duration::from_secs(25) && d <= Duration::from_secs(30),
            "{d:?}"
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn decodes_declared_meta_and_sniffed_charsets() {
        let (gbk, _, _) = encoding_rs::GBK.encode("新华网 2020年01月02日 朝鲜劳动党");
        assert_eq!(
            decode(&gbk, Some("text/html; charset=GBK")),
            "新华网 2020年01月02日 朝鲜劳动党"
        );
        let mut page = b"<html><head><meta charset=\"gb2312\"></head><body>".to_vec();
        page.extend_from_slice(&gbk);
        assert!(decode(&page, Some("text/html")).contains("朝鲜劳动党"));
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">".to_vec();
        let (kr, _, _) = encoding_rs::EUC_KR.encode("조선중앙통신 보도");
        page.extend_from_slice(&kr);
        assert!(decode(&page, None).contains("조선중앙통신"));
        // no declaration at all: sniffed
        let long = "中华人民共和国外交部发言人表示，朝鲜半岛问题的政治解决进程".repeat(4);
        let (gb, _, _) = encoding_rs::GBK.encode(&long);
        assert!(decode(&gb, Some("text/html")).contains("外交部发言人"));
        let ja = "北朝鮮の外務大臣がイランを訪問した。".repeat(4);
        let (sj, _, _) = encoding_rs::SHIFT_JIS.encode(&ja);
        assert!(decode(&sj, None).contains("イランを訪問"));
        let tw = "北韓外長訪問伊朗，雙方討論制裁問題。".repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&tw);
        assert!(decode(&big5, None).contains("伊朗"));
        assert_eq!(
            decode(b"caf\xe9", Some("text/html; charset=iso-8859-1")),
            "café"
        );
        assert_eq!(decode("plain é".as_bytes(), None), "plain é");
    }

    /// A loopback listener that answers one request with `200` and an empty page, and says
    /// how many connections it accepted (0 or 1) within `wait` (a connection already made is
    /// waiting in the backlog, so a short `wait` after the requests is enough to see it).
    fn one_shot_server(wait: Duration) -> (u16, std::thread::JoinHandle<usize>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let handle = std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + wait;
            while std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((mut s, _)) => {
                        let _ = s.set_nonblocking(false);
                        let mut buf = [0u8; 4096];
                        let _ = s.read(&mut buf);
                        let _ = s.write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        );
                        return 1;
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
            0
        });
        (port, handle)
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    fn test_opts() -> NetOptions {
        NetOptions {
            timeout: Duration::from_secs(2),
            retries: 0,
            cache: None,
            host_interval: Duration::ZERO,
            ..NetOptions::default()
        }
    }

    /// Every test here connects to loopback only, and the refused requests to nothing.
    #[test]
    fn the_guard_refuses_before_anything_is_sent() {
        let sched = Scheduler::new(4, 2, Duration::ZERO);
        let opts = test_opts();
        // an IP literal: refused before the request
        let (port, server) = one_shot_server(Duration::from_millis(300));
        let c = client(&opts).expect("client");
        for spelling in [
            format!("http://127.0.0.1:{port}/secret"),
            format!("http://2130706433:{port}/secret"),
            format!("http://0x7f.1:{port}/secret"),
            format!("http://[::ffff:127.0.0.1]:{port}/secret"),
            format!("http://localhost.:{port}/secret"),
        ] {
            let url = Url::parse(&spelling).expect("url");
            let e = run(request(&c, &sched, &opts, &url)).expect_err(&spelling);
            assert_eq!(e.kind, FailKind::Private, "{spelling}");
            assert!(e.message.contains("--allow-private"), "{}", e.message);
            assert!(!e.kind.transient() && !e.kind.no_connection());
        }
        // a name the resolver finds private: refused inside reqwest, named the same way
        let c = client_with_lookup(&opts, |_| {
            Box::pin(async { Ok(vec!["127.0.0.1:0".parse().expect("addr")]) })
        });
        let url = Url::parse(&format!("http://rebinding.example:{port}/")).expect("url");
        let e = run(request(&c, &sched, &opts, &url)).expect_err("refused");
        assert_eq!(e.kind, FailKind::Private);
        assert!(
            e.message
                .starts_with("rebinding.example resolves to the private address 127.0.0.1"),
            "{}",
            e.message
        );
        assert_eq!(server.join().expect("server"), 0, "nothing was sent");
    }

    #[test]
    fn a_remapped_target_and_allow_private_are_sent() {
        let sched = Scheduler::new(4, 2, Duration::ZERO);
        // the remap's target is the operator's choice
        let (port, server) = one_shot_server(Duration::from_secs(10));
        let opts = NetOptions {
            remaps: vec![super::super::Remap::parse(&format!(
                r"^http://cited\.test/ http://127.0.0.1:{port}/"
            ))
            .expect("remap")],
            ..test_opts()
        };
        let c = client(&opts).expect("client");
        let url = Url::parse("http://cited.test/page").expect("url");
        let a = run(request(&c, &sched, &opts, &url)).expect("answered");
        assert_eq!(a.status, 200);
        assert_eq!(server.join().expect("server"), 1);
        // --allow-private: the literal itself
        let (port, server) = one_shot_server(Duration::from_secs(10));
        let opts = NetOptions {
            allow_private: true,
            ..test_opts()
        };
        let c = client(&opts).expect("client");
        let url = Url::parse(&format!("http://127.0.0.1:{port}/page")).expect("url");
        let a = run(request(&c, &sched, &opts, &url)).expect("answered");
        assert_eq!(a.status, 200);
        assert_eq!(server.join().expect("server"), 1);
    }

    #[test]
    fn page_types() {
        assert!(is_page_type("text/html; charset=utf-8"));
        assert!(is_page_type("application/xhtml+xml"));
        assert!(!is_page_type("application/pdf"));
        assert!(!is_page_type("image/png"));
    }

    #[test]
    fn challenges() {
        let mut h = HeaderMap::new();
        h.insert("cf-mitigated", "challenge".parse().unwrap());
        assert!(is_challenge(&h, 403));
        let mut h = HeaderMap::new();
        h.insert("server", "cloudflare".parse().unwrap());
        assert!(!is_challenge(&h, 404));
        h.insert("cf-ray", "abc".parse().unwrap());
        assert!(is_challenge(&h, 403));
        assert!(!is_challenge(&HeaderMap::new(), 403));
    }
}
