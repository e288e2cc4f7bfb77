//! The cache writer of the online phase: results written as they come, in batches, by one
//! thread that owns the file (`store/`), off the runtime's threads. Links and DOI look-ups
//! share it: each result is one history row and, when definite, the cache's entry for its
//! `(url, target)` ([`super::doi::cache_target`] keeps a DOI's apart from a page's).

use std::sync::mpsc;
use std::thread::JoinHandle;

use super::doi::DoiChecked;
use super::Checked;
use crate::store::{Entry, Store};

/// One result to write.
// most results are links' (the large variant): boxing them would cost an allocation each
#[allow(clippy::large_enum_variant)]
pub(super) enum Recorded {
    Link(Checked),
    Doi(DoiChecked),
}

impl Recorded {
    fn status(&self) -> &'static str {
        match self {
            Recorded::Link(c) => c.status.name(),
            Recorded::Doi(d) => d.status.name(),
        }
    }

    fn http_status(&self) -> Option<u16> {
        match self {
            Recorded::Link(c) => c.http_status,
            Recorded::Doi(d) => d.http_status,
        }
    }

    fn final_url(&self) -> Option<&str> {
        match self {
            Recorded::Link(c) => c.final_url.as_deref(),
            Recorded::Doi(d) => d.final_url.as_deref(),
        }
    }

    fn elapsed_ms(&self) -> u64 {
        match self {
            Recorded::Link(c) => c.elapsed_ms,
            Recorded::Doi(d) => d.elapsed_ms,
        }
    }

    fn checked_at(&self) -> &str {
        match self {
            Recorded::Link(c) => &c.checked_at,
            Recorded::Doi(d) => &d.checked_at,
        }
    }

    /// The JSON the cache keeps, for definite results only.
    fn payload(&self) -> Option<String> {
        match self {
            Recorded::Link(c) => c.cacheable().then(|| serde_json::to_string(c).ok())?,
            Recorded::Doi(d) => d.cacheable().then(|| serde_json::to_string(d).ok())?,
        }
    }
}

/// (URL as written, target, result).
pub(super) type ToRecord = (String, String, Recorded);

/// Starts the writer: it writes what is sent until every sender is dropped, then returns the
/// first failure's message, if any.
pub(super) fn start(mut store: Store) -> (mpsc::Sender<ToRecord>, JoinHandle<Option<String>>) {
    let (tx, rx) = mpsc::channel::<ToRecord>();
    let writer = std::thread::spawn(move || {
        let mut failed = None;
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            while batch.len() < 512 {
                match rx.try_recv() {
                    Ok(x) => batch.push(x),
                    Err(_) => break,
                }
            }
            let payloads: Vec<Option<String>> = batch.iter().map(|(_, _, r)| r.payload()).collect();
            let entries: Vec<Entry> = batch
                .iter()
                .zip(&payloads)
                .map(|((url, target, r), p)| Entry {
                    url,
                    target,
                    status: r.status(),
                    http_status: r.http_status(),
                    final_url: r.final_url(),
                    elapsed_ms: r.elapsed_ms(),
                    checked_at: chrono::DateTime::parse_from_rfc3339(r.checked_at())
                        .map(|d| d.with_timezone(&chrono::Utc))
                        .unwrap_or_else(|_| chrono::Utc::now()),
                    payload: p.as_deref(),
                })
                .collect();
            if let Err(e) = store.record(&entries) {
                failed.get_or_insert(format!("cache write failed: {e}"));
            }
        }
        failed
    });
    (tx, writer)
}
