//! Politeness: every request start goes through [`Scheduler::acquire`], which waits for a slot
//! of the request's host (in-flight limit), then for the host's spacing between starts, then for
//! a slot of the global cap. `Retry-After` pushes a host's next start back for every request to
//! it, not only the one that was told.
//!
//! Hosts are keyed by where requests go (the remapped target). A host's limit and spacing are
//! `--host-concurrency` and `--host-interval` unless a `[hosts."…"]` setting of reflint.toml
//! matches it; [`Scheduler::bind`] lets the host name a document cites choose the setting of the
//! address it is remapped to.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustc_hash::FxHashMap as HashMap;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::{match_host, HostSettings};

/// One host's state.
struct HostSlot {
    slots: Arc<Semaphore>,
    /// Requests in flight at most.
    limit: usize,
    /// Minimum gap between request starts.
    interval: Duration,
    /// No request to this host starts before this instant.
    next_start: Mutex<Instant>,
    in_flight: AtomicUsize,
}

/// Counters for the progress bar.
#[derive(Default)]
pub struct Gauges {
    /// Hosts with at least one request in flight.
    pub hosts_busy: AtomicUsize,
    /// Requests waiting to retry.
    pub retries_waiting: AtomicUsize,
    /// Requests sent, retries and probes included.
    pub requests: AtomicUsize,
}

/// The per-host and global limits of a run.
pub struct Scheduler {
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<HostSlot>>>,
    per_host: usize,
    interval: Duration,
    /// Settings of particular hosts.
    settings: Vec<HostSettings>,
    pub gauges: Arc<Gauges>,
}

/// The right to have one request in flight; released on drop.
pub struct Permit {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
    slot: Arc<HostSlot>,
    gauges: Arc<Gauges>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if self.slot.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.gauges.hosts_busy.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Scheduler {
    pub fn new(max_concurrency: usize, per_host: usize, interval: Duration) -> Scheduler {
        Scheduler::with_hosts(max_concurrency, per_host, interval, Vec::new())
    }

    /// A scheduler where the hosts `settings` match have their own limit and spacing.
    pub fn with_hosts(
        max_concurrency: usize,
        per_host: usize,
        interval: Duration,
        settings: Vec<HostSettings>,
    ) -> Scheduler {
        Scheduler {
            global: Arc::new(Semaphore::new(max_concurrency.max(1))),
            hosts: Mutex::new(HashMap::default()),
            per_host: per_host.max(1),
            interval,
            settings,
            gauges: Arc::new(Gauges::default()),
        }
    }

    /// The slot of `host`, made on first use with the setting that matches `name` (the host
    /// name cited, when requests to it go elsewhere) or else `host` itself.
    fn slot_named(&self, host: &str, name: Option<&str>) -> Arc<HostSlot> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = hosts.get(host) {
            return s.clone();
        }
        let setting = name
            .and_then(|n| match_host(&self.settings, n))
            .or_else(|| match_host(&self.settings, host));
        let limit = setting
            .and_then(|s| s.concurrency)
            .unwrap_or(self.per_host)
            .max(1);
        let slot = Arc::new(HostSlot {
            slots: Arc::new(Semaphore::new(limit)),
            limit,
            interval: setting.and_then(|s| s.interval).unwrap_or(self.interval),
            next_start: Mutex::new(Instant::now()),
            in_flight: AtomicUsize::new(0),
        });
        hosts.insert(host.to_string(), slot.clone());
        slot
    }

    fn slot(&self, host: &str) -> Arc<HostSlot> {
        self.slot_named(host, None)
    }

    /// Requests to `host` are those of the cited host `name` (a remap sends them there): the
    /// first binding of a host, before any request to it, chooses its setting.
    pub fn bind(&self, host: &str, name: &str) {
        if !self.settings.is_empty() && host != name {
            self.slot_named(host, Some(name));
        }
    }

    /// The hosts with requests in flight, and how many: the most first, then by name.
    pub fn busy_hosts(&self) -> Vec<(String, usize)> {
        let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        let mut busy: Vec<(String, usize)> = hosts
            .iter()
            .map(|(k, s)| (k.clone(), s.in_flight.load(Ordering::Acquire)))
            .filter(|&(_, n)| n > 0)
            .collect();
        busy.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        busy
    }

    /// How many requests to `host` may be in flight at once.
    pub fn limit(&self, host: &str) -> usize {
        self.slot(host).limit
    }

    /// Waits until a request to `host` may start.
    pub async fn acquire(&self, host: &str) -> Permit {
        let slot = self.slot(host);
        // the semaphores are never closed, so acquiring cannot fail; if it ever did, the
        // request would go without a slot rather than never
        let host_permit = match slot.slots.clone().acquire_owned().await {
            Ok(p) => p,
            Err(_) => unreachable_permit(),
        };
        loop {
            let wait = {
                let mut next = slot.next_start.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                if *next <= now {
                    *next = now + slot.interval;
                    None
                } else {
                    Some(*next)
                }
            };
            match wait {
                None => break,
                Some(t) => tokio::time::sleep_until(t).await,
            }
        }
        let global_permit = match self.global.clone().acquire_owned().await {
            Ok(p) => p,
            Err(_) => unreachable_permit(),
        };
        if slot.in_flight.fetch_add(1, Ordering::AcqRel) == 0 {
            self.gauges.hosts_busy.fetch_add(1, Ordering::AcqRel);
        }
        self.gauges.requests.fetch_add(1, Ordering::Relaxed);
        Permit {
            _host: host_permit,
            _global: global_permit,
            slot,
            gauges: self.gauges.clone(),
        }
    }

    /// No request to `host` starts before `until` (a `Retry-After`).
    pub fn defer(&self, host: &str, until: Instant) {
        let slot = self.slot(host);
        let mut next = slot.next_start.lock().unwrap_or_else(|p| p.into_inner());
        if *next < until {
            *next = until;
        }
    }
}

/// A permit of a fresh semaphore, for the impossible case of a closed one.
fn unreachable_permit() -> OwnedSemaphorePermit {
    let s = Arc::new(Semaphore::new(1));
    match s.try_acquire_owned() {
        Ok(p) => p,
        Err(_) => unreachable!("a fresh semaphore has a permit"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn per_host_limit_and_spacing_hold() {
        let s = Arc::new(Scheduler::new(10, 2, Duration::from_millis(100)));
        let (peak, starts) = load(&s, "a.test", 6).await;
        assert_eq!(peak, 2);
        for w in starts.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(100), "{starts:?}");
        }
        assert_eq!(s.gauges.hosts_busy.load(Ordering::SeqCst), 0);
    }

    /// Starts `n` requests to `host` that each last 500 ms; returns the most in flight at once
    /// and the start times.
    async fn load(s: &Arc<Scheduler>, host: &'static str, n: usize) -> (usize, Vec<Duration>) {
        let peak = Arc::new(AtomicUsize::new(0));
        let now = Arc::new(AtomicUsize::new(0));
        let starts = Arc::new(Mutex::new(Vec::new()));
        let t0 = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..n {
            let (s, peak, now, starts) = (s.clone(), peak.clone(), now.clone(), starts.clone());
            tasks.push(tokio::spawn(async move {
                let _p = s.acquire(host).await;
                starts.lock().unwrap().push(t0.elapsed());
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(n, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(500)).await;
                now.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let mut st = starts.lock().unwrap().clone();
        st.sort();
        (peak.load(Ordering::SeqCst), st)
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn host_settings_set_their_own_limit_and_spacing() {
        let settings = vec![
            HostSettings {
                host: "one.test".into(),
                concurrency: Some(1),
                ..HostSettings::default()
            },
            HostSettings {
                host: "wide.test".into(),
                concurrency: Some(4),
                interval: Some(Duration::from_millis(300)),
                ..HostSettings::default()
            },
        ];
        let s = Arc::new(Scheduler::with_hosts(
            10,
            2,
            Duration::from_millis(10),
            settings,
        ));
        assert_eq!(load(&s, "one.test", 4).await.0, 1);
        assert_eq!(load(&s, "www.one.test", 4).await.0, 1, "a subdomain");
        assert_eq!(load(&s, "other.test", 4).await.0, 2, "the default");
        let (peak, starts) = load(&s, "wide.test", 6).await;
        assert_eq!(peak, 2, "300 ms apart, 500 ms long: two at once");
        for w in starts.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(300), "{starts:?}");
        }
        assert_eq!(s.limit("wide.test"), 4);
        assert_eq!(s.limit("other.test"), 2);
        // a remapped address takes the setting of the name it stands for
        s.bind("127.0.1.9:4000", "one.test");
        assert_eq!(s.limit("127.0.1.9:4000"), 1);
        assert_eq!(load(&s, "127.0.1.9:4000", 3).await.0, 1);
        // the first binding holds
        s.bind("127.0.1.9:4000", "wide.test");
        assert_eq!(s.limit("127.0.1.9:4000"), 1);
        // no binding: the address is a host like any other
        assert_eq!(s.limit("127.0.1.10:4000"), 2);
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn defer_pushes_the_next_start_back() {
        let s = Scheduler::new(10, 2, Duration::ZERO);
        let t0 = Instant::now();
        s.defer("a.test", t0 + Duration::from_secs(3));
        let _p = s.acquire("a.test").await;
        assert!(t0.elapsed() >= Duration::from_secs(3));
        // other hosts are not held back
        let t1 = Instant::now();
        let _q = s.acquire("b.test").await;
        assert!(t1.elapsed() < Duration::from_millis(1));
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn global_cap_holds_across_hosts() {
        let s = Arc::new(Scheduler::new(3, 2, Duration::ZERO));
        let a = s.acquire("a").await;
        let _b = s.acquire("b").await;
        let _c = s.acquire("c").await;
        let s2 = s.clone();
        let waiting = tokio::spawn(async move {
            let _d = s2.acquire("d").await;
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(!waiting.is_finished());
        drop(a);
        waiting.await.unwrap();
    }
}
