//! Sign-in throttling: after a few wrong tries, each new try must wait a little longer,
//! up to a ceiling. Nobody is ever locked out for good, and a right answer clears the count.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// When a key starts to wait and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Wrong tries allowed without any wait.
    pub free_failures: u32,
    /// Wait after the first wrong try beyond the free ones; doubles with each further one.
    pub base_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// A key with no wrong try for this long is forgotten.
    pub forget_after: Duration,
}

#[derive(Debug)]
struct Entry {
    failures: u32,
    last_failure: Instant,
}

/// Counts wrong tries per key (an address, a code, an identifier).
#[derive(Debug)]
pub struct Throttle {
    policy: Policy,
    entries: Mutex<HashMap<String, Entry>>,
}

impl Throttle {
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn delay(&self, failures: u32) -> Duration {
        if failures <= self.policy.free_failures {
            return Duration::ZERO;
        }
        let doublings = (failures - self.policy.free_failures - 1).min(16);
        self.policy
            .base_delay
            .saturating_mul(1 << doublings)
            .min(self.policy.max_delay)
    }

    /// `Err(wait)` if `key` must wait before trying again.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some(e) => {
                let ready = e.last_failure + self.delay(e.failures);
                if now < ready {
                    Err(ready - now)
                } else {
                    Ok(())
                }
            }
            None => Ok(()),
        }
    }

    pub fn record_failure(&self, key: &str, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() > 50_000 {
            let forget = self.policy.forget_after;
            entries.retain(|_, e| now.duration_since(e.last_failure) < forget);
        }
        let forget = self.policy.forget_after;
        let entry = entries.entry(key.to_string()).or_insert(Entry {
            failures: 0,
            last_failure: now,
        });
        if now.duration_since(entry.last_failure) >= forget {
            entry.failures = 0;
        }
        entry.failures += 1;
        entry.last_failure = now;
    }

    pub fn record_success(&self, key: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

/// The throttles of both sign-in forms.
#[derive(Debug)]
pub struct LoginThrottle {
    /// Per network address. Generous: a whole workshop may share one address.
    pub by_address: Throttle,
    /// Per code or identifier tried.
    pub by_secret: Throttle,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            by_address: Throttle::new(Policy {
                free_failures: 20,
                base_delay: Duration::from_secs(5),
                max_delay: Duration::from_secs(5 * 60),
                forget_after: Duration::from_secs(60 * 60),
            }),
            by_secret: Throttle::new(Policy {
                free_failures: 5,
                base_delay: Duration::from_secs(15),
                max_delay: Duration::from_secs(15 * 60),
                forget_after: Duration::from_secs(60 * 60),
            }),
        }
    }
}

impl LoginThrottle {
    /// `Err(wait)` if either the address or the secret must wait.
    pub fn check(&self, address: &str, secret: &str, now: Instant) -> Result<(), Duration> {
        let a = self.by_address.check(address, now);
        let s = self.by_secret.check(secret, now);
        match (a, s) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(x), Err(y)) => Err(x.max(y)),
            (Err(x), _) | (_, Err(x)) => Err(x),
        }
    }

    pub fn failure(&self, address: &str, secret: &str, now: Instant) {
        self.by_address.record_failure(address, now);
        self.by_secret.record_failure(secret, now);
    }

    pub fn success(&self, secret: &str) {
        self.by_secret.record_success(secret);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            free_failures: 2,
            base_delay: Duration::from_secs(10),
            max_delay: Duration::from_secs(60),
            forget_after: Duration::from_secs(3600),
        }
    }

    #[test]
    fn waits_grow_then_stop_growing_and_never_lock_for_good() {
        let t = Throttle::new(policy());
        let t0 = Instant::now();
        t.record_failure("k", t0);
        t.record_failure("k", t0);
        assert_eq!(t.check("k", t0), Ok(()));
        t.record_failure("k", t0);
        assert_eq!(t.check("k", t0), Err(Duration::from_secs(10)));
        assert_eq!(t.check("k", t0 + Duration::from_secs(10)), Ok(()));
        t.record_failure("k", t0);
        assert_eq!(t.check("k", t0), Err(Duration::from_secs(20)));
        for _ in 0..30 {
            t.record_failure("k", t0);
        }
        assert_eq!(t.check("k", t0), Err(Duration::from_secs(60)));
        assert_eq!(t.check("k", t0 + Duration::from_secs(60)), Ok(()));
        assert_eq!(t.check("other", t0), Ok(()));
    }

    #[test]
    fn success_clears_and_time_forgets() {
        let t = Throttle::new(policy());
        let t0 = Instant::now();
        for _ in 0..5 {
            t.record_failure("k", t0);
        }
        t.record_success("k");
        assert_eq!(t.check("k", t0), Ok(()));
        for _ in 0..5 {
            t.record_failure("k", t0);
        }
        let later = t0 + Duration::from_secs(3600);
        t.record_failure("k", later);
        assert_eq!(t.check("k", later), Ok(()));
    }
}
