//! The tables of reflint.toml: `[hosts."…"]` read into `net::HostSettings`, `[rules]` into
//! `RuleSetting`s and `[[ignore]]` entries into `Ignore`s.

use std::collections::BTreeMap;
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::policy::{Ignore, IgnoreWhat, RuleSetting};
use super::values::{check_header, check_host, regex_problem, suggest, Cx};
use crate::net::HostSettings;
use crate::rules::Severity;

/// A `[hosts."…"]` table as TOML gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHost {
    concurrency: Option<Spanned<Value>>,
    interval: Option<Spanned<Value>>,
    headers: Option<BTreeMap<Spanned<String>, Spanned<Value>>>,
}

/// An `[[ignore]]` entry as TOML gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIgnore {
    reason: Option<Spanned<Value>>,
    url: Option<Spanned<Value>>,
    rule: Option<Spanned<Value>>,
    path: Option<Spanned<Value>>,
    note: Option<Spanned<Value>>,
}

impl Cx<'_> {
    pub(super) fn hosts(&mut self, raw: &BTreeMap<Spanned<String>, RawHost>) -> Vec<HostSettings> {
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

    pub(super) fn rules(
        &mut self,
        raw: &BTreeMap<Spanned<String>, Spanned<Value>>,
    ) -> Vec<RuleSetting> {
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

    pub(super) fn ignore(&mut self, entry: &Spanned<RawIgnore>) -> Option<Ignore> {
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
