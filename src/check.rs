//! One run: read the inputs, read their citations, apply the rules, build the report.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use crate::cite::read_document;
use crate::config::Policy;
use crate::extract::{read_source, InputError, Source};
use crate::model::{Document, Format};
use crate::net::{check_links, Checked, LinkRequest, NetOptions};
use crate::report::{CitedBy, DocumentReport, LinkReport, LinkStatus, PageMeta, Report};
use crate::rules::{check_offline, check_online, Context, OnlineContext};

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

/// What a run with the network produced besides its report.
pub struct RunOutcome {
    pub report: Report,
    /// Inputs that could not be read.
    pub errors: Vec<InputError>,
    /// One line each: cache problems and the like.
    pub warnings: Vec<String>,
    /// Set when no request could connect at all (exit 3): the message to print once.
    pub network_unavailable: Option<String>,
}

/// A run: read and check every source offline, then, with `net`, check every distinct link
/// and apply the online rules.
pub fn run_with(
    sources: &[Source],
    opts: &Options,
    net: Option<&NetOptions>,
    generated_at: String,
) -> Result<RunOutcome, String> {
    run_with_policy(sources, opts, net, &Policy::default(), generated_at)
}

/// A run under reflint.toml's `[rules]` and `[[ignore]]`: links an ignore's `url` matches are
/// not checked (`skipped`, the reason given), and findings are then dropped or given another
/// severity (their fingerprints are those of the whole run, so that ignoring one finding does
/// not renumber its twins).
pub fn run_with_policy(
    sources: &[Source],
    opts: &Options,
    net: Option<&NetOptions>,
    policy: &Policy,
    generated_at: String,
) -> Result<RunOutcome, String> {
    let (mut report, errors) = run(sources, opts, generated_at.clone());
    // why each link is ignored, if it is
    let ignored: Vec<Option<String>> = report
        .links
        .iter()
        .map(|l| {
            policy
                .ignored_url(&l.url)
                .map(|why| format!("ignored: {why}"))
        })
        .collect();
    for (l, why) in report.links.iter_mut().zip(&ignored) {
        if why.is_some() {
            l.reason.clone_from(why);
        }
    }
    let Some(net) = net else {
        return Ok(RunOutcome {
            report: apply_policy(report, policy),
            errors,
            warnings: Vec::new(),
            network_unavailable: None,
        });
    };
    // the date each URL is first cited with, for the archive look-up
    let mut dates: HashMap<&str, _> = HashMap::default();
    for d in &report.documents {
        for r in &d.references {
            for (i, u) in r.urls.iter().enumerate() {
                let date = r.url_dates.get(i).copied().flatten().or(r.date);
                dates.entry(u.url.as_str()).or_insert(date);
            }
        }
    }
    let reqs: Vec<LinkRequest> = report
        .links
        .iter()
        .zip(&ignored)
        .filter(|(_, why)| why.is_none())
        .map(|(l, _)| LinkRequest {
            url: l.url.clone(),
            cited_date: dates.get(l.url.as_str()).copied().flatten(),
        })
        .collect();
    drop(dates);
    let outcome = check_links(&reqs, net)?;
    // one result per link again, the ignored ones skipped
    let mut fetched = outcome.results.into_iter();
    let mut results: Vec<Checked> = ignored
        .iter()
        .map(|why| match why {
            Some(why) => Checked::bare(LinkStatus::Skipped, why.clone()),
            None => fetched
                .next()
                .unwrap_or_else(|| Checked::bare(LinkStatus::Skipped, "not checked")),
        })
        .collect();
    if outcome.network_unavailable.is_some() {
        // not a page of dead links: nothing could be verified
        for c in &mut results {
            if c.status != LinkStatus::Skipped {
                c.status = LinkStatus::Unreachable;
            }
        }
    }
    for (l, c) in report.links.iter_mut().zip(&results) {
        fill_link(l, c);
    }
    if outcome.network_unavailable.is_none() {
        let by_url: HashMap<&str, &Checked> = report
            .links
            .iter()
            .zip(&results)
            .map(|(l, c)| (l.url.as_str(), c))
            .collect();
        let extra: Vec<_> = report
            .documents
            .iter()
            .map(|d| {
                check_online(&OnlineContext {
                    refs: &d.references,
                    links: &by_url,
                    archive: net.archive,
                })
            })
            .collect();
        drop(by_url);
        for (d, found) in report.documents.iter_mut().zip(extra) {
            d.findings.extend(found);
            d.findings
                .sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        }
    }
    let report = Report::new(report.documents, report.links, generated_at);
    Ok(RunOutcome {
        report: apply_policy(report, policy),
        errors,
        warnings: outcome.warnings,
        network_unavailable: outcome.network_unavailable,
    })
}

/// Applies `[rules]` and `[[ignore]]` to a finished report and rebuilds it.
pub fn apply_policy(mut report: Report, policy: &Policy) -> Report {
    if policy.is_empty() {
        return report;
    }
    for d in &mut report.documents {
        policy.apply(d);
    }
    rebuild(report)
}

/// The report again after findings were dropped or changed: the summary counted anew, every
/// finding keeping the fingerprint it had (so that a finding and its twins keep their
/// numbers whatever was dropped around them).
pub fn rebuild(mut report: Report) -> Report {
    let fingerprints: Vec<Vec<String>> = report
        .documents
        .iter_mut()
        .map(|d| {
            d.findings
                .iter_mut()
                .map(|f| std::mem::take(&mut f.fingerprint))
                .collect()
        })
        .collect();
    let Report {
        documents,
        links,
        generated_at,
        ..
    } = report;
    let mut report = Report::new(documents, links, generated_at);
    for (d, fps) in report.documents.iter_mut().zip(fingerprints) {
        for (f, fp) in d.findings.iter_mut().zip(fps) {
            f.fingerprint = fp;
        }
    }
    report
}

/// Copies a check's result into the report's link entry.
fn fill_link(l: &mut LinkReport, c: &Checked) {
    l.status = c.status;
    l.http_status = c.http_status;
    l.final_url.clone_from(&c.final_url);
    l.redirects.clone_from(&c.redirects);
    l.page = c.page.as_ref().map(|p| PageMeta {
        title: p.title.clone(),
        published: p.published.map(|d| d.to_string()),
        language: p.language.clone(),
    });
    l.archive.clone_from(&c.archive);
    l.attempts = c.attempts;
    l.elapsed_ms = c.elapsed_ms;
    l.from_cache = c.from_cache;
    l.checked_at = (!c.checked_at.is_empty()).then(|| c.checked_at.clone());
    l.reason = (!c.reason.is_empty()).then(|| c.reason.clone());
}
