//! Everything that touches the network; nothing else in reflint opens a connection.
//!
//! [`check_links`] takes the distinct URLs of a run and returns one [`Checked`] per URL:
//! - `schedule.rs`: politeness: per-host in-flight limit and spacing, a global cap,
//!   `Retry-After` pushing a host's next start back;
//! - `fetch.rs`: one GET with redirects followed by hand (each hop remapped and scheduled),
//!   bodies streamed up to a cap, pages decoded from their charset;
//! - `classify.rs`: alive / dead / soft-404 / redirected / blocked / unreachable, including
//!   the random-path probe;
//! - `page/`: what a page says of itself (title, date, language, "not found");
//! - `archive.rs`: the Wayback Machine snapshot closest to the cited date;
//! - `doi/`: each cited DOI asked of the DOI resolver (content negotiation for its CSL JSON
//!   record: title and years), through the same scheduler, retries and cache;
//! - `guard.rs`: private addresses refused before any connection (`--allow-private` to check
//!   them), through the client's resolver and a check of IP-literal hosts;
//! - `hosts.rs`: the settings of `[hosts."…"]` in reflint.toml: a client with the host's extra
//!   headers, chosen for each hop of a redirect chain;
//! - `run.rs`: the whole online phase: cache look-ups, tasks, cache writes;
//! - `progress.rs`: its progress on stderr, a bar on a terminal and plain lines elsewhere.

pub mod archive;
pub mod classify;
pub mod doi;
pub mod fetch;
pub mod guard;
pub mod hosts;
pub mod page;
pub mod progress;
mod record;
pub mod run;
pub mod schedule;

use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::links::{LinkStatus, Snapshot};

pub use doi::{DoiChecked, DoiRequest, DoiStatus};
pub use run::{check_all, check_links, CitedDates, DateMap, DatesToCome, LinkRequest, NetOutcome};

/// `--remap 'REGEX REPLACEMENT'`: rewrites the target of outgoing requests.
#[derive(Clone, Debug)]
pub struct Remap {
    pub pattern: Regex,
    pub replacement: String,
}

impl Remap {
    /// Parses `REGEX REPLACEMENT` (separated by whitespace; the replacement may use `$1`).
    pub fn parse(s: &str) -> Result<Remap, String> {
        let s = s.trim();
        let (re, rep) = s
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("--remap '{s}': expected 'REGEX REPLACEMENT'"))?;
        let pattern = Regex::new(re).map_err(|e| format!("--remap '{s}': bad regex: {e}"))?;
        Ok(Remap {
            pattern,
            replacement: rep.trim().to_string(),
        })
    }
}

/// The URL actually requested for `url`: the first remap that matches rewrites it.
pub fn remap(remaps: &[Remap], url: &str) -> String {
    remapped(remaps, url).unwrap_or_else(|| url.to_string())
}

/// What the first remap that matches `url` rewrites it to; `None` when none matches (the
/// private-address guard lets a remapped target through: the operator wrote it).
pub fn remapped(remaps: &[Remap], url: &str) -> Option<String> {
    remaps
        .iter()
        .find(|r| r.pattern.is_match(url))
        .map(|r| r.pattern.replace(url, r.replacement.as_str()).into_owned())
}

/// The network options of a run (`reflint check` without `--offline`).
#[derive(Clone, Debug)]
pub struct NetOptions {
    pub remaps: Vec<Remap>,
    /// Per request, including reading the body.
    pub timeout: Duration,
    /// Retries of transient failures (timeouts, resets, 429, 5xx).
    pub retries: u32,
    /// Requests in flight overall.
    pub max_concurrency: usize,
    /// Requests in flight per host.
    pub host_concurrency: usize,
    /// Minimum gap between request starts to one host.
    pub host_interval: Duration,
    pub user_agent: String,
    pub headers: Vec<(String, String)>,
    pub exclude: Vec<Regex>,
    pub include: Vec<Regex>,
    /// The SQLite cache file; `None` with `--no-cache`.
    pub cache: Option<PathBuf>,
    pub max_cache_age: Duration,
    /// Look up archived snapshots of dead, soft-404 and unreachable links.
    pub archive: bool,
    /// The archives asked ([`archive::Archive`]): `--archives`, by default
    /// [`archive::DEFAULT`].
    pub archives: Vec<archive::Archive>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// The most of a page's body that is read.
    pub body_cap: usize,
    /// The longest `Retry-After` honoured; longer ones are cut to it.
    pub retry_after_cap: Duration,
    /// The first backoff between retries; each next one doubles, with jitter.
    pub backoff: Duration,
    /// `[hosts."…"]` of reflint.toml: limits, spacing and headers of particular hosts.
    pub hosts: Vec<HostSettings>,
    /// `--allow-private`: also connect to loopback, private, link-local and other addresses
    /// that are not public (refused by default, see `guard.rs`).
    pub allow_private: bool,
    /// List every date a page gives with its evidence ([`page::PageInfo::date_evidence`]),
    /// as `reflint inspect` shows them; a check reads only what decides the page's date.
    pub date_evidence: bool,
    /// Look up every cited DOI at the DOI resolver (`--no-doi` turns it off).
    pub doi: bool,
    /// The DOI resolver (`--doi-resolver`, [`doi::DEFAULT_RESOLVER`] by default).
    pub doi_resolver: String,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            remaps: Vec::new(),
            timeout: Duration::from_secs(20),
            retries: 2,
            max_concurrency: 64,
            host_concurrency: 2,
            host_interval: Duration::from_millis(100),
            user_agent: default_user_agent(),
            headers: Vec::new(),
            exclude: Vec::new(),
            include: Vec::new(),
            cache: Some(PathBuf::from(".reflint/cache.sqlite")),
            max_cache_age: Duration::from_secs(86_400),
            archive: true,
            archives: archive::Archive::defaults(),
            progress: false,
            body_cap: 2 * 1024 * 1024,
            retry_after_cap: Duration::from_secs(60),
            backoff: Duration::from_millis(500),
            hosts: Vec::new(),
            allow_private: false,
            date_evidence: false,
            doi: true,
            doi_resolver: doi::DEFAULT_RESOLVER.to_string(),
        }
    }
}

impl NetOptions {
    /// The settings that apply to a host key (`name` or `name:port`), if any.
    pub fn host_settings(&self, key: &str) -> Option<&HostSettings> {
        match_host(&self.hosts, key)
    }

    /// The in-flight limit of a host key: its own setting, else `host_concurrency`.
    pub fn host_limit(&self, key: &str) -> usize {
        self.host_settings(key)
            .and_then(|h| h.concurrency)
            .unwrap_or(self.host_concurrency)
            .max(1)
    }
}

/// One `[hosts."example.com"]` table of reflint.toml.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostSettings {
    /// A lower-case host name, optionally with `:port`; it matches that host and its
    /// subdomains (on any port when it names none).
    pub host: String,
    /// Requests in flight to the host (instead of `--host-concurrency`).
    pub concurrency: Option<usize>,
    /// Minimum gap between request starts to the host (instead of `--host-interval`).
    pub interval: Option<Duration>,
    /// Extra request headers sent to the host only (after `--header`, replacing one of the
    /// same name).
    pub headers: Vec<(String, String)>,
}

/// `name:port` → (`name`, `Some(port)`); `[::1]:80` → (`[::1]`, `Some(80)`).
fn split_port(key: &str) -> (&str, Option<&str>) {
    let colon = if key.starts_with('[') {
        key.find("]:").map(|i| i + 1)
    } else {
        key.rfind(':')
    };
    match colon {
        Some(i) => (
            key.get(..i).unwrap_or(key),
            key.get(i + 1..).filter(|p| !p.is_empty()),
        ),
        None => (key, None),
    }
}

/// The most specific of `hosts` that matches a host key (`name` or `name:port`, as
/// [`host_key`] makes it): a setting matches its own name and every subdomain of it, on the
/// port it names or, naming none, on any; the longest name wins, and a setting with a port wins
/// over one without.
pub fn match_host<'a>(hosts: &'a [HostSettings], key: &str) -> Option<&'a HostSettings> {
    let (name, port) = split_port(key);
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    hosts
        .iter()
        .filter(|h| {
            let (hname, hport) = split_port(&h.host);
            let port_ok = hport.is_none() || hport == port;
            let name_ok = name == hname
                || (name.len() > hname.len()
                    && name.ends_with(hname)
                    && name.as_bytes().get(name.len() - hname.len() - 1) == Some(&b'.'));
            port_ok && name_ok
        })
        .max_by_key(|h| {
            let (hname, hport) = split_port(&h.host);
            (hname.len(), hport.is_some())
        })
}

/// `reflint/VERSION (+home page)`.
pub fn default_user_agent() -> String {
    format!(
        "reflint/{} (+https://github.com/reflint/reflint)",
        env!("CARGO_PKG_VERSION")
    )
}

/// What became of one URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Checked {
    pub status: LinkStatus,
    pub http_status: Option<u16>,
    /// Where the redirects ended (as the server named it, never remapped).
    pub final_url: Option<String>,
    /// Every hop after the first request.
    pub redirects: Vec<String>,
    /// What the page says of itself (HTML pages that answered 2xx).
    pub page: Option<page::PageInfo>,
    /// Why the status was given, for people: "404 Not Found", "redirected to the home page".
    pub reason: String,
    pub attempts: u32,
    pub elapsed_ms: u64,
    /// RFC 3339.
    pub checked_at: String,
    pub archive: Option<Snapshot>,
    /// The archive was asked and answered (so `archive: None` means it has no snapshot).
    #[serde(default)]
    pub archive_answered: bool,
    #[serde(skip)]
    pub from_cache: bool,
    /// No request for this URL could connect at all (for "the network is unavailable").
    #[serde(skip)]
    pub connect_failed: bool,
    /// The private-address guard refused the link (or a hop of its redirects): nothing sent.
    #[serde(skip)]
    pub refused: bool,
}

impl Checked {
    /// A result that says only a status and why.
    pub fn bare(status: LinkStatus, reason: impl Into<String>) -> Checked {
        Checked {
            status,
            http_status: None,
            final_url: None,
            redirects: Vec::new(),
            page: None,
            reason: reason.into(),
            attempts: 0,
            elapsed_ms: 0,
            checked_at: String::new(),
            archive: None,
            archive_answered: false,
            from_cache: false,
            connect_failed: false,
            refused: false,
        }
    }

    /// Results that may be reused from the cache: not transient ones.
    pub fn cacheable(&self) -> bool {
        matches!(
            self.status,
            LinkStatus::Alive | LinkStatus::Dead | LinkStatus::Soft404 | LinkStatus::Redirected
        )
    }
}

/// The host (and port, when not the scheme's default) that politeness is keyed by.
pub fn host_key(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remap_rewrites_the_first_match_with_groups() {
        let r = vec![
            Remap::parse(r"^http://host(\d+)\.test/ http://127.0.1.$1:8080/").unwrap(),
            Remap::parse(r"^https?://archive\.org/ http://127.0.0.1:9/").unwrap(),
        ];
        assert_eq!(
            remap(&r, "http://host17.test/page/3"),
            "http://127.0.1.17:8080/page/3"
        );
        assert_eq!(
            remap(&r, "https://archive.org/wayback/available?url=x"),
            "http://127.0.0.1:9/wayback/available?url=x"
        );
        assert_eq!(remap(&r, "http://other.test/"), "http://other.test/");
        assert_eq!(remapped(&r, "http://other.test/"), None);
        assert!(remapped(&r, "http://host1.test/").is_some());
        assert!(Remap::parse("justone").is_err());
        assert!(Remap::parse("([ x").is_err());
    }

    #[test]
    fn host_settings_match_subdomains_and_the_most_specific_wins() {
        let h = |host: &str, c: usize| HostSettings {
            host: host.to_string(),
            concurrency: Some(c),
            ..HostSettings::default()
        };
        let hosts = vec![
            h("example.com", 1),
            h("news.example.com", 2),
            h("example.com:8080", 3),
            h("org", 4),
        ];
        let pick = |key: &str| match_host(&hosts, key).and_then(|s| s.concurrency);
        assert_eq!(pick("example.com"), Some(1));
        assert_eq!(pick("www.example.com"), Some(1), "a subdomain");
        assert_eq!(pick("news.example.com"), Some(2), "the longer name wins");
        assert_eq!(pick("a.news.example.com"), Some(2));
        assert_eq!(pick("example.com:8080"), Some(3), "the port wins");
        assert_eq!(pick("example.com:9090"), Some(1), "no port named: any port");
        assert_eq!(
            pick("news.example.com:8080"),
            Some(2),
            "name first, then port"
        );
        assert_eq!(pick("notexample.com"), None, "a suffix is not a subdomain");
        assert_eq!(pick("example.net"), None);
        assert_eq!(pick("archive.org"), Some(4));
        assert_eq!(pick("Example.COM."), Some(1), "case and a final dot");
        let opts = NetOptions {
            hosts,
            host_concurrency: 7,
            ..NetOptions::default()
        };
        assert_eq!(opts.host_limit("news.example.com"), 2);
        assert_eq!(opts.host_limit("example.net"), 7);
    }

    #[test]
    fn host_keys_include_explicit_ports() {
        let u = url::Url::parse("http://Example.COM:8080/x").unwrap();
        assert_eq!(host_key(&u), "example.com:8080");
        let u = url::Url::parse("https://example.com/x").unwrap();
        assert_eq!(host_key(&u), "example.com");
    }
}
