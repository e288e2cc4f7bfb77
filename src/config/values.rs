//! Checking a file's values one by one, each problem kept with its line (`Cx`: strings,
//! booleans, whole numbers, durations, choices, lists); the checks of regexes, header names and
//! values, host names and milliseconds; and the messages: TOML's errors in reflint's words,
//! typos answered with the closest key or rule.

use std::ops::Range;

use regex::Regex;
use toml::{Spanned, Value};

use super::{KEYS, TABLES};

/// The line (1-based) of a byte offset.
pub(super) fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.bytes().take(end).filter(|&b| b == b'\n').count() + 1
}

/// TOML's message in reflint's words, on one line: "unknown key `colour` (did you mean
/// `color`?)" rather than "unknown field `colour`, expected one of …".
pub(super) fn toml_message(msg: &str) -> String {
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
pub(super) fn suggest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
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
pub(super) struct Cx<'a> {
    pub(super) src: &'a str,
    pub(super) errors: Vec<(usize, String)>,
}

/// A value's type for messages.
pub(super) fn kind(v: &Value) -> &'static str {
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
    pub(super) fn error(&mut self, span: &Range<usize>, msg: impl Into<String>) {
        let line = line_of(self.src, span.start);
        self.errors.push((line, msg.into()));
    }

    pub(super) fn string(&mut self, key: &str, v: &Spanned<Value>) -> Option<String> {
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
    pub(super) fn parsed<T>(
        &mut self,
        key: &str,
        v: &Spanned<Value>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.string(key, v)?;
        parse(&s).map_err(|e| self.error(&v.span(), e)).ok()
    }

    pub(super) fn boolean(&mut self, key: &str, v: &Spanned<Value>) -> Option<bool> {
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
    pub(super) fn integer(&mut self, key: &str, v: &Spanned<Value>, min: i64) -> Option<u64> {
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
    pub(super) fn millis(&mut self, key: &str, v: &Spanned<Value>) -> Option<u64> {
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
    pub(super) fn choice(
        &mut self,
        key: &str,
        v: &Spanned<Value>,
        choices: &[&str],
    ) -> Option<String> {
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
    pub(super) fn list(
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
}

pub(super) fn regex_problem(s: &str, e: &regex::Error) -> String {
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

pub(super) fn check_regex(s: &str) -> Result<(), String> {
    Regex::new(s).map(|_| ()).map_err(|e| regex_problem(s, &e))
}

pub(super) fn check_header(name: &str, value: &str) -> Result<(), String> {
    reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    reqwest::header::HeaderValue::from_str(value)
        .map_err(|_| format!("the value of `{name}` is not a valid header value"))?;
    Ok(())
}

/// A host name as `[hosts."…"]` takes it: a name or address, optionally with `:port`.
pub(super) fn check_host(name: &str) -> Result<(), String> {
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
