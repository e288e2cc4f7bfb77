//! `reflint.toml`: the options of `reflint check` kept with a project, settings of particular
//! hosts, rule severities and findings to ignore.
//!
//! ```toml
//! format = "json"                 # every option of `reflint check`, by its long name
//! exclude = ["^https://example\\.org/"]
//!
//! [hosts."example.com"]           # that host and its subdomains; the most specific wins
//! concurrency = 1
//! interval = "2s"
//! headers = { Authorization = "Bearer …" }
//!
//! [rules]
//! note-sequence = "off"
//! date-future = "warning"
//!
//! [[ignore]]
//! rule = "citation-incomplete"
//! note = "12"
//! reason = "an interview: no outlet"
//! ```
//!
//! The top-level options become command-line arguments placed before the command line's own
//! ([`Config::args`]): the command line wins for single values, and list options (`remap`,
//! `header`, `exclude`, `include`, `report`) are the file's entries followed by the command
//! line's. Every value is checked here, so that a mistake is reported with the file's line
//! (`reflint.toml:7: unknown key `colour``).

mod options;
mod policy;
mod tables;
mod values;

use std::path::{Path, PathBuf};

use crate::net::HostSettings;

pub use policy::{Ignore, IgnoreWhat, Policy, RuleSetting};
pub use values::parse_millis;

use options::Raw;
use values::{line_of, toml_message, Cx};

/// The file read when `--config` is not given, if it exists in the working directory.
pub const DEFAULT_FILE: &str = "reflint.toml";

/// Which command the options are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Check,
    /// `reflint baseline`: no report is rendered, so the report options are left out.
    Baseline,
}

/// The options that only concern rendering a report and its exit code.
const REPORT_ONLY: &[&str] = &["format", "output", "report", "fail-on", "color", "baseline"];

/// A read and checked reflint.toml.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file as named (for messages).
    pub file: String,
    /// (key, the arguments it stands for), in the order of [`KEYS`].
    options: Vec<(&'static str, Vec<String>)>,
    pub hosts: Vec<HostSettings>,
    pub policy: Policy,
    /// `baseline = "…"`.
    pub baseline: Option<PathBuf>,
}

/// The top-level keys that are options of `reflint check`.
pub const KEYS: &[&str] = &[
    "format",
    "output",
    "report",
    "offline",
    "remap",
    "timeout",
    "retries",
    "max-concurrency",
    "host-concurrency",
    "host-interval",
    "user-agent",
    "header",
    "exclude",
    "include",
    "cache",
    "no-cache",
    "max-cache-age",
    "archive",
    "no-archive",
    "archives",
    "doi",
    "doi-resolver",
    "allow-private",
    "document-date",
    "fail-on",
    "progress",
    "color",
    "input-format",
    "baseline",
];

/// The tables besides the options.
const TABLES: &[&str] = &["hosts", "rules", "ignore"];

impl Config {
    /// The configuration of a run: `--config FILE` (which must exist), else `reflint.toml` in
    /// the working directory if there is one; none with `--no-config`.
    pub fn find(explicit: Option<&Path>, no_config: bool) -> Result<Option<Config>, String> {
        if no_config {
            return Ok(None);
        }
        match explicit {
            Some(p) => Config::load(p).map(Some),
            None => {
                let p = Path::new(DEFAULT_FILE);
                if p.is_file() {
                    Config::load(p).map(Some)
                } else {
                    Ok(None)
                }
            }
        }
    }

    /// Reads and checks a file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let src = String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8 text"))?;
        Config::parse(&src, &name)
    }

    /// Checks a file's text; `file` names it in messages. An error is one line:
    /// `FILE:LINE: problem` (the first problem of the file).
    pub fn parse(src: &str, file: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(src, s.start));
            format!("{file}:{line}: {}", one_line(&toml_message(e.message())))
        })?;
        let mut cx = Cx {
            src,
            errors: Vec::new(),
        };
        let config = cx.build(raw, file);
        match cx.errors.into_iter().min_by_key(|(line, _)| *line) {
            Some((line, msg)) => Err(format!("{file}:{line}: {}", one_line(&msg))),
            None => Ok(config),
        }
    }

    /// The file's options as command-line arguments for `command`, to be placed right after
    /// the subcommand's name.
    pub fn args(&self, command: Command) -> Vec<String> {
        self.options
            .iter()
            .filter(|(k, _)| command == Command::Check || !REPORT_ONLY.contains(k))
            .flat_map(|(_, a)| a.iter().cloned())
            .collect()
    }
}

/// `msg` on one line: control characters of a value it quotes (a TOML string may hold "\n")
/// written as escapes, so that an error stays one line naming one line of the file. Found by
/// fuzzing (`fuzz/corpus/config/found-newline-in-value`).
fn one_line(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    for c in msg.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
