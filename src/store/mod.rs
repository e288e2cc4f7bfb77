//! The result cache and check history of the online link checker, in one SQLite file
//! (by default [`DEFAULT_PATH`], `.reflint/cache.sqlite` in the working directory; the caller
//! passes the path).
//!
//! Two tables:
//! - `cache`: the latest full result (a JSON payload) per `(url, target)`, the primary key.
//!   `target` is the URL actually requested after `--remap` rewriting, so a hit needs the same
//!   rewriting. Only definite results are cached: transient failures go to history only.
//! - `history`: every check ever recorded (status, HTTP status, final URL, time taken), indexed
//!   by `(url, checked_at)`, for `reflint history URL` ([`render_history`]).
//!
//! Timestamps are stored as unix milliseconds (so they read back at millisecond precision).
//!
//! Safety of the data:
//! - the file is ours when `PRAGMA application_id` is [`APPLICATION_ID`] and `PRAGMA
//!   user_version` is [`SCHEMA_VERSION`]; at open, `PRAGMA quick_check` looks for corruption.
//!   A file that is corrupt, not SQLite at all, another application's database or another
//!   schema version is never deleted: it is renamed to `<name>.corrupt-<unix-time>` (with its
//!   `-wal`/`-shm` companions) and a fresh cache is created, with a one-line warning. An empty
//!   (0-byte) file is simply initialised.
//! - journal mode WAL with `synchronous=NORMAL`: a batch of results is written in one
//!   transaction, so a process killed mid-write loses at most that uncommitted batch and
//!   never corrupts the file; readers never block the writer.
//! - `busy_timeout` of [`BUSY_TIMEOUT`] and write transactions begun `IMMEDIATE`: two reflint
//!   processes sharing the file take turns instead of failing.

mod saves;
pub use saves::SaveState;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{
    params, Connection, DatabaseName, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior,
};

/// Where the cache lives unless the caller says otherwise (relative to the working directory).
pub const DEFAULT_PATH: &str = ".reflint/cache.sqlite";

/// `PRAGMA application_id` of a reflint cache: the bytes `RFLT`.
pub const APPLICATION_ID: i32 = 0x5246_4C54;

/// `PRAGMA user_version` of the current schema.
pub const SCHEMA_VERSION: i32 = 1;

/// How long a connection waits for another process's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema of version [`SCHEMA_VERSION`], created in one transaction.
const SCHEMA: &str = "
CREATE TABLE cache (
    url         TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    http_status INTEGER,
    final_url   TEXT,
    elapsed_ms  INTEGER NOT NULL,
    checked_at  INTEGER NOT NULL,  -- unix milliseconds
    payload     TEXT    NOT NULL,  -- JSON of the full result
    PRIMARY KEY (url, target)
) WITHOUT ROWID;
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    http_status INTEGER,
    final_url   TEXT,
    elapsed_ms  INTEGER NOT NULL,
    checked_at  INTEGER NOT NULL   -- unix milliseconds
);
CREATE INDEX history_url ON history (url, checked_at);
";

/// Appends one check to the history.
const INSERT_HISTORY: &str = "INSERT INTO history
    (url, target, status, http_status, final_url, elapsed_ms, checked_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Stores a result in the cache unless a later check of the same `(url, target)` is there
/// already (two processes may finish in either order).
const UPSERT_CACHE: &str = "INSERT INTO cache
    (url, target, status, http_status, final_url, elapsed_ms, checked_at, payload)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (url, target) DO UPDATE SET
        status = excluded.status,
        http_status = excluded.http_status,
        final_url = excluded.final_url,
        elapsed_ms = excluded.elapsed_ms,
        checked_at = excluded.checked_at,
        payload = excluded.payload
    WHERE excluded.checked_at >= cache.checked_at";

/// Why the cache could not be opened or used. Every message names the file.
#[derive(Debug)]
pub enum StoreError {
    /// The directory of the cache could not be created.
    CreateDir { path: PathBuf, source: io::Error },
    /// The file can only be read (write-protected file or directory).
    ReadOnly { path: PathBuf },
    /// SQLite refused to open the file or to run a statement (busy beyond the timeout,
    /// disk full, permissions, I/O error...).
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// The file turned out corrupt after it was opened (it is checked at open).
    Corrupt {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A corrupt or foreign file could not be moved aside.
    MoveAside {
        path: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
    /// After moving a bad file aside, the file at the path was still not usable (another
    /// process replaced it meanwhile).
    Unusable { path: PathBuf, reason: String },
}

impl StoreError {
    /// The cache file concerned.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::CreateDir { path, .. }
            | StoreError::ReadOnly { path }
            | StoreError::Sqlite { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::MoveAside { path, .. }
            | StoreError::Unusable { path, .. } => path,
        }
    }

    /// Whether the file was found corrupt while in use (the next [`Store::open`] moves it aside).
    pub fn is_corrupt(&self) -> bool {
        matches!(self, StoreError::Corrupt { .. })
    }

    /// Wraps an SQLite error, telling corruption apart.
    fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        if is_corruption(&source) {
            StoreError::Corrupt { path, source }
        } else {
            StoreError::Sqlite { path, source }
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::CreateDir { path, source } => write!(
                f,
                "link cache {}: cannot create its directory: {source}",
                path.display()
            ),
            StoreError::ReadOnly { path } => {
                write!(f, "link cache {}: the file is read-only", path.display())
            }
            StoreError::Sqlite { path, source } => {
                write!(f, "link cache {}: {source}", path.display())
            }
            StoreError::Corrupt { path, source } => write!(
                f,
                "link cache {}: the file is corrupt ({source}); it will be moved aside at the next run",
                path.display()
            ),
            StoreError::MoveAside { path, to, source } => write!(
                f,
                "link cache {}: cannot move the unusable file aside to {}: {source}",
                path.display(),
                to.display()
            ),
            StoreError::Unusable { path, reason } => {
                write!(f, "link cache {} {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::CreateDir { source, .. } | StoreError::MoveAside { source, .. } => {
                Some(source)
            }
            StoreError::Sqlite { source, .. } | StoreError::Corrupt { source, .. } => Some(source),
            StoreError::ReadOnly { .. } | StoreError::Unusable { .. } => None,
        }
    }
}

/// One check to record.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The URL as written in the document.
    pub url: &'a str,
    /// The URL actually requested (after `--remap` rewriting); cache hits require the same target.
    pub target: &'a str,
    /// `"alive"`, `"dead"`, `"soft-404"`, `"redirected"`, `"blocked"` or `"unreachable"`.
    pub status: &'a str,
    /// The HTTP status of the last response, if there was one.
    pub http_status: Option<u16>,
    /// Where redirects ended, if anywhere else.
    pub final_url: Option<&'a str>,
    /// Time taken by the check.
    pub elapsed_ms: u64,
    /// When the check was made.
    pub checked_at: DateTime<Utc>,
    /// JSON of the full result. `Some`: also stored in the cache (replacing an older result);
    /// `None`: history only (transient failures are never cached).
    pub payload: Option<&'a str>,
}

/// A cached result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cached {
    /// The JSON recorded with [`Entry::payload`].
    pub payload: String,
    /// When that check was made (millisecond precision).
    pub checked_at: DateTime<Utc>,
}

/// One past check of a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    /// When the check was made (millisecond precision).
    pub checked_at: DateTime<Utc>,
    pub status: String,
    pub http_status: Option<u16>,
    pub final_url: Option<String>,
    pub elapsed_ms: u64,
    /// The URL actually requested.
    pub target: String,
}

/// An open cache file. Each handle owns one SQLite connection; several handles (in threads or
/// processes) may share the file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// What [`inspect`] found at the path.
#[derive(Debug, PartialEq, Eq)]
enum State {
    /// A reflint cache of the current schema, passing `quick_check`.
    Ours,
    /// An empty database (a new or 0-byte file): to be initialised.
    Empty,
    /// Corrupt, not SQLite, or someone else's: to be moved aside. The reason reads after the
    /// file name: "is not an SQLite database".
    Unusable(String),
}

impl Store {
    /// Opens or creates the file (and its parent directories). A file that is corrupt, not
    /// SQLite, or an SQLite database of another application/another schema version is moved
    /// aside (renamed to `<name>.corrupt-<unix-time>`, never deleted: nothing lost) and a fresh
    /// cache is created; the returned warning says so in one line naming both files.
    pub fn open(path: &Path) -> Result<(Store, Option<String>), StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let mut warning = None;
        let mut conn = connect(path)?;
        let mut state = inspect(&conn, path, true)?;
        if let State::Unusable(_) = state {
            // Look again with a new connection right before renaming: another process may have
            // replaced the file meanwhile (moved it aside and started a fresh cache).
            drop(conn);
            conn = connect(path)?;
            state = inspect(&conn, path, true)?;
            if let State::Unusable(reason) = state {
                drop(conn);
                let moved = move_aside(path)?;
                warning = Some(format!(
                    "link cache {} {reason}; moved it to {} and started a fresh cache",
                    path.display(),
                    moved.display()
                ));
                conn = connect(path)?;
                state = inspect(&conn, path, false)?;
            }
        }
        match state {
            State::Ours => configure(&conn, path)?,
            State::Empty => {
                configure(&conn, path)?;
                initialise(&mut conn, path)?;
            }
            State::Unusable(reason) => {
                return Err(StoreError::Unusable {
                    path: path.to_path_buf(),
                    reason,
                })
            }
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        Ok((store, warning))
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Cached result for `url` + `target` checked at or after `not_before`.
    pub fn get(
        &self,
        url: &str,
        target: &str,
        not_before: DateTime<Utc>,
    ) -> Result<Option<Cached>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT payload, checked_at FROM cache
                 WHERE url = ?1 AND target = ?2 AND checked_at >= ?3",
            )
            .and_then(|mut st| {
                st.query_row(params![url, target, not_before.timestamp_millis()], |r| {
                    Ok(Cached {
                        payload: r.get(0)?,
                        checked_at: time_from_sql(1, r.get(1)?)?,
                    })
                })
                .optional()
            });
        row.map_err(|e| StoreError::sqlite(&self.path, e))
    }

    /// Records a batch of checks in ONE transaction: every entry appended to history; entries
    /// with a payload upserted into the cache (unless the cache holds a later check already).
    /// Either the whole batch is stored or none of it.
    pub fn record(&mut self, entries: &[Entry<'_>]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let path = &self.path;
        write_batch(&mut self.conn, entries).map_err(|e| StoreError::sqlite(path, e))
    }

    /// A link's history (every target it was requested as), oldest first.
    pub fn history(&self, url: &str) -> Result<Vec<HistoryRow>, StoreError> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT checked_at, status, http_status, final_url, elapsed_ms, target
                 FROM history WHERE url = ?1 ORDER BY checked_at, id",
            )
            .and_then(|mut st| {
                st.query_map([url], |r| {
                    Ok(HistoryRow {
                        checked_at: time_from_sql(0, r.get(0)?)?,
                        status: r.get(1)?,
                        http_status: r
                            .get::<_, Option<i64>>(2)?
                            .and_then(|s| u16::try_from(s).ok()),
                        final_url: r.get(3)?,
                        elapsed_ms: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                        target: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            });
        rows.map_err(|e| StoreError::sqlite(&self.path, e))
    }
}

/// Writes one batch in an `IMMEDIATE` transaction (the write lock is taken, or waited for, at
/// the start, so the busy timeout applies and no deadlock can arise between two writers).
fn write_batch(conn: &mut Connection, entries: &[Entry<'_>]) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut history = tx.prepare_cached(INSERT_HISTORY)?;
        let mut cache = tx.prepare_cached(UPSERT_CACHE)?;
        for e in entries {
            let elapsed = i64::try_from(e.elapsed_ms).unwrap_or(i64::MAX);
            let at = e.checked_at.timestamp_millis();
            history.execute(params![
                e.url,
                e.target,
                e.status,
                e.http_status,
                e.final_url,
                elapsed,
                at
            ])?;
            if let Some(payload) = e.payload {
                cache.execute(params![
                    e.url,
                    e.target,
                    e.status,
                    e.http_status,
                    e.final_url,
                    elapsed,
                    at,
                    payload
                ])?;
            }
        }
    }
    tx.commit()
}

/// Unix milliseconds read from column `idx` → a UTC time.
fn time_from_sql(idx: usize, ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or(rusqlite::Error::IntegralValueOutOfRange(idx, ms))
}

/// SQLITE_CORRUPT or SQLITE_NOTADB.
fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// Opens a read-write connection (creating the file) with the busy timeout set.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::sqlite(path, e))?;
    // Until the file is known to be ours, closing must not checkpoint: SQLite would fold a
    // damaged file's `-wal` into it, or delete a `-wal` it cannot read, before it is moved aside.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(|e| StoreError::sqlite(path, e))?;
    // SQLite falls back to read-only on a write-protected file instead of failing.
    if conn
        .is_readonly(DatabaseName::Main)
        .map_err(|e| StoreError::sqlite(path, e))?
    {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(conn)
}

/// Decides whether the file is ours, empty, or to be moved aside. Corruption and "not a
/// database" become [`State::Unusable`]; other failures (busy, I/O) are errors. `check` runs
/// `PRAGMA quick_check` on our own files.
fn inspect(conn: &Connection, path: &Path, check: bool) -> Result<State, StoreError> {
    match inspect_sql(conn, check) {
        Ok(state) => Ok(state),
        Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase)) => {
            Ok(State::Unusable("is not an SQLite database".to_string()))
        }
        Err(e) if is_corruption(&e) => Ok(State::Unusable(format!(
            "is corrupt ({})",
            one_line(&e.to_string())
        ))),
        Err(e) => Err(StoreError::sqlite(path, e)),
    }
}

fn inspect_sql(conn: &Connection, check: bool) -> rusqlite::Result<State> {
    let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if app != i64::from(APPLICATION_ID) {
        return Ok(if app == 0 && objects == 0 {
            State::Empty
        } else if app == 0 {
            State::Unusable("is an SQLite database of another application".to_string())
        } else {
            State::Unusable(format!(
                "is an SQLite database of another application (application_id {app:#x})"
            ))
        });
    }
    if version != i64::from(SCHEMA_VERSION) {
        return Ok(State::Unusable(format!(
            "has cache schema version {version} (this reflint uses {SCHEMA_VERSION})"
        )));
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('cache', 'history')",
        [],
        |r| r.get(0),
    )?;
    if tables != 2 {
        return Ok(State::Unusable(
            "lacks the tables of a reflint cache".to_string(),
        ));
    }
    if check {
        // Reads every page once (milliseconds for a cache of thousands of links); reports the
        // first problem only.
        let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Ok(State::Unusable(format!(
                "is corrupt ({})",
                one_line(&verdict)
            )));
        }
    }
    Ok(State::Ours)
}

/// Per-connection settings for a file that is ours (or empty): checkpoint on close, WAL
/// (persistent in the file) and `synchronous=NORMAL` (durable across process crashes; a power
/// loss may drop the last commits but never corrupts).
fn configure(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e: rusqlite::Error| StoreError::sqlite(path, e);
    // Ours: the last connection to close checkpoints and removes the `-wal` again.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
        .map_err(err)?;
    // Where WAL is impossible (no shared memory on some network file systems) SQLite keeps the
    // rollback journal: still transactional, so that is accepted.
    // Switching a fresh file to WAL needs an exclusive lock that SQLite takes WITHOUT calling
    // the busy handler, so a second reflint opening the same new cache at the same instant
    // gets "database is locked" at once: retried here within the same busy timeout.
    let started = std::time::Instant::now();
    let _mode: String = loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => break other.map_err(err)?,
        }
    };
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(err)?;
    Ok(())
}

/// Creates the schema of an empty file in one `IMMEDIATE` transaction, unless another process
/// did so since [`inspect`] looked.
fn initialise(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e: rusqlite::Error| StoreError::sqlite(path, e);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(err)?;
    match inspect(&tx, path, false)? {
        State::Ours => {}
        State::Empty => {
            tx.execute_batch(SCHEMA).map_err(err)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(err)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(err)?;
        }
        State::Unusable(reason) => {
            return Err(StoreError::Unusable {
                path: path.to_path_buf(),
                reason,
            })
        }
    }
    tx.commit().map_err(err)
}

/// Renames an unusable file to `<name>.corrupt-<unix-time>` (`-2`, `-3`... appended if that
/// exists), its `-wal` and `-shm` companions along with it (first, so a stale journal can never
/// be replayed into the fresh cache). Returns the new name. A file already gone (another
/// process moved it) is not an error.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cache.sqlite".to_string());
    let mut to = path.with_file_name(format!("{name}.corrupt-{secs}"));
    let mut n = 2;
    while fs::symlink_metadata(&to).is_ok() || fs::symlink_metadata(companion(&to, "-wal")).is_ok()
    {
        to = path.with_file_name(format!("{name}.corrupt-{secs}-{n}"));
        n += 1;
    }
    for suffix in ["-wal", "-shm", ""] {
        let from = companion(path, suffix);
        let dest = companion(&to, suffix);
        match fs::rename(&from, &dest) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::MoveAside {
                    path: path.to_path_buf(),
                    to: dest,
                    source,
                })
            }
        }
    }
    Ok(to)
}

/// `path` with `suffix` appended to its file name (`cache.sqlite` → `cache.sqlite-wal`).
fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Newlines and runs of white space folded into single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders history rows as a small aligned text table for `reflint history URL`: when checked
/// (UTC), status, HTTP status, time taken and final URL; a `target` column is added when some
/// check requested another URL than the one written (`--remap`).
pub fn render_history(url: &str, rows: &[HistoryRow]) -> String {
    if rows.is_empty() {
        return format!("No checks recorded for {url}\n");
    }
    let with_target = rows.iter().any(|r| r.target != url);
    let mut header = vec!["checked at (UTC)", "status", "http", "elapsed"];
    if with_target {
        header.push("target");
    }
    header.push("final URL");
    let right = [false, false, true, true, false, false];

    let mut table: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for r in rows {
        let mut line = vec![
            r.checked_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            r.status.clone(),
            r.http_status
                .map_or_else(|| "-".to_string(), |s| s.to_string()),
            format!("{} ms", r.elapsed_ms),
        ];
        if with_target {
            line.push(r.target.clone());
        }
        line.push(r.final_url.clone().unwrap_or_else(|| "-".to_string()));
        table.push(line);
    }
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .iter()
                .filter_map(|line| line.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();

    let checks = if rows.len() == 1 { "check" } else { "checks" };
    let mut out = format!("History of {url} ({} {checks})\n", rows.len());
    for line in &table {
        let mut text = String::new();
        for (c, cell) in line.iter().enumerate() {
            let width = widths.get(c).copied().unwrap_or(0);
            if c > 0 {
                text.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                text.push_str(&format!("{cell:>width$}"));
            } else {
                text.push_str(&format!("{cell:<width$}"));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
