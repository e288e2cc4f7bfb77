//! The finished report and its renderings: one module per format, each a function of
//! [`Report`]. The JSON shape is the `reflint/report/v1` contract.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod story;
pub mod terminal;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cite::Reference;
pub use crate::links::{LinkStatus, Snapshot};
use crate::net::doi::{DoiStatus, Registered};
use crate::rules::{Finding, Severity};

pub const SCHEMA: &str = "reflint/report/v1";

#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// One document's part of the report.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentReport {
    pub path: String,
    pub format: &'static str,
    pub document_date: Option<String>,
    pub references: Vec<Reference>,
    pub findings: Vec<Finding>,
    /// Problems met while reading (lossy decoding, ...), not findings.
    pub warnings: Vec<String>,
}

/// Where a link is cited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CitedBy {
    pub path: String,
    pub reference: Option<String>,
}

/// What a fetched page says of itself, and from what evidence.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// Where `title` came from: `meta[property=og:title]`, `title` or `h1`.
    pub title_from: Option<String>,
    /// Where `published` came from: `meta[property=article:published_time]`,
    /// `json-ld datePublished`, `[itemprop=datePublished]`, an element (`abbr.published`,
    /// `time[datetime]`, `span.date`), `url`, `text`; a modification date ends with
    /// " (modified)".
    pub published_from: Option<String>,
    /// `strong` when the page states its publication date as such (a publication `<meta>`,
    /// JSON-LD, microdata, an element that says so, the URL), else `weak`; `null` without a
    /// date. `date-page-mismatch` warns only on strong evidence.
    pub published_evidence: Option<&'static str>,
}

/// One distinct URL and what became of it.
#[derive(Clone, Debug, Serialize)]
pub struct LinkReport {
    pub url: String,
    pub status: LinkStatus,
    pub http_status: Option<u16>,
    pub final_url: Option<String>,
    pub redirects: Vec<String>,
    pub page: Option<PageMeta>,
    pub archive: Option<Snapshot>,
    pub attempts: u32,
    pub elapsed_ms: u64,
    pub from_cache: bool,
    pub checked_at: Option<String>,
    pub cited_by: Vec<CitedBy>,
    /// Why the status was given, for people ("404 Not Found", "redirected to the home page").
    pub reason: Option<String>,
}

impl LinkReport {
    /// A link that was not checked.
    pub fn skipped(url: String) -> Self {
        LinkReport {
            url,
            status: LinkStatus::Skipped,
            http_status: None,
            final_url: None,
            redirects: Vec::new(),
            page: None,
            archive: None,
            attempts: 0,
            elapsed_ms: 0,
            from_cache: false,
            checked_at: None,
            cited_by: Vec::new(),
            reason: None,
        }
    }
}

/// One distinct DOI of an online run and what its look-up at the DOI resolver found: an
/// addition to `reflint/report/v1`, `dois[]`, present when DOIs were looked up. A
/// `https://doi.org/…` link naming a DOI that was looked up is not fetched again as a page:
/// its `links[]` entry is `skipped`, its reason naming the DOI.
#[derive(Clone, Debug, Serialize)]
pub struct DoiReport {
    /// As the first citation gives it, bare: `10.1000/xyz`.
    pub doi: String,
    /// Its address, `https://doi.org/…`, whatever resolver was asked: the URL of its findings.
    pub url: String,
    /// `resolved`, `unknown` (not registered: `doi-unresolved`), `unreachable` (the registry
    /// could not be asked: `link-unreachable`) or `skipped`.
    pub status: DoiStatus,
    pub http_status: Option<u16>,
    /// Where the resolver's redirects ended (the registry's address).
    pub final_url: Option<String>,
    /// The registry's record, from its CSL JSON: `title`, `other_titles` (with subtitle,
    /// original, short), the years `issued`, `published_print`, `published_online`.
    pub registered: Option<Registered>,
    pub reason: Option<String>,
    pub attempts: u32,
    pub elapsed_ms: u64,
    pub from_cache: bool,
    pub checked_at: Option<String>,
    pub cited_by: Vec<CitedBy>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct FindingCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub references: usize,
    pub urls: usize,
    pub links: BTreeMap<&'static str, usize>,
    pub findings: FindingCounts,
}

/// Where a line is, for people: `line 12`, or `refs.bib line 12` when it is in a file the
/// document read (a `.bib`, an `\input` file).
pub fn at_line(file: Option<crate::model::FileId>, line: usize) -> String {
    match file {
        Some(f) => format!("{} line {line}", f.path()),
        None => format!("line {line}"),
    }
}

/// The noun for `n` things: `one` for 1, else `many` ("1 error", "2 errors", "0 errors").
pub fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The whole report of one run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub tool: Tool,
    pub generated_at: String,
    pub documents: Vec<DocumentReport>,
    pub links: Vec<LinkReport>,
    /// The DOIs looked up ([`DoiReport`]); left out of the JSON when none was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dois: Vec<DoiReport>,
    pub summary: Summary,
}

impl Report {
    /// Builds the report and its summary from documents and links, and gives every finding
    /// its fingerprint.
    pub fn new(
        mut documents: Vec<DocumentReport>,
        links: Vec<LinkReport>,
        generated_at: String,
    ) -> Self {
        for d in &mut documents {
            fingerprint(d);
            story::link_related(d);
        }
        let mut counts = FindingCounts::default();
        for f in documents.iter().flat_map(|d| &d.findings) {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        let mut by_status: BTreeMap<&'static str, usize> =
            LinkStatus::ALL.iter().map(|s| (s.name(), 0)).collect();
        for l in &links {
            *by_status.entry(l.status.name()).or_insert(0) += 1;
        }
        let summary = Summary {
            documents: documents.len(),
            references: documents.iter().map(|d| d.references.len()).sum(),
            urls: links.len(),
            links: by_status,
            findings: counts,
        };
        Report {
            schema: SCHEMA,
            tool: Tool {
                name: "reflint",
                version: env!("CARGO_PKG_VERSION"),
            },
            generated_at,
            documents,
            links,
            dois: Vec::new(),
            summary,
        }
    }

    /// The most severe finding's severity, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.documents
            .iter()
            .flat_map(|d| &d.findings)
            .map(|f| f.severity)
            .max()
    }
}

/// Gives each finding of a document a fingerprint that survives edits elsewhere in the
/// document: the rule, the document's path, and then the URL when the finding is about one,
/// else the note's text (not its number or line, which shift when a note is inserted above);
/// a document-level finding uses its message. Findings that would share one get `:2`, `:3`,
/// ... in document order.
pub fn fingerprint(doc: &mut DocumentReport) {
    use std::collections::HashMap;
    let texts: HashMap<&str, &str> = doc
        .references
        .iter()
        .map(|r| (r.label.as_str(), r.text.as_str()))
        .collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for f in &mut doc.findings {
        let mut key = String::with_capacity(256);
        for part in [f.rule, "\u{1f}", doc.path.as_str(), "\u{1f}"] {
            key.push_str(part);
        }
        match (&f.url, f.reference.as_deref().and_then(|l| texts.get(l))) {
            (Some(url), _) => key.push_str(url),
            (None, Some(text)) => text.split_whitespace().for_each(|w| {
                key.push_str(w);
                key.push(' ');
            }),
            (None, None) => key.push_str(&f.message),
        }
        let h = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
        let n = seen.entry(h).or_insert(0);
        *n += 1;
        f.fingerprint = if *n == 1 {
            format!("{h:016x}")
        } else {
            format!("{h:016x}:{n}")
        };
    }
}

/// The report formats of `--format` and `--report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Json,
    Markdown,
    Html,
    Sarif,
    Junit,
    Csv,
    Github,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Terminal,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Sarif,
        Format::Junit,
        Format::Csv,
        Format::Github,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Terminal => "terminal",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Csv => "csv",
            Format::Github => "github",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// Writes the report in one format. `style` only concerns the terminal format.
pub fn write<W: std::io::Write>(
    format: Format,
    report: &Report,
    style: terminal::Style,
    w: &mut W,
) -> std::io::Result<()> {
    match format {
        Format::Terminal => w.write_all(terminal::render(report, style).as_bytes()),
        Format::Json => json::write(report, w),
        Format::Markdown => markdown::write(report, w),
        Format::Html => html::write(report, w),
        Format::Sarif => sarif::write(report, w),
        Format::Junit => junit::write(report, w),
        Format::Csv => csv::write(report, w),
        Format::Github => github::write(report, w),
    }
}

/// The report of one Markdown document checked offline on 2024-01-01, for the formats' tests.
#[cfg(test)]
pub(crate) fn test_report(md: &str) -> Report {
    use crate::check::{check_document, Options};
    let doc = crate::extract::read_bytes(
        "doc.md",
        md.as_bytes(),
        Some(crate::model::Format::Markdown),
    )
    .unwrap();
    let opts = Options {
        document_date: None,
        today: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        input_format: None,
    };
    let d = check_document(&doc, &opts);
    let links = crate::check::collect_links(std::slice::from_ref(&d), &[vec![]]);
    Report::new(vec![d], links, "2024-01-01T00:00:00Z".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(md: &str) -> Vec<(String, String)> {
        test_report(md)
            .documents
            .iter()
            .flat_map(|d| &d.findings)
            .map(|f| (f.rule.to_string(), f.fingerprint.clone()))
            .collect()
    }

    #[test]
    fn fingerprints_survive_renumbering_and_tell_twins_apart() {
        let url_note =
            "\"A Title,\" Xinhua, January 2, 2010, http://www.xinhuanet.com//2020-01/02/c_1.htm.";
        let bad_date = "\"Other,\" Foo, February 30, 2019.";
        let before = prints(&format!(
            "Text[^1] and more[^2].\n\n[^1]: {url_note}\n[^2]: {bad_date}\n"
        ));
        // a clean note inserted above: every label and line moves
        let after = prints(&format!(
            "New[^1]. Text[^2] and more[^3].\n\n[^1]: \"Clean,\" Bar, May 1, 2018.\n[^2]: {url_note}\n[^3]: {bad_date}\n"
        ));
        assert_eq!(before.len(), 2, "{before:?}");
        assert_eq!(before, after);
        assert!(before.iter().all(|(_, f)| f.len() == 16));
        // another defect of the same rule, in another note or URL: another fingerprint
        let other = prints(&format!(
            "Text[^1] and more[^2].\n\n[^1]: {}\n[^2]: \"Other,\" Foo, February 31, 2019.\n",
            url_note.replace("c_1.htm", "c_2.htm")
        ));
        assert_eq!(other.len(), 2, "{other:?}");
        for (b, o) in before.iter().zip(&other) {
            assert_eq!(b.0, o.0);
            assert_ne!(b.1, o.1, "{}", b.0);
        }
        // the same defect twice in one document: two fingerprints, the second numbered
        let twins = prints(&format!(
            "A[^1] b[^2].\n\n[^1]: {bad_date}\n[^2]: {bad_date}\n"
        ));
        assert_eq!(twins.len(), 2, "{twins:?}");
        assert_eq!(twins[1].1, format!("{}:2", twins[0].1));
        // another document path: other fingerprints
        let mut other = test_report(&format!("Text[^1].\n\n[^1]: {bad_date}\n"));
        other.documents[0].path = "elsewhere.md".into();
        fingerprint(&mut other.documents[0]);
        assert_ne!(other.documents[0].findings[0].fingerprint, twins[0].1);
    }
}
