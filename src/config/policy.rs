//! What reflint.toml does to a run's findings and links: `[rules]` (a rule off, or another
//! severity) and `[[ignore]]` (findings, or links by URL).

use std::path::Path;

use regex::Regex;

use crate::report::DocumentReport;
use crate::rules::{Finding, Severity};

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
