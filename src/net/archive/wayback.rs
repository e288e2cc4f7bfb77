//! The Wayback Machine: its availability API (`https://archive.org/wayback/available?url=…
//! &timestamp=YYYYMMDD`, the capture closest to a moment) and, when that capture is not a
//! successful one at or before the cited moment, its CDX API (`https://web.archive.org/cdx/
//! search/cdx`: the newest successful capture up to the moment, else the first after it).

use chrono::NaiveDateTime;
use serde::Deserialize;
use url::Url;

use super::{ask_archive, Capture, Found};
use crate::net::fetch::{Ask, HttpClient};
use crate::net::schedule::Scheduler;
use crate::net::NetOptions;

/// The availability API's address.
pub const API: &str = "https://archive.org/wayback/available";

/// The CDX API's address.
pub const CDX: &str = "https://web.archive.org/cdx/search/cdx";

#[derive(Deserialize)]
struct Availability {
    archived_snapshots: Option<Snapshots>,
}

#[derive(Deserialize)]
struct Snapshots {
    closest: Option<Closest>,
}

#[derive(Deserialize)]
struct Closest {
    available: Option<bool>,
    url: Option<String>,
    timestamp: Option<String>,
    status: Option<String>,
}

/// `YYYYMMDDhhmmss`, the Wayback's way of writing a moment.
fn wayback_stamp(at: &NaiveDateTime) -> String {
    at.format("%Y%m%d%H%M%S").to_string()
}

/// Reads a Wayback timestamp (`20180428101010`, or a prefix of it down to the year).
pub fn parse_stamp(ts: &str) -> Option<NaiveDateTime> {
    if ts.len() < 4 || ts.len() > 14 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // a shorter stamp stands for the start of its period
    let full: String = ts
        .chars()
        .chain("0101000000".chars().skip(ts.len() - 4))
        .collect();
    NaiveDateTime::parse_from_str(&full, "%Y%m%d%H%M%S").ok()
}

/// The availability API's address for `url` near `moment` (none: the newest capture).
pub fn query_url(url: &str, moment: Option<&NaiveDateTime>) -> Option<Url> {
    let mut q = Url::parse(API).ok()?;
    {
        let mut pairs = q.query_pairs_mut();
        pairs.append_pair("url", url);
        if let Some(m) = moment {
            pairs.append_pair("timestamp", &m.format("%Y%m%d").to_string());
        }
    }
    Some(q)
}

/// The closest capture in the availability API's answer, and whether it was a successful
/// (2xx) one; `None` for none, `Err` for an answer that is not the API's.
fn parse_answer(body: &str) -> Result<Option<(Capture, bool)>, ()> {
    let a: Availability = serde_json::from_str(body).map_err(|_| ())?;
    let Some(c) = a.archived_snapshots.and_then(|s| s.closest) else {
        return Ok(None);
    };
    if c.available == Some(false) {
        return Ok(None);
    }
    let (Some(url), Some(at)) = (c.url, c.timestamp.as_deref().and_then(parse_stamp)) else {
        return Ok(None);
    };
    let ok = c.status.as_deref().is_none_or(|s| s.starts_with('2'));
    Ok(Some((Capture { url, at }, ok)))
}

/// The CDX API's address: successful captures of `url` up to `moment` (the newest one:
/// `limit=-1`) or from it on (the first one).
pub fn cdx_url(url: &str, moment: &NaiveDateTime, before: bool) -> Option<Url> {
    let mut q = Url::parse(CDX).ok()?;
    {
        let mut pairs = q.query_pairs_mut();
        pairs.append_pair("url", url);
        pairs.append_pair("output", "json");
        pairs.append_pair("fl", "timestamp,original,statuscode");
        pairs.append_pair("filter", "statuscode:2..");
        let stamp = wayback_stamp(moment);
        if before {
            pairs.append_pair("to", &stamp);
            pairs.append_pair("limit", "-1");
        } else {
            pairs.append_pair("from", &stamp);
            pairs.append_pair("limit", "1");
        }
    }
    Some(q)
}

/// The last capture row of a CDX JSON answer (`[["timestamp","original","statuscode"],
/// ["20180428101010","http://…","200"]]`); `Err` for an answer that is not the API's.
fn parse_cdx(body: &str) -> Result<Option<Capture>, ()> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    let rows: Vec<Vec<String>> = serde_json::from_str(body).map_err(|_| ())?;
    let Some(row) = rows.iter().skip(1).next_back() else {
        return Ok(None);
    };
    let (Some(at), Some(original)) = (row.first().and_then(|t| parse_stamp(t)), row.get(1)) else {
        return Ok(None);
    };
    Ok(Some(Capture {
        url: format!(
            "https://web.archive.org/web/{}/{original}",
            wayback_stamp(&at)
        ),
        at,
    }))
}

/// The Wayback Machine's newest capture of `url`, when it was a successful one: `Some(None)`
/// when it holds none, `None` when it could not be asked.
pub async fn newest(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &str,
) -> Option<Option<Capture>> {
    let q = query_url(url, None)?;
    match ask_archive(client, sched, opts, &q, Ask::PAGE).await {
        Ok(a) if a.status == 200 => parse_answer(a.body.as_deref().unwrap_or(""))
            .ok()
            .map(|c| c.filter(|(_, ok)| *ok).map(|(c, _)| c)),
        _ => None,
    }
}

/// Asks the Wayback Machine for the copy of `url` to name for `moment`; `None` when it
/// could not be asked.
pub async fn find<'c>(
    client_for: impl Fn(&Url) -> &'c HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &str,
    moment: Option<NaiveDateTime>,
) -> Option<Found> {
    let ask = |q: Url| {
        let client = client_for(&q);
        async move {
            match ask_archive(client, sched, opts, &q, Ask::PAGE).await {
                Ok(a) if a.status == 200 => Some(a.body.unwrap_or_default()),
                _ => None,
            }
        }
    };
    // the availability API answers first: without it the Wayback Machine is not known to be
    // reachable, and nothing is concluded
    let closest = parse_answer(&ask(query_url(url, moment.as_ref())?).await?).ok()?;
    let Some(moment) = moment else {
        return closest.map_or(Some(Found::Nothing), |(c, _)| Some(Found::Before(c)));
    };
    if let Some((c, true)) = &closest {
        if c.at <= moment {
            // the closest capture overall, and before: nothing lies between it and the moment
            return Some(Found::Before(c.clone()));
        }
    }
    let cdx = |before: bool| async move {
        let body = ask(cdx_url(url, &moment, before)?).await?;
        parse_cdx(&body).ok()
    };
    match cdx(true).await {
        Some(Some(c)) => return Some(Found::Before(c)),
        Some(None) => {}
        // the CDX API did not answer: the availability API's capture is what is known
        None => {
            return closest.map(|(c, _)| Found::of(c, Some(moment)));
        }
    }
    if let Some((c, true)) = closest {
        // no successful capture before the moment: the closest one after is the first
        return Some(Found::After(c));
    }
    match cdx(false).await {
        Some(Some(c)) => Some(Found::After(c)),
        Some(None) => Some(Found::Nothing),
        None => closest.map(|(c, _)| Found::of(c, Some(moment))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn availability_query_and_answer() {
        let q = query_url(
            "http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
            Some(&at("2018-04-28 23:59:59")),
        )
        .unwrap();
        assert!(q
            .as_str()
            .starts_with("https://archive.org/wayback/available?url=http%3A%2F%2F"));
        assert!(q.as_str().ends_with("&timestamp=20180428"));
        let body = r#"{"url": "x", "archived_snapshots": {"closest": {"status": "200", "available": true,
            "url": "http://web.archive.org/web/20180428101010/http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
            "timestamp": "20180428101010"}}}"#;
        let (c, ok) = parse_answer(body).unwrap().unwrap();
        assert!(ok);
        assert_eq!(c.at, at("2018-04-28 10:10:10"));
        assert!(c
            .url
            .starts_with("http://web.archive.org/web/20180428101010/"));
        let redirect = body.replace(r#""status": "200""#, r#""status": "302""#);
        assert!(!parse_answer(&redirect).unwrap().unwrap().1);
        assert_eq!(
            parse_answer(r#"{"url":"x","archived_snapshots":{}}"#),
            Ok(None)
        );
        assert!(parse_answer("not json").is_err());
    }

    #[test]
    fn cdx_query_and_rows() {
        let m = at("2018-04-28 23:59:59");
        let q = cdx_url("http://x.test/a", &m, true).unwrap();
        let s = q.as_str();
        assert!(s.starts_with("https://web.archive.org/cdx/search/cdx?url=http%3A%2F%2Fx.test%2Fa"));
        assert!(s.contains("to=20180428235959") && s.contains("limit=-1"));
        assert!(s.contains("filter=statuscode%3A2.."));
        let after = cdx_url("http://x.test/a", &m, false).unwrap();
        assert!(
            after.as_str().contains("from=20180428235959") && after.as_str().contains("limit=1")
        );
        let body = r#"[["timestamp","original","statuscode"],
            ["20170101000000","http://x.test/a","200"],
            ["20180401121212","http://x.test/a","200"]]"#;
        let c = parse_cdx(body).unwrap().unwrap();
        assert_eq!(c.at, at("2018-04-01 12:12:12"));
        assert_eq!(
            c.url,
            "https://web.archive.org/web/20180401121212/http://x.test/a"
        );
        assert_eq!(parse_cdx("[]"), Ok(None));
        assert_eq!(parse_cdx(""), Ok(None));
        assert_eq!(
            parse_cdx(r#"[["timestamp","original","statuscode"]]"#),
            Ok(None)
        );
        assert!(parse_cdx("<html>").is_err());
    }

    #[test]
    fn stamps_of_any_precision() {
        assert_eq!(
            parse_stamp("20180428101010"),
            Some(at("2018-04-28 10:10:10"))
        );
        assert_eq!(parse_stamp("2018"), Some(at("2018-01-01 00:00:00")));
        assert_eq!(parse_stamp("201804"), Some(at("2018-04-01 00:00:00")));
        assert_eq!(parse_stamp("20181340000000"), None);
        assert_eq!(parse_stamp("abc"), None);
        assert_eq!(parse_stamp("2018042810101099"), None);
    }
}
