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

    /// Checks `key` and, if it may try now, counts this try as a wrong one at once, in the
    /// same lock: tries sent in parallel cannot all pass the check before any is counted.
    /// A try that turns out right is taken back with [`Throttle::take_back`].
    pub fn reserve(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.get(key)
            && now.duration_since(e.last_failure) < self.policy.forget_after
        {
            let ready = e.last_failure + self.delay(e.failures);
            if now < ready {
                return Err(ready - now);
            }
        }
        Self::count(&mut entries, &self.policy, key, now);
        Ok(())
    }

    /// Takes back one try counted by [`Throttle::reserve`] that was right.
    pub fn take_back(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.get_mut(key) {
            e.failures = e.failures.saturating_sub(1);
            if e.failures == 0 {
                entries.remove(key);
            }
        }
    }

    pub fn record_failure(&self, key: &str, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        Self::count(&mut entries, &self.policy, key, now);
    }

    fn count(entries: &mut HashMap<String, Entry>, policy: &Policy, key: &str, now: Instant) {
        let forget = policy.forget_after;
        if entries.len() > 50_000 {
            entries.retain(|_, e| now.duration_since(e.last_failure) < forget);
        }
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

/// Which sign-in form a try comes from: each has its own count per address, so that
/// wrong codes typed in a workshop never slow down the volunteers' sign-in, nor the reverse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// Learners' personal codes.
    Learner,
    /// Staff identifiers and passwords.
    Staff,
}

/// The throttles of both sign-in forms.
#[derive(Debug)]
pub struct LoginThrottle {
    /// Learners' tries per network address. Generous: a whole workshop may share one address.
    pub learners_by_address: Throttle,
    /// Staff tries per network address.
    pub staff_by_address: Throttle,
    /// Per code or identifier tried.
    pub by_secret: Throttle,
}

fn address_policy() -> Policy {
    Policy {
        free_failures: 20,
        base_delay: Duration::from_secs(5),
        max_delay: Duration::from_secs(5 * 60),
        forget_after: Duration::from_secs(60 * 60),
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            learners_by_address: Throttle::new(address_policy()),
            staff_by_address: Throttle::new(address_policy()),
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
    fn by_address(&self, door: Door) -> &Throttle {
        match door {
            Door::Learner => &self.learners_by_address,
            Door::Staff => &self.staff_by_address,
        }
    }

    /// `Err(wait)` if either the address or the secret must wait; otherwise the try is
    /// counted as wrong at once (see [`Throttle::reserve`]): call [`LoginThrottle::success`]
    /// if it was right. Nothing else needs recording for a wrong try.
    pub fn reserve(
        &self,
        door: Door,
        address: &str,
        secret: &str,
        now: Instant,
    ) -> Result<(), Duration> {
        let by_address = self.by_address(door);
        by_address.reserve(address, now)?;
        if let Err(wait) = self.by_secret.reserve(secret, now) {
            // Refused without a check: this try does not count against the address.
            by_address.take_back(address);
            return Err(wait);
        }
        Ok(())
    }

    /// A reserved try was right: the secret's count is cleared and the address's try
    /// taken back.
    pub fn success(&self, door: Door, address: &str, secret: &str) {
        self.by_secret.record_success(secret);
        self.by_address(door).take_back(address);
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

    #[test]
    fn a_reserved_try_counts_at_once_and_a_right_one_is_taken_back() {
        let t = Throttle::new(policy());
        let t0 = Instant::now();
        // Free tries: 2 wrong ones, then a third without waiting; the fourth waits.
        for _ in 0..3 {
            assert_eq!(t.reserve("k", t0), Ok(()));
        }
        assert_eq!(t.reserve("k", t0), Err(Duration::from_secs(10)));
        t.take_back("k");
        t.take_back("k");
        assert_eq!(t.reserve("k", t0), Ok(()));
    }

    #[test]
    fn each_door_counts_addresses_apart() {
        let t = LoginThrottle::default();
        let t0 = Instant::now();
        let mut passed = 0;
        for i in 0..40 {
            if t.reserve(Door::Learner, "1.2.3.4", &format!("code:{i}"), t0)
                .is_ok()
            {
                passed += 1;
            }
        }
        assert_eq!(passed, 21);
        assert_eq!(t.reserve(Door::Staff, "1.2.3.4", "staff:x", t0), Ok(()));
        t.success(Door::Staff, "1.2.3.4", "staff:x");
        assert_eq!(t.staff_by_address.check("1.2.3.4", t0), Ok(()));
    }
}
