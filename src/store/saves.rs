//! The state of `reflint archive save`, kept beside the cache so that a run interrupted at any
//! point resumes without asking an archive twice for what it already took: each submission is
//! committed as soon as the archive answers with its job, and each job's end as soon as it is
//! known. The table is created on first use (an older reflint opening the file ignores it).

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS saves (
    url          TEXT    PRIMARY KEY,
    state        TEXT    NOT NULL,  -- pending | saved | failed
    job_id       TEXT,
    snapshot     TEXT,              -- the copy's URL, once saved
    captured_at  TEXT,              -- its moment, RFC 3339
    error        TEXT,
    updated_at   INTEGER NOT NULL   -- unix milliseconds
) WITHOUT ROWID";

/// Where a URL's save stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Submitted: the archive's job is running.
    Pending {
        job_id: String,
    },
    /// Captured.
    Saved {
        snapshot: String,
        captured_at: String,
    },
    Failed {
        error: String,
    },
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    fn ensure_saves(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch(SCHEMA)
            .map_err(|e| StoreError::sqlite(&self.path, e))
    }

    /// The last state recorded for `url`.
    pub fn save_state(&self, url: &str) -> Result<Option<SaveState>, StoreError> {
        self.ensure_saves()?;
        let row = self
            .conn
            .query_row(
                "SELECT state, job_id, snapshot, captured_at, error FROM saves WHERE url = ?1",
                [url],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        Ok(
            row.and_then(|(state, job, snapshot, at, error)| match state.as_str() {
                "pending" => job.map(|job_id| SaveState::Pending { job_id }),
                "saved" => Some(SaveState::Saved {
                    snapshot: snapshot.unwrap_or_default(),
                    captured_at: at.unwrap_or_default(),
                }),
                "failed" => Some(SaveState::Failed {
                    error: error.unwrap_or_default(),
                }),
                _ => None,
            }),
        )
    }

    /// Records a URL's new state, committed at once.
    pub fn set_save_state(&self, url: &str, state: &SaveState) -> Result<(), StoreError> {
        self.ensure_saves()?;
        let (name, job, snapshot, at, error) = match state {
            SaveState::Pending { job_id } => ("pending", Some(job_id.as_str()), None, None, None),
            SaveState::Saved {
                snapshot,
                captured_at,
            } => (
                "saved",
                None,
                Some(snapshot.as_str()),
                Some(captured_at.as_str()),
                None,
            ),
            SaveState::Failed { error } => ("failed", None, None, None, Some(error.as_str())),
        };
        self.conn
            .execute(
                "INSERT INTO saves (url, state, job_id, snapshot, captured_at, error, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(url) DO UPDATE SET state = ?2, job_id = ?3, snapshot = ?4,
                     captured_at = ?5, error = ?6, updated_at = ?7",
                params![url, name, job, snapshot, at, error, now_ms()],
            )
            .map(|_| ())
            .map_err(|e| StoreError::sqlite(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_state_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        {
            let (store, _) = Store::open(&path).unwrap();
            assert_eq!(store.save_state("http://a.test/").unwrap(), None);
            store
                .set_save_state(
                    "http://a.test/",
                    &SaveState::Pending {
                        job_id: "spn2-1".into(),
                    },
                )
                .unwrap();
        }
        let (store, warning) = Store::open(&path).unwrap();
        assert_eq!(
            warning, None,
            "the extra table keeps the file a reflint cache"
        );
        assert_eq!(
            store.save_state("http://a.test/").unwrap(),
            Some(SaveState::Pending {
                job_id: "spn2-1".into()
            })
        );
        let saved = SaveState::Saved {
            snapshot: "https://web.archive.org/web/20260101000000/http://a.test/".into(),
            captured_at: "2026-01-01T00:00:00Z".into(),
        };
        store.set_save_state("http://a.test/", &saved).unwrap();
        assert_eq!(store.save_state("http://a.test/").unwrap(), Some(saved));
    }
}
