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

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::net::HostSettings;
use crate::report::DocumentReport;
use crate::rules::{Finding, Severity};

/// The file read when `--config` is not given, if it exists in the working directory.
pub const DEFAULT_FILE: &str = "reflint.toml";

/// A rule's setting in `[rules]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetting {
    pub rule: &'static str,
    /// The new severity; `None`: the rule is off and its findings dropped.
    pub severity: Option<Severity>,
}

/// What an `[[ignore]]` entry matches.
#[derive(Clone, Debug)]
pub enum IgnoreWhat {
    /// Links whose URL matches: not checked, and no finding about them reported.
    Url(Regex),
    /// Findings matching every field given.
    Finding {
        rule: Option<&'static str>,
        /// Matched against the document's path (a pattern without `/` also against its file
        /// name).
        path: Option<glob::Pattern>,
        /// The note's label.
        note: Option<String>,
    },
}

/// One `[[ignore]]` entry.
#[derive(Clone, Debug)]
pub struct Ignore {
    pub what: IgnoreWhat,
    pub reason: String,
}

impl Ignore {
    /// Whether the entry drops this finding of the document at `path`.
    pub fn matches(&self, path: &str, f: &Finding) -> bool {
        match &self.what {
            IgnoreWhat::Url(re) => f.url.as_deref().is_some_and(|u| re.is_match(u)),
            IgnoreWhat::Finding {
                rule,
                path: glob,
                note,
            } => {
                rule.is_none_or(|r| r == f.rule)
                    && note
                        .as_deref()
                        .is_none_or(|n| f.reference.as_deref() == Some(n))
                    && glob.as_ref().is_none_or(|g| path_matches(g, path))
            }
        }
    }
}

/// A document path against an ignore's `path`: the path as given (without a leading `./`),
/// or, for a pattern without `/`, its file name.
fn path_matches(glob: &glob::Pattern, path: &str) -> bool {
    let opts = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    let path = path.strip_prefix("./").unwrap_or(path);
    if glob.matches_with(path, opts) {
        return true;
    }
    !glob.as_str().contains('/')
        && Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| glob.matches_with(n, opts))
}

/// What the configuration does to a run's findings and links: `[rules]` and `[[ignore]]`.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub rules: Vec<RuleSetting>,
    pub ignores: Vec<Ignore>,
}

impl Policy {
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.ignores.is_empty()
    }

    /// The reason a URL is ignored (an `url` entry matches it), if it is.
    pub fn ignored_url(&self, url: &str) -> Option<&str> {
        self.ignores.iter().find_map(|i| match &i.what {
            IgnoreWhat::Url(re) if re.is_match(url) => Some(i.reason.as_str()),
            _ => None,
        })
    }

    /// Applies `[rules]` and `[[ignore]]` to one document's findings: a rule that is off and
    /// an ignored finding are dropped, a rule's severity replaced. Returns how many were
    /// dropped.
    pub fn apply(&self, doc: &mut DocumentReport) -> usize {
        if self.is_empty() {
            return 0;
        }
        let before = doc.findings.len();
        let path = doc.path.as_str();
        doc.findings.retain_mut(|f| {
            if let Some(s) = self.rules.iter().find(|s| s.rule == f.rule) {
                match s.severity {
                    Some(sev) => f.severity = sev,
                    None => return false,
                }
            }
            !self.ignores.iter().any(|i| i.matches(path, f))
        });
        before - doc.findings.len()
    }
}

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
            format!("{file}:{line}: {}", toml_message(e.message()))
        })?;
        let mut cx = Cx {
            src,
            errors: Vec::new(),
        };
        let config = cx.build(raw, file);
        match cx.errors.into_iter().min_by_key(|(line, _)| *line) {
            Some((line, msg)) => Err(format!("{file}:{line}: {msg}")),
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

/// The file as TOML gives it, every value with its place.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    format: Option<Spanned<Value>>,
    output: Option<Spanned<Value>>,
    report: Option<Vec<Spanned<Value>>>,
    offline: Option<Spanned<Value>>,
    remap: Option<Vec<Spanned<Value>>>,
    timeout: Option<Spanned<Value>>,
    retries: Option<Spanned<Value>>,
    max_concurrency: Option<Spanned<Value>>,
    host_concurrency: Option<Spanned<Value>>,
    host_interval: Option<Spanned<Value>>,
    user_agent: Option<Spanned<Value>>,
    header: Option<Vec<Spanned<Value>>>,
    exclude: Option<Vec<Spanned<Value>>>,
    include: Option<Vec<Spanned<Value>>>,
    cache: Option<Spanned<Value>>,
    no_cache: Option<Spanned<Value>>,
    max_cache_age: Option<Spanned<Value>>,
    archive: Option<Spanned<Value>>,
    no_archive: Option<Spanned<Value>>,
    allow_private: Option<Spanned<Value>>,
    document_date: Option<Spanned<Value>>,
    fail_on: Option<Spanned<Value>>,
    progress: Option<Spanned<Value>>,
    color: Option<Spanned<Value>>,
    input_format: Option<Spanned<Value>>,
    baseline: Option<Spanned<Value>>,
    #[serde(default)]
    hosts: BTreeMap<Spanned<String>, RawHost>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<Value>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHost {
    concurrency: Option<Spanned<Value>>,
    interval: Option<Spanned<Value>>,
    headers: Option<BTreeMap<Spanned<String>, Spanned<Value>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    reason: Option<Spanned<Value>>,
    url: Option<Spanned<Value>>,
    rule: Option<Spanned<Value>>,
    path: Option<Spanned<Value>>,
    note: Option<Spanned<Value>>,
}

/// The line (1-based) of a byte offset.
fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.bytes().take(end).filter(|&b| b == b'\n').count() + 1
}

/// TOML's message in reflint's words, on one line: "unknown key `colour` (did you mean
/// `color`?)" rather than "unknown field `colour`, expected one of …".
fn toml_message(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if let Some((unknown, expected)) = names.split_first() {
            let mut candidates: Vec<&str> = expected.to_vec();
            if expected.iter().any(|e| KEYS.contains(e)) {
                // the top level: suggest among every key, not only the ones TOML listed
                candidates = KEYS.iter().chain(TABLES).copied().collect();
            }
            return match suggest(unknown, &candidates) {
                Some(s) => format!("unknown key `{unknown}` (did you mean `{s}`?)"),
                None => format!("unknown key `{unknown}`"),
            };
        }
    }
    let msg = msg
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table");
    msg.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The closest of `names` to `word`, if close enough to be a typo.
fn suggest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (edit_distance(word, n), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 4) && *d < n.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// Checking a file: the problems found, by line.
struct Cx<'a> {
    src: &'a str,
    errors: Vec<(usize, String)>,
}

/// A value's type for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

impl Cx<'_> {
    fn error(&mut self, span: &Range<usize>, msg: impl Into<String>) {
        let line = line_of(self.src, span.start);
        self.errors.push((line, msg.into()));
    }

    fn string(&mut self, key: &str, v: &Spanned<Value>) -> Option<String> {
        match v.get_ref() {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be a string, not {}", kind(other)),
                );
                None
            }
        }
    }

    /// A string value read by `parse`; its error is reported at the value.
    fn parsed<T>(
        &mut self,
        key: &str,
        v: &Spanned<Value>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.string(key, v)?;
        parse(&s).map_err(|e| self.error(&v.span(), e)).ok()
    }

    fn boolean(&mut self, key: &str, v: &Spanned<Value>) -> Option<bool> {
        match v.get_ref() {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be true or false, not {}", kind(other)),
                );
                None
            }
        }
    }

    /// A whole number at least `min`.
    fn integer(&mut self, key: &str, v: &Spanned<Value>, min: i64) -> Option<u64> {
        match v.get_ref() {
            Value::Integer(n) if *n >= min => u64::try_from(*n).ok(),
            Value::Integer(n) => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be at least {min}, not {n}"),
                );
                None
            }
            other => {
                self.error(
                    &v.span(),
                    format!("`{key}` must be a whole number, not {}", kind(other)),
                );
                None
            }
        }
    }

    /// Milliseconds: a whole number, or a duration string (`500ms`, `2s`, `1m`).
    fn millis(&mut self, key: &str, v: &Spanned<Value>) -> Option<u64> {
        match v.get_ref() {
            Value::String(s) => {
                let ms = parse_millis(s);
                if ms.is_none() {
                    self.error(
                        &v.span(),
                        format!("`{key}`: `{s}` is not a duration (e.g. 500ms, 2s, 1m)"),
                    );
                }
                ms
            }
            _ => self.integer(key, v, 0),
        }
    }

    /// One of `choices`.
    fn choice(&mut self, key: &str, v: &Spanned<Value>, choices: &[&str]) -> Option<String> {
        self.parsed(key, v, |s| {
            if choices.contains(&s) {
                Ok(s.to_string())
            } else {
                Err(format!(
                    "`{key}`: unknown value `{s}` (one of {})",
                    choices.join(", ")
                ))
            }
        })
    }

    /// A list's strings, each checked by `check` (an error message) with its own line.
    fn list(
        &mut self,
        key: &str,
        items: &[Spanned<Value>],
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            let checked = self.parsed(key, item, |s| {
                check(s)
                    .map(|()| s.to_string())
                    .map_err(|e| format!("`{key}`: {e}"))
            });
            out.extend(checked);
        }
        out
    }

    fn build(&mut self, raw: Raw, file: &str) -> Config {
        let mut options: Vec<(&'static str, Vec<String>)> = Vec::new();
        let mut set = |key: &'static str, args: Vec<String>| {
            if !args.is_empty() {
                options.push((key, args));
            }
        };
        let one = |key: &str, value: String| vec![format!("--{key}={value}")];
        let many = |key: &str, values: Vec<String>| -> Vec<String> {
            values.into_iter().map(|v| format!("--{key}={v}")).collect()
        };

        if let Some(v) = &raw.format {
            let names: Vec<&str> = crate::report::Format::ALL
                .iter()
                .map(|f| f.name())
                .collect();
            if let Some(s) = self.choice("format", v, &names) {
                set("format", one("format", s));
            }
        }
        if let Some(v) = &raw.output {
            if let Some(s) = self.string("output", v) {
                set("output", one("output", s));
            }
        }
        if let Some(items) = &raw.report {
            let r = self.list("report", items, |s| {
                crate::args::parse_extra_report(s).map(|_| ())
            });
            set("report", many("report", r));
        }
        if let Some(v) = &raw.offline {
            if self.boolean("offline", v) == Some(true) {
                set("offline", vec!["--offline".into()]);
            }
        }
        if let Some(items) = &raw.remap {
            let r = self.list("remap", items, |s| {
                crate::net::Remap::parse(s).map(|_| ()).map_err(|e| {
                    // Remap's messages start with "--remap '…': "
                    e.split_once("': ")
                        .map_or(e.clone(), |(_, m)| m.to_string())
                })
            });
            set("remap", many("remap", r));
        }
        if let Some(v) = &raw.timeout {
            let secs = match v.get_ref() {
                Value::Integer(n) => Some(*n as f64),
                Value::Float(f) => Some(*f),
                other => {
                    self.error(
                        &v.span(),
                        format!("`timeout` must be a number of seconds, not {}", kind(other)),
                    );
                    None
                }
            };
            match secs {
                Some(s) if s.is_finite() && s > 0.0 => {
                    set("timeout", one("timeout", s.to_string()))
                }
                Some(s) => self.error(
                    &v.span(),
                    format!("`timeout` must be a positive number of seconds, not {s}"),
                ),
                None => {}
            }
        }
        if let Some(v) = &raw.retries {
            if let Some(n) = self.integer("retries", v, 0) {
                if u32::try_from(n).is_ok() {
                    set("retries", one("retries", n.to_string()));
                } else {
                    self.error(&v.span(), format!("`retries`: {n} is too many"));
                }
            }
        }
        for (key, v) in [
            ("max-concurrency", &raw.max_concurrency),
            ("host-concurrency", &raw.host_concurrency),
        ] {
            if let Some(v) = v {
                if let Some(n) = self.integer(key, v, 1) {
                    set(key, one(key, n.to_string()));
                }
            }
        }
        if let Some(v) = &raw.host_interval {
            if let Some(ms) = self.millis("host-interval", v) {
                set("host-interval", one("host-interval", ms.to_string()));
            }
        }
        if let Some(v) = &raw.user_agent {
            if let Some(s) = self.string("user-agent", v) {
                match reqwest::header::HeaderValue::from_str(&s) {
                    Ok(_) => set("user-agent", one("user-agent", s)),
                    Err(_) => self.error(
                        &v.span(),
                        "`user-agent`: not a valid header value (control characters?)",
                    ),
                }
            }
        }
        if let Some(items) = &raw.header {
            let r = self.list("header", items, |s| {
                let (k, v) = s
                    .split_once(':')
                    .filter(|(k, _)| !k.trim().is_empty())
                    .ok_or_else(|| format!("`{s}`: expected 'Name: value'"))?;
                check_header(k.trim(), v.trim())
            });
            set("header", many("header", r));
        }
        for (key, items) in [("exclude", &raw.exclude), ("include", &raw.include)] {
            if let Some(items) = items {
                let r = self.list(key, items, check_regex);
                set(key, many(key, r));
            }
        }
        if let Some(v) = &raw.cache {
            if let Some(s) = self.string("cache", v) {
                set("cache", one("cache", s));
            }
        }
        if let Some(v) = &raw.no_cache {
            if self.boolean("no-cache", v) == Some(true) {
                set("no-cache", vec!["--no-cache".into()]);
            }
        }
        if let Some(v) = &raw.max_cache_age {
            let age = match v.get_ref() {
                Value::Integer(n) if *n >= 0 => Some(format!("{n}s")),
                Value::String(s) if crate::args::parse_duration(s).is_some() => Some(s.clone()),
                Value::String(s) => {
                    self.error(
                        &v.span(),
                        format!(
                            "`max-cache-age`: `{s}` is not a duration (e.g. 90s, 30m, 12h, 1d, 2w)"
                        ),
                    );
                    None
                }
                other => {
                    self.error(
                        &v.span(),
                        format!(
                            "`max-cache-age` must be a duration such as \"1d\", not {}",
                            kind(other)
                        ),
                    );
                    None
                }
            };
            if let Some(a) = age {
                set("max-cache-age", one("max-cache-age", a));
            }
        }
        let archive = raw
            .archive
            .as_ref()
            .and_then(|v| Some((v, self.boolean("archive", v)?)));
        let no_archive = raw
            .no_archive
            .as_ref()
            .and_then(|v| Some((v, self.boolean("no-archive", v)?)));
        match (archive, no_archive) {
            (Some((_, a)), Some((v, n))) if a == n => self.error(
                &v.span(),
                "`archive` and `no-archive` say opposite things; keep one",
            ),
            (Some((_, a)), _) => set(
                "archive",
                vec![if a { "--archive" } else { "--no-archive" }.into()],
            ),
            (None, Some((_, n))) => set(
                "no-archive",
                vec![if n { "--no-archive" } else { "--archive" }.into()],
            ),
            (None, None) => {}
        }
        if let Some(v) = &raw.allow_private {
            if self.boolean("allow-private", v) == Some(true) {
                set("allow-private", vec!["--allow-private".into()]);
            }
        }
        if let Some(v) = &raw.document_date {
            let s = match v.get_ref() {
                Value::Datetime(d) => Some(d.to_string()),
                _ => self.string("document-date", v),
            };
            if let Some(s) = s {
                let ok = s
                    .parse::<crate::cite::dates::PartialDate>()
                    .ok()
                    .and_then(|d| d.last_day())
                    .is_some();
                if ok {
                    set("document-date", one("document-date", s));
                } else {
                    self.error(
                        &v.span(),
                        format!("`document-date`: `{s}` is not a date (use YYYY-MM-DD)"),
                    );
                }
            }
        }
        if let Some(v) = &raw.fail_on {
            if let Some(s) = self.choice("fail-on", v, &["error", "warning", "info", "never"]) {
                set("fail-on", one("fail-on", s));
            }
        }
        for (key, v) in [("progress", &raw.progress), ("color", &raw.color)] {
            if let Some(v) = v {
                if let Some(s) = self.choice(key, v, &["auto", "always", "never"]) {
                    set(key, one(key, s));
                }
            }
        }
        if let Some(v) = &raw.input_format {
            if let Some(s) = self.string("input-format", v) {
                if crate::extract::parse_format(&s).is_some() {
                    set("input-format", one("input-format", s));
                } else {
                    self.error(
                        &v.span(),
                        format!("`input-format`: unknown format `{s}` (text, markdown or html)"),
                    );
                }
            }
        }
        let mut baseline = None;
        if let Some(v) = &raw.baseline {
            if let Some(s) = self.string("baseline", v) {
                if s.is_empty() {
                    self.error(&v.span(), "`baseline`: the path is empty");
                } else {
                    baseline = Some(PathBuf::from(&s));
                    set("baseline", one("baseline", s));
                }
            }
        }

        let hosts = self.hosts(&raw.hosts);
        let rules = self.rules(&raw.rules);
        let ignores = raw.ignore.iter().filter_map(|i| self.ignore(i)).collect();
        Config {
            file: file.to_string(),
            options,
            hosts,
            policy: Policy { rules, ignores },
            baseline,
        }
    }

    fn hosts(&mut self, raw: &BTreeMap<Spanned<String>, RawHost>) -> Vec<HostSettings> {
        let mut out: Vec<HostSettings> = Vec::new();
        // in the file's order, so that the second of two spellings of a host is the one
        // reported
        let mut entries: Vec<_> = raw.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (key, h) in entries {
            let name = key
                .get_ref()
                .trim()
                .trim_end_matches('.')
                .to_ascii_lowercase();
            let label = format!("[hosts.\"{}\"]", key.get_ref());
            if let Err(e) = check_host(&name) {
                self.error(&key.span(), format!("{label}: {e}"));
                continue;
            }
            if out.iter().any(|o| o.host == name) {
                self.error(
                    &key.span(),
                    format!("{label}: host `{name}` is given twice"),
                );
                continue;
            }
            let mut s = HostSettings {
                host: name,
                ..HostSettings::default()
            };
            let path = format!("hosts.\"{}\"", key.get_ref());
            if let Some(v) = &h.concurrency {
                s.concurrency = self
                    .integer(&format!("{path}.concurrency"), v, 1)
                    .and_then(|n| usize::try_from(n).ok());
            }
            if let Some(v) = &h.interval {
                s.interval = self
                    .millis(&format!("{path}.interval"), v)
                    .map(Duration::from_millis);
            }
            for (k, v) in h.headers.iter().flatten() {
                let Some(value) = self.string(&format!("{path}.headers.{}", k.get_ref()), v) else {
                    continue;
                };
                match check_header(k.get_ref(), &value) {
                    Ok(()) => s.headers.push((k.get_ref().clone(), value)),
                    Err(e) => self.error(&k.span(), format!("{label} headers: {e}")),
                }
            }
            out.push(s);
        }
        out
    }

    fn rules(&mut self, raw: &BTreeMap<Spanned<String>, Spanned<Value>>) -> Vec<RuleSetting> {
        let mut out = Vec::new();
        for (key, v) in raw {
            let Some(rule) = crate::rules::find(key.get_ref()) else {
                let ids: Vec<&str> = crate::rules::CATALOGUE.iter().map(|r| r.id).collect();
                let hint = suggest(key.get_ref(), &ids)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.error(
                    &key.span(),
                    format!(
                        "[rules]: unknown rule `{}` ({hint}`reflint rules` lists them)",
                        key.get_ref()
                    ),
                );
                continue;
            };
            let Some(s) = self.string(&format!("rules.{}", rule.id), v) else {
                continue;
            };
            let severity = match s.as_str() {
                "off" => None,
                other => match Severity::parse(other) {
                    Some(sev) => Some(sev),
                    None => {
                        self.error(
                            &v.span(),
                            format!(
                                "[rules] {}: unknown severity `{other}` (error, warning, info or off)",
                                rule.id
                            ),
                        );
                        continue;
                    }
                },
            };
            out.push(RuleSetting {
                rule: rule.id,
                severity,
            });
        }
        out
    }

    fn ignore(&mut self, entry: &Spanned<RawIgnore>) -> Option<Ignore> {
        let at = entry.span();
        let i = entry.get_ref();
        let reason = match &i.reason {
            Some(v) => {
                let r = self.string("reason", v)?;
                if r.trim().is_empty() {
                    self.error(&v.span(), "[[ignore]]: the `reason` is empty");
                    return None;
                }
                r
            }
            None => {
                self.error(
                    &at,
                    "[[ignore]]: an entry needs a `reason` (why it is ignored)",
                );
                return None;
            }
        };
        if let Some(v) = &i.url {
            if let Some(other) = [&i.rule, &i.path, &i.note].into_iter().flatten().next() {
                self.error(
                    &other.span(),
                    "[[ignore]]: an entry takes either `url` or any of `rule`, `path`, `note`, not both",
                );
                return None;
            }
            let re = self.parsed("url", v, |s| {
                Regex::new(s).map_err(|e| format!("[[ignore]] url: {}", regex_problem(s, &e)))
            })?;
            return Some(Ignore {
                what: IgnoreWhat::Url(re),
                reason,
            });
        }
        if i.rule.is_none() && i.path.is_none() && i.note.is_none() {
            self.error(
                &at,
                "[[ignore]]: an entry needs `url`, or any of `rule`, `path`, `note`",
            );
            return None;
        }
        // each given field: Some(None) when it is wrong (and the error said)
        let rule = i.rule.as_ref().map(|v| {
            self.parsed("rule", v, |id| {
                crate::rules::find(id).map(|r| r.id).ok_or_else(|| {
                    format!("[[ignore]]: unknown rule `{id}` (`reflint rules` lists them)")
                })
            })
        });
        let path = i.path.as_ref().map(|v| {
            self.parsed("path", v, |p| {
                glob::Pattern::new(p)
                    .map_err(|e| format!("[[ignore]] path: bad pattern `{p}`: {e}"))
            })
        });
        let note = i.note.as_ref().map(|v| match v.get_ref() {
            Value::Integer(n) => Some(n.to_string()),
            _ => self.string("note", v),
        });
        let ok = rule.as_ref().is_none_or(Option::is_some)
            && path.as_ref().is_none_or(Option::is_some)
            && note.as_ref().is_none_or(Option::is_some);
        let (rule, path, note) = (rule.flatten(), path.flatten(), note.flatten());
        ok.then_some(Ignore {
            what: IgnoreWhat::Finding { rule, path, note },
            reason,
        })
    }
}

fn regex_problem(s: &str, e: &regex::Error) -> String {
    // the regex crate's message spans several lines; its last one says what is wrong
    let why = e.to_string();
    let last = why
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("invalid")
        .trim_start_matches("error: ")
        .to_string();
    format!("bad regex `{s}`: {last}")
}

fn check_regex(s: &str) -> Result<(), String> {
    Regex::new(s).map(|_| ()).map_err(|e| regex_problem(s, &e))
}

fn check_header(name: &str, value: &str) -> Result<(), String> {
    reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    reqwest::header::HeaderValue::from_str(value)
        .map_err(|_| format!("the value of `{name}` is not a valid header value"))?;
    Ok(())
}

/// A host name as `[hosts."…"]` takes it: a name or address, optionally with `:port`.
fn check_host(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the host name is empty".into());
    }
    if name.contains("://") || name.contains('/') {
        return Err("a host name, not a URL (e.g. \"example.com\")".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']')))
    {
        return Err(format!("`{c}` cannot be in a host name"));
    }
    Ok(())
}

/// `500ms`, `2s`, `1.5s`, `1m`, or a whole number of milliseconds.
pub fn parse_millis(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().ok()?;
    let factor = match unit.trim() {
        "" | "ms" => 1.0,
        "s" => 1000.0,
        "m" | "min" => 60_000.0,
        _ => return None,
    };
    let ms = (n * factor).round();
    (0.0..1e15).contains(&ms).then_some(ms as u64)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn err(src: &str) -> String {
        match Config::parse(src, "reflint.toml") {
            Ok(_) => panic!("accepted:\n{src}"),
            Err(e) => e,
        }
    }

    fn ok(src: &str) -> Config {
        Config::parse(src, "reflint.toml").unwrap_or_else(|e| panic!("{e}\n{src}"))
    }

    /// Asserts that the error is on `line` and mentions every one of `words`.
    fn assert_err(src: &str, line: usize, words: &[&str]) {
        let e = err(src);
        let prefix = format!("reflint.toml:{line}: ");
        assert!(e.starts_with(&prefix), "expected line {line}: {e}");
        for w in words {
            assert!(e.contains(w), "`{w}` not in: {e}");
        }
        assert!(!e.contains('\n'), "one line: {e}");
    }

    #[test]
    fn unknown_keys_name_their_line() {
        assert_err(
            "format = \"json\"\n\ncolour = \"always\"\n",
            3,
            &["unknown key `colour`", "did you mean `color`"],
        );
        assert_err(
            "offline = true\n[colours]\nx = 1\n",
            2,
            &["unknown key `colours`"],
        );
        assert_err(
            "[hosts.\"example.com\"]\nconcurrency = 1\nconcurency = 2\n",
            3,
            &["unknown key `concurency`", "`concurrency`"],
        );
        assert_err(
            "[[ignore]]\nreason = \"x\"\nrule = \"note-sequence\"\n\n[[ignore]]\nreason = \"y\"\nnotes = \"3\"\n",
            7,
            &["unknown key `notes`"],
        );
        assert_err(
            "[hosts.\"a.org\"]\nheader = { A = \"b\" }\n",
            2,
            &["unknown key `header`"],
        );
    }

    #[test]
    fn wrong_types_name_their_line() {
        assert_err(
            "\ntimeout = \"20\"\n",
            2,
            &["`timeout`", "number", "a string"],
        );
        assert_err("offline = \"yes\"\n", 1, &["`offline`", "true or false"]);
        assert_err("exclude = \"x\"\n", 1, &["array"]);
        assert_err("retries = 1.5\n", 1, &["`retries`", "whole number"]);
        assert_err(
            "host-concurrency = 0\n",
            1,
            &["`host-concurrency`", "at least 1"],
        );
        assert_err(
            "[hosts.\"a.org\"]\n\nconcurrency = \"2\"\n",
            3,
            &["hosts.\"a.org\".concurrency", "whole number"],
        );
        assert_err(
            "[hosts.\"a.org\"]\nheaders = { X-A = 3 }\n",
            2,
            &["X-A", "a string"],
        );
        assert_err(
            "[rules]\nnote-sequence = 1\n",
            2,
            &["rules.note-sequence", "string"],
        );
        // a TOML syntax error too
        assert_err(
            "format = \"json\"\nexclude = [\"a\" \"b\"]\n",
            2,
            &["invalid array"],
        );
    }

    #[test]
    fn bad_values_name_their_line() {
        // a bad regex on its own line of a list
        assert_err(
            "format = \"json\"\nexclude = [\n  \"ok\",\n  \"(unclosed\",\n]\n",
            4,
            &["`exclude`", "bad regex `(unclosed`"],
        );
        assert_err("include = [\"a[\"]\n", 1, &["`include`", "bad regex"]);
        assert_err(
            "remap = [\"nospace\"]\n",
            1,
            &["`remap`", "REGEX REPLACEMENT"],
        );
        assert_err(
            "[[ignore]]\nreason = \"r\"\nurl = \"a(b\"\n",
            3,
            &["[[ignore]] url", "bad regex `a(b`"],
        );
        assert_err(
            "format = \"yaml\"\n",
            1,
            &["`format`", "unknown value `yaml`", "sarif"],
        );
        assert_err(
            "report = [\"yaml=x.yml\"]\n",
            1,
            &["`report`", "unknown format `yaml`"],
        );
        assert_err("fail-on = \"fatal\"\n", 1, &["`fail-on`", "fatal"]);
        assert_err("input-format = \"pdf\"\n", 1, &["`input-format`", "pdf"]);
        assert_err(
            "max-cache-age = \"soon\"\n",
            1,
            &["`max-cache-age`", "not a duration"],
        );
        assert_err(
            "host-interval = \"fast\"\n",
            1,
            &["`host-interval`", "not a duration"],
        );
        assert_err(
            "[hosts.\"a.org\"]\ninterval = \"2 fortnights\"\n",
            2,
            &["interval", "not a duration"],
        );
        assert_err(
            "document-date = \"last year\"\n",
            1,
            &["`document-date`", "not a date"],
        );
        assert_err("header = [\"nocolon\"]\n", 1, &["`header`", "Name: value"]);
        assert_err(
            "header = [\"Bad Name: x\"]\n",
            1,
            &["not a valid header name"],
        );
        assert_err(
            "[hosts.\"https://a.org/\"]\nconcurrency = 1\n",
            1,
            &["not a URL"],
        );
        assert_err(
            "archive = true\nno-archive = true\n",
            2,
            &["`archive`", "`no-archive`"],
        );
        // rules: an unknown rule (on its key's line), an unknown severity (on its value's)
        assert_err(
            "[rules]\nnote-sequence = \"off\"\ndate-futur = \"off\"\n",
            3,
            &["unknown rule `date-futur`", "did you mean `date-future`"],
        );
        assert_err(
            "[rules]\nnote-sequence = \"fatal\"\n",
            2,
            &["unknown severity `fatal`", "error, warning, info or off"],
        );
        // ignores
        assert_err(
            "format = \"json\"\n\n[[ignore]]\nrule = \"note-sequence\"\n",
            3,
            &["needs a `reason`"],
        );
        assert_err(
            "[[ignore]]\nreason = \"  \"\nrule = \"note-sequence\"\n",
            2,
            &["empty"],
        );
        assert_err("[[ignore]]\nreason = \"r\"\n", 1, &["needs `url`"]);
        assert_err(
            "[[ignore]]\nreason = \"r\"\nrule = \"no-such-rule\"\n",
            3,
            &["unknown rule `no-such-rule`"],
        );
        assert_err(
            "[[ignore]]\nreason = \"r\"\nurl = \"x\"\nrule = \"note-sequence\"\n",
            4,
            &["either `url`"],
        );
        assert_err(
            "[[ignore]]\nreason = \"r\"\npath = \"a[\"\n",
            3,
            &["bad pattern"],
        );
    }

    #[test]
    fn the_first_problem_of_the_file_is_reported() {
        // problems are found table by table; the one reported is the earliest line
        let e = err("[rules]\nnope = \"off\"\n[hosts.\"a.org\"]\nconcurrency = 0\n");
        assert!(e.starts_with("reflint.toml:2:"), "{e}");
        let e = err("timeout = -1\n[[ignore]]\nreason = \"r\"\n");
        assert!(e.starts_with("reflint.toml:1:"), "{e}");
    }

    /// A reflint.toml giving every option once.
    pub(crate) const EVERY_OPTION: &str = r#"
format = "json"
output = "out.json"
report = ["sarif=r.sarif", "junit=r.xml"]
offline = true
remap = ['^https://a\.org/ http://127.0.0.1:9/']
timeout = 5
retries = 0
max-concurrency = 8
host-concurrency = 3
host-interval = "250ms"
user-agent = "Bot/1"
header = ["X-A: 1"]
exclude = ["x"]
include = ["y"]
cache = "c.sqlite"
no-cache = true
max-cache-age = 3600
archive = false
allow-private = true
document-date = 2020-06-01
fail-on = "warning"
progress = "never"
color = "always"
input-format = "markdown"
baseline = "b.json"
"#;

    #[test]
    fn every_option_becomes_an_argument() {
        let c = ok(EVERY_OPTION);
        let args = c.args(Command::Check);
        for a in [
            "--format=json",
            "--output=out.json",
            "--report=sarif=r.sarif",
            "--report=junit=r.xml",
            "--offline",
            r"--remap=^https://a\.org/ http://127.0.0.1:9/",
            "--timeout=5",
            "--retries=0",
            "--max-concurrency=8",
            "--host-concurrency=3",
            "--host-interval=250",
            "--user-agent=Bot/1",
            "--header=X-A: 1",
            "--exclude=x",
            "--include=y",
            "--cache=c.sqlite",
            "--no-cache",
            "--max-cache-age=3600s",
            "--no-archive",
            "--allow-private",
            "--document-date=2020-06-01",
            "--fail-on=warning",
            "--progress=never",
            "--color=always",
            "--input-format=markdown",
            "--baseline=b.json",
        ] {
            assert!(args.iter().any(|x| x == a), "{a} not in {args:?}");
        }
        assert_eq!(c.baseline.as_deref(), Some(Path::new("b.json")));
        // `reflint baseline` renders no report: the report options are left out
        let b = c.args(Command::Baseline);
        assert!(b.iter().all(|x| !x.starts_with("--format")
            && !x.starts_with("--output")
            && !x.starts_with("--report")
            && !x.starts_with("--fail-on")
            && !x.starts_with("--color")
            && !x.starts_with("--baseline")));
        assert!(b.iter().any(|x| x == "--offline"));
        assert!(b.iter().any(|x| x == "--exclude=x"));
    }

    #[test]
    fn hosts_are_read() {
        let c = ok(r#"
[hosts."Example.COM"]
concurrency = 1
interval = "2s"
headers = { Authorization = "Bearer t", X-Project = "p" }

[hosts."news.example.com"]
interval = 500

[hosts."slow.org"]
interval = "1.5s"
headers.X-Dotted = "yes"
"#);
        assert_eq!(c.hosts.len(), 3);
        let e = c.hosts.iter().find(|h| h.host == "example.com").unwrap();
        assert_eq!(e.concurrency, Some(1));
        assert_eq!(e.interval, Some(Duration::from_secs(2)));
        assert!(e
            .headers
            .contains(&("Authorization".to_string(), "Bearer t".to_string())));
        assert_eq!(e.headers.len(), 2);
        let n = crate::net::match_host(&c.hosts, "news.example.com").unwrap();
        assert_eq!(n.interval, Some(Duration::from_millis(500)));
        assert_eq!(n.concurrency, None);
        let s = crate::net::match_host(&c.hosts, "www.slow.org").unwrap();
        assert_eq!(s.interval, Some(Duration::from_millis(1500)));
        assert_eq!(s.headers, vec![("X-Dotted".to_string(), "yes".to_string())]);
        assert_eq!(
            crate::net::match_host(&c.hosts, "www.example.com").map(|h| h.host.as_str()),
            Some("example.com")
        );
        // two spellings of one host
        assert_err(
            "[hosts.\"a.org\"]\nconcurrency = 1\n[hosts.\"A.org\"]\nconcurrency = 2\n",
            3,
            &["given twice"],
        );
    }

    #[test]
    fn durations_in_milliseconds() {
        assert_eq!(parse_millis("500ms"), Some(500));
        assert_eq!(parse_millis("2s"), Some(2000));
        assert_eq!(parse_millis("1.5s"), Some(1500));
        assert_eq!(parse_millis("1m"), Some(60_000));
        assert_eq!(parse_millis("250"), Some(250));
        assert_eq!(parse_millis("2h"), None);
        assert_eq!(parse_millis("fast"), None);
        assert_eq!(parse_millis(""), None);
    }

    fn finding(rule: &'static str, note: Option<&str>, url: Option<&str>) -> Finding {
        Finding {
            rule,
            severity: crate::rules::find(rule).map_or(Severity::Error, |r| r.default),
            reference: note.map(str::to_string),
            line: 1,
            column: 1,
            message: format!("{rule} {note:?}"),
            url: url.map(str::to_string),
            evidence: None,
            suggestion: None,
            fingerprint: String::new(),
        }
    }

    fn doc(path: &str, findings: Vec<Finding>) -> DocumentReport {
        DocumentReport {
            path: path.to_string(),
            format: "text",
            document_date: None,
            references: Vec::new(),
            findings,
            warnings: Vec::new(),
        }
    }

    fn summary(d: &DocumentReport) -> Vec<(String, Option<String>, Severity)> {
        d.findings
            .iter()
            .map(|f| (f.rule.to_string(), f.reference.clone(), f.severity))
            .collect()
    }

    #[test]
    fn rules_off_and_severity_changes() {
        let c = ok("[rules]\nnote-sequence = \"off\"\ndate-future = \"warning\"\ntitle-url-mismatch = \"error\"\n");
        let mut d = doc(
            "a.txt",
            vec![
                finding("note-sequence", Some("3"), None),
                finding("date-future", Some("4"), None),
                finding("title-url-mismatch", Some("5"), None),
                finding("date-invalid", Some("6"), None),
            ],
        );
        assert_eq!(c.policy.apply(&mut d), 1);
        assert_eq!(
            summary(&d),
            vec![
                ("date-future".into(), Some("4".into()), Severity::Warning),
                (
                    "title-url-mismatch".into(),
                    Some("5".into()),
                    Severity::Error
                ),
                ("date-invalid".into(), Some("6".into()), Severity::Error),
            ]
        );
    }

    #[test]
    fn ignores_match_every_field_given() {
        let c = ok(r#"
[[ignore]]
rule = "citation-incomplete"
note = 12
reason = "an interview"

[[ignore]]
path = "drafts/*.md"
reason = "drafts"

[[ignore]]
rule = "date-future"
path = "notes.txt"
reason = "a forecast"

[[ignore]]
url = "^https?://intranet\\."
reason = "not public"
"#);
        let fs = || {
            vec![
                finding("citation-incomplete", Some("12"), None),
                finding("citation-incomplete", Some("13"), None),
                finding("date-invalid", Some("12"), None),
                finding("date-future", Some("2"), None),
                finding("link-dead", Some("3"), Some("http://intranet.example/x")),
                finding(
                    "link-dead",
                    Some("4"),
                    Some("http://example.org/intranet.x"),
                ),
            ]
        };
        let refs = |d: &DocumentReport| -> Vec<(String, String)> {
            d.findings
                .iter()
                .map(|f| (f.rule.to_string(), f.reference.clone().unwrap_or_default()))
                .collect()
        };
        let pair = |r: &str, n: &str| (r.to_string(), n.to_string());
        let mut d = doc("chapter.txt", fs());
        assert_eq!(c.policy.apply(&mut d), 2);
        assert_eq!(
            refs(&d),
            vec![
                pair("citation-incomplete", "13"),
                pair("date-invalid", "12"),
                pair("date-future", "2"),
                pair("link-dead", "4"),
            ]
        );
        // a path without `/` matches the file name anywhere; with one, the path
        let mut d = doc("./book/notes.txt", fs());
        c.policy.apply(&mut d);
        assert!(!refs(&d).contains(&pair("date-future", "2")));
        let mut d = doc("drafts/one.md", fs());
        assert_eq!(c.policy.apply(&mut d), 6);
        let mut d = doc("book/drafts/one.md", fs());
        assert_eq!(c.policy.apply(&mut d), 2, "`drafts/*.md` is anchored");
        assert_eq!(
            c.policy.ignored_url("https://intranet.corp/a"),
            Some("not public")
        );
        assert_eq!(c.policy.ignored_url("https://example.org/"), None);
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        let c = ok("# nothing yet\n");
        assert!(c.args(Command::Check).is_empty());
        assert!(c.policy.is_empty() && c.hosts.is_empty());
    }
}
