//! Memento (RFC 7089): a TimeGate, asked with `Accept-Datetime`, redirects to the copy
//! closest to that moment; the copy says when it was captured (`Memento-Datetime`) and links
//! to its neighbours (`Link: <…>; rel="prev memento"; datetime="…"`). The newest copy at or
//! before the moment is the TimeGate's when that one is not later, else its previous one.

use chrono::{DateTime, NaiveDateTime};
use url::Url;

use super::{ask_archive, Capture, Found};
use crate::net::fetch::{Ask, HttpClient};
use crate::net::schedule::Scheduler;
use crate::net::NetOptions;

/// Redirects followed from a TimeGate to its copy.
const MAX_HOPS: usize = 5;

/// One link of a `Link` header: its target and its parameters (names lowercased).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub params: Vec<(String, String)>,
}

impl Link {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `rel` (a space-separated list) holds `relation`.
    pub fn has_rel(&self, relation: &str) -> bool {
        self.param("rel").is_some_and(|rels| {
            rels.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case(relation))
        })
    }

    pub fn datetime(&self) -> Option<NaiveDateTime> {
        self.param("datetime").and_then(parse_http_date)
    }
}

/// Reads a `Link` header (RFC 8288): `<target>; name="value"; name=token, …`. Written here:
/// the Link-header crates on crates.io key links by relation, which loses Memento's repeated
/// `memento` relations and their `datetime`; this keeps every link in order. Commas inside
/// `<…>` and quoted values are part of them; what does not parse is skipped.
pub fn parse_links(header: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut rest = header;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let Some(after_lt) = rest.strip_prefix('<') else {
            // not a link: skip to the next comma outside quotes
            match next_comma(rest) {
                Some(at) => {
                    rest = rest.get(at + 1..).unwrap_or("");
                    continue;
                }
                None => break,
            }
        };
        let Some(gt) = after_lt.find('>') else { break };
        let target = after_lt.get(..gt).unwrap_or("").trim().to_string();
        rest = after_lt.get(gt + 1..).unwrap_or("");
        let mut params = Vec::new();
        loop {
            rest = rest.trim_start();
            let Some(after_semi) = rest.strip_prefix(';') else {
                break;
            };
            rest = after_semi.trim_start();
            let name_end = rest.find(['=', ';', ',']).unwrap_or(rest.len());
            let name = rest
                .get(..name_end)
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            rest = rest.get(name_end..).unwrap_or("");
            let mut value = String::new();
            if let Some(after_eq) = rest.strip_prefix('=') {
                rest = after_eq.trim_start();
                if let Some(quoted) = rest.strip_prefix('"') {
                    let mut end = quoted.len();
                    let mut escaped = false;
                    for (i, c) in quoted.char_indices() {
                        match c {
                            _ if escaped => {
                                value.push(c);
                                escaped = false;
                            }
                            '\\' => escaped = true,
                            '"' => {
                                end = i;
                                break;
                            }
                            _ => value.push(c),
                        }
                    }
                    rest = quoted.get(end + 1..).unwrap_or("");
                } else {
                    let token_end = rest.find([';', ',']).unwrap_or(rest.len());
                    value = rest.get(..token_end).unwrap_or("").trim().to_string();
                    rest = rest.get(token_end..).unwrap_or("");
                }
            }
            if !name.is_empty() {
                params.push((name, value));
            }
        }
        links.push(Link { target, params });
        match next_comma(rest) {
            Some(at) => rest = rest.get(at + 1..).unwrap_or(""),
            None => break,
        }
    }
    links
}

/// The next comma outside double quotes.
fn next_comma(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// `Tue, 29 Feb 2000 03:17:20 GMT`.
pub fn parse_http_date(s: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc2822(s.trim())
        .ok()
        .map(|d| d.naive_utc())
}

/// `Accept-Datetime`'s value for a moment.
pub fn http_date(at: &NaiveDateTime) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The copy a TimeGate's answer lands on, sorted against the moment: itself when it is not
/// later, else the previous copy its `Link` names when that one is not later, else itself
/// (the first after).
pub fn judge(
    copy_url: &str,
    memento_datetime: &str,
    link: Option<&str>,
    moment: Option<NaiveDateTime>,
) -> Option<Found> {
    let at = parse_http_date(memento_datetime)?;
    let copy = Capture {
        url: copy_url.to_string(),
        at,
    };
    let Some(m) = moment else {
        return Some(Found::Before(copy));
    };
    if at <= m {
        return Some(Found::Before(copy));
    }
    let links = link.map(parse_links).unwrap_or_default();
    let prev = links
        .iter()
        .filter(|l| l.has_rel("memento") && (l.has_rel("prev") || l.has_rel("last")))
        .filter_map(|l| Some((l, l.datetime()?)))
        .filter(|(_, when)| *when <= m)
        .max_by_key(|(_, when)| *when);
    Some(match prev {
        Some((l, when)) => Found::Before(Capture {
            url: l.target.clone(),
            at: when,
        }),
        None => Found::After(copy),
    })
}

/// Asks the TimeGate `timegate` (the original URL appended) for `url` at `moment`; `None`
/// when it could not be asked or its answer is not a Memento one.
pub async fn find<'c>(
    client_for: impl Fn(&Url) -> &'c HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    timegate: &str,
    url: &str,
    moment: Option<NaiveDateTime>,
) -> Option<Found> {
    let mut current = Url::parse(&format!("{timegate}{url}")).ok()?;
    let when = moment.map(|m| http_date(&m));
    let headers: Vec<(&'static str, &str)> = when
        .as_deref()
        .map(|w| vec![("accept-datetime", w)])
        .unwrap_or_default();
    let ask = Ask {
        headers: &headers,
        body: false,
        form: None,
    };
    for _ in 0..=MAX_HOPS {
        let answer = ask_archive(client_for(&current), sched, opts, &current, ask)
            .await
            .ok()?;
        match answer.status {
            200..=299 => {
                return judge(
                    current.as_str(),
                    answer.memento_datetime.as_deref()?,
                    answer.link.as_deref(),
                    moment,
                );
            }
            300..=399 => current = current.join(answer.location.as_deref()?).ok()?,
            // the archive holds no copy
            404 | 410 => return Some(Found::Nothing),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn link_headers_as_archives_write_them() {
        let h = r#"<http://www.google.pt>; rel="original", <http://arquivo.pt/wayback/timemap/link/http://www.google.pt>; rel="timemap"; type="application/link-format", <http://arquivo.pt/wayback/20000229031720/http://www.google.pt/>; rel="first memento"; datetime="Tue, 29 Feb 2000 03:17:20 GMT", <http://arquivo.pt/wayback/20000510144318/http://www.google.pt/>; rel="prev memento"; datetime="Wed, 10 May 2000 14:43:18 GMT""#;
        let links = parse_links(h);
        assert_eq!(links.len(), 4);
        assert!(links[0].has_rel("original"));
        assert_eq!(links[1].param("type"), Some("application/link-format"));
        assert!(links[2].has_rel("memento") && links[2].has_rel("first"));
        assert_eq!(links[3].datetime(), Some(at("2000-05-10 14:43:18")));
        // commas inside targets and quoted values, tokens, junk between links
        let odd = r#"<http://a.test/x,y>; rel=memento; datetime="Wed, 10 May 2000 14:43:18 GMT", junk, <http://b.test/>;rel="self""#;
        let links = parse_links(odd);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].target, "http://a.test/x,y");
        assert!(links[0].has_rel("memento"));
        assert!(links[1].has_rel("self"));
        assert!(parse_links("").is_empty());
        assert!(parse_links("<unterminated").is_empty());
    }

    #[test]
    fn the_copy_at_or_before_the_moment_else_the_first_after() {
        let m = Some(at("2018-04-28 23:59:59"));
        let copy = "http://arch.test/20180501000000/http://x.test/";
        // the TimeGate's copy is before the moment
        assert_eq!(
            judge(copy, "Sat, 28 Apr 2018 10:00:00 GMT", None, m),
            Some(Found::Before(Capture {
                url: copy.into(),
                at: at("2018-04-28 10:00:00")
            }))
        );
        // after it, but its previous copy is before
        let link = r#"<http://arch.test/20180401000000/http://x.test/>; rel="prev memento"; datetime="Sun, 01 Apr 2018 00:00:00 GMT""#;
        assert_eq!(
            judge(copy, "Tue, 01 May 2018 00:00:00 GMT", Some(link), m),
            Some(Found::Before(Capture {
                url: "http://arch.test/20180401000000/http://x.test/".into(),
                at: at("2018-04-01 00:00:00")
            }))
        );
        // after it with nothing before: the first after
        let first = r#"<http://arch.test/20180501000000/http://x.test/>; rel="first memento"; datetime="Tue, 01 May 2018 00:00:00 GMT""#;
        assert!(matches!(
            judge(copy, "Tue, 01 May 2018 00:00:00 GMT", Some(first), m),
            Some(Found::After(_))
        ));
        assert_eq!(judge(copy, "not a date", None, m), None);
    }

    #[test]
    fn dates_both_ways() {
        let m = at("2018-04-28 23:59:59");
        assert_eq!(http_date(&m), "Sat, 28 Apr 2018 23:59:59 GMT");
        assert_eq!(parse_http_date(&http_date(&m)), Some(m));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any header parses without a panic, and links written well read back in order.
        #[test]
        fn link_headers_never_panic_and_read_back(
            junk in ".{0,200}",
            targets in proptest::collection::vec("[a-z0-9:/._?=&-]{1,30}", 0..6),
        ) {
            let _ = parse_links(&junk);
            let header: Vec<String> = targets
                .iter()
                .map(|t| format!("<{t}>; rel=\"memento\"; datetime=\"Tue, 01 May 2018 00:00:00 GMT\""))
                .collect();
            let links = parse_links(&header.join(", "));
            let read: Vec<&str> = links.iter().map(|l| l.target.as_str()).collect();
            prop_assert_eq!(read, targets.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert!(links.iter().all(|l| l.has_rel("memento") && l.datetime().is_some()));
        }
    }
}
