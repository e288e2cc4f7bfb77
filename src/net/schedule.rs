//! Politeness: every request start goes through [`Scheduler::acquire`], which waits for a slot
//! of the request's host (in-flight limit), then for the host's spacing between starts, then for
//! a slot of the global cap. `Retry-After` pushes a host's next start back for every request to
//! it, not only the one that was told.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustc_hash::FxHashMap as HashMap;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// One host's state.
struct HostSlot {
    slots: Arc<Semaphore>,
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
        Scheduler {
            global: Arc::new(Semaphore::new(max_concurrency.max(1))),
            hosts: Mutex::new(HashMap::default()),
            per_host: per_host.max(1),
            interval,
            gauges: Arc::new(Gauges::default()),
        }
    }

    fn slot(&self, host: &str) -> Arc<HostSlot> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .entry(host.to_string())
            .or_insert_with(|| {
                Arc::new(HostSlot {
                    slots: Arc::new(Semaphore::new(self.per_host)),
                    next_start: Mutex::new(Instant::now()),
                    in_flight: AtomicUsize::new(0),
                })
            })
            .clone()
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
                    *next = now + self.interval;
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
        let peak = Arc::new(AtomicUsize::new(0));
        let now = Arc::new(AtomicUsize::new(0));
        let starts = Arc::new(Mutex::new(Vec::new()));
        let t0 = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let (s, peak, now, starts) = (s.clone(), peak.clone(), now.clone(), starts.clone());
            tasks.push(tokio::spawn(async move {
                let _p = s.acquire("a.test").await;
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
        assert_eq!(peak.load(Ordering::SeqCst), 2);
        let mut st = starts.lock().unwrap().clone();
        st.sort();
        for w in st.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(100), "{st:?}");
        }
        assert_eq!(s.gauges.hosts_busy.load(Ordering::SeqCst), 0);
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
