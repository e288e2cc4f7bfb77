//! DOI look-ups. Each distinct DOI a run cites is asked of the DOI resolver once, with content
//! negotiation: `GET {resolver}/{doi}` with `Accept: application/vnd.citationstyles.csl+json`.
//! `https://doi.org` (the default resolver) redirects to the DOI's registration agency
//! (Crossref, DataCite, mEDRA), which answers its record as CSL JSON (`csl.rs`: the title and
//! the years). A look-up is an outgoing request like any other: remapped, guarded, scheduled
//! per host, retried, its redirects followed by hand (each hop guarded and scheduled), its
//! body capped, and its result cached (keyed apart from page checks: [`cache_target`]).
//!
//! What a look-up concludes ([`judge`], [`DoiStatus`]):
//! - `resolved`: the resolver redirected or answered: the DOI is registered; the record's
//!   title and years come with it when the agency answered CSL JSON;
//! - `unknown`: the resolver itself answered 404 or 410, and again to a second look-up
//!   ([`look_up`] confirms the first answer before concluding);
//! - `unreachable`: no answer, 5xx, 429, a refusal and the like, after retries: nothing is said
//!   of the DOI (`link-unreachable`, never `doi-unresolved`);
//! - `skipped`: the private-address guard refused the resolver or a hop: nothing was sent.
//!
//! A resolver other than the default (`--doi-resolver`) is the operator's choice: like a
//! target written by `--remap`, it passes the private-address guard ([`lookup_options`]);
//! the hosts it redirects to are guarded like any other hop.

pub mod csl;

use std::time::Instant;

use serde::{Deserialize, Serialize};
use url::Url;

use super::classify::reason_phrase;
use super::fetch::{Chain, FailKind};
use super::hosts::{follow_retried, Clients};
use super::page::{compare_titles, PageInfo, TitleMatch};
use super::schedule::Scheduler;
use super::{remap, NetOptions, Remap};
use crate::store::Store;

pub use csl::parse_csl;

/// The resolver asked unless `--doi-resolver` names another.
pub const DEFAULT_RESOLVER: &str = "https://doi.org";

/// The media type asked for: CSL JSON, which Crossref, DataCite and mEDRA all answer.
pub const CSL_JSON: &str = "application/vnd.citationstyles.csl+json";

/// One DOI to look up (bare, `10.1000/xyz`).
#[derive(Clone, Debug)]
pub struct DoiRequest {
    pub doi: String,
}

/// What a look-up concluded of a DOI (`dois[].status` of the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoiStatus {
    Resolved,
    Unknown,
    Unreachable,
    Skipped,
}

impl DoiStatus {
    pub fn name(self) -> &'static str {
        match self {
            DoiStatus::Resolved => "resolved",
            DoiStatus::Unknown => "unknown",
            DoiStatus::Unreachable => "unreachable",
            DoiStatus::Skipped => "skipped",
        }
    }
}

/// What the registry holds for a DOI, from its CSL JSON record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    pub title: Option<String>,
    /// Other forms of the title a citation may give: with its subtitle, the original (before
    /// translation), the short title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_titles: Vec<String>,
    /// The year of `issued` (of `published` when `issued` is missing).
    pub issued: Option<i32>,
    pub published_print: Option<i32>,
    pub published_online: Option<i32>,
}

impl Registered {
    /// The record's years, `issued` first, each once.
    pub fn years(&self) -> Vec<i32> {
        let mut out = Vec::new();
        for y in [self.issued, self.published_print, self.published_online]
            .into_iter()
            .flatten()
        {
            if !out.contains(&y) {
                out.push(y);
            }
        }
        out
    }

    /// The cited title against the record's titles, with the fuzzy comparison of
    /// `title-page-mismatch` (case, punctuation, subtitles, a word in a long title; a title in
    /// another script is `Unverifiable`); no site names apply.
    pub fn compare_title(&self, cited: &str) -> TitleMatch {
        let titles: Vec<String> = self
            .title
            .iter()
            .chain(&self.other_titles)
            .cloned()
            .collect();
        let Some(first) = titles.first().cloned() else {
            return TitleMatch::Unverifiable;
        };
        let record = PageInfo {
            title: Some(first),
            titles,
            ..PageInfo::default()
        };
        compare_titles(cited, &record)
    }
}

/// What became of one DOI's look-up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DoiChecked {
    pub status: DoiStatus,
    /// The HTTP status of the last answer.
    pub http_status: Option<u16>,
    /// Where the resolver's redirects ended (the agency's address), as the server named it.
    pub final_url: Option<String>,
    /// The record, when the answer was CSL JSON.
    pub registered: Option<Registered>,
    /// Why, for people: "the DOI resolver answered 404 Not Found (asked twice)".
    pub reason: String,
    pub attempts: u32,
    pub elapsed_ms: u64,
    /// RFC 3339.
    pub checked_at: String,
    #[serde(skip)]
    pub from_cache: bool,
}

impl DoiChecked {
    /// A result that says only a status and why.
    pub fn bare(status: DoiStatus, reason: impl Into<String>) -> DoiChecked {
        DoiChecked {
            status,
            http_status: None,
            final_url: None,
            registered: None,
            reason: reason.into(),
            attempts: 0,
            elapsed_ms: 0,
            checked_at: String::new(),
            from_cache: false,
        }
    }

    /// Results that may be reused from the cache: what the registry said, not a failure to
    /// ask it.
    pub fn cacheable(&self) -> bool {
        matches!(self.status, DoiStatus::Resolved | DoiStatus::Unknown)
    }
}

/// The DOI's characters a URL path would read otherwise (`%`, `#`, `?`, spaces, `<>`, …, and
/// anything beyond ASCII) percent-encoded; `/` and the usual punctuation of DOIs kept.
fn encode(doi: &str) -> String {
    let mut out = String::with_capacity(doi.len());
    for c in doi.chars() {
        if c.is_ascii_alphanumeric() || "-._~/:;()!*'@$,=&+".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The key a DOI is known by in a run: DOIs are case-insensitive (`10.1000/ABC` is
/// `10.1000/abc`).
pub fn key(doi: &str) -> String {
    doi.to_lowercase()
}

/// The DOI's own address, `https://doi.org/{doi}`, whatever resolver is asked: the URL of its
/// findings (so that their fingerprints do not depend on `--doi-resolver`) and of `dois[].url`.
pub fn doi_url(doi: &str) -> String {
    format!("{DEFAULT_RESOLVER}/{}", encode(doi))
}

/// A resolver's address normalised (as `url` writes it), without a final `/`; `None` when it
/// is not an `http(s)` URL with a host, without query or fragment.
pub fn resolver_base(resolver: &str) -> Option<String> {
    let u = Url::parse(resolver.trim()).ok()?;
    let ok = matches!(u.scheme(), "http" | "https")
        && u.host_str().is_some_and(|h| !h.is_empty())
        && u.query().is_none()
        && u.fragment().is_none()
        && u.username().is_empty()
        && u.password().is_none();
    ok.then(|| u.as_str().trim_end_matches('/').to_string())
}

/// Where the DOI is asked: `{resolver}/{doi}`.
pub fn resolver_url(resolver: &str, doi: &str) -> Option<Url> {
    Url::parse(&format!("{}/{}", resolver_base(resolver)?, encode(doi))).ok()
}

/// The DOI a cited resolver link names (`https://doi.org/10.1000/xyz`, `http://dx.doi.org/…`,
/// its percent-escapes undone), if it is one.
pub fn doi_of_link(url: &str) -> Option<String> {
    let lower = url.get(..24).unwrap_or(url).to_ascii_lowercase();
    let resolver = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if !resolver {
        return None;
    }
    crate::cite::doi::normalize_doi(&percent_decode(url))
}

/// `%XX` escapes decoded (invalid ones and invalid UTF-8 left as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The cache key's target for a look-up sent to `target`: the media type asked for is part
/// of it, so that a page check of the same address (a cited `https://doi.org/…` link checked
/// with `--no-doi`) and a DOI look-up never read each other's results.
pub fn cache_target(target: String) -> String {
    format!("{target} (Accept: {CSL_JSON})")
}

/// The network options of DOI look-ups: those of the run, with a resolver other than the
/// default passing the private-address guard, as a target written by `--remap` does (an
/// identity remap of its address, after the run's own remaps: a `--remap` of the resolver
/// still applies first).
pub fn lookup_options(opts: &NetOptions) -> NetOptions {
    let mut o = opts.clone();
    if let Some(base) = resolver_base(&opts.doi_resolver).filter(|b| b != DEFAULT_RESOLVER) {
        if let Ok(pattern) = regex::Regex::new(&format!("^{}/", regex::escape(&base))) {
            o.remaps.push(Remap {
                pattern,
                // `$` would name a group in a replacement
                replacement: format!("{}/", base.replace('$', "$$")),
            });
        }
    }
    o
}

/// What one look-up (its redirects followed) says of the DOI. `attempts`, `elapsed_ms` and
/// `checked_at` are left for the caller.
pub fn judge(chain: &Chain) -> DoiChecked {
    let redirected = !chain.hops.is_empty();
    let last = chain.last.as_str();
    let answer = match &chain.outcome {
        Ok(a) => a,
        Err(f) => {
            let status = if f.kind == FailKind::Private {
                DoiStatus::Skipped
            } else {
                DoiStatus::Unreachable
            };
            let mut c = DoiChecked::bare(status, f.message.clone());
            c.final_url = redirected.then(|| last.to_string());
            return c;
        }
    };
    let code = answer.status;
    let phrase = format!("{code} {}", reason_phrase(code)).trim().to_string();
    let (status, registered, reason) = if let Some(why) = &chain.loop_or_cap {
        (
            DoiStatus::Resolved,
            None,
            format!("the resolver knows the DOI, but its redirects end in {why}"),
        )
    } else if (200..300).contains(&code) {
        let record = answer.body.as_deref().and_then(parse_csl);
        let reason = if record.is_some() {
            String::new()
        } else {
            "the registry answered without a CSL JSON record: title and year not compared"
                .to_string()
        };
        (DoiStatus::Resolved, record, reason)
    } else if matches!(code, 404 | 410) && !redirected {
        (
            DoiStatus::Unknown,
            None,
            format!("the DOI resolver answered {phrase}"),
        )
    } else if matches!(code, 408 | 425 | 429) || code >= 500 {
        (
            DoiStatus::Unreachable,
            None,
            format!("the registry answered {phrase}"),
        )
    } else if redirected {
        // the resolver sent the request on: it knows the DOI, whatever answered after
        (
            DoiStatus::Resolved,
            None,
            format!("the resolver knows the DOI, but {last} answered {phrase}"),
        )
    } else {
        (
            DoiStatus::Unreachable,
            None,
            format!("the DOI resolver answered {phrase}"),
        )
    };
    DoiChecked {
        status,
        http_status: Some(code),
        final_url: redirected.then(|| last.to_string()),
        registered,
        reason,
        attempts: 0,
        elapsed_ms: 0,
        checked_at: String::new(),
        from_cache: false,
    }
}

/// A look-up to make: (index of its request, the DOI's address at the resolver, the cache's
/// target for it).
pub(super) type ToLookUp = (usize, Url, String);

/// Before the look-ups: each DOI's address at the resolver, and what the cache holds for it
/// (keyed by that address, [`cache_target`] and `--allow-private` as a link's is). Returns the
/// results known already (from the cache, or a DOI with no valid address) and the look-ups
/// to make: (request index, address, cache target).
pub(super) fn from_cache(
    dois: &[DoiRequest],
    doi_opts: &NetOptions,
    store: Option<&Store>,
    not_before: chrono::DateTime<chrono::Utc>,
    warnings: &mut Vec<String>,
) -> (Vec<(usize, DoiChecked)>, Vec<ToLookUp>) {
    let mut known = Vec::new();
    let mut todo = Vec::new();
    for (i, d) in dois.iter().enumerate() {
        let Some(url) = resolver_url(&doi_opts.doi_resolver, &d.doi) else {
            let why = "no valid address at the DOI resolver";
            known.push((i, DoiChecked::bare(DoiStatus::Skipped, why)));
            continue;
        };
        let sent_to = remap(&doi_opts.remaps, url.as_str());
        let target = super::run::cache_target(doi_opts, cache_target(sent_to));
        if let Some(s) = store {
            match s.get(url.as_str(), &target, not_before) {
                Ok(Some(hit)) => {
                    if let Ok(mut c) = serde_json::from_str::<DoiChecked>(&hit.payload) {
                        c.from_cache = true;
                        known.push((i, c));
                        continue;
                    }
                }
                Ok(None) => {}
                Err(e) => warnings.push(format!("cache read failed: {e}")),
            }
        }
        todo.push((i, url, target));
    }
    (known, todo)
}

/// Looks the DOI up at `url` (its address at the resolver), with the run's retries; a DOI the
/// resolver says it does not know is asked once more before it is called `unknown` (the rule
/// says "checked twice": a registry's passing 404 must not make an error).
pub async fn look_up(
    clients: &Clients,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
) -> DoiChecked {
    let started = Instant::now();
    let (chain, mut attempts) = follow_retried(clients, sched, opts, url, Some(CSL_JSON)).await;
    let mut c = judge(&chain);
    if c.status == DoiStatus::Unknown {
        tokio::time::sleep(opts.backoff).await;
        let (again, more) = follow_retried(clients, sched, opts, url, Some(CSL_JSON)).await;
        attempts += more;
        c = judge(&again);
        if c.status == DoiStatus::Unknown {
            c.reason.push_str(" (asked twice)");
        }
    }
    c.attempts = attempts;
    c.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    c.checked_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::fetch::{Answer, Failure};

    fn chain(hops: &[&str], status: u16, body: Option<&str>) -> Chain {
        let u = |s: &str| Url::parse(s).expect("url");
        Chain {
            hops: hops.iter().map(|h| (u(h), 302)).collect(),
            last: u(hops.last().copied().unwrap_or("https://doi.org/10.1000/x")),
            outcome: Ok(Answer {
                status,
                body: body.map(str::to_string),
                ..Answer::default()
            }),
            loop_or_cap: None,
        }
    }

    #[test]
    fn verdicts() {
        let agency = "https://api.crossref.org/v1/works/10.1000/x/transform";
        let ok = judge(&chain(
            &[agency],
            200,
            Some(r#"{"title":"T","issued":{"date-parts":[[2019]]}}"#),
        ));
        assert_eq!(ok.status, DoiStatus::Resolved);
        assert_eq!(ok.final_url.as_deref(), Some(agency));
        assert_eq!(ok.registered.as_ref().and_then(|r| r.issued), Some(2019));
        let page = judge(&chain(&[agency], 200, Some("<html></html>")));
        assert_eq!(
            (page.status, page.registered.is_none()),
            (DoiStatus::Resolved, true)
        );
        assert!(
            page.reason.contains("without a CSL JSON record"),
            "{}",
            page.reason
        );
        assert_eq!(judge(&chain(&[], 404, None)).status, DoiStatus::Unknown);
        assert_eq!(judge(&chain(&[], 410, None)).status, DoiStatus::Unknown);
        // known to the resolver, lost further on: registered all the same
        assert_eq!(
            judge(&chain(&[agency], 404, None)).status,
            DoiStatus::Resolved
        );
        for code in [503, 500, 429, 408] {
            assert_eq!(
                judge(&chain(&[], code, None)).status,
                DoiStatus::Unreachable,
                "{code}"
            );
            assert_eq!(
                judge(&chain(&[agency], code, None)).status,
                DoiStatus::Unreachable
            );
        }
        assert_eq!(judge(&chain(&[], 403, None)).status, DoiStatus::Unreachable);
        let failed = |kind| Chain {
            outcome: Err(Failure {
                kind,
                message: "m".into(),
            }),
            ..chain(&[], 200, None)
        };
        assert_eq!(
            judge(&failed(FailKind::Timeout)).status,
            DoiStatus::Unreachable
        );
        assert_eq!(judge(&failed(FailKind::Private)).status, DoiStatus::Skipped);
        assert!(DoiChecked::bare(DoiStatus::Resolved, "").cacheable());
        assert!(DoiChecked::bare(DoiStatus::Unknown, "").cacheable());
        assert!(!DoiChecked::bare(DoiStatus::Unreachable, "").cacheable());
    }

    #[test]
    fn addresses() {
        let doi = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0";
        let u = resolver_url("https://doi.org/", doi).expect("url");
        assert_eq!(
            u.as_str(),
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0"
        );
        assert_eq!(doi_url(doi), u.as_str());
        assert_eq!(
            resolver_url("http://127.0.0.1:8080/base", "10.1/a#b?c")
                .map(String::from)
                .as_deref(),
            Some("http://127.0.0.1:8080/base/10.1/a%23b%3Fc")
        );
        assert_eq!(
            resolver_base("HTTPS://DOI.org:443/"),
            Some("https://doi.org".into())
        );
        for bad in [
            "ftp://doi.org",
            "doi.org",
            "https://doi.org/?q=1",
            "https://u:p@doi.org",
            "",
        ] {
            assert_eq!(resolver_base(bad), None, "{bad}");
        }
        assert_eq!(
            doi_of_link("https://doi.org/10.1000/xyz").as_deref(),
            Some("10.1000/xyz")
        );
        assert_eq!(
            doi_of_link("http://dx.doi.org/10.1016/S0140-6736%2820%2930183-5").as_deref(),
            Some("10.1016/S0140-6736(20)30183-5")
        );
        assert_eq!(doi_of_link("https://example.com/10.1000/xyz"), None);
        assert_eq!(doi_of_link("https://doi.org/about"), None);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_ne!(
            cache_target("https://doi.org/10.1/a".into()),
            "https://doi.org/10.1/a"
        );
    }

    #[test]
    fn a_resolver_of_ones_own_passes_the_guard_like_a_remap() {
        let default = NetOptions::default();
        assert!(lookup_options(&default).remaps.is_empty());
        let own = NetOptions {
            doi_resolver: "http://127.0.0.1:9/".into(),
            ..NetOptions::default()
        };
        let o = lookup_options(&own);
        let url = "http://127.0.0.1:9/10.1/a";
        assert_eq!(crate::net::remapped(&o.remaps, url).as_deref(), Some(url));
        assert_eq!(
            crate::net::remapped(&o.remaps, "http://127.0.0.1:10/10.1/a"),
            None
        );
    }

    #[test]
    fn titles_and_years_of_a_record() {
        let r = Registered {
            title: Some("Deep learning".into()),
            other_titles: vec!["Deep learning: A review".into()],
            issued: Some(2015),
            published_print: Some(2015),
            published_online: Some(2014),
        };
        assert_eq!(r.years(), vec![2015, 2014]);
        assert_eq!(r.compare_title("Deep Learning"), TitleMatch::Match);
        assert_eq!(
            r.compare_title("Deep learning: a review"),
            TitleMatch::Match
        );
        assert_eq!(r.compare_title("Shallow thinking"), TitleMatch::Mismatch);
        assert_eq!(
            Registered::default().compare_title("x"),
            TitleMatch::Unverifiable
        );
    }
}
