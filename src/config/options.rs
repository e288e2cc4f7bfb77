//! The top-level keys of reflint.toml, each checked and turned into the command-line
//! arguments it stands for (`--key=value`), in the order of [`super::KEYS`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::{Spanned, Value};

use super::tables::{RawHost, RawIgnore};
use super::values::{check_header, check_regex, kind, Cx};
use super::{Config, Policy};

/// The file as TOML gives it, every value with its place.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Raw {
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
    archives: Option<Vec<Spanned<Value>>>,
    doi: Option<Spanned<Value>>,
    doi_resolver: Option<Spanned<Value>>,
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

impl Cx<'_> {
    pub(super) fn build(&mut self, raw: Raw, file: &str) -> Config {
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
        if let Some(items) = &raw.archives {
            let r = self.list("archives", items, |s| {
                crate::net::archive::Archive::parse(s).map(|_| ())
            });
            set("archives", many("archives", r));
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
        if let Some(v) = &raw.doi {
            if let Some(on) = self.boolean("doi", v) {
                set("doi", vec![if on { "--doi" } else { "--no-doi" }.into()]);
            }
        }
        if let Some(v) = &raw.doi_resolver {
            if let Some(s) = self.string("doi-resolver", v) {
                match crate::args::parse_doi_resolver(&s) {
                    Ok(_) => set("doi-resolver", one("doi-resolver", s)),
                    Err(e) => self.error(&v.span(), format!("`doi-resolver`: {e}")),
                }
            }
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
                        format!("`input-format`: unknown format `{s}` (text, markdown, html, docx, pdf, latex or bibtex)"),
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
}
