//! From what a URL answered to a status: alive, dead, soft-404, redirected, blocked,
//! unreachable; and the random-path probe that unmasks "not found" pages served with 200.

use url::Url;

use super::fetch::{Chain, FailKind};
use super::page::{similarity, PageInfo};
use super::Checked;
use crate::links::LinkStatus;

/// Pages this similar (Jaccard on word shingles) to what a host serves for a random path are
/// that host's not-found page.
pub const SAME_PAGE: f64 = 0.95;

/// Whether a chain ended in a failure worth another try, and after how long at least (the
/// server's `Retry-After`, if it gave one).
pub fn transient(chain: &Chain) -> Option<Option<std::time::Duration>> {
    if chain.loop_or_cap.is_some() {
        return None;
    }
    match &chain.outcome {
        Err(f) => f.kind.transient().then_some(None),
        Ok(a) if a.challenge => None,
        Ok(a) if matches!(a.status, 408 | 425 | 429) || a.status >= 500 => Some(a.retry_after),
        Ok(_) => None,
    }
}

/// The status of a URL from the end of its redirect chain (`page`: what its 2xx HTML page
/// says of itself).
pub fn classify(url: &Url, chain: &Chain, page: Option<PageInfo>) -> Checked {
    let redirects: Vec<String> = chain.hops.iter().map(|(u, _)| u.to_string()).collect();
    let mut c = Checked::bare(LinkStatus::Alive, "");
    c.redirects = redirects;
    if !chain.hops.is_empty() {
        c.final_url = Some(chain.last.to_string());
    }
    if let Some(why) = &chain.loop_or_cap {
        c.status = LinkStatus::Dead;
        c.reason = why.clone();
        if let Ok(a) = &chain.outcome {
            c.http_status = Some(a.status);
        }
        return c;
    }
    let answer = match &chain.outcome {
        Err(f) => {
            c.status = match f.kind {
                FailKind::Dns | FailKind::Refused => LinkStatus::Dead,
                // refused by the private-address guard: not checked, so neither dead nor
                // alive, and never cached
                FailKind::Invalid | FailKind::Private => LinkStatus::Skipped,
                _ => LinkStatus::Unreachable,
            };
            c.connect_failed = f.kind.no_connection() && chain.hops.is_empty();
            c.refused = f.kind == FailKind::Private;
            c.reason = f.message.clone();
            return c;
        }
        Ok(a) => a,
    };
    c.http_status = Some(answer.status);
    let code = answer.status;
    if answer.challenge {
        c.status = LinkStatus::Blocked;
        c.reason = format!("{code}: a bot-protection challenge");
        return c;
    }
    match code {
        200..=299 => {}
        300..=399 => {
            c.status = LinkStatus::Dead;
            c.reason = format!("{code} redirect without a usable Location");
            return c;
        }
        401 | 403 | 407 | 429 | 451 | 999 => {
            c.status = LinkStatus::Blocked;
            c.reason = format!("{code}: the server refuses automated access");
            return c;
        }
        // a server that timed the request out or wants it later is not saying the page is gone
        408 | 425 => {
            c.status = LinkStatus::Unreachable;
            c.reason = format!("{code} {}", reason_phrase(code));
            return c;
        }
        400..=499 => {
            c.status = LinkStatus::Dead;
            c.reason = format!("{code} {}", reason_phrase(code));
            return c;
        }
        _ => {
            c.status = LinkStatus::Unreachable;
            c.reason = format!("{code} {}", reason_phrase(code));
            return c;
        }
    }
    c.reason = format!("{code} {}", reason_phrase(code));
    let last = &chain.last;
    if !chain.hops.is_empty() && !is_home(url) && is_home(last) {
        c.status = LinkStatus::Soft404;
        c.reason = format!("a deep link redirected to the home page {last}");
    } else if !chain.hops.is_empty() && is_error_path(last) && !is_error_path(url) {
        c.status = LinkStatus::Soft404;
        c.reason = format!("redirected to an error page {last}");
    } else if let Some(p) = page.as_ref().filter(|p| p.not_found) {
        c.status = LinkStatus::Soft404;
        c.reason = format!(
            "the page says it is not found: “{}”",
            p.title.as_deref().unwrap_or("")
        );
    } else if chain.hops.iter().any(|(_, s)| matches!(s, 301 | 308)) && !trivial_move(url, last) {
        c.status = LinkStatus::Redirected;
        c.reason = format!("moved permanently to {last}");
    }
    c.page = page;
    c
}

/// The site's home page: `/`, `/index.html` and the like, without a query beyond a language.
fn is_home(u: &Url) -> bool {
    let path = u.path().trim_end_matches('/').to_ascii_lowercase();
    let home_path = path.is_empty()
        || ["/index", "/home", "/default", "/main"]
            .iter()
            .any(|h| path == *h || path.strip_prefix(h).is_some_and(|ext| ext.starts_with('.')))
        || (path.len() <= 6 && path.split('/').count() == 2 && is_language_segment(&path));
    let query_ok = u
        .query_pairs()
        .all(|(k, _)| matches!(k.as_ref(), "lang" | "language" | "hl" | "locale"));
    home_path && query_ok
}

/// `/en`, `/zh-cn`: a language's home.
fn is_language_segment(path: &str) -> bool {
    let seg = path.trim_start_matches('/');
    let mut parts = seg.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    first.len() == 2 && first.chars().all(|c| c.is_ascii_alphabetic()) && parts.count() <= 1
}

/// A generic error page's address.
fn is_error_path(u: &Url) -> bool {
    let p = u.path().to_ascii_lowercase();
    p.split(['/', '.', '-', '_']).any(|s| {
        matches!(
            s,
            "404" | "410" | "error" | "errors" | "notfound" | "pagenotfound"
        )
    }) || p.contains("not-found")
        || p.contains("not_found")
        || p.contains("page-not-found")
}

/// A move that changes nothing an editor would fix: `http`→`https`, `www.` added or dropped,
/// a trailing slash.
fn trivial_move(from: &Url, to: &Url) -> bool {
    let host = |u: &Url| {
        u.host_str()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_ascii_lowercase()
    };
    host(from) == host(to)
        && from.path().trim_end_matches('/') == to.path().trim_end_matches('/')
        && from.query() == to.query()
}

pub(super) fn reason_phrase(code: u16) -> &'static str {
    reqwest::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// What a host answered for a path that does not exist.
#[derive(Clone, Debug)]
pub struct Probe {
    pub url: Url,
    /// The final status, if any answer came.
    pub status: Option<u16>,
    pub last: Url,
    pub redirected: bool,
    pub shingles: Vec<u64>,
}

/// Does the path's last non-empty segment name one page: an id of four digits or more, or a
/// slug (`depetris101719`, `c_1125416394.htm`, `china-pushes-eu-capitals`), not a generic
/// script (`index.php`, `view`, `article.aspx`)?
fn path_names_page(path: &str) -> bool {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last
        .rsplit_once('.')
        .map_or(last, |(s, _)| s)
        .to_ascii_lowercase();
    const GENERIC: [&str; 18] = [
        "", "index", "default", "view", "article", "articles", "news", "read", "page", "show",
        "detail", "details", "content", "item", "post", "story", "main", "list",
    ];
    if GENERIC.contains(&stem.as_str()) {
        return false;
    }
    let digits = stem.bytes().filter(u8::is_ascii_digit).count();
    digits >= 4 || stem.contains(['-', '_']) || stem.len() >= 12
}

/// What a probe changes of the page's URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    /// The last path segment, replaced by random letters (its extension kept).
    Path,
    /// The value of the query's last key, for a page picked by its query (`?no=26053`).
    QueryValue,
    /// The query dropped entirely.
    QueryDropped,
}

/// One probe to fetch: what it changes, its key (one probe per host and "path shape", shared
/// by every link of that shape) and its URL.
#[derive(Clone, Debug)]
pub struct PlannedProbe {
    pub kind: ProbeKind,
    pub key: String,
    pub url: Url,
}

fn random_token() -> String {
    std::iter::repeat_with(fastrand::alphanumeric)
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Digits as `9`: `/2019/10/` and `/2020/01/` have one shape.
fn shape_of(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

/// The probes that can tell whether `u` leads to its own page or to what its host serves for
/// any address, in the order they are consulted (see [`probe_verdict`]); empty for a home
/// page.
///
/// * A path that names the page (`/view/ACK20191029000200881?section=nk/index`): one probe
///   that changes the path, since a server that ignores the query would answer the page itself.
/// * A page picked by its query (`/index.php?no=26053`): one probe with another value of the
///   query's last key, one without the query, and one that changes the path.
pub fn probes_for(u: &Url) -> Vec<PlannedProbe> {
    let mut out = Vec::new();
    if is_home(u) {
        return out;
    }
    let Some(host) = u.host_str().map(str::to_ascii_lowercase) else {
        return out;
    };
    let mut base = u.clone();
    base.set_fragment(None);
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if let Some(((last_key, last_val), rest)) =
        pairs.split_last().filter(|_| !path_names_page(u.path()))
    {
        let value = if last_val.chars().all(|c| c.is_ascii_digit()) && !last_val.is_empty() {
            format!("9{}", fastrand::u64(10_000_000_000..99_999_999_999))
        } else {
            random_token()
        };
        let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        let mut probe = base.clone();
        {
            let mut q = probe.query_pairs_mut();
            q.clear();
            for (k, v) in rest {
                q.append_pair(k, v);
            }
            q.append_pair(last_key, &value);
        }
        out.push(PlannedProbe {
            kind: ProbeKind::QueryValue,
            key: format!("{host}|{}|?{}", shape_of(u.path()), keys.join("&")),
            url: probe,
        });
        let mut dropped = base.clone();
        dropped.set_query(None);
        out.push(PlannedProbe {
            kind: ProbeKind::QueryDropped,
            key: format!("{host}|{}|no query", u.path()),
            url: dropped,
        });
    }
    if let Some(p) = path_probe(&host, &base) {
        out.push(p);
    }
    out
}

/// The sibling of `base` that cannot exist: its last path segment replaced.
fn path_probe(host: &str, base: &Url) -> Option<PlannedProbe> {
    let path = base.path();
    let trimmed = path.trim_end_matches('/');
    let slash = if trimmed.len() < path.len() { "/" } else { "" };
    let (dir, last) = trimmed.rsplit_once('/')?;
    if dir.is_empty() && last.is_empty() {
        return None;
    }
    let ext = last
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()));
    let token = random_token();
    let new_last = match ext {
        Some(e) => format!("{token}.{e}"),
        None => token,
    };
    let mut probe = base.clone();
    probe.set_path(&format!("{dir}/{new_last}{slash}"));
    let key = format!(
        "{host}|{}/*{}{}",
        shape_of(dir),
        ext.map(|e| format!(".{e}")).unwrap_or_default(),
        slash
    );
    Some(PlannedProbe {
        kind: ProbeKind::Path,
        key,
        url: probe,
    })
}

/// The verdict of the probes judged so far (each by [`judge_without_content`], then
/// [`judge_by_content`], in the order of [`probes_for`]): `Ok` with why the page is what its host serves whatever the address (or
/// `Ok(None)`: it is its own page, or nothing can tell), or `Err` with the probe to judge next
/// (the plan's first when none is judged yet).
///
/// A page picked by its query that another value also gives is a soft 404 only if the server
/// does not simply ignore the query: when the page without its query is the same page too, the
/// query does not pick it, and only a probe of another path can tell.
pub fn probe_verdict(
    plan: &[PlannedProbe],
    judged: &[(ProbeKind, Option<String>)],
) -> Result<Option<String>, ProbeKind> {
    match judged {
        [] => plan.first().map_or(Ok(None), |p| Err(p.kind)),
        [(ProbeKind::QueryValue, None), ..] => Ok(None),
        [(ProbeKind::QueryValue, Some(_))] => Err(ProbeKind::QueryDropped),
        [(ProbeKind::QueryValue, Some(why)), (_, None), ..] => Ok(Some(why.clone())),
        [(ProbeKind::QueryValue, Some(_)), (_, Some(_))] => Err(ProbeKind::Path),
        [(ProbeKind::QueryValue, Some(_)), (_, Some(_)), (_, path), ..] => Ok(path.clone()),
        [(_, verdict), ..] => Ok(verdict.clone()),
    }
}

/// What a probe's answer tells of a page before their contents are compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeAnswer {
    /// The page is not what the host serves for any path (or the probe cannot tell).
    Clear,
    /// The page is what the host serves for any path: why.
    Same(String),
    /// The host answers the probe with a page: only their contents can tell
    /// ([`judge_by_content`]).
    Compare,
}

/// Is the page behind `chain` what its host serves for any path, as far as statuses and
/// redirects tell?
pub fn judge_without_content(chain: &Chain, probe: &Probe) -> ProbeAnswer {
    let Some(status) = probe.status else {
        return ProbeAnswer::Clear;
    };
    // a host that answers random paths with a real error clears its pages of the suspicion
    if !(200..300).contains(&status) {
        return ProbeAnswer::Clear;
    }
    if !chain.hops.is_empty() && probe.redirected && chain.last == probe.last {
        return ProbeAnswer::Same(format!(
            "ends at {} like a random path on the same host ({})",
            chain.last, probe.url
        ));
    }
    ProbeAnswer::Compare
}

/// Is a page with these shingles the page its host served for the probe? `None` when it is
/// not, else why it is.
pub fn judge_by_content(shingles: &[u64], probe: &Probe) -> Option<String> {
    let sim = similarity(shingles, &probe.shingles);
    (sim >= SAME_PAGE).then(|| {
        format!(
            "the same page ({:.0}% alike) as a random path on the same host ({})",
            sim * 100.0,
            probe.url
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Is the page behind `chain` what its host serves for any path? `None` when it is not, else
    /// why it is. ([`judge_without_content`], then [`judge_by_content`] when it must.)
    fn judge_by_probe(chain: &Chain, shingles: &[u64], probe: &Probe) -> Option<String> {
        match judge_without_content(chain, probe) {
            ProbeAnswer::Clear => None,
            ProbeAnswer::Same(why) => Some(why),
            ProbeAnswer::Compare => judge_by_content(shingles, probe),
        }
    }
    use crate::net::fetch::{Answer, Failure};

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn chain(hops: &[(&str, u16)], last: &str, status: u16) -> Chain {
        Chain {
            hops: hops.iter().map(|(h, s)| (u(h), *s)).collect(),
            last: u(last),
            outcome: Ok(Answer {
                status,
                ..Answer::default()
            }),
            loop_or_cap: None,
        }
    }

    #[test]
    fn statuses_from_codes() {
        let x = u("http://a.test/x/y");
        let st = |code| classify(&x, &chain(&[], "http://a.test/x/y", code), None).status;
        assert_eq!(st(200), LinkStatus::Alive);
        assert_eq!(st(404), LinkStatus::Dead);
        assert_eq!(st(410), LinkStatus::Dead);
        assert_eq!(st(403), LinkStatus::Blocked);
        assert_eq!(st(401), LinkStatus::Blocked);
        assert_eq!(st(429), LinkStatus::Blocked);
        for code in [407, 451, 999] {
            assert_eq!(st(code), LinkStatus::Blocked, "{code}");
        }
        for code in [400, 405] {
            assert_eq!(st(code), LinkStatus::Dead, "{code}");
        }
        for code in [408, 425] {
            assert_eq!(st(code), LinkStatus::Unreachable, "{code}");
        }
        assert_eq!(st(503), LinkStatus::Unreachable);
        assert_eq!(st(500), LinkStatus::Unreachable);
    }

    #[test]
    fn failures() {
        let x = u("http://a.test/x");
        let fail = |kind| Chain {
            hops: vec![],
            last: x.clone(),
            outcome: Err(Failure {
                kind,
                message: "m".into(),
            }),
            loop_or_cap: None,
        };
        let c = classify(&x, &fail(FailKind::Refused), None);
        assert_eq!(c.status, LinkStatus::Dead);
        assert!(c.connect_failed);
        assert_eq!(
            classify(&x, &fail(FailKind::Dns), None).status,
            LinkStatus::Dead
        );
        let c = classify(&x, &fail(FailKind::Timeout), None);
        assert_eq!(c.status, LinkStatus::Unreachable);
        assert!(!c.connect_failed);
        assert_eq!(
            classify(&x, &fail(FailKind::Reset), None).status,
            LinkStatus::Unreachable
        );
        assert!(transient(&fail(FailKind::Timeout)).is_some());
        assert!(transient(&fail(FailKind::Dns)).is_none());
        assert!(classify(&x, &fail(FailKind::Dns), None).connect_failed);
        assert_eq!(
            classify(&x, &fail(FailKind::Tls), None).status,
            LinkStatus::Unreachable
        );
        // more than ten redirects (or a loop): dead, whatever the last answer was
        let mut capped = chain(&[("http://a.test/1", 301)], "http://a.test/11", 301);
        capped.loop_or_cap = Some("more than 10 redirects".into());
        let c = classify(&x, &capped, None);
        assert_eq!(c.status, LinkStatus::Dead);
        assert!(c.reason.contains("more than 10"), "{}", c.reason);
    }

    #[test]
    fn redirects() {
        let deep = u("http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm");
        let c = classify(
            &deep,
            &chain(
                &[("http://www.xinhuanet.com/", 302)],
                "http://www.xinhuanet.com/",
                200,
            ),
            None,
        );
        assert_eq!(c.status, LinkStatus::Soft404);
        assert_eq!(c.final_url.as_deref(), Some("http://www.xinhuanet.com/"));
        let c = classify(
            &deep,
            &chain(
                &[("http://x.test/new/place", 301)],
                "http://x.test/new/place",
                200,
            ),
            None,
        );
        assert_eq!(c.status, LinkStatus::Redirected);
        let c = classify(
            &deep,
            &chain(
                &[("http://x.test/new/place", 302)],
                "http://x.test/new/place",
                200,
            ),
            None,
        );
        assert_eq!(c.status, LinkStatus::Alive);
        let c = classify(
            &deep,
            &chain(
                &[("http://x.test/errors/404.html", 302)],
                "http://x.test/errors/404.html",
                200,
            ),
            None,
        );
        assert_eq!(c.status, LinkStatus::Soft404);
        // http → https of the same page is not worth an editor's time
        let http = u("http://example.com/a/b");
        let c = classify(
            &http,
            &chain(
                &[("https://www.example.com/a/b/", 301)],
                "https://www.example.com/a/b/",
                200,
            ),
            None,
        );
        assert_eq!(c.status, LinkStatus::Alive);
        assert_eq!(c.redirects.len(), 1);
    }

    #[test]
    fn not_found_pages() {
        let page = PageInfo {
            title: Some("Page not found".into()),
            not_found: true,
            ..PageInfo::default()
        };
        let x = u("http://a.test/x/y");
        let c = classify(&x, &chain(&[], "http://a.test/x/y", 200), Some(page));
        assert_eq!(c.status, LinkStatus::Soft404);
    }

    #[test]
    fn home_pages() {
        assert!(is_home(&u("http://a.test/")));
        assert!(is_home(&u("http://a.test/index.html")));
        assert!(is_home(&u("http://a.test/en/")));
        assert!(is_home(&u("http://a.test/?lang=chn")));
        assert!(!is_home(&u("http://a.test/index.php?no=1")));
        assert!(!is_home(&u("http://a.test/news/1")));
    }

    fn probe_of(url: &str, kind: ProbeKind) -> Option<PlannedProbe> {
        probes_for(&u(url)).into_iter().find(|p| p.kind == kind)
    }

    #[test]
    fn probes_keep_the_shape() {
        let path = |url: &str| probe_of(url, ProbeKind::Path).unwrap();
        let p = path("https://www.38north.org/2019/10/depetris101719");
        assert!(p.url.path().starts_with("/2019/10/"));
        assert_ne!(p.url.path(), "/2019/10/depetris101719");
        assert_eq!(p.key, path("https://www.38north.org/2020/01/other").key);
        assert!(path("http://x.test/a/c_1.htm").url.path().ends_with(".htm"));
        assert!(probes_for(&u("http://x.test/")).is_empty());
        // the path names the page: one probe, of the path, not of a query the server ignores
        let plan = probes_for(&u(
            "https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index",
        ));
        assert_eq!(plan.len(), 1, "{plan:?}");
        let p = &plan[0];
        assert_eq!(p.kind, ProbeKind::Path);
        assert!(p.url.path().starts_with("/view/"), "{}", p.url);
        assert_ne!(p.url.path(), "/view/ACK20191029000200881");
        assert_eq!(p.url.query(), Some("section=nk/index"));
    }

    #[test]
    fn a_page_picked_by_its_query_gets_three_probes() {
        let url =
            "http://www.uriminzokkiri.com/index.php?lang=chn&ptype=cfonew&mtype=view&no=26053";
        let plan = probes_for(&u(url));
        let kinds: Vec<ProbeKind> = plan.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ProbeKind::QueryValue,
                ProbeKind::QueryDropped,
                ProbeKind::Path
            ]
        );
        assert!(
            plan[0].key.contains("?lang&mtype&no&ptype"),
            "{}",
            plan[0].key
        );
        let q = plan[0].url.query().unwrap_or_default();
        assert!(
            q.starts_with("lang=chn&ptype=cfonew&mtype=view&no=9"),
            "{q}"
        );
        assert_ne!(q, "lang=chn&ptype=cfonew&mtype=view&no=26053");
        assert_eq!(
            plan[1].url.as_str(),
            "http://www.uriminzokkiri.com/index.php"
        );
        assert_eq!(plan[2].url.path().len(), "/".len() + 20 + ".php".len());
    }

    #[test]
    fn probe_verdicts() {
        use ProbeKind::*;
        let s = |w: &str| Some(w.to_string());
        let plan = |url: &str| probes_for(&u(url));
        let probe_verdict = |judged: &[(ProbeKind, Option<String>)]| {
            probe_verdict(&plan("http://a.test/index.php?no=1"), judged)
        };
        // the first probe of the plan comes first; a home page has none
        assert_eq!(probe_verdict(&[]), Err(QueryValue));
        assert_eq!(
            super::probe_verdict(&plan("http://a.test/news/some-story"), &[]),
            Err(Path)
        );
        assert_eq!(super::probe_verdict(&plan("http://a.test/"), &[]), Ok(None));
        // a path probe decides alone
        assert_eq!(probe_verdict(&[(Path, s("same"))]), Ok(s("same")));
        assert_eq!(probe_verdict(&[(Path, None)]), Ok(None));
        // another query value gives another page: the page is its own
        assert_eq!(probe_verdict(&[(QueryValue, None)]), Ok(None));
        // another value gives the same page: is it the query that picks it?
        assert_eq!(probe_verdict(&[(QueryValue, s("v"))]), Err(QueryDropped));
        // without the query the page differs: the server answers unknown values with one page
        assert_eq!(
            probe_verdict(&[(QueryValue, s("v")), (QueryDropped, None)]),
            Ok(s("v"))
        );
        // the server ignores the query: the path decides
        assert_eq!(
            probe_verdict(&[(QueryValue, s("v")), (QueryDropped, s("d"))]),
            Err(Path)
        );
        assert_eq!(
            probe_verdict(&[(QueryValue, s("v")), (QueryDropped, s("d")), (Path, None)]),
            Ok(None)
        );
        assert_eq!(
            probe_verdict(&[(QueryValue, s("v")), (QueryDropped, s("d")), (Path, s("p"))]),
            Ok(s("p"))
        );
    }

    #[test]
    fn probe_judgement() {
        let x = u("http://a.test/x/y");
        let c = chain(&[], "http://a.test/x/y", 200);
        let same: Vec<u64> = (0..100).collect();
        let probe = |status, shingles: Vec<u64>| Probe {
            url: u("http://a.test/x/zzz"),
            status: Some(status),
            last: u("http://a.test/x/zzz"),
            redirected: false,
            shingles,
        };
        assert!(judge_by_probe(&c, &same, &probe(200, same.clone())).is_some());
        assert!(judge_by_probe(&c, &same, &probe(404, same.clone())).is_none());
        let other: Vec<u64> = (50..150).collect();
        assert!(judge_by_probe(&c, &same, &probe(200, other)).is_none());
        // both redirected to the same place
        let c = chain(
            &[("http://a.test/landing", 302)],
            "http://a.test/landing",
            200,
        );
        let mut p = probe(200, vec![1]);
        p.redirected = true;
        p.last = u("http://a.test/landing");
        assert!(judge_by_probe(&c, &[2], &p).is_some());
        let _ = x;
    }

    #[test]
    fn only_a_probe_answered_with_a_page_needs_the_pages_content() {
        let c = chain(&[], "http://a.test/x/y", 200);
        let probe = |status: Option<u16>| Probe {
            url: u("http://a.test/x/zzz"),
            status,
            last: u("http://a.test/x/zzz"),
            redirected: false,
            shingles: vec![1, 2, 3],
        };
        // an error or no answer clears the page without reading it
        assert_eq!(
            judge_without_content(&c, &probe(Some(404))),
            ProbeAnswer::Clear
        );
        assert_eq!(judge_without_content(&c, &probe(None)), ProbeAnswer::Clear);
        // a page: only the contents can tell
        assert_eq!(
            judge_without_content(&c, &probe(Some(200))),
            ProbeAnswer::Compare
        );
        assert!(judge_by_content(&[1, 2, 3], &probe(Some(200))).is_some());
        assert!(judge_by_content(&[7, 8, 9], &probe(Some(200))).is_none());
        // the same redirect: known without the contents
        let c = chain(&[("http://a.test/x/y", 302)], "http://a.test/", 200);
        let mut p = probe(Some(200));
        p.redirected = true;
        p.last = u("http://a.test/");
        assert!(matches!(
            judge_without_content(&c, &p),
            ProbeAnswer::Same(_)
        ));
    }
}
