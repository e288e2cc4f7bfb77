//! One run: read the inputs, read their citations, apply the rules, build the report.

use std::sync::mpsc;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use crate::cite::read_document;
use crate::config::Policy;
use crate::extract::{read_source, InputError, Source};
use crate::model::{Document, Format};
use crate::net::doi::{doi_of_link, doi_url};
use crate::net::{
    check_all, doi, Checked, CitedDates, DateMap, DoiChecked, DoiRequest, LinkRequest, NetOptions,
};
use crate::report::{CitedBy, DocumentReport, DoiReport, LinkReport, LinkStatus, PageMeta, Report};
use crate::rules::{check_offline, check_online, Context, Finding, OnlineContext};

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
    let mut refs = read_document(doc);
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
    for r in &mut refs {
        r.release_offline();
    }
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
    let mut index: HashMap<&str, usize> = HashMap::default();
    // room for every distinct URL at once: a list of 100,000 links grown by doubling holds
    // two copies while it grows and a third of its room spare after
    let distinct = {
        let mut seen: HashMap<&str, ()> = HashMap::default();
        docs.iter()
            .flat_map(|d| d.references.iter().flat_map(|r| &r.urls))
            .map(|u| u.url.as_str())
            .chain(bodies.iter().flatten().map(String::as_str))
            .filter(|u| seen.insert(u, ()).is_none())
            .count()
    };
    let mut links: Vec<LinkReport> = Vec::with_capacity(distinct);
    fn add<'a>(
        index: &mut HashMap<&'a str, usize>,
        links: &mut Vec<LinkReport>,
        url: &'a str,
        by: CitedBy,
    ) {
        let i = *index.entry(url).or_insert_with(|| {
            links.push(LinkReport::skipped(url.to_string()));
            links.len() - 1
        });
        if let Some(l) = links.get_mut(i) {
            if !l.cited_by.contains(&by) {
                // most links are cited once: no room for four
                l.cited_by.reserve_exact(1);
                l.cited_by.push(by);
            }
        }
    }
    for (i, d) in docs.iter().enumerate() {
        let body = bodies.get(i);
        for r in &d.references {
            for u in &r.urls {
                add(
                    &mut index,
                    &mut links,
                    &u.url,
                    CitedBy {
                        path: d.path.clone(),
                        reference: Some(r.label.clone()),
                    },
                );
            }
        }
        for u in body.into_iter().flatten() {
            add(
                &mut index,
                &mut links,
                u,
                CitedBy {
                    path: d.path.clone(),
                    reference: None,
                },
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
                if let Some(d) = &doc.damaged {
                    errors.push(InputError::new(&doc.path, d.clone()));
                }
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
///
/// With the network, checking starts as soon as the documents are read: their citations are
/// read and the offline rules applied while the first requests are in flight, and each
/// reference gets its online findings the moment its last link is checked, so that a large
/// document costs little more than its slowest host.
pub fn run_with_policy(
    sources: &[Source],
    opts: &Options,
    net: Option<&NetOptions>,
    policy: &Policy,
    generated_at: String,
) -> Result<RunOutcome, String> {
    let Some(net) = net else {
        let (mut report, errors) = run(sources, opts, generated_at);
        for l in &mut report.links {
            if let Some(why) = ignore_reason(policy, &l.url) {
                l.reason = Some(why);
            }
        }
        return Ok(RunOutcome {
            report: apply_policy(report, policy),
            errors,
            warnings: Vec::new(),
            network_unavailable: None,
        });
    };
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match read_source(s, opts.input_format) {
            Ok(doc) => {
                // a damaged input is reported as far as it could be read, and is an input error
                if let Some(d) = &doc.damaged {
                    errors.push(InputError::new(&doc.path, d.clone()));
                }
                docs.push(doc);
            }
            Err(e) => errors.push(e),
        }
    }
    // the distinct DOIs of the notes (as the citations will carry them), less the ignored ones
    let dois = cited_dois(&docs, net, policy);
    // what to check: the distinct URLs of the notes (as the citations will carry them) and
    // of the bodies, less the ignored ones and the DOI links whose DOI is looked up
    let mut seen: HashMap<&str, ()> = HashMap::default();
    let reqs: Vec<LinkRequest> = docs
        .iter()
        .flat_map(|d| d.notes.iter().flat_map(|n| &n.urls).chain(&d.body_urls))
        .filter(|u| seen.insert(u.url.as_str(), ()).is_none())
        .filter(|u| policy.ignored_url(&u.url).is_none())
        // a fragment of a URL that a blank broke is never checked as a link
        .filter(|u| !broken(u))
        .filter(|u| dois.as_doi(&u.url).is_none())
        .map(|u| LinkRequest { url: u.url.clone() })
        .collect();
    drop(seen);
    let (dates_to_come, dates) = CitedDates::later();
    let (as_checked, checked) = mpsc::channel::<(usize, Checked)>();

    let bodies: Vec<Vec<String>> = docs
        .iter()
        .map(|d| d.body_urls.iter().map(|u| u.url.clone()).collect())
        .collect();

    let (reports, mut links, outcome, mut online) = std::thread::scope(|scope| {
        let reqs = &reqs;
        let asked = &dois.requests;
        let checking = scope.spawn(move || check_all(reqs, asked, dates, net, Some(as_checked)));
        // each document let go once its citations are read, as in an offline run
        let reports: Vec<DocumentReport> =
            docs.into_iter().map(|d| check_document(&d, opts)).collect();
        dates_to_come.send(cited_dates(&reports));
        let mut links = collect_links(&reports, &bodies);
        let mut online = Online::new(&reports, reqs, &mut links, net.archive);
        for (i, c) in checked {
            online.arrived(i, c);
        }
        let outcome = checking
            .join()
            .unwrap_or_else(|_| Err("the network check stopped unexpectedly".to_string()));
        let online = online.finish();
        (reports, links, outcome, online)
    });
    let mut outcome = outcome?;
    let mut documents = reports;
    // each DOI's result, by its key
    let doi_results: HashMap<String, DoiChecked> = std::mem::take(&mut outcome.dois)
        .into_iter()
        .filter_map(|(i, c)| Some((doi::key(&dois.requests.get(i)?.doi), c)))
        .collect();
    let no_links: HashMap<&str, &Checked> = HashMap::default();
    let no_dois: HashMap<String, DoiChecked> = HashMap::default();
    // the results not yet in `links`, by URL as written: the cache's, and those a reference
    // still waits on (one of its links never came)
    let mut results: HashMap<&str, Checked> = online.results;
    for (i, c) in outcome.results {
        if let Some(r) = reqs.get(i) {
            results.insert(r.url.as_str(), c);
        }
    }
    if outcome.network_unavailable.is_none() {
        for (d, doc) in documents.iter_mut().enumerate() {
            let mut found = Vec::new();
            for (r, reference) in doc.references.iter().enumerate() {
                // the references whose links all came back while the others were checked
                // have their findings already; the rest (cached, skipped, ignored links) now
                match online
                    .done
                    .get_mut(d)
                    .and_then(|fs| fs.get_mut(r))
                    .and_then(Option::take)
                {
                    Some(early) => found.extend(early),
                    None => {
                        let ignored: Vec<(&str, Checked)> = reference
                            .urls
                            .iter()
                            .filter_map(|u| {
                                let why = ignore_reason(policy, &u.url)?;
                                Some((u.url.as_str(), Checked::bare(LinkStatus::Skipped, why)))
                            })
                            .collect();
                        let by_url: HashMap<&str, &Checked> = reference
                            .urls
                            .iter()
                            .filter_map(|u| Some((u.url.as_str(), results.get(u.url.as_str())?)))
                            .chain(ignored.iter().map(|(u, c)| (*u, c)))
                            .collect();
                        found.extend(check_online(&OnlineContext {
                            refs: std::slice::from_ref(reference),
                            links: &by_url,
                            dois: &no_dois,
                            archive: net.archive,
                        }));
                    }
                }
            }
            // the DOIs' findings, once every look-up is done
            found.extend(check_online(&OnlineContext {
                refs: &doc.references,
                links: &no_links,
                dois: &doi_results,
                archive: net.archive,
            }));
            doc.findings.extend(found);
            doc.findings.sort_by(crate::rules::by_position);
        }
    }
    // one result per link, the ignored ones skipped; moved into the report, not copied
    for (l, filled) in links.iter_mut().zip(online.filled) {
        if filled {
            continue;
        }
        let c = match ignore_reason(policy, &l.url).or_else(|| dois.link_reason(&l.url)) {
            Some(why) => Checked::bare(LinkStatus::Skipped, why),
            None => results
                .remove(l.url.as_str())
                .unwrap_or_else(|| Checked::bare(LinkStatus::Skipped, "not checked")),
        };
        fill_link(l, c);
    }
    drop(results);
    if outcome.network_unavailable.is_some() {
        // not a page of dead links: nothing could be verified
        for l in &mut links {
            if l.status != LinkStatus::Skipped {
                l.status = LinkStatus::Unreachable;
            }
        }
    }
    let doi_reports = dois.reports(&documents, doi_results);
    let mut report = Report::new(documents, links, generated_at);
    report.dois = doi_reports;
    Ok(RunOutcome {
        report: apply_policy(report, policy),
        errors,
        warnings: outcome.warnings,
        network_unavailable: outcome.network_unavailable,
    })
}

/// The distinct DOIs a run looks up (none with `--no-doi`), and the DOI links they stand for.
struct Dois {
    requests: Vec<DoiRequest>,
    /// [`doi::key`] → index in `requests`.
    index: HashMap<String, usize>,
}

impl Dois {
    /// The DOI looked up that a cited link names (`https://doi.org/10.…`), if any: such a link
    /// is not fetched again as a page.
    fn as_doi(&self, url: &str) -> Option<&str> {
        let d = doi_of_link(url)?;
        let i = *self.index.get(&doi::key(&d))?;
        self.requests.get(i).map(|r| r.doi.as_str())
    }

    /// Why a DOI link was not checked as a page.
    fn link_reason(&self, url: &str) -> Option<String> {
        self.as_doi(url)
            .map(|d| format!("looked up as the DOI {d} at the DOI resolver (see dois[])"))
    }

    /// The report's `dois[]`: each DOI looked up with its result and the notes citing it.
    fn reports(
        &self,
        docs: &[DocumentReport],
        mut results: HashMap<String, DoiChecked>,
    ) -> Vec<DoiReport> {
        let mut cited_by: Vec<Vec<CitedBy>> = vec![Vec::new(); self.requests.len()];
        for d in docs {
            for r in &d.references {
                let Some(i) = r.doi.as_deref().and_then(|x| self.index.get(&doi::key(x))) else {
                    continue;
                };
                if let Some(by) = cited_by.get_mut(*i) {
                    by.push(CitedBy {
                        path: d.path.clone(),
                        reference: Some(r.label.clone()),
                    });
                }
            }
        }
        self.requests
            .iter()
            .zip(cited_by)
            .map(|(req, cited_by)| {
                let c = results
                    .remove(&doi::key(&req.doi))
                    .unwrap_or_else(|| DoiChecked::bare(doi::DoiStatus::Skipped, "not looked up"));
                DoiReport {
                    doi: req.doi.clone(),
                    url: doi_url(&req.doi),
                    status: c.status,
                    http_status: c.http_status,
                    final_url: c.final_url,
                    registered: c.registered,
                    reason: (!c.reason.is_empty()).then_some(c.reason),
                    attempts: c.attempts,
                    elapsed_ms: c.elapsed_ms,
                    from_cache: c.from_cache,
                    checked_at: (!c.checked_at.is_empty()).then_some(c.checked_at),
                    cited_by,
                }
            })
            .collect()
    }
}

/// The distinct DOIs of the documents' notes (as their citations will carry them:
/// [`crate::cite::doi::note_doi`]), less those whose address (`https://doi.org/…`)
/// reflint.toml ignores; none when DOIs are not looked up.
fn cited_dois(docs: &[Document], net: &NetOptions, policy: &Policy) -> Dois {
    let mut dois = Dois {
        requests: Vec::new(),
        index: HashMap::default(),
    };
    if !net.doi {
        return dois;
    }
    for n in docs.iter().flat_map(|d| &d.notes) {
        let Some(d) = crate::cite::doi::note_doi(n) else {
            continue;
        };
        let key = doi::key(&d);
        if dois.index.contains_key(&key) || policy.ignored_url(&doi_url(&d)).is_some() {
            continue;
        }
        dois.index.insert(key, dois.requests.len());
        dois.requests.push(DoiRequest { doi: d });
    }
    dois
}

/// Why reflint.toml ignores `url`, if it does.
fn broken(u: &crate::model::UrlRef) -> bool {
    u.problem
        .as_deref()
        .is_some_and(|p| p.starts_with(crate::extract::urls::BROKEN))
}

fn ignore_reason(policy: &Policy, url: &str) -> Option<String> {
    policy.ignored_url(url).map(|why| format!("ignored: {why}"))
}

/// The date each URL is first cited with, for the archive look-up: as InternetArchiveBot
/// does, the date the citation says it was accessed, else the date it was published.
fn cited_dates(reports: &[DocumentReport]) -> DateMap {
    let mut dates = DateMap::default();
    for d in reports {
        for r in &d.references {
            for (i, u) in r.urls.iter().enumerate() {
                if dates.contains_key(&u.url) {
                    continue;
                }
                let published = r.url_dates.get(i).copied().flatten().or(r.date);
                if let Some(date) = r.accessed.or(published) {
                    dates.insert(u.url.clone(), date);
                }
            }
        }
    }
    dates
}

/// The online findings of each reference, worked out as the results come in: a reference's
/// are due when the last of its links is checked, and a result goes into its link's report
/// entry as soon as no reference waits for it, so that a run holds each result once.
struct Online<'d, 'r, 'l> {
    reports: &'d [DocumentReport],
    reqs: &'r [LinkRequest],
    links: &'l mut [LinkReport],
    archive: bool,
    /// Request index → the (document, reference) pairs citing that URL.
    citing: Vec<Vec<(usize, usize)>>,
    /// Request index → its entry in `links`.
    link_of: Vec<Option<usize>>,
    /// Per document and reference: links still to come (a reference with a link that never
    /// comes, cached, skipped or ignored, is done after the run).
    pending: Vec<Vec<usize>>,
    /// Results that a reference still waiting for another link needs, by URL as written.
    results: HashMap<&'r str, Checked>,
    /// Per entry of `links`: its result is in.
    filled: Vec<bool>,
    /// Per document and reference: the online findings, once due.
    done: Vec<Vec<Option<Vec<Finding>>>>,
}

/// What [`Online`] holds once the run is over.
struct Arrived<'r> {
    /// Results still waited for by a reference (one of its links never came).
    results: HashMap<&'r str, Checked>,
    filled: Vec<bool>,
    done: Vec<Vec<Option<Vec<Finding>>>>,
}

impl<'d, 'r, 'l> Online<'d, 'r, 'l> {
    fn new(
        reports: &'d [DocumentReport],
        reqs: &'r [LinkRequest],
        links: &'l mut [LinkReport],
        archive: bool,
    ) -> Self {
        let index: HashMap<&str, usize> = reqs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.url.as_str(), i))
            .collect();
        let mut citing = vec![Vec::new(); reqs.len()];
        let mut pending = Vec::with_capacity(reports.len());
        for (d, doc) in reports.iter().enumerate() {
            let mut counts = Vec::with_capacity(doc.references.len());
            for (r, reference) in doc.references.iter().enumerate() {
                for u in &reference.urls {
                    if let Some(by) = index.get(u.url.as_str()).and_then(|&i| citing.get_mut(i)) {
                        by.push((d, r));
                    }
                }
                counts.push(reference.urls.len());
            }
            pending.push(counts);
        }
        let mut link_of = vec![None; reqs.len()];
        for (j, l) in links.iter().enumerate() {
            if let Some(slot) = index.get(l.url.as_str()).and_then(|&i| link_of.get_mut(i)) {
                *slot = Some(j);
            }
        }
        Online {
            reports,
            reqs,
            archive,
            citing,
            link_of,
            done: pending.iter().map(|p| vec![None; p.len()]).collect(),
            pending,
            results: HashMap::default(),
            filled: vec![false; links.len()],
            links,
        }
    }

    /// Result `i` came in: the references it completes get their findings.
    fn arrived(&mut self, i: usize, c: Checked) {
        let (Some(req), Some(citing)) = (self.reqs.get(i), self.citing.get_mut(i)) else {
            return;
        };
        let citing = std::mem::take(citing);
        self.results.insert(req.url.as_str(), c);
        for &(d, r) in &citing {
            let Some(left) = self.pending.get_mut(d).and_then(|p| p.get_mut(r)) else {
                continue;
            };
            *left = left.saturating_sub(1);
            if *left > 0 {
                continue;
            }
            let Some(reference) = self.reports.get(d).and_then(|doc| doc.references.get(r)) else {
                continue;
            };
            let links: HashMap<&str, &Checked> = reference
                .urls
                .iter()
                .filter_map(|u| Some((u.url.as_str(), self.results.get(u.url.as_str())?)))
                .collect();
            let found = check_online(&OnlineContext {
                refs: std::slice::from_ref(reference),
                links: &links,
                dois: &HashMap::default(),
                archive: self.archive,
            });
            if let Some(slot) = self.done.get_mut(d).and_then(|fs| fs.get_mut(r)) {
                *slot = Some(found);
            }
        }
        // kept whole only while a reference citing it still waits for another link
        let waiting = |&(d, r): &(usize, usize)| {
            self.pending
                .get(d)
                .and_then(|p| p.get(r))
                .is_some_and(|&left| left > 0)
        };
        if citing.iter().any(waiting) {
            return;
        }
        let Some(j) = self.link_of.get(i).copied().flatten() else {
            return;
        };
        if let (Some(c), Some(link), Some(filled)) = (
            self.results.remove(req.url.as_str()),
            self.links.get_mut(j),
            self.filled.get_mut(j),
        ) {
            fill_link(link, c);
            *filled = true;
        }
    }

    fn finish(self) -> Arrived<'r> {
        Arrived {
            results: self.results,
            filled: self.filled,
            done: self.done,
        }
    }
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
        dois,
        generated_at,
        ..
    } = report;
    let mut report = Report::new(documents, links, generated_at);
    report.dois = dois;
    for (d, fps) in report.documents.iter_mut().zip(fingerprints) {
        for (f, fp) in d.findings.iter_mut().zip(fps) {
            f.fingerprint = fp;
        }
        crate::report::story::link_related(d);
    }
    report
}

/// Copies a check's result into the report's link entry.
fn fill_link(l: &mut LinkReport, c: Checked) {
    l.status = c.status;
    l.http_status = c.http_status;
    l.final_url = c.final_url;
    l.redirects = c.redirects;
    l.page = c.page.map(|p| PageMeta {
        published: p.published.map(|d| d.to_string()),
        published_evidence: p
            .published
            .map(|_| if p.published_strong { "strong" } else { "weak" }),
        title: p.title,
        language: p.language,
        title_from: p.title_from,
        published_from: p.published_from,
    });
    l.archive = c.archive;
    l.attempts = c.attempts;
    l.elapsed_ms = c.elapsed_ms;
    l.from_cache = c.from_cache;
    l.checked_at = (!c.checked_at.is_empty()).then_some(c.checked_at);
    l.reason = (!c.reason.is_empty()).then_some(c.reason);
}
