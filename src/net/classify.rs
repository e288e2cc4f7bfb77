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

fn reason_phrase(code: u16) -> &'static str {
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

/// The sibling of `u` that cannot exist, and the key of its "path shape" (one probe per host
/// and shape): the last path segment replaced by random letters (keeping its extension), or, for
/// a page picked by its query, the last query value replaced. `None` for a home page.
pub fn probe_for(u: &Url) -> Option<(String, Url)> {
    if is_home(u) {
        return None;
    }
    let host = u.host_str()?.to_ascii_lowercase();
    let token: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut probe = u.clone();
    probe.set_fragment(None);
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let shape_of = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect()
    };
    // the query picks the page only when the path does not (`/index.php?no=26053`); a path
    // that names the page (`/view/ACK20191029000200881?section=nk/index`) is what the probe
    // changes, since a server that ignores the query would answer the page itself
    let picked_by_query = !path_names_page(u.path());
    if let Some(((last_key, last_val), rest)) = pairs.split_last().filter(|_| picked_by_query) {
        // a page picked by its query (`?no=26053`): another value of the same key
        let value = if last_val.chars().all(|c| c.is_ascii_digit()) && !last_val.is_empty() {
            format!("9{}", fastrand::u64(10_000_000_000..99_999_999_999))
        } else {
            token
        };
        let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        let key = format!("{host}|{}|?{}", shape_of(u.path()), keys.join("&"));
        {
            let mut q = probe.query_pairs_mut();
            q.clear();
            for (k, v) in rest {
                q.append_pair(k, v);
            }
            q.append_pair(last_key, &value);
        }
        return Some((key, probe));
    }
    let path = u.path();
    let trimmed = path.trim_end_matches('/');
    let slash = if trimmed.len() < path.len() { "/" } else { "" };
    let (dir, last) = trimmed.rsplit_once('/')?;
    let ext = last
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()));
    let new_last = match ext {
        Some(e) => format!("{token}.{e}"),
        None => token,
    };
    probe.set_path(&format!("{dir}/{new_last}{slash}"));
    let key = format!(
        "{host}|{}/*{}{}",
        shape_of(dir),
        ext.map(|e| format!(".{e}")).unwrap_or_default(),
        slash
    );
    Some((key, probe))
}

/// Is the page behind `chain` what its host serves for any path? `None` when it is not, else
/// why it is.
pub fn judge_by_probe(chain: &Chain, shingles: &[u64], probe: &Probe) -> Option<String> {
    let status = probe.status?;
    // a host that answers random paths with a real error clears its pages of the suspicion
    if !(200..300).contains(&status) {
        return None;
    }
    if !chain.hops.is_empty() && probe.redirected && chain.last == probe.last {
        return Some(format!(
            "ends at {} like a random path on the same host ({})",
            chain.last, probe.url
        ));
    }
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

    #[test]
    fn probes_keep_the_shape() {
        let (k1, p) = probe_for(&u("https://www.38north.org/2019/10/depetris101719")).unwrap();
        assert!(p.path().starts_with("/2019/10/"));
        assert_ne!(p.path(), "/2019/10/depetris101719");
        let (k2, _) = probe_for(&u("https://www.38north.org/2020/01/other")).unwrap();
        assert_eq!(k1, k2);
        let (_, p) = probe_for(&u("http://x.test/a/c_1.htm")).unwrap();
        assert!(p.path().ends_with(".htm"), "{p}");
        let (k, p) = probe_for(&u(
            "http://www.uriminzokkiri.com/index.php?lang=chn&ptype=cfonew&mtype=view&no=26053",
        ))
        .unwrap();
        assert!(k.contains("?lang&mtype&no&ptype"), "{k}");
        assert!(p
            .query()
            .unwrap()
            .starts_with("lang=chn&ptype=cfonew&mtype=view&no=9"));
        assert!(probe_for(&u("http://x.test/")).is_none());
        // the path names the page: the probe changes the path, not a query the server ignores
        let (_, p) = probe_for(&u(
            "https://cn.yna.co.kr/view/ACK20191029000200881?section=nk/index",
        ))
        .unwrap();
        assert!(p.path().starts_with("/view/"), "{p}");
        assert_ne!(p.path(), "/view/ACK20191029000200881");
        assert_eq!(p.query(), Some("section=nk/index"));
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
}
