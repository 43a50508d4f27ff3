//! Who is behind a session token, kept in memory for a few seconds: every page needs it,
//! and asking the database each time costs two queries per page.
//!
//! Policy: an entry is trusted for [`FRESH`] at most and never past its session's expiry.
//! Every service that ends sessions or changes what a page shows of its user (sign-in and
//! sign-out, a replaced code, a deleted account, comfort or privacy settings, a new
//! password) returns its result wrapped in [`UsersChanged`], which says whose entries are
//! now wrong and which only [`UserCache::forget`] opens, removing them: a caller cannot
//! forget to (an unused `UsersChanged` is a compile warning, and warnings fail CI). Only
//! what really changed is removed: a wrong code or a sign-out with an unknown cookie
//! removes nothing, so nobody can empty the cache of everyone's sessions at will. A lookup
//! that raced with a removal does not store its (possibly stale) answer.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DbErr};

use super::auth;
use super::db::now;
use super::services::sessions::{self, CurrentUser};

/// How long an entry is trusted without asking the database again.
pub const FRESH: Duration = Duration::from_secs(30);
/// More sessions than this in the cache: it starts over (memory stays bounded).
pub const MAX_ENTRIES: usize = 20_000;

/// The result of a service that may have changed sessions or users, with whose cached
/// entries are now wrong: open it with [`UserCache::forget`].
#[derive(Debug)]
#[must_use = "sessions or users may have changed: pass this to `UserCache::forget`"]
pub struct UsersChanged<T> {
    value: T,
    stale: Stale,
}

/// Whose cached entries a change made wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stale {
    /// Nothing changed after all (a wrong code, an unknown session…).
    Nobody,
    /// Every session of this learner.
    Learner(i32),
    /// Every session of this member of staff.
    Staff(i32),
    /// One session, by its token hash.
    Session(String),
}

impl<T> UsersChanged<T> {
    pub(crate) fn new(value: T, stale: Stale) -> Self {
        Self { value, stale }
    }

    /// The same change, with the service's result turned into another.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> UsersChanged<U> {
        UsersChanged {
            value: f(self.value),
            stale: self.stale,
        }
    }
}

impl Stale {
    fn covers(&self, key: &str, user: &CurrentUser) -> bool {
        match (self, user) {
            (Stale::Nobody, _) => false,
            (Stale::Learner(id), CurrentUser::Learner(l)) => l.id == *id,
            (Stale::Staff(id), CurrentUser::Staff(s)) => s.id == *id,
            (Stale::Session(hash), _) => hash == key,
            _ => false,
        }
    }
}

#[derive(Debug, Default)]
pub struct UserCache {
    entries: RwLock<HashMap<String, Entry>>,
    /// Bumped by every [`UserCache::clear`].
    generation: AtomicU64,
}

#[derive(Debug, Clone)]
struct Entry {
    user: CurrentUser,
    cached_at: Instant,
    /// When the session expires (seconds since the epoch).
    expires_at: i64,
}

impl UserCache {
    /// The user of a session token (`None`: no such session, or it expired).
    pub async fn resolve(
        &self,
        db: &impl ConnectionTrait,
        token: &str,
    ) -> Result<Option<CurrentUser>, DbErr> {
        let key = auth::token_hash(token);
        if let Some(user) = self.lookup(&key, Instant::now(), now()) {
            return Ok(Some(user));
        }
        let generation = self.generation.load(Ordering::Acquire);
        let found = sessions::resolve_hashed(db, &key).await?;
        if let Some((user, expires_at)) = &found {
            self.store(key, user.clone(), *expires_at, generation);
        }
        Ok(found.map(|(user, _)| user))
    }

    /// `f` of the user of a session token, if they are in memory and still fresh: never
    /// asks the database (for answers that must not wait).
    pub fn with_cached<R>(&self, token: &str, f: impl FnOnce(&CurrentUser) -> R) -> Option<R> {
        self.with_entry(&auth::token_hash(token), Instant::now(), now(), f)
    }

    fn lookup(&self, key: &str, at: Instant, now: i64) -> Option<CurrentUser> {
        self.with_entry(key, at, now, CurrentUser::clone)
    }

    fn with_entry<R>(
        &self,
        key: &str,
        at: Instant,
        now: i64,
        f: impl FnOnce(&CurrentUser) -> R,
    ) -> Option<R> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(key)?;
        (at.duration_since(entry.cached_at) < FRESH && entry.expires_at > now)
            .then(|| f(&entry.user))
    }

    fn store(&self, key: String, user: CurrentUser, expires_at: i64, generation: u64) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock: a clear that happened since the lookup began wins.
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                user,
                cached_at: Instant::now(),
                expires_at,
            },
        );
    }

    /// Forgets the entries a change to sessions or users made wrong, and gives the result
    /// of the service that made it.
    pub fn forget<T>(&self, changed: UsersChanged<T>) -> T {
        if changed.stale != Stale::Nobody {
            let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
            // Under the lock: a lookup in flight (of anyone) will not store its answer.
            self.generation.fetch_add(1, Ordering::AcqRel);
            entries.retain(|key, entry| !changed.stale.covers(key, &entry.user));
        }
        changed.value
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::db::entities::staff;

    fn someone() -> CurrentUser {
        CurrentUser::Staff(staff::Model {
            id: 1,
            structure_id: 1,
            username: "camille".into(),
            display_name: "Camille".into(),
            password_hash: String::new(),
            is_volunteer: true,
            is_trainer: false,
            is_coordinator: false,
            created_at: 0,
            disabled_at: None,
        })
    }

    #[test]
    fn an_entry_is_trusted_for_a_short_time_and_never_past_its_session() {
        let cache = UserCache::default();
        cache.store("k".into(), someone(), 1_000, 0);
        let t = Instant::now();
        assert_eq!(cache.lookup("k", t, 999), Some(someone()));
        assert_eq!(cache.lookup("k", t, 1_000), None, "session expired");
        assert_eq!(cache.lookup("k", t + FRESH, 999), None, "too old");
        assert_eq!(cache.lookup("other", t, 999), None);
    }

    #[test]
    fn a_clear_forgets_everything_and_wins_over_a_lookup_in_flight() {
        let cache = UserCache::default();
        cache.store("k".into(), someone(), i64::MAX, 0);
        // A lookup starts (generation 0), then a sign-out clears the cache.
        cache.clear();
        assert!(cache.is_empty());
        // The lookup's answer, read before the sign-out, is not kept.
        cache.store("k".into(), someone(), i64::MAX, 0);
        assert!(cache.is_empty());
        cache.store("k".into(), someone(), i64::MAX, 1);
        assert_eq!(cache.len(), 1);
    }

    fn learner(id: i32) -> CurrentUser {
        CurrentUser::Learner(crate::ssr::db::entities::learner::Model {
            id,
            structure_id: 1,
            volunteer_id: None,
            first_name: "Jeanne".into(),
            code: format!("CODE{id}"),
            created_at: 0,
            last_active_at: None,
            notes_consent: None,
            privacy_seen_at: None,
            text_size: 0,
            high_contrast: false,
            reduce_motion: false,
        })
    }

    #[test]
    fn a_change_removes_exactly_the_entries_it_made_wrong() {
        let cache = UserCache::default();
        let fill = |cache: &UserCache| {
            cache.clear();
            let generation = cache.generation.load(Ordering::Acquire);
            cache.store("staff-1".into(), someone(), i64::MAX, generation);
            cache.store("learner-7a".into(), learner(7), i64::MAX, generation);
            cache.store("learner-7b".into(), learner(7), i64::MAX, generation);
            cache.store("learner-8".into(), learner(8), i64::MAX, generation);
        };
        let left = |cache: &UserCache| {
            let mut keys: Vec<String> = cache.entries.read().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        fill(&cache);
        assert_eq!(cache.forget(UsersChanged::new(42, Stale::Learner(7))), 42);
        assert_eq!(left(&cache), ["learner-8", "staff-1"]);
        fill(&cache);
        cache.forget(UsersChanged::new((), Stale::Staff(1)));
        assert_eq!(left(&cache), ["learner-7a", "learner-7b", "learner-8"]);
        fill(&cache);
        cache.forget(UsersChanged::new((), Stale::Session("learner-7b".into())));
        assert_eq!(left(&cache), ["learner-7a", "learner-8", "staff-1"]);
        // Nothing changed (a wrong code): nothing is forgotten, lookups in flight are kept.
        fill(&cache);
        let generation = cache.generation.load(Ordering::Acquire);
        cache.forget(UsersChanged::new((), Stale::Nobody));
        assert_eq!(cache.len(), 4);
        assert_eq!(cache.generation.load(Ordering::Acquire), generation);
    }

    #[test]
    fn memory_stays_bounded() {
        let cache = UserCache::default();
        for i in 0..MAX_ENTRIES + 5 {
            cache.store(i.to_string(), someone(), i64::MAX, 0);
        }
        assert!(cache.len() <= MAX_ENTRIES);
    }
}
