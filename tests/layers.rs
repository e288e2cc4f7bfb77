//! The crate's layers import one way: these checks read the sources and name the file and line
//! of any import that goes upwards, and of any source file grown past the length limit.

use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const MAX_LINES: usize = 1_100;

/// Files allowed past [`MAX_LINES`] for now: `net/page.rs` is being split elsewhere.
const TOO_LONG_FOR_NOW: &[&str] = &["src/net/page.rs"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir` (a path relative to the crate's root), sorted, as paths
/// relative to the root with `/` separators.
fn rust_files(dir: &str) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let root = root();
    let mut out = Vec::new();
    walk(&root, &root.join(dir), &mut out);
    out.sort();
    out
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `file:line: text` for every line of the files that mentions one of `needles`.
fn mentions(files: &[String], needles: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        for (i, line) in read(f).lines().enumerate() {
            if needles.iter().any(|n| line.contains(n)) {
                out.push(format!("{f}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn net_does_not_import_report() {
    let files = rust_files("src/net");
    assert!(!files.is_empty(), "no files under src/net");
    let found = mentions(&files, &["crate::report", "super::super::report"]);
    assert!(
        found.is_empty(),
        "net/ is below report/ (LinkStatus and Snapshot live in crate::links):\n{}",
        found.join("\n")
    );
}

#[test]
fn config_does_not_import_cli() {
    let files: Vec<String> = rust_files("src")
        .into_iter()
        .filter(|f| f.starts_with("src/config"))
        .collect();
    assert!(!files.is_empty(), "no src/config* files");
    let found = mentions(&files, &["crate::cli", "super::cli"]);
    assert!(
        found.is_empty(),
        "config is below cli (shared value parsers live in crate::args):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_source_file_is_too_long() {
    let long: Vec<String> = rust_files("src")
        .into_iter()
        .filter(|f| !TOO_LONG_FOR_NOW.contains(&f.as_str()))
        .filter_map(|f| {
            let n = read(&f).lines().count();
            (n > MAX_LINES).then(|| format!("{f}:{}: {n} lines, over {MAX_LINES}", MAX_LINES + 1))
        })
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

#[test]
fn repair_reads_only_the_model() {
    let files: Vec<String> = rust_files("src/repair")
        .into_iter()
        .filter(|f| !f.ends_with("tests.rs"))
        .collect();
    assert!(!files.is_empty());
    let upward = mentions(
        &files,
        &[
            "crate::net",
            "crate::report",
            "crate::check",
            "crate::rules",
            "crate::cli",
            "crate::config",
        ],
    );
    assert!(
        upward.is_empty(),
        "repair/ imports upwards:\n{}",
        upward.join("\n")
    );
}
