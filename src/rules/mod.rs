//! The rule catalogue: one file per rule id, each with its documentation (printed by
//! `reflint explain`) and a small function from the checked data to findings. Adding a rule
//! touches one new file and one line of [`CATALOGUE`].

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cite::dates::{PartialDate, Precision};
use crate::cite::Reference;
use crate::model::{Document, FileId, Pos, UrlRef};
use crate::net::doi::{doi_of_link, doi_url};
use crate::net::{Checked, DoiChecked};
use rustc_hash::FxHashMap as HashMap;

mod archive_missing;
mod citation_conflict;
mod citation_incomplete;
mod date_after_claim;
mod date_future;
mod date_invalid;
mod date_page_mismatch;
mod date_url_mismatch;
mod doi_mismatch;
mod doi_unresolved;
mod link_blocked;
mod link_dead;
mod link_redirected;
mod link_soft_404;
mod link_unreachable;
mod note_duplicate;
mod note_missing;
mod note_sequence;
mod note_unreferenced;
mod notes_unreadable;
mod title_page_mismatch;
mod title_url_mismatch;
mod url_malformed;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a date finding compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub cited: String,
    pub found: String,
    #[serde(rename = "where")]
    pub place: String,
}

/// One problem found, about a note (or about the document when `reference` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub reference: Option<String>,
    /// The file the finding is in when it is not the document's own (an `\input` file, a
    /// `.bib` a LaTeX document reads), as a path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileId>,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub url: Option<String>,
    pub evidence: Option<Evidence>,
    pub suggestion: Option<String>,
    /// The sentence the finding is about (trimmed around what it says), for findings about a
    /// sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    /// A stable identity across runs (rule, document, the note's text, the URL), for
    /// baselines and SARIF; filled in by [`crate::report::Report::new`].
    pub fingerprint: String,
    /// The fingerprints of the other findings that share this one's cause (one story: a
    /// cited date that the URL, the page and the sentence all contradict); filled in by
    /// [`crate::report::Report::new`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

impl Finding {
    pub fn new(
        rule: &Rule,
        severity: Severity,
        reference: Option<&str>,
        pos: Pos,
        message: String,
    ) -> Self {
        Finding {
            rule: rule.id,
            severity,
            reference: reference.map(str::to_string),
            file: pos.file,
            line: pos.line,
            column: pos.column,
            message,
            url: None,
            evidence: None,
            suggestion: None,
            sentence: None,
            fingerprint: String::new(),
            related: Vec::new(),
        }
    }

    pub fn with_url(mut self, url: &str) -> Self {
        self.url = Some(url.to_string());
        self
    }

    pub fn with_evidence(mut self, cited: String, found: String, place: &str) -> Self {
        self.evidence = Some(Evidence {
            cited,
            found,
            place: place.to_string(),
        });
        self
    }

    pub fn with_suggestion(mut self, s: String) -> Self {
        self.suggestion = Some(s);
        self
    }

    pub fn with_sentence(mut self, s: String) -> Self {
        self.sentence = Some(s);
        self
    }
}

/// What the offline rules look at for one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub refs: &'a [Reference],
    /// The date the document speaks from: cited dates after it are in the future.
    pub document_date: NaiveDate,
}

impl Context<'_> {
    /// The full citation a reference stands for (itself, or what its short form resolves to).
    pub fn resolved<'r>(&'r self, r: &'r Reference) -> &'r Reference {
        r.same_as_index.and_then(|i| self.refs.get(i)).unwrap_or(r)
    }
}

/// What the online rules look at for one document: its references and what became of their
/// links and of their DOIs. A run judges a reference's links as they come back and its DOI
/// once every look-up is done: each time with only one of `links` and `dois` filled, so that
/// every rule speaks once.
pub struct OnlineContext<'a> {
    pub refs: &'a [Reference],
    /// Each checked URL (as written) and its result.
    pub links: &'a HashMap<&'a str, &'a Checked>,
    /// Each DOI looked up (by [`crate::net::doi::key`]) and its result.
    pub dois: &'a HashMap<String, DoiChecked>,
    /// Archived snapshots were looked up (`--archive`).
    pub archive: bool,
}

impl OnlineContext<'_> {
    /// Each URL of each reference with its result and the date cited with it.
    pub fn cited_links(&self) -> impl Iterator<Item = CitedLink<'_>> {
        self.refs.iter().flat_map(move |r| {
            r.urls.iter().enumerate().filter_map(move |(i, u)| {
                let checked = self.links.get(u.url.as_str())?;
                let date = r.url_dates.get(i).copied().flatten().or(r.date);
                Some(CitedLink {
                    reference: r,
                    url: u,
                    checked,
                    date,
                })
            })
        })
    }
}

impl OnlineContext<'_> {
    /// Each reference's DOI with what its look-up found.
    pub fn cited_dois(&self) -> impl Iterator<Item = CitedDoi<'_>> {
        self.refs.iter().filter_map(move |r| {
            let doi = r.doi.as_deref()?;
            let checked = self.dois.get(&crate::net::doi::key(doi))?;
            Some(CitedDoi {
                reference: r,
                doi,
                checked,
            })
        })
    }
}

/// One reference's DOI, as the online rules see it.
pub struct CitedDoi<'a> {
    pub reference: &'a Reference,
    /// As the citation gives it (bare, `10.1000/xyz`).
    pub doi: &'a str,
    pub checked: &'a DoiChecked,
}

impl CitedDoi<'_> {
    /// Where the note gives the DOI: its resolver link (`https://doi.org/…`) when it has one,
    /// else the note itself.
    pub fn pos(&self) -> Pos {
        self.reference
            .urls
            .iter()
            .find(|u| doi_of_link(&u.url).is_some_and(|d| d.eq_ignore_ascii_case(self.doi)))
            .map_or(self.reference.pos(), |u| u.pos)
    }

    /// A finding about this DOI, at [`CitedDoi::pos`], its URL the DOI's own address
    /// (`https://doi.org/…`, whatever resolver was asked: fingerprints stay put).
    pub fn finding(&self, rule: &Rule, severity: Severity, message: String) -> Finding {
        Finding::new(
            rule,
            severity,
            Some(&self.reference.label),
            self.pos(),
            message,
        )
        .with_url(&doi_url(self.doi))
    }
}

/// One URL of one reference, as the online rules see it.
pub struct CitedLink<'a> {
    pub reference: &'a Reference,
    pub url: &'a UrlRef,
    pub checked: &'a Checked,
    /// The date cited with this URL.
    pub date: Option<PartialDate>,
}

impl CitedLink<'_> {
    /// The page the link leads to, when it still leads to one (alive or moved), for the
    /// rules that compare the citation with the page.
    pub fn live_page(&self) -> Option<&crate::net::page::PageInfo> {
        matches!(
            self.checked.status,
            crate::links::LinkStatus::Alive | crate::links::LinkStatus::Redirected
        )
        .then_some(self.checked.page.as_ref())
        .flatten()
    }

    /// A finding about this link, at the URL's position.
    pub fn finding(&self, rule: &Rule, severity: Severity, message: String) -> Finding {
        Finding::new(
            rule,
            severity,
            Some(&self.reference.label),
            self.url.pos,
            message,
        )
        .with_url(&self.url.url)
    }
}

/// Runs every online rule over one document's references; findings sorted by position.
pub fn check_online(ctx: &OnlineContext) -> Vec<Finding> {
    let mut out: Vec<Finding> = CATALOGUE
        .iter()
        .filter_map(|r| r.online_check.map(|f| f(r, ctx)))
        .flatten()
        .collect();
    out.sort_by(by_position);
    out
}

/// A rule of the catalogue.
pub struct Rule {
    pub id: &'static str,
    /// The default severity, as the catalogue states it.
    pub default: Severity,
    /// The catalogue's one line.
    pub summary: &'static str,
    /// Shown by `reflint explain`: What it checks / Why it matters / Example / Fix.
    pub doc: &'static str,
    /// Needs the network (implemented by the online checker).
    pub online: bool,
    /// The offline check, if the rule is an offline one.
    pub check: Option<fn(&Rule, &Context) -> Vec<Finding>>,
    /// The online check, if the rule is an online one: run once the links are checked.
    pub online_check: Option<fn(&Rule, &OnlineContext) -> Vec<Finding>>,
}

/// Every rule, in catalogue order.
pub static CATALOGUE: &[&Rule] = &[
    &note_missing::RULE,
    &note_unreferenced::RULE,
    &notes_unreadable::RULE,
    &note_duplicate::RULE,
    &note_sequence::RULE,
    &date_url_mismatch::RULE,
    &date_invalid::RULE,
    &date_future::RULE,
    &date_after_claim::RULE,
    &citation_incomplete::RULE,
    &title_url_mismatch::RULE,
    &url_malformed::RULE,
    &citation_conflict::RULE,
    &link_dead::RULE,
    &link_soft_404::RULE,
    &link_redirected::RULE,
    &link_blocked::RULE,
    &link_unreachable::RULE,
    &date_page_mismatch::RULE,
    &title_page_mismatch::RULE,
    &doi_mismatch::RULE,
    &doi_unresolved::RULE,
    &archive_missing::RULE,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    CATALOGUE.iter().copied().find(|r| r.id == id)
}

/// Runs every offline rule over one document; findings sorted by position.
pub fn check_offline(ctx: &Context) -> Vec<Finding> {
    let run = |rules: &[&Rule]| -> Vec<Finding> {
        rules
            .iter()
            .filter_map(|r| r.check.map(|f| f(r, ctx)))
            .flatten()
            .collect()
    };
    // rules are independent: on a large document, run the catalogue's two halves at once
    let mut out = if ctx.doc.notes.len() + ctx.doc.markers.len() > 4096 {
        let offline: Vec<&Rule> = CATALOGUE
            .iter()
            .copied()
            .filter(|r| r.check.is_some())
            .collect();
        let a: Vec<&Rule> = offline.iter().copied().step_by(2).collect();
        let b: Vec<&Rule> = offline.iter().copied().skip(1).step_by(2).collect();
        std::thread::scope(|s| {
            let other = s.spawn(|| run(&b));
            let mut out = run(&a);
            out.extend(other.join().unwrap_or_else(|_| run(&b)));
            out
        })
    } else {
        run(CATALOGUE)
    };
    out.sort_by(by_position);
    out
}

/// The order findings are listed in: the document's own file first, then the files it read
/// by path; by line, column and rule within a file.
pub fn by_position(a: &Finding, b: &Finding) -> Ordering {
    let file = match (a.file, b.file) {
        (x, y) if x == y => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(x), Some(y)) => x.path().cmp(&y.path()),
    };
    file.then((a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)))
}

/// Compares two dates at the precision both carry: `None` when they agree there.
pub fn date_difference(cited: &PartialDate, found: &PartialDate) -> Option<Ordering> {
    let p = cited.precision().min(found.precision());
    let (a, b) = (cited.truncate(p), found.truncate(p));
    (a != b).then(|| a.cmp(&b))
}

/// The severity of a disagreement between two dates: error when the years differ, info for
/// one day apart (time zones), else warning.
pub fn date_disagreement_severity(cited: &PartialDate, found: &PartialDate) -> Severity {
    if cited.year != found.year {
        return Severity::Error;
    }
    if cited.precision() == Precision::Day && found.precision() == Precision::Day {
        if let (Some(a), Some(b)) = (cited.to_naive(), found.to_naive()) {
            if (a - b).num_days().abs() == 1 {
                return Severity::Info;
            }
        }
    }
    Severity::Warning
}

/// Labels read as numbers, for the numbering rules.
pub(crate) fn label_number(label: &str) -> Option<u32> {
    label.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_ids_are_unique_and_documented() {
        let mut ids: Vec<&str> = CATALOGUE.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CATALOGUE.len());
        assert_eq!(CATALOGUE.len(), 23);
        for r in CATALOGUE {
            for part in ["What it checks", "Why it matters", "Example", "Fix"] {
                assert!(r.doc.contains(part), "{} lacks {part}", r.id);
            }
            assert_eq!(r.online, r.check.is_none(), "{}", r.id);
            assert_eq!(r.online, r.online_check.is_some(), "{}", r.id);
        }
    }

    #[test]
    fn date_severity() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap_or(PartialDate::year(1));
        assert_eq!(
            date_disagreement_severity(&d("2010-01-02"), &d("2020-01-02")),
            Severity::Error
        );
        assert_eq!(
            date_disagreement_severity(&d("2019-10-19"), &d("2019-10-29")),
            Severity::Warning
        );
        assert_eq!(
            date_disagreement_severity(&d("2019-10-19"), &d("2019-10-20")),
            Severity::Info
        );
        assert_eq!(date_difference(&d("2019-10"), &d("2019-10-29")), None);
    }
}
