//! One run: read the inputs, read their citations, apply the rules, build the report.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use crate::cite::read_document;
use crate::extract::{read_source, InputError, Source};
use crate::model::{Document, Format};
use crate::report::{CitedBy, DocumentReport, LinkReport, Report};
use crate::rules::{check_offline, Context};

/// What a run needs to know besides its inputs.
#[derive(Clone, Debug)]
pub struct Options {
    /// `--document-date`: the documents' own date, overriding what they state.
    pub document_date: Option<NaiveDate>,
    /// Today's date (a parameter so that runs and tests are reproducible).
    pub today: NaiveDate,
    /// `--input-format`: forces the input format.
    pub input_format: Option<Format>,
}

/// Reads one document's citations and applies the offline rules.
pub fn check_document(doc: &Document, opts: &Options) -> DocumentReport {
    let refs = read_document(doc);
    let stated = opts
        .document_date
        .or_else(|| doc.detected_date.and_then(|d| d.last_day()));
    // a source cannot be later than the document, nor than today
    let limit = stated.map_or(opts.today, |d| d.min(opts.today));
    let findings = check_offline(&Context {
        doc,
        refs: &refs,
        document_date: limit,
    });
    DocumentReport {
        path: doc.path.clone(),
        format: doc.format.name(),
        document_date: opts
            .document_date
            .map(|d| d.to_string())
            .or_else(|| doc.detected_date.map(|d| d.to_string())),
        references: refs,
        findings,
        warnings: doc.warnings.clone(),
    }
}

/// Every distinct URL of the documents (notes first, then body links), with where it is cited,
/// as not-yet-checked links.
pub fn collect_links(docs: &[DocumentReport], bodies: &[Vec<String>]) -> Vec<LinkReport> {
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut links: Vec<LinkReport> = Vec::new();
    let mut add = |url: &str, by: CitedBy, links: &mut Vec<LinkReport>| {
        let i = *index.entry(url.to_string()).or_insert_with(|| {
            links.push(LinkReport::skipped(url.to_string()));
            links.len() - 1
        });
        if let Some(l) = links.get_mut(i) {
            if !l.cited_by.contains(&by) {
                l.cited_by.push(by);
            }
        }
    };
    for (i, d) in docs.iter().enumerate() {
        let body = bodies.get(i);
        for r in &d.references {
            for u in &r.urls {
                add(
                    &u.url,
                    CitedBy {
                        path: d.path.clone(),
                        reference: Some(r.label.clone()),
                    },
                    &mut links,
                );
            }
        }
        for u in body.into_iter().flatten() {
            add(
                u,
                CitedBy {
                    path: d.path.clone(),
                    reference: None,
                },
                &mut links,
            );
        }
    }
    links
}

/// Reads and checks every source; inputs that cannot be read are returned apart, the others
/// still reported.
pub fn run(sources: &[Source], opts: &Options, generated_at: String) -> (Report, Vec<InputError>) {
    let mut docs = Vec::new();
    let mut bodies = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match read_source(s, opts.input_format) {
            Ok(doc) => {
                bodies.push(doc.body_urls.iter().map(|u| u.url.clone()).collect());
                docs.push(check_document(&doc, opts));
            }
            Err(e) => errors.push(e),
        }
    }
    let links = collect_links(&docs, &bodies);
    (Report::new(docs, links, generated_at), errors)
}
