//! The link cache survives what happens to it in real use, run through the `reflint` binary:
//! two runs at once on one cache, a run killed with SIGKILL in the middle, a cache directory
//! that cannot be written and a cache path that cannot be created.
//!
//! Every test here uses loopback servers only (`tests/common/web.rs`: each simulated host on
//! its own 127.0.1.N address, reached through `--remap`), and `--no-archive`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::run::{args, reflint, report, spawn, status, warnings, write_doc};
use common::web::{Behaviour, HostSpec, Web};

fn page(title: &str) -> Behaviour {
    Behaviour::html(format!(
        "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>\
         <p>Officials met again on the question of {title}, and observers wrote about it.</p>\
         </body></html>"
    ))
}

/// `reflint check` in JSON with the loopback web's remaps; the cache at its default place
/// (`.reflint/cache.sqlite` in the working directory) unless `extra` says otherwise.
fn run_args(web: &Web, extra: &[&str]) -> Vec<String> {
    let mut a = args(&[
        "check",
        "--format",
        "json",
        "--timeout",
        "5",
        "--retries",
        "0",
        "--host-interval",
        "0",
        "--no-archive",
    ]);
    a.extend(web.remap_args());
    a.extend(args(extra));
    a.push("doc.md".to_string());
    a
}

/// A web of `hosts` hosts with `per_host` pages each (`/p/N`, answering after `delay_ms`),
/// and one dead link per host (`/gone`), and the `extra` hosts; the URLs of the pages and of
/// the dead links.
fn web_of(
    hosts: usize,
    per_host: usize,
    delay_ms: u64,
    extra: Vec<HostSpec>,
) -> (Web, Vec<String>, Vec<String>) {
    let mut specs: Vec<HostSpec> = (0..hosts)
        .map(|h| {
            let mut s = HostSpec::new(format!("h{h}.test"));
            for p in 0..per_host {
                s = s.route(
                    format!("/p/{p}"),
                    page(&format!("Page {h}-{p}")).after_ms(delay_ms),
                );
            }
            s.route("/gone", Behaviour::status(410))
        })
        .collect();
    specs.extend(extra);
    let web = Web::start(specs);
    let alive = (0..hosts)
        .flat_map(|h| (0..per_host).map(move |p| (h, p)))
        .map(|(h, p)| web.url(&format!("h{h}.test"), &format!("/p/{p}")))
        .collect();
    let dead = (0..hosts)
        .map(|h| web.url(&format!("h{h}.test"), "/gone"))
        .collect();
    (web, alive, dead)
}

/// Every link has its right status, and the exit code is 1 (the dead links are errors).
fn assert_correct(out: &Output, alive: &[String], dead: &[String]) {
    let r = report(out);
    for u in alive {
        assert_eq!(status(&r, u), "alive", "{u}");
    }
    for u in dead {
        assert_eq!(status(&r, u), "dead", "{u}");
    }
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Requests the web received for the cited URLs (not the random-path probes).
fn page_requests(web: &Web, urls: &[String]) -> usize {
    web.names()
        .iter()
        .flat_map(|n| {
            web.requests(n)
                .into_iter()
                .map(move |q| web.url(n, &q.path))
        })
        .filter(|u| urls.contains(u))
        .count()
}

/// Uses loopback servers only.
#[test]
fn two_runs_at_once_on_one_cache_both_finish_right() {
    let (web, alive, dead) = web_of(4, 30, 5, Vec::new());
    let dir = tempfile::tempdir().expect("tempdir");
    let mut urls = alive.clone();
    urls.extend(dead.iter().cloned());
    write_doc(dir.path(), &urls);
    let a = run_args(&web, &[]);
    // both open the cache that neither has created yet, and write while the other does
    let first = spawn(&a, dir.path());
    let second = spawn(&a, dir.path());
    let first = first.wait_with_output().expect("first run");
    let second = second.wait_with_output().expect("second run");
    for out in [&first, &second] {
        assert_correct(out, &alive, &dead);
        assert!(warnings(out).is_empty(), "{:?}", warnings(out));
    }
    // each link was fetched by each run or taken from the cache the other wrote
    let fetched = page_requests(&web, &urls);
    assert!(
        fetched >= urls.len() && fetched <= 2 * urls.len(),
        "{fetched}"
    );
    // a third run finds every result in the cache: no request at all, no warning
    let before = web.total_requests();
    let third = reflint(&a, dir.path());
    assert_correct(&third, &alive, &dead);
    assert!(warnings(&third).is_empty(), "{:?}", warnings(&third));
    assert_eq!(web.total_requests(), before);
    let r = report(&third);
    assert!(urls
        .iter()
        .all(|u| common::run::link(&r, u)["from_cache"] == true));
}

/// The (url, status) rows of the cache table of a cache file, read from a copy of the file
/// and its `-wal`/`-shm` companions, so that reading it changes nothing at `path`.
fn cached_rows(path: &Path) -> BTreeSet<(String, String)> {
    let copy = tempfile::tempdir().expect("tempdir");
    let to = copy.path().join("cache.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", to.display())).expect("copy cache");
        }
    }
    let conn = rusqlite::Connection::open(&to).expect("open the copy");
    let mut st = conn
        .prepare("SELECT url, status FROM cache")
        .expect("query");
    let rows = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("rows");
    rows.map(|r| r.expect("row")).collect()
}

/// How many results the cache holds (0 while it does not exist or is being created).
fn cached_count(path: &Path) -> usize {
    if !path.exists() {
        return 0;
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(path, flags)
        .and_then(|c| c.query_row("SELECT count(*) FROM cache", [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| usize::try_from(n).unwrap_or(0))
}

/// Uses loopback servers only.
#[test]
fn a_run_killed_midway_leaves_a_cache_the_next_run_trusts() {
    // one more link whose first request never gets an answer: the run cannot end before
    // the kill (the second request, in the next run, is answered)
    let stuck_host = HostSpec::new("stuck.test").route(
        "/s",
        Behaviour::sequence(vec![Behaviour::Hang, page("Unstuck")]),
    );
    let (web, alive, dead) = web_of(4, 60, 10, vec![stuck_host]);
    let stuck = web.url("stuck.test", "/s");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut urls = alive.clone();
    urls.extend(dead.iter().cloned());
    urls.push(stuck.clone());
    write_doc(dir.path(), &urls);
    let a = run_args(&web, &["--timeout", "60"]);
    let cache = dir.path().join(".reflint/cache.sqlite");

    let mut child = spawn(&a, dir.path());
    // kill it once some results are in the cache, while it is still writing others
    let mut polls = 0;
    while cached_count(&cache) < 40 {
        polls += 1;
        assert!(polls < 2_000, "the run wrote nothing to its cache");
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "the run ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let killed = child.wait_with_output().expect("killed run");
    assert!(!killed.status.success());
    assert_eq!(
        web.hits("stuck.test", "/s"),
        1,
        "the stuck request was sent"
    );

    let recorded = cached_rows(&cache);
    assert!(recorded.len() >= 40, "{}", recorded.len());
    assert!(recorded
        .iter()
        .all(|(u, s)| (s == "alive" && alive.contains(u)) || (s == "dead" && dead.contains(u))));
    let requested = |web: &Web, url: &str| {
        let path = url.split_once(".test").map_or("", |(_, p)| p);
        let host = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("");
        web.hits(host, path)
    };
    let before: Vec<usize> = urls.iter().map(|u| requested(&web, u)).collect();

    // the next run: no warning, nothing recorded asked again, everything right
    let next = reflint(&run_args(&web, &[]), dir.path());
    let mut alive_now = alive.clone();
    alive_now.push(stuck.clone());
    assert_correct(&next, &alive_now, &dead);
    assert!(warnings(&next).is_empty(), "{:?}", warnings(&next));
    let r = report(&next);
    for (u, was) in urls.iter().zip(&before) {
        let again = requested(&web, u) - was;
        if recorded.iter().any(|(c, _)| c == u) {
            assert_eq!(
                again, 0,
                "{u} was recorded before the kill, yet asked again"
            );
            assert_eq!(common::run::link(&r, u)["from_cache"], true, "{u}");
        } else {
            assert_eq!(again, 1, "{u} was not recorded, so it is asked");
        }
    }
    // and the file is whole
    let conn = rusqlite::Connection::open(&cache).expect("open cache");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
}

/// Makes a file or directory unwritable for the rest of the test, for root too (`chattr +i`,
/// where mode bits do not stop root), and writable again when dropped.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn new(path: &Path) -> ReadOnly {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let guard = ReadOnly(path.to_path_buf());
        if writable(path) {
            let _ = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status();
        }
        assert!(
            !writable(path),
            "cannot make {} read-only here (root without chattr?)",
            path.display()
        );
        guard
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .stderr(std::process::Stdio::null())
            .status();
        let mode = if self.0.is_dir() { 0o755 } else { 0o644 };
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(mode));
    }
}

/// Whether a file can be created in a directory, or a file written.
fn writable(path: &Path) -> bool {
    if !path.is_dir() {
        return std::fs::OpenOptions::new().append(true).open(path).is_ok();
    }
    let probe = path.join(".probe");
    let ok = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// The reference: the same document with `--no-cache`.
fn without_cache(web: &Web, dir: &Path) -> Output {
    reflint(&run_args(web, &["--no-cache"]), dir)
}

/// A run that cannot use its cache: one warning naming the cache, results and exit code as
/// without a cache.
fn assert_runs_without_cache(out: &Output, reference: &Output, alive: &[String], dead: &[String]) {
    assert_correct(out, alive, dead);
    assert_eq!(out.status.code(), reference.status.code());
    let w = warnings(out);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("cache"), "{w:?}");
}

/// Uses loopback servers only.
#[test]
fn a_read_only_cache_directory_is_one_warning_and_a_run_without_cache() {
    let (web, alive, dead) = web_of(2, 3, 0, Vec::new());
    let mut urls = alive.clone();
    urls.extend(dead.iter().cloned());
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), &urls);
    let reference = without_cache(&web, dir.path());
    assert_correct(&reference, &alive, &dead);

    // an empty read-only directory: the cache cannot be created in it
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    {
        let _ro = ReadOnly::new(&empty);
        let out = reflint(
            &run_args(&web, &["--cache", "empty/cache.sqlite"]),
            dir.path(),
        );
        assert_runs_without_cache(&out, &reference, &alive, &dead);
    }

    // a directory holding a cache from an earlier run, then made read-only (a CI cache
    // restored without write access): its -wal and -shm cannot be created
    let full = dir.path().join("full");
    std::fs::create_dir(&full).expect("mkdir");
    let first = reflint(
        &run_args(&web, &["--cache", "full/cache.sqlite"]),
        dir.path(),
    );
    assert_correct(&first, &alive, &dead);
    assert!(warnings(&first).is_empty(), "{:?}", warnings(&first));
    {
        let _ro = ReadOnly::new(&full);
        let out = reflint(
            &run_args(&web, &["--cache", "full/cache.sqlite"]),
            dir.path(),
        );
        assert_runs_without_cache(&out, &reference, &alive, &dead);
    }
    // nothing was left behind that spoils the cache for a writable run
    let again = reflint(
        &run_args(&web, &["--cache", "full/cache.sqlite"]),
        dir.path(),
    );
    assert_correct(&again, &alive, &dead);
    assert!(warnings(&again).is_empty(), "{:?}", warnings(&again));
    // the cache file itself read-only, in a writable directory
    {
        let _ro = ReadOnly::new(&full.join("cache.sqlite"));
        let out = reflint(
            &run_args(&web, &["--cache", "full/cache.sqlite"]),
            dir.path(),
        );
        assert_runs_without_cache(&out, &reference, &alive, &dead);
        assert!(
            warnings(&out)[0].contains("read-only"),
            "{:?}",
            warnings(&out)
        );
    }
}

/// Uses loopback servers only.
#[test]
fn a_cache_path_that_cannot_be_created_is_one_warning_and_a_run_without_cache() {
    let (web, alive, dead) = web_of(2, 3, 0, Vec::new());
    let mut urls = alive.clone();
    urls.extend(dead.iter().cloned());
    let dir = tempfile::tempdir().expect("tempdir");
    write_doc(dir.path(), &urls);
    let reference = without_cache(&web, dir.path());
    std::fs::write(dir.path().join("plain-file"), b"not a directory").expect("write");
    for cache in ["plain-file/cache.sqlite", "plain-file/deeper/cache.sqlite"] {
        let out = reflint(&run_args(&web, &["--cache", cache]), dir.path());
        assert_runs_without_cache(&out, &reference, &alive, &dead);
        assert!(
            warnings(&out)[0].contains("plain-file"),
            "{:?}",
            warnings(&out)
        );
    }
    // a directory where the file should be
    std::fs::create_dir(dir.path().join("dir.sqlite")).expect("mkdir");
    let out = reflint(&run_args(&web, &["--cache", "dir.sqlite"]), dir.path());
    assert_runs_without_cache(&out, &reference, &alive, &dead);
    assert!(dir.path().join("dir.sqlite").is_dir());
}
