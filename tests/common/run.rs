//! Running the `reflint` binary from integration tests and reading its JSON report.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

/// `reflint ARGS` in `cwd`, as CI would run it (no colour, no progress bar).
pub fn command(args: &[String], cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reflint"));
    c.args(args)
        .current_dir(cwd)
        .env("CI", "true")
        .env_remove("NO_COLOR");
    c
}

/// Runs to the end.
pub fn reflint(args: &[String], cwd: &Path) -> Output {
    command(args, cwd).output().expect("reflint runs")
}

/// Starts a run with its output captured (`wait_with_output` to collect it).
pub fn spawn(args: &[String], cwd: &Path) -> Child {
    command(args, cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("reflint starts")
}

pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The JSON report on stdout.
pub fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); exit {:?}; stderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A link of the report by its URL as written.
pub fn link<'a>(r: &'a Value, url: &str) -> &'a Value {
    r["links"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["url"] == url))
        .unwrap_or_else(|| panic!("no link {url} in {}", r["links"]))
}

/// A link's status (`alive`, `dead`, …).
pub fn status(r: &Value, url: &str) -> String {
    link(r, url)["status"].as_str().unwrap_or("").to_string()
}

/// A Markdown document citing each URL in its own footnote.
pub fn markdown(urls: &[String]) -> String {
    let mut body = String::from("# Doc\n\n");
    let mut notes = String::new();
    for (i, u) in urls.iter().enumerate() {
        let n = i + 1;
        body.push_str(&format!("Claim number {n} is sourced.[^{n}]\n"));
        notes.push_str(&format!(
            "[^{n}]: “Page {n},” *Wire*, March 8, 2019, {u}.\n"
        ));
    }
    format!("{body}\n{notes}")
}

/// Writes `doc.md` citing `urls` into `dir`.
pub fn write_doc(dir: &Path, urls: &[String]) {
    std::fs::write(dir.join("doc.md"), markdown(urls)).expect("write doc.md");
}

/// The lines of stderr that are warnings.
pub fn warnings(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("warning"))
        .map(str::to_string)
        .collect()
}
