//! Archived copies of a link that no longer leads to what was cited, from every configured web
//! archive: the Wayback Machine through its availability and CDX APIs (`wayback.rs`), the
//! others through Memento TimeGates (RFC 7089, `memento.rs`). Each look-up is an outgoing
//! request like any other: remapped, guarded and scheduled per host, and its result is cached
//! with the link's.
//!
//! The copy is chosen as Wikipedia's InternetArchiveBot chooses it: the newest capture at or
//! before the cited date (the access date when the citation gives one, else its publication
//! date), otherwise the first capture after it, whichever archive holds it.

pub mod memento;
pub mod wayback;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use futures_util::future::join_all;
use url::Url;

use super::fetch::{request_with, Answer, Ask, Failure, HttpClient};
use super::schedule::Scheduler;
use super::NetOptions;
use crate::cite::dates::PartialDate;
use crate::links::Snapshot;

/// A web archive reflint asks for copies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    /// The name reports give (`links[].archive.source`).
    pub name: String,
    pub kind: ArchiveKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveKind {
    /// The Wayback Machine's availability and CDX APIs.
    Wayback,
    /// A Memento TimeGate: the original URL is appended to this prefix.
    Memento { timegate: String },
}

/// Archives known by name, with their TimeGates as the archives publish them (the Memento
/// depot, mementoweb.org/depot): `--archives NAME,…`.
pub const KNOWN: &[(&str, &str)] = &[
    ("archive-today", "https://archive.ph/timegate/"),
    ("arquivo-pt", "https://arquivo.pt/wayback/"),
    ("ukwa", "https://www.webarchive.org.uk/wayback/archive/"),
    ("loc", "https://webarchive.loc.gov/all/"),
];

/// The archives asked when none are configured.
pub const DEFAULT: &[&str] = &["wayback", "archive-today", "arquivo-pt"];

impl Archive {
    pub fn wayback() -> Archive {
        Archive {
            name: "wayback".to_string(),
            kind: ArchiveKind::Wayback,
        }
    }

    /// `wayback`, a known archive's name, or `NAME=TIMEGATE` (an `http(s)` prefix the
    /// original URL is appended to).
    pub fn parse(spec: &str) -> Result<Archive, String> {
        let spec = spec.trim();
        if spec.eq_ignore_ascii_case("wayback") {
            return Ok(Archive::wayback());
        }
        if let Some((name, timegate)) = spec.split_once('=') {
            let (name, timegate) = (name.trim(), timegate.trim());
            let valid_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !valid_name {
                return Err(format!(
                    "`{spec}`: an archive's name is letters, digits, `-`, `_` or `.`"
                ));
            }
            return match Url::parse(timegate) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(Archive {
                    name: name.to_string(),
                    kind: ArchiveKind::Memento {
                        timegate: timegate.to_string(),
                    },
                }),
                _ => Err(format!(
                    "`{spec}`: the TimeGate must be an http(s) URL, e.g. {name}=https://archive.example/timegate/"
                )),
            };
        }
        KNOWN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(spec))
            .map(|(n, tg)| Archive {
                name: (*n).to_string(),
                kind: ArchiveKind::Memento {
                    timegate: (*tg).to_string(),
                },
            })
            .ok_or_else(|| {
                let names: Vec<&str> = std::iter::once("wayback")
                    .chain(KNOWN.iter().map(|(n, _)| *n))
                    .collect();
                format!(
                    "unknown archive `{spec}` (known: {}; or NAME=TIMEGATE-URL)",
                    names.join(", ")
                )
            })
    }

    /// The archives of [`DEFAULT`].
    pub fn defaults() -> Vec<Archive> {
        DEFAULT
            .iter()
            .filter_map(|n| Archive::parse(n).ok())
            .collect()
    }
}

/// A capture an archive holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    pub url: String,
    pub at: NaiveDateTime,
}

/// What one archive answered, against the cited moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The archive holds no capture of the URL.
    Nothing,
    /// Its newest capture at or before the cited moment.
    Before(Capture),
    /// No capture at or before it: its first capture after.
    After(Capture),
}

impl Found {
    /// Sorts a capture against the moment (`None`: now, so every capture is before).
    pub fn of(capture: Capture, moment: Option<NaiveDateTime>) -> Found {
        match moment {
            Some(m) if capture.at > m => Found::After(capture),
            _ => Found::Before(capture),
        }
    }
}

/// The last moment a cited date covers: a day's end, a month's last day, a year's
/// 31 December ("at or before the cited date" includes the whole of it).
pub fn moment_of(date: &PartialDate) -> Option<NaiveDateTime> {
    let year = date.year;
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59)?;
    let day = match (date.month, date.day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d)?,
        (Some(m), None) => {
            let first_next = if m >= 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)?
            };
            first_next.pred_opt()?
        }
        _ => NaiveDate::from_ymd_opt(year, 12, 31)?,
    };
    Some(day.and_time(end_of_day))
}

/// `2018-04-28T10:10:10Z`: how reports write a capture's moment.
pub fn rfc3339(at: &NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The copy to name among what the archives answered: the newest capture at or before the
/// moment in any archive, else the earliest after it. `None` when no archive answered.
pub fn choose(answers: Vec<(String, Option<Found>)>) -> Option<Option<Snapshot>> {
    let mut answered = false;
    let mut before: Option<(String, Capture)> = None;
    let mut after: Option<(String, Capture)> = None;
    for (name, found) in answers {
        let Some(found) = found else { continue };
        answered = true;
        match found {
            Found::Nothing => {}
            Found::Before(c) => {
                if before.as_ref().is_none_or(|(_, b)| c.at > b.at) {
                    before = Some((name, c));
                }
            }
            Found::After(c) => {
                if after.as_ref().is_none_or(|(_, a)| c.at < a.at) {
                    after = Some((name, c));
                }
            }
        }
    }
    if !answered {
        return None;
    }
    Some(before.or(after).map(|(name, c)| Snapshot {
        timestamp: rfc3339(&c.at),
        url: c.url,
        source: Some(name),
    }))
}

/// The longest an archive's `Retry-After` holds a look-up: a copy is a help, not worth
/// holding a whole run for (archive.today asks for minutes).
const ARCHIVE_WAIT_CAP: std::time::Duration = std::time::Duration::from_secs(15);

/// One request to an archive, retried as a link's is: a busy answer (429, 5xx) or a
/// transient failure is asked again up to `--retries` times, after the server's `Retry-After`
/// (the scheduler holds the whole host until then) or an exponential backoff.
pub async fn ask_archive(
    client: &HttpClient,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    ask: Ask<'_>,
) -> Result<Answer, Failure> {
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let answer = request_with(client, sched, opts, url, ask).await;
        let busy = match &answer {
            Ok(a) => a.status == 429 || a.status >= 500,
            Err(f) => f.kind.transient(),
        };
        if !busy || attempts > opts.retries {
            return answer;
        }
        let backoff = opts.backoff.saturating_mul(1 << (attempts - 1).min(10));
        let wait = match &answer {
            Ok(a) => a.retry_after.map_or(backoff, |ra| {
                ra.min(opts.retry_after_cap)
                    .min(ARCHIVE_WAIT_CAP)
                    .max(backoff)
            }),
            Err(_) => backoff,
        };
        tokio::time::sleep(wait).await;
    }
}

/// Asks every archive of `opts.archives` at once for copies of `url` near `date`, and
/// chooses one ([`choose`]): `Some(None)` when the archives that answered hold none, `None`
/// when none could be asked.
pub async fn lookup<'c>(
    client_for: impl Fn(&Url) -> &'c HttpClient + Copy,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &str,
    date: Option<&PartialDate>,
) -> Option<Option<Snapshot>> {
    let moment = date.and_then(moment_of);
    let asks = opts.archives.iter().map(|a| async move {
        let found = match &a.kind {
            ArchiveKind::Wayback => wayback::find(client_for, sched, opts, url, moment).await,
            ArchiveKind::Memento { timegate } => {
                memento::find(client_for, sched, opts, timegate, url, moment).await
            }
        };
        (a.name.clone(), found)
    });
    choose(join_all(asks).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn cap(url: &str, when: &str) -> Capture {
        Capture {
            url: url.to_string(),
            at: at(when),
        }
    }

    #[test]
    fn a_cited_date_covers_its_whole_period() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(moment_of(&d("2018-04-28")), Some(at("2018-04-28 23:59:59")));
        assert_eq!(moment_of(&d("2018-02")), Some(at("2018-02-28 23:59:59")));
        assert_eq!(moment_of(&d("2018-12")), Some(at("2018-12-31 23:59:59")));
        assert_eq!(moment_of(&d("2019")), Some(at("2019-12-31 23:59:59")));
    }

    #[test]
    fn the_newest_copy_before_wins_in_any_archive_else_the_first_after() {
        let answers = vec![
            (
                "wayback".to_string(),
                Some(Found::Before(cap("w-old", "2017-01-01 00:00:00"))),
            ),
            (
                "arquivo-pt".to_string(),
                Some(Found::Before(cap("a-newer", "2018-04-01 00:00:00"))),
            ),
            (
                "archive-today".to_string(),
                Some(Found::After(cap("t-after", "2018-05-01 00:00:00"))),
            ),
        ];
        let s = choose(answers).unwrap().unwrap();
        assert_eq!(s.url, "a-newer");
        assert_eq!(s.source.as_deref(), Some("arquivo-pt"));
        assert_eq!(s.timestamp, "2018-04-01T00:00:00Z");

        let answers = vec![
            (
                "wayback".to_string(),
                Some(Found::After(cap("w-late", "2020-01-01 00:00:00"))),
            ),
            (
                "loc".to_string(),
                Some(Found::After(cap("l-early", "2019-01-01 00:00:00"))),
            ),
            ("ukwa".to_string(), Some(Found::Nothing)),
        ];
        assert_eq!(choose(answers).unwrap().unwrap().url, "l-early");
    }

    #[test]
    fn nothing_known_unless_an_archive_answered() {
        assert_eq!(choose(vec![("wayback".into(), None)]), None);
        assert_eq!(
            choose(vec![
                ("wayback".into(), None),
                ("loc".into(), Some(Found::Nothing))
            ]),
            Some(None)
        );
    }

    #[test]
    fn archives_by_name_or_timegate() {
        assert_eq!(Archive::parse("wayback").unwrap(), Archive::wayback());
        assert_eq!(
            Archive::parse("arquivo-pt").unwrap().kind,
            ArchiveKind::Memento {
                timegate: "https://arquivo.pt/wayback/".into()
            }
        );
        let own = Archive::parse("mine=http://127.0.0.1:9/timegate/").unwrap();
        assert_eq!(own.name, "mine");
        assert!(Archive::parse("mine=ftp://x/").is_err());
        assert!(Archive::parse("waybak")
            .unwrap_err()
            .contains("known: wayback"));
        assert_eq!(Archive::defaults().len(), DEFAULT.len());
    }
}
