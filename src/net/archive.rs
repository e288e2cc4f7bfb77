//! The archived snapshot of a URL closest to its cited date, from the Wayback Machine's
//! availability API (`https://archive.org/wayback/available?url=…&timestamp=YYYYMMDD`). The
//! look-up is an outgoing request like any other: remapped and scheduled.

use serde::Deserialize;
use url::Url;

use super::fetch::{request, HttpClient};
use super::schedule::Scheduler;
use super::NetOptions;
use crate::cite::dates::PartialDate;
use crate::links::Snapshot;

/// The availability API's address.
pub const API: &str = "https://archive.org/wayback/available";

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
}

/// The API's address for `url` near `date`.
pub fn query_url(url: &str, date: Option<&PartialDate>) -> Option<Url> {
    let mut q = Url::parse(API).ok()?;
    {
        let mut pairs = q.query_pairs_mut();
        pairs.append_pair("url", url);
        if let Some(d) = date {
            pairs.append_pair(
                "timestamp",
                &format!(
                    "{:04}{:02}{:02}",
                    d.year,
                    d.month.unwrap_or(1),
                    d.day.unwrap_or(1)
                ),
            );
        }
    }
    Some(q)
}

/// Reads the API's answer: the closest snapshot, if one is available.
pub fn parse_answer(body: &str) -> Option<Snapshot> {
    let a: Availability = serde_json::from_str(body).ok()?;
    let c = a.archived_snapshots?.closest?;
    if c.available == Some(false) {
        return None;
    }
    let url = c.url?;
    let ts = c.timestamp?;
    Some(Snapshot {
        url,
        timestamp: timestamp_rfc3339(&ts).unwrap_or(ts),
    })
}

/// `20180428101010` → `2018-04-28T10:10:10Z`.
fn timestamp_rfc3339(ts: &str) -> Option<String> {
    if ts.len() != 14 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let p = |a: usize, b: usize| ts.get(a..b);
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        p(0, 4)?,
        p(4, 6)?,
        p(6, 8)?,
        p(8, 10)?,
        p(10, 12)?,
        p(12, 14)?
    ))
}

/// Looks up the snapshot of `url` closest to `date`: `Some(None)` when the archive answered
/// that it has none, `None` when it could not be asked (or did not answer 200).
pub async fn lookup(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &str,
    date: Option<&PartialDate>,
) -> Option<Option<Snapshot>> {
    let q = query_url(url, date)?;
    let answer = request(client, sched, opts, &q).await.ok()?;
    if answer.status != 200 {
        return None;
    }
    Some(parse_answer(answer.body.as_deref()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_answer() {
        let d: PartialDate = "2018-04-28".parse().unwrap();
        let q = query_url(
            "http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
            Some(&d),
        )
        .unwrap();
        assert!(q
            .as_str()
            .starts_with("https://archive.org/wayback/available?url=http%3A%2F%2F"));
        assert!(q.as_str().ends_with("&timestamp=20180428"));
        let body = r#"{"url": "x", "archived_snapshots": {"closest": {"status": "200", "available": true,
            "url": "http://web.archive.org/web/20180428101010/http://www.xinhuanet.com/mil/2018-04/28/c_129861582.htm",
            "timestamp": "20180428101010"}}}"#;
        let s = parse_answer(body).unwrap();
        assert_eq!(s.timestamp, "2018-04-28T10:10:10Z");
        assert!(s
            .url
            .starts_with("http://web.archive.org/web/20180428101010/"));
        assert!(parse_answer(r#"{"url":"x","archived_snapshots":{}}"#).is_none());
        assert!(parse_answer("not json").is_none());
    }
}
