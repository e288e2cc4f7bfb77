//! One story per note: a note's findings in the order an editor acts on them (most severe
//! first), those that share a cause told together with their evidence and one suggestion.
//!
//! Findings share a cause when they are about the same note and
//! - compare the same cited date with other dates (the URL's, the page's, the sentence's):
//!   one typo in the date gives all of them;
//! - compare the cited title with another (the page's, the URL's slug).
//!
//! The human reports (terminal, Markdown, HTML) tell each story once; the machine reports keep
//! one entry per finding and link the findings of a story through `related` (their
//! fingerprints), filled in by [`link_related`].

use super::DocumentReport;
use crate::cite::Reference;
use crate::rules::{Finding, Severity};

/// The rules that compare a cited date with another date.
const DATE_RULES: [&str; 3] = [
    "date-url-mismatch",
    "date-page-mismatch",
    "date-after-claim",
];
/// The rules that compare a cited title with another title.
const TITLE_RULES: [&str; 2] = ["title-page-mismatch", "title-url-mismatch"];

/// Findings of one note that share a cause (often just one finding).
#[derive(Debug)]
pub struct Group<'a> {
    /// Most severe first, then in document order.
    pub findings: Vec<&'a Finding>,
}

impl Group<'_> {
    pub fn severity(&self) -> Severity {
        self.findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Info)
    }

    /// The rule ids, in the group's order.
    pub fn rules(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.rule).collect()
    }

    /// The group told in one sentence: the message of a lone finding; for dates, "cited
    /// 2010-01-02; the URL says 2020-01-02, the page says 2020-01-02, the sentence speaks of
    /// 2019: probably 2020-01-02".
    pub fn told(&self) -> String {
        let [first, ..] = self.findings.as_slice() else {
            return String::new();
        };
        if self.findings.len() == 1 {
            return first.message.clone();
        }
        if DATE_RULES.contains(&first.rule) {
            let cited = first
                .evidence
                .as_ref()
                .map_or("", |e| e.cited.as_str())
                .to_string();
            let others: Vec<String> = self
                .findings
                .iter()
                .filter_map(|f| f.evidence.as_ref())
                .map(|e| match e.place.as_str() {
                    "url" => format!("the URL says {}", e.found),
                    "page" => format!("the page says {}", e.found),
                    "sentence" => format!("the sentence speaks of {}", e.found),
                    other => format!("the {other} says {}", e.found),
                })
                .collect();
            let mut s = format!("cited {cited}; {}", others.join(", "));
            if let Some(likely) = self.suggestion() {
                s.push_str(&format!(": probably {likely}"));
            }
            return s;
        }
        self.findings
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The one suggestion: the first finding's that has one (the most severe).
    pub fn suggestion(&self) -> Option<&str> {
        self.findings.iter().find_map(|f| f.suggestion.as_deref())
    }

    /// The URLs the group is about, each once.
    pub fn urls(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for u in self.findings.iter().filter_map(|f| f.url.as_deref()) {
            if !out.contains(&u) {
                out.push(u);
            }
        }
        out
    }

    /// The sentence a finding quotes, if one does.
    pub fn sentence(&self) -> Option<&str> {
        self.findings.iter().find_map(|f| f.sentence.as_deref())
    }
}

/// One note's story: the note (when the findings are about one) and its groups, most severe
/// first.
#[derive(Debug)]
pub struct Story<'a> {
    pub label: Option<&'a str>,
    pub reference: Option<&'a Reference>,
    pub groups: Vec<Group<'a>>,
}

impl Story<'_> {
    pub fn severity(&self) -> Severity {
        self.groups
            .iter()
            .map(Group::severity)
            .max()
            .unwrap_or(Severity::Info)
    }

    /// Where the story starts in the document: its note's first finding.
    pub fn line(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| &g.findings)
            .map(|f| f.line)
            .min()
            .unwrap_or(0)
    }

    pub fn findings(&self) -> usize {
        self.groups.iter().map(|g| g.findings.len()).sum()
    }
}

/// The cause two findings of one note may share.
fn cause(f: &Finding) -> Option<String> {
    if DATE_RULES.contains(&f.rule) {
        // the same cited date, as the evidence gives it
        return f.evidence.as_ref().map(|e| format!("date {}", e.cited));
    }
    if TITLE_RULES.contains(&f.rule) {
        return Some("title".to_string());
    }
    None
}

/// The stories of a document: findings about no note first (each its own story), then each
/// note with findings, in document order.
pub fn stories(doc: &DocumentReport) -> Vec<Story<'_>> {
    let mut order: Vec<Option<&str>> = Vec::new();
    for f in &doc.findings {
        let label = f.reference.as_deref();
        if label.is_none() || !order.contains(&label) {
            order.push(label);
        }
    }
    // the document's own findings first
    order.sort_by_key(|l| l.is_some());
    let mut stories = Vec::new();
    let mut lone = doc.findings.iter().filter(|f| f.reference.is_none());
    for label in order {
        let findings: Vec<&Finding> = match label {
            None => lone.next().into_iter().collect(),
            Some(l) => doc
                .findings
                .iter()
                .filter(|f| f.reference.as_deref() == Some(l))
                .collect(),
        };
        let groups = groups(&findings);
        let reference = label.and_then(|l| doc.references.iter().find(|r| r.label == l));
        stories.push(Story {
            label,
            reference,
            groups,
        });
    }
    stories
}

/// One note's findings in groups that share a cause, the most severe first (stable: document
/// order within a severity).
pub fn groups<'a>(findings: &[&'a Finding]) -> Vec<Group<'a>> {
    let mut groups: Vec<(Option<String>, Group)> = Vec::new();
    for &f in findings {
        let c = cause(f);
        match groups.iter_mut().find(|(k, _)| k.is_some() && *k == c) {
            Some((_, g)) => g.findings.push(f),
            None => groups.push((c, Group { findings: vec![f] })),
        }
    }
    let mut groups: Vec<Group> = groups.into_iter().map(|(_, g)| g).collect();
    for g in &mut groups {
        g.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.severity()));
    groups
}

/// Fills each finding's `related` with the fingerprints of the other findings of its group.
pub fn link_related(doc: &mut DocumentReport) {
    let groups: Vec<Vec<String>> = stories(doc)
        .iter()
        .flat_map(|s| &s.groups)
        .filter(|g| g.findings.len() > 1)
        .map(|g| g.findings.iter().map(|f| f.fingerprint.clone()).collect())
        .collect();
    for f in &mut doc.findings {
        if let Some(group) = groups.iter().find(|g| g.contains(&f.fingerprint)) {
            f.related = group
                .iter()
                .filter(|p| **p != f.fingerprint)
                .cloned()
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_report;

    const DOC: &str = "At the end of 2019, the session met.[^1] Another claim.[^2]\n\n\
        [^1]: \"Signals,\" *Xinhua*, January 2, 2010, \
        http://www.xinhuanet.com//2020-01/02/c_1125416394.htm.\n\
        [^2]: \"Other,\" *Foo*, February 30, 2019.\n";

    #[test]
    fn a_typo_in_a_date_is_one_story_with_one_suggestion() {
        let r = test_report(DOC);
        let doc = &r.documents[0];
        let s = stories(doc);
        let one = s.iter().find(|s| s.label == Some("1")).expect("note 1");
        let dates = one
            .groups
            .iter()
            .find(|g| g.rules().contains(&"date-url-mismatch"))
            .expect("a date story");
        assert!(
            dates.rules().contains(&"date-after-claim"),
            "{:?}",
            dates.rules()
        );
        // most severe first
        assert_eq!(dates.findings[0].severity, Severity::Error);
        let told = dates.told();
        assert!(
            told.starts_with("cited 2010-01-02; the URL says 2020-01-02"),
            "{told}"
        );
        assert!(told.contains("the sentence speaks of 2019"), "{told}");
        assert!(told.ends_with(": probably 2020-01-02"), "{told}");
        assert_eq!(dates.suggestion(), Some("2020-01-02"));
        assert!(dates.sentence().is_some_and(|q| q.contains("end of 2019")));
        // and the machine reports link the findings of the story
        for f in doc
            .findings
            .iter()
            .filter(|f| f.reference.as_deref() == Some("1"))
        {
            assert_eq!(f.related.len(), dates.findings.len() - 1, "{f:?}");
            assert!(!f.related.contains(&f.fingerprint));
        }
        // another note's finding stands alone
        for f in doc
            .findings
            .iter()
            .filter(|f| f.reference.as_deref() == Some("2"))
        {
            assert!(f.related.is_empty(), "{f:?}");
        }
    }
}
