//! `reflint archive save`: asks the Internet Archive's Save Page Now API (SPN2) to capture each
//! live cited URL that has no capture younger than `--max-age`, polls each job to its end, and
//! keeps every step in the store (`store::SaveState`) so that a run killed at any point resumes
//! without submitting again what was submitted or saved.
//!
//! The API: `POST {endpoint}` with the form `url=…` (and `Authorization: LOW access:secret`,
//! `Accept: application/json`) answers `{"url": …, "job_id": …}`; `GET {endpoint}/status/{job}`
//! answers `{"status": "pending" | "success" | "error", "timestamp": …, "original_url": …,
//! "status_ext": …, "message": …}`. A 429 is asked again after its `Retry-After`, as the
//! scheduler holds the whole host until then.

use std::time::Duration;

use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;
use url::Url;

use crate::net::archive::{ask_archive, rfc3339, wayback};
use crate::net::fetch::{client, Ask, HttpClient};
use crate::net::schedule::Scheduler;
use crate::net::NetOptions;
use crate::store::{SaveState, Store};

/// The Save Page Now API.
pub const ENDPOINT: &str = "https://web.archive.org/save";

/// The archive's keys, from `REFLINT_IA_ACCESS` and `REFLINT_IA_SECRET`.
#[derive(Clone)]
pub struct Keys {
    pub access: String,
    pub secret: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never printed: a log or a panic message must not carry the secret
        f.write_str("Keys { .. }")
    }
}

impl Keys {
    pub fn from_env() -> Result<Keys, String> {
        let get = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match (get("REFLINT_IA_ACCESS"), get("REFLINT_IA_SECRET")) {
            (Some(access), Some(secret)) => Ok(Keys { access, secret }),
            _ => Err("archive save needs the Internet Archive's S3-style keys in REFLINT_IA_ACCESS and REFLINT_IA_SECRET (https://archive.org/account/s3.php)".to_string()),
        }
    }

    fn authorization(&self) -> String {
        format!("LOW {}:{}", self.access, self.secret)
    }
}

/// How a save run behaves.
#[derive(Clone, Debug)]
pub struct SaveOptions {
    pub net: NetOptions,
    /// A capture younger than this is fresh: not submitted again.
    pub max_age: Duration,
    pub keys: Keys,
    /// The API's address ([`ENDPOINT`]).
    pub endpoint: String,
    /// The wait between two rounds of status polls.
    pub poll_every: Duration,
    /// How long a run waits for its jobs; those still running are left for the next run.
    pub wait_at_most: Duration,
}

/// What became of one URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Captured by this run (or by a job an earlier run submitted).
    Saved {
        snapshot: String,
        at: String,
    },
    /// A capture younger than `--max-age` exists: nothing submitted.
    Fresh {
        snapshot: String,
        at: String,
    },
    Failed {
        why: String,
    },
    /// Submitted, still running when the run stopped waiting: the next run polls it.
    Pending {
        job_id: String,
    },
}

impl Outcome {
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Saved { .. } => "saved",
            Outcome::Fresh { .. } => "already fresh",
            Outcome::Failed { .. } => "failed",
            Outcome::Pending { .. } => "still running",
        }
    }
}

#[derive(Deserialize)]
struct Submitted {
    job_id: Option<String>,
    status: Option<String>,
    status_ext: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct JobStatus {
    status: Option<String>,
    timestamp: Option<String>,
    original_url: Option<String>,
    status_ext: Option<String>,
    message: Option<String>,
}

/// Why the API said no, in one line.
fn why(status_ext: Option<String>, message: Option<String>, fallback: &str) -> String {
    match (status_ext, message) {
        (Some(e), Some(m)) => format!("{e}: {}", m.trim()),
        (Some(e), None) => e,
        (None, Some(m)) => m.trim().to_string(),
        (None, None) => fallback.to_string(),
    }
}

/// A run that cannot go on (the archive refused the keys, the store failed).
#[derive(Debug)]
pub struct Fatal(pub String);

struct Api<'a> {
    client: HttpClient,
    sched: Scheduler,
    opts: &'a SaveOptions,
    auth: String,
}

impl Api<'_> {
    fn headers(&self) -> [(&'static str, &str); 2] {
        [
            ("accept", "application/json"),
            ("authorization", &self.auth),
        ]
    }

    async fn submit(&self, url: &str) -> Result<Result<String, String>, Fatal> {
        let endpoint = Url::parse(&self.opts.endpoint)
            .map_err(|e| Fatal(format!("the save endpoint is not a URL: {e}")))?;
        let headers = self.headers();
        let form = [("url", url)];
        let ask = Ask {
            headers: &headers,
            body: true,
            form: Some(&form),
        };
        let answer =
            match ask_archive(&self.client, &self.sched, &self.opts.net, &endpoint, ask).await {
                Ok(a) => a,
                Err(f) => {
                    return Ok(Err(format!(
                        "the archive could not be reached: {}",
                        f.message
                    )))
                }
            };
        if matches!(answer.status, 401 | 403) {
            return Err(Fatal(format!(
                "the archive refused the keys (HTTP {}): check REFLINT_IA_ACCESS and REFLINT_IA_SECRET",
                answer.status
            )));
        }
        if answer.status == 429 {
            return Ok(Err(
                "the archive is busy (429) after every retry".to_string()
            ));
        }
        let parsed: Option<Submitted> = answer
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok());
        Ok(match parsed {
            Some(Submitted {
                job_id: Some(job), ..
            }) if (200..300).contains(&answer.status) && !job.is_empty() => Ok(job),
            Some(s) => Err(why(
                s.status_ext,
                s.message,
                &format!(
                    "HTTP {} without a job ({})",
                    answer.status,
                    s.status.unwrap_or_default()
                ),
            )),
            None => Err(format!("HTTP {} without a job", answer.status)),
        })
    }

    /// The job's state: `None` while it runs (or could not be asked this round).
    async fn poll(&self, job_id: &str) -> Option<Result<(String, String), String>> {
        let status = Url::parse(&format!(
            "{}/status/{job_id}",
            self.opts.endpoint.trim_end_matches('/')
        ))
        .ok()?;
        let headers = self.headers();
        let ask = Ask {
            headers: &headers,
            body: true,
            form: None,
        };
        let answer = ask_archive(&self.client, &self.sched, &self.opts.net, &status, ask)
            .await
            .ok()?;
        let s: JobStatus = serde_json::from_str(answer.body.as_deref()?).ok()?;
        match s.status.as_deref() {
            Some("success") => {
                let ts = s.timestamp.unwrap_or_default();
                let at = wayback::parse_stamp(&ts);
                let original = s.original_url.unwrap_or_default();
                let snapshot = format!("https://web.archive.org/web/{ts}/{original}");
                Some(Ok((snapshot, at.map(|a| rfc3339(&a)).unwrap_or(ts))))
            }
            Some("error") => Some(Err(why(s.status_ext, s.message, "the capture failed"))),
            _ => None,
        }
    }

    /// The newest successful capture, when younger than `--max-age`.
    async fn fresh(&self, url: &str) -> Option<(String, NaiveDateTime)> {
        let c = wayback::newest(&self.client, &self.sched, &self.opts.net, url)
            .await
            .flatten()?;
        let age = Utc::now().naive_utc().signed_duration_since(c.at);
        let young = age.to_std().map_or(true, |a| a < self.opts.max_age);
        young.then_some((c.url, c.at))
    }
}

fn is_young(at: &str, max_age: Duration) -> bool {
    chrono::DateTime::parse_from_rfc3339(at).is_ok_and(|t| {
        Utc::now()
            .signed_duration_since(t)
            .to_std()
            .map_or(true, |a| a < max_age)
    })
}

/// Saves each URL (in order), telling `step` what became of each as it is known; returns
/// every URL's outcome, or the reason the run had to stop.
pub fn save_all(
    urls: &[String],
    opts: &SaveOptions,
    store: &Store,
    step: &dyn Fn(&str, &Outcome),
) -> Result<Vec<(String, Outcome)>, Fatal> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Fatal(format!("cannot start the network runtime: {e}")))?;
    let api = Api {
        client: client(&opts.net).map_err(Fatal)?,
        sched: Scheduler::with_hosts(
            opts.net.max_concurrency,
            opts.net.host_concurrency,
            opts.net.host_interval,
            opts.net.hosts.clone(),
        ),
        opts,
        auth: opts.keys.authorization(),
    };
    let store_err = |e: crate::store::StoreError| Fatal(e.to_string());
    runtime.block_on(async {
        let mut outcomes: Vec<(String, Option<Outcome>)> = Vec::with_capacity(urls.len());
        let mut pending: Vec<(usize, String)> = Vec::new();
        for url in urls {
            let i = outcomes.len();
            let known = store.save_state(url).map_err(store_err)?;
            let decided = match known {
                Some(SaveState::Saved {
                    snapshot,
                    captured_at,
                }) if is_young(&captured_at, opts.max_age) => Some(Outcome::Fresh {
                    snapshot,
                    at: captured_at,
                }),
                Some(SaveState::Pending { job_id }) => {
                    // submitted by an interrupted run: its job is polled, never resubmitted
                    pending.push((i, job_id));
                    None
                }
                _ => match api.fresh(url).await {
                    Some((snapshot, at)) => Some(Outcome::Fresh {
                        snapshot,
                        at: rfc3339(&at),
                    }),
                    None => match api.submit(url).await? {
                        Ok(job_id) => {
                            store
                                .set_save_state(
                                    url,
                                    &SaveState::Pending {
                                        job_id: job_id.clone(),
                                    },
                                )
                                .map_err(store_err)?;
                            pending.push((i, job_id));
                            None
                        }
                        Err(why) => {
                            store
                                .set_save_state(url, &SaveState::Failed { error: why.clone() })
                                .map_err(store_err)?;
                            Some(Outcome::Failed { why })
                        }
                    },
                },
            };
            if let Some(o) = &decided {
                step(url, o);
            }
            outcomes.push((url.clone(), decided));
        }
        let started = tokio::time::Instant::now();
        while !pending.is_empty() {
            let mut still = Vec::new();
            for (i, job_id) in pending {
                let url = outcomes.get(i).map(|(u, _)| u.clone()).unwrap_or_default();
                match api.poll(&job_id).await {
                    None => still.push((i, job_id)),
                    Some(Ok((snapshot, at))) => {
                        store
                            .set_save_state(
                                &url,
                                &SaveState::Saved {
                                    snapshot: snapshot.clone(),
                                    captured_at: at.clone(),
                                },
                            )
                            .map_err(store_err)?;
                        let o = Outcome::Saved { snapshot, at };
                        step(&url, &o);
                        if let Some(slot) = outcomes.get_mut(i) {
                            slot.1 = Some(o);
                        }
                    }
                    Some(Err(why)) => {
                        store
                            .set_save_state(&url, &SaveState::Failed { error: why.clone() })
                            .map_err(store_err)?;
                        let o = Outcome::Failed { why };
                        step(&url, &o);
                        if let Some(slot) = outcomes.get_mut(i) {
                            slot.1 = Some(o);
                        }
                    }
                }
            }
            pending = still;
            if pending.is_empty() || started.elapsed() >= opts.wait_at_most {
                break;
            }
            tokio::time::sleep(opts.poll_every).await;
        }
        for (i, job_id) in pending {
            if let Some(slot) = outcomes.get_mut(i) {
                slot.1 = Some(Outcome::Pending { job_id });
            }
        }
        Ok(outcomes
            .into_iter()
            .map(|(u, o)| {
                let o = o.unwrap_or(Outcome::Failed {
                    why: "no answer".to_string(),
                });
                (u, o)
            })
            .collect())
    })
}

/// The summary table: a line per outcome with its count, then each failure and why.
pub fn summary(outcomes: &[(String, Outcome)]) -> String {
    let count = |name: &str| outcomes.iter().filter(|(_, o)| o.name() == name).count();
    let mut s = String::new();
    for name in ["saved", "already fresh", "still running", "failed"] {
        s.push_str(&format!("{name:<14} {:>6}\n", count(name)));
    }
    for (url, o) in outcomes {
        match o {
            Outcome::Failed { why } => s.push_str(&format!("  failed: {url}: {why}\n")),
            Outcome::Pending { job_id } => s.push_str(&format!(
                "  still running: {url} (job {job_id}; the next run asks again)\n"
            )),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_print_their_secret() {
        let k = Keys {
            access: "a".into(),
            secret: "top-secret".into(),
        };
        assert!(!format!("{k:?}").contains("top-secret"));
        assert_eq!(k.authorization(), "LOW a:top-secret");
    }

    #[test]
    fn the_summary_counts_and_explains() {
        let rows = vec![
            (
                "http://a.test/".to_string(),
                Outcome::Saved {
                    snapshot: "s".into(),
                    at: "t".into(),
                },
            ),
            (
                "http://b.test/".to_string(),
                Outcome::Failed {
                    why: "error:not-found".into(),
                },
            ),
        ];
        let s = summary(&rows);
        assert!(s.starts_with("saved               1\n"), "{s}");
        assert!(s.contains("failed              1\n"));
        assert!(s.contains("  failed: http://b.test/: error:not-found\n"));
        assert_eq!(
            why(Some("error:x".into()), Some(" Gone. ".into()), "f"),
            "error:x: Gone."
        );
    }
}
