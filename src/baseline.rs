//! Baselines: the findings a project has accepted, so that CI reports only new ones.
//!
//! `reflint baseline` writes every finding of a run (`reflint/baseline/v1`, sorted by
//! document, rule and fingerprint so that a refreshed baseline diffs cleanly);
//! `reflint check --baseline FILE` then reports only findings whose fingerprint is not in it.
//! A fingerprint (see [`crate::report::fingerprint`]) is the rule, the document and the note's
//! text or the URL, so it survives notes being renumbered or moved.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::Report;

/// The `schema` of a baseline file.
pub const SCHEMA: &str = "reflint/baseline/v1";

/// Where `reflint baseline` writes when neither `--output` nor `baseline` in reflint.toml
/// says.
pub const DEFAULT_FILE: &str = "reflint-baseline.json";

/// One accepted finding. Only the fingerprint is matched; the rest is for people reading the
/// file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub reference: Option<String>,
    pub message: String,
}

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub schema: String,
    pub generated_at: String,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// Every finding of a report, sorted by document, rule and fingerprint.
    pub fn from_report(report: &Report) -> Baseline {
        let mut findings: Vec<Entry> = report
            .documents
            .iter()
            .flat_map(|d| {
                d.findings.iter().map(|f| Entry {
                    fingerprint: f.fingerprint.clone(),
                    rule: f.rule.to_string(),
                    path: d.path.clone(),
                    reference: f.reference.clone(),
                    message: f.message.clone(),
                })
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
        });
        Baseline {
            schema: SCHEMA.to_string(),
            generated_at: report.generated_at.clone(),
            findings,
        }
    }

    /// The file's text: pretty JSON ending with a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file; a missing, unreadable or malformed one is an error naming it.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let name = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!("{name}: no such baseline file (write one with `reflint baseline`)")
            } else {
                format!("{name}: cannot read the baseline: {e}")
            }
        })?;
        Baseline::parse(&text).map_err(|e| format!("{name}: {e}"))
    }

    /// Reads a baseline's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("not a valid baseline: not JSON ({e})"))?;
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) => {
                return Err(format!(
                    "not a valid baseline: schema `{other}`, expected `{SCHEMA}`"
                ))
            }
            None => {
                return Err(format!(
                    "not a valid baseline: no `schema` (expected `{SCHEMA}`)"
                ))
            }
        }
        serde_json::from_value(value).map_err(|e| format!("not a valid baseline: {e}"))
    }

    /// Drops the findings whose fingerprint is in the baseline and rebuilds the report (its
    /// summary counts then only the others); returns the report and how many were dropped.
    pub fn filter(&self, mut report: Report) -> (Report, usize) {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut dropped = 0;
        for d in &mut report.documents {
            let before = d.findings.len();
            d.findings
                .retain(|f| !known.contains(f.fingerprint.as_str()));
            dropped += before - d.findings.len();
        }
        (crate::check::rebuild(report), dropped)
    }
}

/// "1 finding in the baseline was not reported", "3 findings … were not reported".
pub fn note(dropped: usize) -> String {
    if dropped == 1 {
        "1 finding in the baseline was not reported".to_string()
    } else {
        format!("{dropped} findings in the baseline were not reported")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentReport;
    use crate::rules::{Finding, Severity};

    fn finding(rule: &'static str, severity: Severity, message: &str) -> Finding {
        Finding {
            rule,
            severity,
            reference: None,
            file: None,
            line: 1,
            column: 1,
            message: message.to_string(),
            url: None,
            evidence: None,
            suggestion: None,
            fingerprint: String::new(),
            sentence: None,
            related: Vec::new(),
        }
    }

    fn report(docs: Vec<(&str, Vec<Finding>)>) -> Report {
        let documents = docs
            .into_iter()
            .map(|(path, findings)| DocumentReport {
                path: path.to_string(),
                format: "text",
                document_date: None,
                references: Vec::new(),
                findings,
                warnings: Vec::new(),
            })
            .collect();
        Report::new(documents, Vec::new(), "2024-01-01T00:00:00Z".to_string())
    }

    fn sample() -> Report {
        report(vec![
            (
                "b.txt",
                vec![
                    finding("note-sequence", Severity::Warning, "3 after 1"),
                    finding("date-invalid", Severity::Error, "February 30"),
                ],
            ),
            (
                "a.txt",
                vec![
                    finding("note-missing", Severity::Error, "no note 4"),
                    // twins: the second gets `:2`
                    finding("date-future", Severity::Error, "2031"),
                    finding("date-future", Severity::Error, "2031"),
                ],
            ),
        ])
    }

    #[test]
    fn written_sorted_and_read_back() {
        let b = Baseline::from_report(&sample());
        assert_eq!(b.schema, SCHEMA);
        assert_eq!(b.generated_at, "2024-01-01T00:00:00Z");
        let order: Vec<(&str, &str)> = b
            .findings
            .iter()
            .map(|e| (e.path.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![
                ("a.txt", "date-future"),
                ("a.txt", "date-future"),
                ("a.txt", "note-missing"),
                ("b.txt", "date-invalid"),
                ("b.txt", "note-sequence"),
            ]
        );
        assert!(b.findings.iter().all(|e| !e.fingerprint.is_empty()));
        let twins: Vec<&str> = b.findings[..2]
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        assert_eq!(format!("{}:2", twins[0]), twins[1]);
        let json = b.to_json();
        assert!(json.ends_with('\n'));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], "reflint/baseline/v1");
        let keys: Vec<&String> = v["findings"][0].as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5);
        for k in ["fingerprint", "rule", "path", "reference", "message"] {
            assert!(v["findings"][0].get(k).is_some(), "{k}");
        }
        assert_eq!(Baseline::parse(&json).unwrap(), b);
        // the same run gives the same file
        assert_eq!(Baseline::from_report(&sample()).to_json(), json);
    }

    #[test]
    fn malformed_baselines_are_errors() {
        let e = Baseline::parse("{not json").unwrap_err();
        assert!(
            e.contains("not a valid baseline") && e.contains("JSON"),
            "{e}"
        );
        let e = Baseline::parse(r#"{"schema": "reflint/report/v1", "findings": []}"#).unwrap_err();
        assert!(e.contains("reflint/report/v1") && e.contains(SCHEMA), "{e}");
        let e = Baseline::parse(r#"{"findings": []}"#).unwrap_err();
        assert!(e.contains("no `schema`"), "{e}");
        let e = Baseline::parse(
            r#"{"schema": "reflint/baseline/v1", "generated_at": "x", "findings": [{"rule": "x"}]}"#,
        )
        .unwrap_err();
        assert!(e.contains("missing field `fingerprint`"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.json");
        let e = Baseline::load(&missing).unwrap_err();
        assert!(
            e.contains("nope.json") && e.contains("reflint baseline"),
            "{e}"
        );
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "[]").unwrap();
        let e = Baseline::load(&bad).unwrap_err();
        assert!(e.starts_with(&bad.display().to_string()), "{e}");
    }

    #[test]
    fn only_new_findings_are_reported() {
        let old = report(vec![(
            "a.txt",
            vec![
                finding("note-missing", Severity::Error, "no note 4"),
                finding("date-future", Severity::Error, "2031"),
            ],
        )]);
        let b = Baseline::from_report(&old);
        // the same findings again, one more twin of a known one, and a new warning
        let now = report(vec![(
            "a.txt",
            vec![
                finding("note-missing", Severity::Error, "no note 4"),
                finding("date-future", Severity::Error, "2031"),
                finding("date-future", Severity::Error, "2031"),
                finding("note-sequence", Severity::Warning, "3 after 1"),
            ],
        )]);
        assert_eq!(now.summary.findings.error, 3);
        let twin = now.documents[0].findings[2].fingerprint.clone();
        assert!(twin.ends_with(":2"));
        let (r, dropped) = b.filter(now);
        assert_eq!(dropped, 2);
        let left: Vec<&str> = r.documents[0].findings.iter().map(|f| f.rule).collect();
        assert_eq!(left, vec!["date-future", "note-sequence"]);
        // the summary counts only what is left, and the twin keeps its number
        assert_eq!(r.summary.findings.error, 1);
        assert_eq!(r.summary.findings.warning, 1);
        assert_eq!(r.documents[0].findings[0].fingerprint, twin);
        assert_eq!(r.worst(), Some(Severity::Error));
        // another document's identical finding is not the same finding
        let other = report(vec![(
            "b.txt",
            vec![finding("note-missing", Severity::Error, "no note 4")],
        )]);
        assert_eq!(b.filter(other).1, 0);
        assert_eq!(note(1), "1 finding in the baseline was not reported");
        assert_eq!(note(3), "3 findings in the baseline were not reported");
    }
}
