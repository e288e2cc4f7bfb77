//! The settings of particular hosts (`[hosts."example.com"]` in reflint.toml) applied to
//! requests: a host with extra headers gets a client of its own, and a redirect chain picks
//! the client of each hop's host, so that a host's headers go to that host only. Limits and
//! spacing are the scheduler's ([`Scheduler::bind`] tells it which cited host a remapped
//! address stands for).
//!
//! Without host settings everything goes through [`fetch::follow`] and one client, as before.

use std::sync::atomic::Ordering;

use url::Url;

use super::classify::transient;
use super::fetch::{self, Chain, HttpClient};
use super::schedule::Scheduler;
use super::{archive, host_key, match_host, remap, NetOptions};
use crate::cite::dates::PartialDate;
use crate::links::Snapshot;

/// The clients of a run: the default one and one per host setting with headers.
pub struct Clients {
    default: HttpClient,
    /// (the setting's host, its client).
    by_host: Vec<(String, HttpClient)>,
}

impl Clients {
    /// Builds the default client (`--header`) and, for each host setting with headers, a
    /// client with `--header` and the host's headers (the host's replacing one of the same
    /// name).
    pub fn new(opts: &NetOptions) -> Result<Clients, String> {
        // connections kept per host: as many as the widest limit
        let widest = opts
            .hosts
            .iter()
            .filter_map(|h| h.concurrency)
            .fold(opts.host_concurrency, usize::max);
        let default = fetch::client(&NetOptions {
            host_concurrency: widest,
            hosts: Vec::new(),
            ..opts.clone()
        })?;
        let mut by_host = Vec::new();
        for h in opts.hosts.iter().filter(|h| !h.headers.is_empty()) {
            let mut headers = opts.headers.clone();
            headers.retain(|(k, _)| !h.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)));
            headers.extend(h.headers.iter().cloned());
            let client = fetch::client(&NetOptions {
                headers,
                host_concurrency: h.concurrency.unwrap_or(opts.host_concurrency),
                hosts: Vec::new(),
                ..opts.clone()
            })
            .map_err(|e| format!("[hosts.\"{}\"]: {e}", h.host))?;
            by_host.push((h.host.clone(), client));
        }
        Ok(Clients { default, by_host })
    }

    /// The client for a request to the logical URL `url` (as cited), sent to `target` (after
    /// the remaps): the setting that matches the cited host, else the target's.
    pub fn for_request(&self, opts: &NetOptions, url: &Url, target: Option<&Url>) -> &HttpClient {
        if self.by_host.is_empty() {
            return &self.default;
        }
        let setting = match_host(&opts.hosts, &host_key(url))
            .or_else(|| target.and_then(|t| match_host(&opts.hosts, &host_key(t))));
        setting
            .and_then(|s| self.by_host.iter().find(|(h, _)| *h == s.host))
            .map_or(&self.default, |(_, c)| c)
    }

    /// The client without any host's headers.
    pub fn default_client(&self) -> &HttpClient {
        &self.default
    }
}

/// Where a request for the logical `url` goes (after the remaps), if that is a valid URL.
fn target_of(opts: &NetOptions, url: &Url) -> Option<Url> {
    if opts.remaps.is_empty() {
        return Some(url.clone());
    }
    Url::parse(&remap(&opts.remaps, url.as_str())).ok()
}

/// Before a request: the client for it, and the scheduler told which cited host its target
/// address stands for.
fn prepare<'c>(
    clients: &'c Clients,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
) -> &'c HttpClient {
    let target = target_of(opts, url);
    if let Some(t) = &target {
        sched.bind(&host_key(t), &host_key(url));
    }
    clients.for_request(opts, url, target.as_ref())
}

/// [`fetch::follow`] with each hop sent through the client of its own host.
pub async fn follow(clients: &Clients, sched: &Scheduler, opts: &NetOptions, url: &Url) -> Chain {
    follow_accepting(clients, sched, opts, url, None).await
}

/// [`follow`] asking every hop for `accept` instead of pages ([`fetch::follow_accepting`]).
pub async fn follow_accepting(
    clients: &Clients,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    accept: Option<&str>,
) -> Chain {
    if opts.hosts.is_empty() {
        return fetch::follow_accepting(|_| &clients.default, sched, opts, url, accept).await;
    }
    fetch::follow_accepting(
        |u| prepare(clients, sched, opts, u),
        sched,
        opts,
        url,
        accept,
    )
    .await
}

/// [`follow_accepting`] (asking for `accept` instead of pages when given), transient failures
/// retried with exponential backoff and jitter (or the server's `Retry-After`): the chain and
/// the number of attempts.
pub async fn follow_retried(
    clients: &Clients,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &Url,
    accept: Option<&str>,
) -> (Chain, u32) {
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let chain = follow_accepting(clients, sched, opts, url, accept).await;
        let Some(after) = transient(&chain) else {
            return (chain, attempts);
        };
        if attempts > opts.retries {
            return (chain, attempts);
        }
        let backoff = opts.backoff.saturating_mul(1 << (attempts - 1).min(10));
        let jitter = backoff.mul_f64(fastrand::f64() * 0.5);
        let wait = match after {
            Some(ra) => ra.min(opts.retry_after_cap).max(backoff),
            None => backoff + jitter,
        };
        let gauges = &sched.gauges;
        gauges.retries_waiting.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(wait).await;
        gauges.retries_waiting.fetch_sub(1, Ordering::Relaxed);
    }
}

/// [`archive::lookup`] through the client and limits of the archive's host.
pub async fn archive_lookup(
    clients: &Clients,
    sched: &Scheduler,
    opts: &NetOptions,
    url: &str,
    date: Option<&PartialDate>,
) -> Option<Option<Snapshot>> {
    if opts.hosts.is_empty() {
        archive::lookup(|_| &clients.default, sched, opts, url, date).await
    } else {
        archive::lookup(|u| prepare(clients, sched, opts, u), sched, opts, url, date).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::HostSettings;

    #[test]
    fn each_host_with_headers_gets_its_client() {
        let opts = NetOptions {
            headers: vec![("X-All".into(), "1".into())],
            hosts: vec![
                HostSettings {
                    host: "example.com".into(),
                    headers: vec![("X-Token".into(), "abc".into())],
                    ..HostSettings::default()
                },
                HostSettings {
                    host: "slow.example.com".into(),
                    concurrency: Some(1),
                    ..HostSettings::default()
                },
            ],
            ..NetOptions::default()
        };
        let clients = Clients::new(&opts).unwrap();
        assert_eq!(clients.by_host.len(), 1, "only the host with headers");
        let u = |s: &str| Url::parse(s).unwrap();
        let same = |a: &HttpClient, b: &HttpClient| std::ptr::eq(a, b);
        let special = &clients.by_host[0].1;
        assert!(same(
            clients.for_request(&opts, &u("https://www.example.com/a"), None),
            special
        ));
        assert!(same(
            clients.for_request(&opts, &u("https://other.org/a"), None),
            clients.default_client()
        ));
        // the most specific setting (no headers) wins over the wider one
        assert!(same(
            clients.for_request(&opts, &u("https://slow.example.com/a"), None),
            clients.default_client()
        ));
        // a cited host remapped to an address: the cited name decides
        assert!(same(
            clients.for_request(
                &opts,
                &u("http://example.com/a"),
                Some(&u("http://127.0.1.3:8080/a"))
            ),
            special
        ));
        // a bad header value is an error that names the host
        let bad = NetOptions {
            hosts: vec![HostSettings {
                host: "x.org".into(),
                headers: vec![("X-A".into(), "a\nb".into())],
                ..HostSettings::default()
            }],
            ..NetOptions::default()
        };
        let e = Clients::new(&bad).err().unwrap_or_default();
        assert!(e.contains("x.org"), "{e}");
    }
}
