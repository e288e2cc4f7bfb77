//! The online phase of a run: every distinct URL checked once, politely, with cache look-ups
//! before and cache writes as results come in, and a progress bar on stderr.
//!
//! Links are grouped by the host they are first sent to; each host gets as many workers as
//! it may have requests in flight, so that waiting links cost a queue entry, not a suspended
//! request, and memory stays flat however many links a run has.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap as HashMap;
use tokio::sync::OnceCell;
use url::Url;

use super::classify::{
    classify, judge_by_content, judge_without_content, probe_verdict, probes_for, PlannedProbe,
    Probe, ProbeAnswer,
};
use super::doi::{self, DoiChecked, DoiRequest};
use super::fetch::Chain;
use super::hosts::{self, follow, follow_retried, Clients};
use super::page::{parse_page_for_run, parse_page_with_evidence, visible_text_shingles, PageInfo};
use super::progress::Progress;
use super::record::{self, Recorded};
use super::schedule::Scheduler;
use super::{host_key, remap, Checked, NetOptions};
use crate::cite::dates::PartialDate;
use crate::links::LinkStatus;
use crate::store::Store;

/// One URL to check.
#[derive(Clone, Debug)]
pub struct LinkRequest {
    /// As written in the document.
    pub url: String,
}

/// The date each URL (as written) is first cited with, for the archive look-up. A run reads
/// its citations while the first requests are in flight, so the dates may come after the
/// URLs: a look-up waits for them ([`CitedDates::later`]).
#[derive(Clone)]
pub struct CitedDates(tokio::sync::watch::Receiver<Option<Arc<DateMap>>>);

/// URL as written → the date it is cited with.
pub type DateMap = HashMap<String, PartialDate>;

/// Gives [`CitedDates`] their dates once the citations are read.
pub struct DatesToCome(tokio::sync::watch::Sender<Option<Arc<DateMap>>>);

impl CitedDates {
    /// Dates that will be known later: a look-up waits until [`DatesToCome::send`] (or goes
    /// without a date if the sender is dropped unsent).
    pub fn later() -> (DatesToCome, CitedDates) {
        let (tx, rx) = tokio::sync::watch::channel(None);
        (DatesToCome(tx), CitedDates(rx))
    }

    /// The date `url` is cited with, waiting for the dates if they are still to come.
    async fn of(&self, url: &str) -> Option<PartialDate> {
        let mut rx = self.0.clone();
        let dates = rx.wait_for(Option::is_some).await.ok()?.clone()?;
        dates.get(url).copied()
    }
}

impl DatesToCome {
    pub fn send(self, dates: DateMap) {
        // no receiver left: nobody needs them
        let _ = self.0.send(Some(Arc::new(dates)));
    }
}

/// The results of the online phase, in the order of the requests.
pub struct NetOutcome {
    /// The results not handed to `as_checked` (all of them without it), each with the index
    /// of its request; a request never answered has none.
    pub results: Vec<(usize, Checked)>,
    /// Set when no request could connect at all: the message to print.
    pub network_unavailable: Option<String>,
    /// Cache problems and the like, one line each.
    pub warnings: Vec<String>,
    /// One result per DOI request, each with the index of its request (from the cache or
    /// looked up).
    pub dois: Vec<(usize, DoiChecked)>,
}

/// A result handed back by a task: a link's or a DOI's, with its request's index.
// most results are links' (the large variant): boxing them would cost an allocation each
#[allow(clippy::large_enum_variant)]
enum Done {
    Link(usize, Checked),
    Doi(usize, DoiChecked),
}

/// What the fetched results say of the run as a whole, counted as they come.
#[derive(Default)]
struct Tally {
    /// Results of links that were sent (links the guard refused say nothing of the network).
    fetched: usize,
    /// Results for which no connection could be made at all.
    unconnected: usize,
    first_unconnected: Option<String>,
    /// Links the private-address guard refused.
    refused: usize,
    first_refused: Option<String>,
}

impl Tally {
    fn add(&mut self, c: &Checked) {
        self.fetched += usize::from(c.status != LinkStatus::Skipped);
        if c.connect_failed {
            self.unconnected += 1;
            self.first_unconnected
                .get_or_insert_with(|| c.reason.clone());
        }
        if c.refused {
            self.refused += 1;
            self.first_refused.get_or_insert_with(|| c.reason.clone());
        }
    }
}

/// One host and path shape's probe, fetched by whichever link asks first.
type ProbeCell = Arc<OnceCell<Option<Arc<Probe>>>>;

struct Shared {
    clients: Clients,
    dates: CitedDates,
    sched: Scheduler,
    opts: NetOptions,
    /// The options of DOI look-ups ([`doi::lookup_options`]).
    doi_opts: NetOptions,
    probes: Mutex<HashMap<String, ProbeCell>>,
    readers: Readers,
    /// Fetched pages not yet read, in KiB of [`UNREAD_BUDGET_KIB`]: a worker waits for room
    /// before it hands a page on, so that pages (up to 2 MB each) cannot pile up when reading
    /// falls behind fetching.
    unread: Arc<tokio::sync::Semaphore>,
}

/// The most fetched page text waiting to be read at once, in KiB. Counted in bytes, not pages:
/// when a round of answers arrives together (200 hosts × 2 in flight), a few hundred small
/// pages must not make the next requests wait, while a handful of 2 MB pages must.
const UNREAD_BUDGET_KIB: u32 = 32 * 1024;

/// A page to read and where its [`PageInfo`] goes.
/// A piece of page work for a reader thread; it sends its own answer.
type ReadJob = Box<dyn FnOnce() + Send>;

/// Threads that read pages, apart from the runtime's: reading a page costs about 50 µs of
/// CPU, and when every host answers at once, pages read on the runtime's threads would hold
/// up the sockets behind them (the next requests, the next answers). The kernel gives a
/// runtime thread woken by a socket its turn promptly; tokio could not preempt a reading
/// task. (`spawn_blocking` would start a thread per page in such a burst.)
struct Readers {
    jobs: Option<mpsc::Sender<ReadJob>>,
}

impl Readers {
    fn start(threads: usize) -> Readers {
        let (tx, rx) = mpsc::channel::<ReadJob>();
        let rx = Arc::new(Mutex::new(rx));
        let mut started = 0;
        for n in 0..threads.max(1) {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("reflint-read-{n}"))
                .spawn(move || loop {
                    let job = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok(job) = job else { break };
                    job();
                });
            started += usize::from(spawned.is_ok());
        }
        Readers {
            jobs: (started > 0).then_some(tx),
        }
    }

    /// Runs `work` on a reader thread (in place if none could start) and waits for it.
    async fn run<T: Send + Default + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> T {
        let Some(jobs) = &self.jobs else {
            return work();
        };
        let (back, answer) = tokio::sync::oneshot::channel();
        let job: ReadJob = Box::new(move || {
            let _ = back.send(work());
        });
        // the threads are gone: the job comes back unrun, and is done here
        if let Err(mpsc::SendError(job)) = jobs.send(job) {
            job();
        }
        answer.await.unwrap_or_default()
    }

    /// Reads `body`, fetched from `url`: what every link needs ([`parse_page_for_run`]), and
    /// the page's visible text for a later comparison with a probe.
    /// With `evidence`, every date the page gives is listed, as `reflint inspect` shows them.
    async fn read(&self, body: String, url: &Url, evidence: bool) -> (PageInfo, String) {
        let url = url.as_str().to_string();
        self.run(move || {
            if evidence {
                parse_page_with_evidence(&body, Some(&url))
            } else {
                parse_page_for_run(&body, Some(&url))
            }
        })
        .await
    }

    /// The fingerprint of the page `body`, fetched from `url` (a probe's answer), in one job.
    async fn page_shingles(&self, body: String, url: &Url) -> Vec<u64> {
        let url = url.as_str().to_string();
        self.run(move || visible_text_shingles(&parse_page_for_run(&body, Some(&url)).1))
            .await
    }

    /// The fingerprint of a page's visible text.
    async fn shingles(&self, text: String) -> Vec<u64> {
        self.run(move || visible_text_shingles(&text)).await
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Checks every URL of `reqs`. Each result fetched (not those from the cache or skipped) is
/// also sent to `as_checked` the moment it is known, so that a caller can work on it while
/// the other links are still being checked.
pub fn check_links(
    reqs: &[LinkRequest],
    dates: CitedDates,
    opts: &NetOptions,
    as_checked: Option<mpsc::Sender<(usize, Checked)>>,
) -> Result<NetOutcome, String> {
    check_all(reqs, &[], dates, opts, as_checked)
}

/// [`check_links`], and every DOI of `dois` looked up at the resolver alongside, through the
/// same clients, scheduler, retries and cache ([`doi::look_up`]); their results come back
/// together in [`NetOutcome::dois`].
pub fn check_all(
    reqs: &[LinkRequest],
    dois: &[DoiRequest],
    dates: CitedDates,
    opts: &NetOptions,
    as_checked: Option<mpsc::Sender<(usize, Checked)>>,
) -> Result<NetOutcome, String> {
    let mut warnings = Vec::new();
    let mut results: Vec<(usize, Checked)> = Vec::new();
    // what is skipped, what the cache knows, what must be fetched
    let mut store = match &opts.cache {
        Some(path) => match Store::open(path) {
            Ok((s, w)) => {
                warnings.extend(w);
                Some(s)
            }
            Err(e) => {
                warnings.push(format!("running without a cache: {e}"));
                None
            }
        },
        None => None,
    };
    let not_before = chrono::Utc::now()
        - chrono::Duration::from_std(opts.max_cache_age).unwrap_or(chrono::Duration::days(1));
    let mut todo: Vec<(usize, Url, String)> = Vec::new();
    for (i, r) in reqs.iter().enumerate() {
        let skipped = |why: &str| (i, Checked::bare(LinkStatus::Skipped, why));
        let Ok(url) = Url::parse(&r.url) else {
            results.push(skipped("not a valid URL"));
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") {
            results.push(skipped("not an http(s) URL"));
            continue;
        }
        if opts.exclude.iter().any(|re| re.is_match(&r.url))
            && !opts.include.iter().any(|re| re.is_match(&r.url))
        {
            results.push(skipped("excluded"));
            continue;
        }
        let target = cache_target(opts, remap(&opts.remaps, &r.url));
        if let Some(s) = &store {
            match s.get(&r.url, &target, not_before) {
                Ok(Some(hit)) => {
                    if let Ok(mut c) = serde_json::from_str::<Checked>(&hit.payload) {
                        c.from_cache = true;
                        results.push((i, c));
                        continue;
                    }
                }
                Ok(None) => {}
                Err(e) => warnings.push(format!("cache read failed: {e}")),
            }
        }
        todo.push((i, url, target));
    }

    // the DOIs: the same cache, keyed by the address asked and the media type
    let doi_opts = doi::lookup_options(opts);
    let (mut doi_results, doi_todo) =
        doi::from_cache(dois, &doi_opts, store.as_ref(), not_before, &mut warnings);

    // results are written to the cache as they come, by one thread that owns the file
    let (tx, writer) = match store.take().map(record::start) {
        Some((tx, w)) => (Some(tx), Some(w)),
        None => (None, None),
    };
    let total = todo.len() + doi_todo.len();
    let progress = Arc::new(Progress::start(opts.progress, total));

    let shared = Arc::new(Shared {
        clients: Clients::new(opts)?,
        dates,
        sched: Scheduler::with_hosts(
            opts.max_concurrency,
            opts.host_concurrency,
            opts.host_interval,
            opts.hosts.clone(),
        ),
        opts: opts.clone(),
        doi_opts,
        probes: Mutex::new(HashMap::default()),
        readers: Readers::start(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        ),
        unread: Arc::new(tokio::sync::Semaphore::new(UNREAD_BUDGET_KIB as usize)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;

    // group by the host each link is first sent to
    let mut groups: HashMap<String, VecDeque<(usize, Url, String)>> = HashMap::default();
    let mut targets: Vec<Option<String>> = vec![None; reqs.len()];
    let mut order: Vec<String> = Vec::new();
    for (i, url, target) in todo {
        let key = Url::parse(&remap(&opts.remaps, url.as_str()))
            .map(|t| host_key(&t))
            .unwrap_or_default();
        let q = groups.entry(key.clone()).or_insert_with(|| {
            shared.sched.bind(&key, &host_key(&url));
            order.push(key);
            VecDeque::new()
        });
        let written = reqs.get(i).map(|r| r.url.clone()).unwrap_or_default();
        q.push_back((i, url, written));
        if let Some(t) = targets.get_mut(i) {
            *t = Some(target);
        }
    }

    // the DOIs, grouped alike by the host their look-up is first sent to
    let mut doi_groups: HashMap<String, VecDeque<(usize, Url)>> = HashMap::default();
    let mut doi_targets: Vec<Option<(String, String)>> = vec![None; dois.len()];
    for (i, url, target) in doi_todo {
        let key = Url::parse(&remap(&shared.doi_opts.remaps, url.as_str()))
            .map(|t| host_key(&t))
            .unwrap_or_default();
        shared.sched.bind(&key, &host_key(&url));
        if let Some(t) = doi_targets.get_mut(i) {
            *t = Some((url.as_str().to_string(), target));
        }
        doi_groups.entry(key).or_default().push_back((i, url));
    }

    let mut tally = Tally::default();
    let (fresh, fresh_dois) = runtime.block_on(async {
        let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<Done>();
        let ticker = {
            let progress = progress.clone();
            let shared = shared.clone();
            tokio::spawn(async move {
                loop {
                    let gauges = &shared.sched.gauges;
                    progress.tick(
                        gauges.hosts_busy.load(Ordering::Relaxed),
                        gauges.retries_waiting.load(Ordering::Relaxed),
                        || shared.sched.busy_hosts(),
                    );
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
        };
        for key in order {
            let Some(queue) = groups.remove(&key) else {
                continue;
            };
            let workers = shared.sched.limit(&key).min(queue.len());
            // a host with more links than slots: ask its random path alongside the first
            // links, so that they do not wait for it one after the other
            if queue.len() > workers {
                if let Some(first) = queue
                    .front()
                    .and_then(|(_, u, _)| probes_for(u).into_iter().next())
                {
                    let shared = shared.clone();
                    tokio::spawn(async move { probe_of(&shared, &first).await });
                }
            }
            let queue = Arc::new(Mutex::new(queue));
            for _ in 0..workers {
                let queue = queue.clone();
                let shared = shared.clone();
                let done = done_tx.clone();
                tokio::spawn(async move {
                    loop {
                        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop_front();
                        let Some((i, url, written)) = next else { break };
                        // boxed: a waiting worker holds a pointer, not a whole request's state
                        let fetched = Box::pin(fetch_one(&shared, &url)).await;
                        let kib = fetched.unread_kib();
                        let Ok(slot) = shared.unread.clone().acquire_many_owned(kib).await else {
                            break;
                        };
                        // the page is read (and the probe and archive asked) in a task of its
                        // own, so that the host's next request starts now: with every host
                        // answering at once, reading in line would hold up the next round
                        let (shared, done) = (shared.clone(), done.clone());
                        tokio::spawn(async move {
                            let checked =
                                Box::pin(finish_one(&shared, url, &written, fetched, slot)).await;
                            let _ = done.send(Done::Link(i, checked));
                        });
                    }
                });
            }
        }
        // each resolver host gets as many workers as it may have look-ups in flight
        for (key, queue) in doi_groups {
            let queue = Arc::new(Mutex::new(queue));
            for _ in 0..shared.sched.limit(&key) {
                let (queue, shared, done) = (queue.clone(), shared.clone(), done_tx.clone());
                tokio::spawn(async move {
                    loop {
                        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop_front();
                        let Some((i, url)) = next else { break };
                        let s = &shared;
                        let c =
                            Box::pin(doi::look_up(&s.clients, &s.sched, &s.doi_opts, &url)).await;
                        let _ = done.send(Done::Doi(i, c));
                    }
                });
            }
        }
        drop(done_tx);
        let mut out = Vec::new();
        let mut doi_out = Vec::new();
        while let Some(done) = done_rx.recv().await {
            progress.inc();
            let (i, c) = match done {
                Done::Link(i, c) => (i, c),
                Done::Doi(i, c) => {
                    if let (Some(Some((url, target))), Some(tx)) = (doi_targets.get(i), &tx) {
                        let _ = tx.send((url.clone(), target.clone(), Recorded::Doi(c.clone())));
                    }
                    doi_out.push((i, c));
                    continue;
                }
            };
            tally.add(&c);
            if let (Some(r), Some(Some(target)), Some(tx)) = (reqs.get(i), targets.get(i), &tx) {
                let _ = tx.send((r.url.clone(), target.clone(), Recorded::Link(c.clone())));
            }
            // handed over, not kept: a run of 100,000 links holds each result once
            let kept = match &as_checked {
                Some(to) => to.send((i, c)).err().map(|mpsc::SendError(x)| x),
                None => Some((i, c)),
            };
            out.extend(kept);
        }
        ticker.abort();
        (out, doi_out)
    });
    progress.finish();
    drop(tx);
    if let Some(w) = writer {
        match w.join() {
            Ok(Some(msg)) => warnings.push(msg),
            Ok(None) => {}
            Err(_) => warnings.push("the cache writer stopped unexpectedly".to_string()),
        }
    }
    // a runtime dropped with idle connections can take a moment; do not wait for it
    runtime.shutdown_background();

    let Tally {
        fetched,
        unconnected,
        first_unconnected,
        refused,
        first_refused,
    } = tally;
    let network_unavailable = (fetched > 0 && unconnected == fetched).then(|| {
        format!(
            "the network is unavailable: no connection could be made for any of the {fetched} links ({}); links were not checked",
            first_unconnected.unwrap_or_default()
        )
    });
    // said once, so that a run whose links were refused does not look like one that checked
    // them (the reports give each link's reason)
    if let Some(first) = first_refused {
        let what = if refused == 1 {
            "link not checked: it leads to an address that is not public"
        } else {
            "links not checked: they lead to addresses that are not public"
        };
        warnings.push(format!("{refused} {what} ({first})"));
    }
    results.extend(fresh);
    doi_results.extend(fresh_dois);
    Ok(NetOutcome {
        results,
        network_unavailable,
        warnings,
        dois: doi_results,
    })
}

/// The cache key's target for a request sent to `target`: results of a run with
/// `--allow-private` are kept apart, so that a run with the guard on never reads a private
/// page's title or date out of the cache that it would have refused to fetch.
pub(super) fn cache_target(opts: &NetOptions, target: String) -> String {
    if opts.allow_private {
        format!("{target} (allow-private)")
    } else {
        target
    }
}

/// What [`fetch_one`] got: the redirect chain, the number of attempts, when it started.
struct Fetched {
    chain: Chain,
    attempts: u32,
    started: Instant,
}

impl Fetched {
    /// The room the page takes while it waits to be read, in KiB (at least 1, at most the
    /// whole budget).
    fn unread_kib(&self) -> u32 {
        let bytes = match &self.chain.outcome {
            Ok(a) => a.body.as_ref().map_or(0, String::len),
            Err(_) => 0,
        };
        u32::try_from(bytes / 1024 + 1)
            .unwrap_or(u32::MAX)
            .min(UNREAD_BUDGET_KIB)
    }
}

/// The network half of checking one URL: redirects followed, transient failures retried with
/// exponential backoff and jitter (or the server's `Retry-After`).
async fn fetch_one(shared: &Arc<Shared>, url: &Url) -> Fetched {
    let started = Instant::now();
    let (chain, attempts) =
        follow_retried(&shared.clients, &shared.sched, &shared.opts, url, None).await;
    Fetched {
        chain,
        attempts,
        started,
    }
}

/// The reading half: the page read (then its `unread` slot freed), the probe consulted, and
/// the archive asked when the link no longer leads to what was cited.
async fn finish_one(
    shared: &Arc<Shared>,
    url: Url,
    written: &str,
    fetched: Fetched,
    slot: tokio::sync::OwnedSemaphorePermit,
) -> Checked {
    let opts = &shared.opts;
    let Fetched {
        mut chain,
        attempts,
        started,
    } = fetched;
    let is_2xx = matches!(&chain.outcome, Ok(a) if (200..300).contains(&a.status));
    let body = match &mut chain.outcome {
        Ok(a) if is_2xx => a.body.take(),
        _ => None,
    };
    let (page, text) = match body {
        Some(b) => {
            let (page, text) = shared
                .readers
                .read(b, &chain.last, shared.opts.date_evidence)
                .await;
            (Some(page), text)
        }
        None => (None, String::new()),
    };
    drop(slot);
    let mut c = classify(&url, &chain, page);
    if is_2xx && matches!(c.status, LinkStatus::Alive | LinkStatus::Redirected) {
        if let Some(why) = probe_verdict_of(shared, &url, &chain, text).await {
            c.status = LinkStatus::Soft404;
            c.reason = why;
        }
    }
    if opts.archive
        && matches!(
            c.status,
            LinkStatus::Dead | LinkStatus::Soft404 | LinkStatus::Unreachable
        )
        && !c.connect_failed
    {
        let cited = shared.dates.of(written).await;
        let answer = hosts::archive_lookup(
            &shared.clients,
            &shared.sched,
            opts,
            url.as_str(),
            cited.as_ref(),
        )
        .await;
        c.archive_answered = answer.is_some();
        c.archive = answer.flatten();
    }
    c.attempts = attempts;
    c.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    c.checked_at = now_rfc3339();
    c
}

/// Compares the page with what its host serves for other addresses of the same shape (the
/// probes of [`probes_for`], each fetched once per host and shape and shared by every link of
/// that shape, and only when [`probe_verdict`] needs it).
async fn probe_verdict_of(
    shared: &Arc<Shared>,
    url: &Url,
    chain: &Chain,
    text: String,
) -> Option<String> {
    let plan = probes_for(url);
    let mut judged = Vec::new();
    // the page's fingerprint, worked out from its visible text when a probe's answer must be
    // compared with it, and only then
    let mut text = Some(text);
    let mut shingles = Vec::new();
    loop {
        match probe_verdict(&plan, &judged) {
            Ok(verdict) => return verdict,
            Err(kind) => {
                let planned = plan.iter().find(|p| p.kind == kind)?;
                let verdict = match probe_of(shared, planned).await {
                    Some(probe) => match judge_without_content(chain, &probe) {
                        ProbeAnswer::Clear => None,
                        ProbeAnswer::Same(why) => Some(why),
                        ProbeAnswer::Compare => {
                            if let Some(text) = text.take() {
                                shingles = shared.readers.shingles(text).await;
                            }
                            judge_by_content(&shingles, &probe)
                        }
                    },
                    None => None,
                };
                judged.push((kind, verdict));
            }
        }
    }
}

/// What the host serves for one probe's address: fetched once per key, then remembered for
/// the run.
async fn probe_of(shared: &Arc<Shared>, planned: &PlannedProbe) -> Option<Arc<Probe>> {
    let cell = {
        let mut probes = shared.probes.lock().unwrap_or_else(|p| p.into_inner());
        probes.entry(planned.key.clone()).or_default().clone()
    };
    let probe_url = &planned.url;
    cell.get_or_init(|| async {
        let chain = follow(&shared.clients, &shared.sched, &shared.opts, probe_url).await;
        let (status, body) = match chain.outcome {
            Ok(a) => (Some(a.status), a.body),
            Err(_) => (None, None),
        };
        let shingles = match body {
            Some(b) => shared.readers.page_shingles(b, probe_url).await,
            None => Vec::new(),
        };
        Some(Arc::new(Probe {
            url: probe_url.clone(),
            status,
            last: chain.last,
            redirected: !chain.hops.is_empty(),
            shingles,
        }))
    })
    .await
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::fetch::Answer;

    fn fetched_with(body: Option<String>) -> Fetched {
        Fetched {
            chain: Chain {
                hops: Vec::new(),
                last: Url::parse("http://example.test/").expect("url"),
                outcome: Ok(Answer {
                    status: 200,
                    body,
                    ..Answer::default()
                }),
                loop_or_cap: None,
            },
            attempts: 1,
            started: Instant::now(),
        }
    }

    #[test]
    fn allow_private_results_are_cached_apart() {
        let guarded = NetOptions::default();
        let open = NetOptions {
            allow_private: true,
            ..NetOptions::default()
        };
        let t = "http://intranet.example/".to_string();
        assert_eq!(cache_target(&guarded, t.clone()), t);
        assert_ne!(cache_target(&open, t.clone()), t);
    }

    #[test]
    fn unread_pages_are_counted_by_size() {
        assert_eq!(fetched_with(None).unread_kib(), 1);
        assert_eq!(fetched_with(Some("x".repeat(3000))).unread_kib(), 3);
        assert_eq!(
            fetched_with(Some("x".repeat(2 * 1024 * 1024))).unread_kib(),
            2049
        );
        // never more than the whole budget, so a page can always be handed on
        let huge = "x".repeat((UNREAD_BUDGET_KIB as usize + 10) * 1024);
        assert_eq!(fetched_with(Some(huge)).unread_kib(), UNREAD_BUDGET_KIB);
    }

    #[test]
    fn dates_to_come_are_waited_for() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let date: PartialDate = "2019-03-08".parse().expect("date");
        let mut map = DateMap::default();
        map.insert("http://a.test/".to_string(), date);
        // already sent
        let (to_come, known) = CitedDates::later();
        to_come.send(map.clone());
        assert_eq!(rt.block_on(known.of("http://a.test/")), Some(date));
        assert_eq!(rt.block_on(known.of("http://b.test/")), None);
        // sent while a look-up waits
        let (to_come, later) = CitedDates::later();
        let waiting = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(later.of("http://a.test/"))
        });
        std::thread::sleep(Duration::from_millis(50));
        to_come.send(map);
        assert_eq!(waiting.join().expect("join"), Some(date));
        // never sent: no date, and no hang
        let (to_come, never) = CitedDates::later();
        drop(to_come);
        assert_eq!(rt.block_on(never.of("http://a.test/")), None);
    }
}
