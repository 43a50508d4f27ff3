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
//!
//! Several instances on one PostgreSQL database ([`UserCache::shared`]): each keeps its own
//! entries, and a change made on one must be seen by all at once. [`UsersChanged::new`]
//! bumps a counter (`cache_version`) and sends a notification (`NOTIFY pap_users`) in the
//! transaction of the change; [`listen`] applies every instance's notifications to its
//! cache. Before trusting an entry, [`UserCache::resolve`] reads the counter (one indexed
//! row): an entry is used only if this instance applied every change up to it. If the
//! notifications are late the cache is bypassed; after a second, or while the listener is
//! down, the whole cache is forgotten at each change instead. So sign-out, a disabled
//! account, a replaced code or new comfort settings take effect on every instance for the
//! very next request. SQLite (one instance) needs none of this: [`UserCache::forget`] on
//! the instance that made the change is enough, and a cached page asks nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use super::auth;
use super::db::now;
use super::identity::{self, CurrentUser};
use super::turns::Turns;

/// How long an entry is trusted without asking the database again.
pub const FRESH: Duration = Duration::from_secs(30);
/// More sessions than this in the cache: it starts over (memory stays bounded).
pub const MAX_ENTRIES: usize = 20_000;
/// Notifications later than this: the listener is taken for dead.
pub const LATE: Duration = Duration::from_secs(1);
/// Session lookups in the database at once at most (each session waits for its own turn;
/// two sessions may share one, then one waits for the other).
const TURNS: usize = 64;
/// The PostgreSQL channel of changes.
const CHANNEL: &str = "pap_users";

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
    /// The result of a change, told to every instance: on PostgreSQL, the change counter is
    /// bumped and a notification sent in `db` (the change's transaction, if it has one, so
    /// that both take effect with the change). Call it before the change is committed.
    pub(crate) async fn new(
        db: &impl ConnectionTrait,
        value: T,
        stale: Stale,
    ) -> Result<Self, DbErr> {
        if db.get_database_backend() == DbBackend::Postgres && stale != Stale::Nobody {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "WITH v AS (UPDATE cache_version SET version = version + 1 WHERE id = 1 \
                 RETURNING version) SELECT pg_notify($1, v.version || ' ' || $2) FROM v",
                [CHANNEL.into(), stale.payload().into()],
            ))
            .await?;
        }
        Ok(Self { value, stale })
    }

    /// Nothing changed after all (a wrong code, an unknown session…).
    pub(crate) fn unchanged(value: T) -> Self {
        Self {
            value,
            stale: Stale::Nobody,
        }
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
    /// As sent in a notification.
    fn payload(&self) -> String {
        match self {
            Stale::Nobody => String::new(),
            Stale::Learner(id) => format!("learner:{id}"),
            Stale::Staff(id) => format!("staff:{id}"),
            Stale::Session(hash) => format!("session:{hash}"),
        }
    }

    fn from_payload(payload: &str) -> Option<Self> {
        let (kind, value) = payload.split_once(':')?;
        Some(match kind {
            "learner" => Stale::Learner(value.parse().ok()?),
            "staff" => Stale::Staff(value.parse().ok()?),
            "session" => Stale::Session(value.to_string()),
            _ => return None,
        })
    }

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

#[derive(Debug)]
pub struct UserCache {
    entries: RwLock<HashMap<String, Entry>>,
    /// Bumped by every [`UserCache::clear`].
    generation: AtomicU64,
    /// Several instances share the database (PostgreSQL).
    shared: Option<Shared>,
    /// One lookup of a session at a time: the requests of one session that miss the cache
    /// together (its entry just became too old while a page's requests arrive) wait for
    /// the first one's answer instead of each asking the database, every one of them held
    /// in memory meanwhile.
    turns: Turns,
}

impl Default for UserCache {
    fn default() -> Self {
        Self {
            entries: RwLock::default(),
            generation: AtomicU64::default(),
            shared: None,
            turns: Turns::new(TURNS),
        }
    }
}

/// What an instance knows of the changes made by all.
#[derive(Debug, Default)]
struct Shared {
    /// The listener is connected and listening.
    listening: AtomicBool,
    /// Every change up to this value of the counter is applied to this cache.
    applied: AtomicI64,
    /// Since when a newer counter has been seen without its notification.
    late_since: Mutex<Option<Instant>>,
}

/// Whether the cache may answer, given the change counter.
#[derive(Debug, PartialEq, Eq)]
enum Trust {
    Yes,
    /// Notifications are on their way: ask the database, keep nothing.
    NotNow,
}

#[derive(Debug, Clone)]
struct Entry {
    user: CurrentUser,
    cached_at: Instant,
    /// When the session expires (seconds since the epoch).
    expires_at: i64,
}

impl UserCache {
    /// The cache of one instance among several on one PostgreSQL database: run [`listen`]
    /// beside it.
    pub fn shared() -> Self {
        Self {
            shared: Some(Shared::default()),
            ..Self::default()
        }
    }

    /// Whether other instances may change what this cache holds.
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    /// The user of a session token (`None`: no such session, or it expired).
    pub async fn resolve(
        &self,
        db: &impl ConnectionTrait,
        token: &str,
    ) -> Result<Option<CurrentUser>, DbErr> {
        let key = auth::token_hash(token);
        let trust = match &self.shared {
            None => Trust::Yes,
            Some(shared) => {
                let version = current_version(db).await?;
                self.catch_up(shared, version, Instant::now())
            }
        };
        if trust == Trust::Yes
            && let Some(user) = self.lookup(&key, Instant::now(), now())
        {
            return Ok(Some(user));
        }
        let _turn = self.turns.turn(&key).await;
        // Who held the turn before may have just stored the answer.
        if trust == Trust::Yes
            && let Some(user) = self.lookup(&key, Instant::now(), now())
        {
            return Ok(Some(user));
        }
        let generation = self.generation.load(Ordering::Acquire);
        let found = identity::resolve_hashed(db, &key).await?;
        if let Some((user, expires_at)) = &found
            && trust == Trust::Yes
        {
            self.store(key, user.clone(), *expires_at, generation);
        }
        Ok(found.map(|(user, _)| user))
    }

    /// Compares the change counter with what this cache applied.
    fn catch_up(&self, shared: &Shared, version: i64, at: Instant) -> Trust {
        if version <= shared.applied.load(Ordering::Acquire) {
            *shared.late_since.lock().unwrap_or_else(|e| e.into_inner()) = None;
            return Trust::Yes;
        }
        if shared.listening.load(Ordering::Acquire) {
            let mut late = shared.late_since.lock().unwrap_or_else(|e| e.into_inner());
            let since = *late.get_or_insert(at);
            if at.duration_since(since) < LATE {
                return Trust::NotNow;
            }
            *late = None;
            tracing::warn!("change notifications are late: the cache of users starts over");
        }
        // No listener (or a silent one): whatever changed, nothing cached is kept.
        self.clear();
        shared.applied.fetch_max(version, Ordering::AcqRel);
        Trust::Yes
    }

    /// `f` of the user of a session token, if they are in memory and still fresh: never
    /// asks the database (for answers that must not wait). Always `None` when several
    /// instances share the database: only [`UserCache::resolve`] knows whether an entry is
    /// still right.
    pub fn with_cached<R>(&self, token: &str, f: impl FnOnce(&CurrentUser) -> R) -> Option<R> {
        if self.shared.is_some() {
            return None;
        }
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
    /// of the service that made it. (Other instances learn of it by its notification.)
    pub fn forget<T>(&self, changed: UsersChanged<T>) -> T {
        self.remove(&changed.stale);
        changed.value
    }

    fn remove(&self, stale: &Stale) {
        if *stale != Stale::Nobody {
            let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
            // Under the lock: a lookup in flight (of anyone) will not store its answer.
            self.generation.fetch_add(1, Ordering::AcqRel);
            entries.retain(|key, entry| !stale.covers(key, &entry.user));
        }
    }

    /// Applies a notification `"{version} {payload}"`; a payload it cannot read forgets
    /// everything.
    fn apply(&self, notification: &str) {
        let Some(shared) = &self.shared else { return };
        let (version, stale) = notification.split_once(' ').map_or((None, None), |(v, p)| {
            (v.parse::<i64>().ok(), Stale::from_payload(p))
        });
        match stale {
            Some(stale) => self.remove(&stale),
            None => self.clear(),
        }
        if let Some(version) = version {
            shared.applied.fetch_max(version, Ordering::AcqRel);
        }
    }

    /// The listener is (again) connected at counter `version`: what happened while it was
    /// not is unknown, so nothing cached is kept.
    fn listening_from(&self, version: i64) {
        let Some(shared) = &self.shared else { return };
        self.clear();
        shared.applied.fetch_max(version, Ordering::AcqRel);
        shared.listening.store(true, Ordering::Release);
    }

    fn not_listening(&self) {
        if let Some(shared) = &self.shared {
            shared.listening.store(false, Ordering::Release);
        }
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

/// The change counter (PostgreSQL).
async fn current_version(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT version FROM cache_version WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("cache_version".into()))?;
    row.try_get("", "version")
}

/// Applies every instance's changes to `cache` as they are notified (PostgreSQL), for as
/// long as the server runs; reconnects after a second when the connection drops.
pub async fn listen(cache: Arc<UserCache>, db: DatabaseConnection) {
    let pool = db.get_postgres_connection_pool().clone();
    loop {
        match listen_once(&cache, &db, &pool).await {
            Ok(()) => tracing::warn!("the change notifications stopped: listening again"),
            Err(e) => tracing::warn!(error = %e, "cannot listen to change notifications"),
        }
        cache.not_listening();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Listens until the connection drops.
async fn listen_once(
    cache: &UserCache,
    db: &DatabaseConnection,
    pool: &sqlx::PgPool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    // Listening: every change from now on will be notified.
    cache.listening_from(current_version(db).await?);
    while let Some(notification) = listener.try_recv().await? {
        cache.apply(notification.payload());
    }
    Ok(())
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
            is_programme_admin: false,
            territory_id: None,
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
            age_band: None,
            gender: None,
            social_status: None,
            commune: None,
            volunteer_since: None,
            first_session_on: None,
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
        assert_eq!(cache.forget(changed(42, Stale::Learner(7))), 42);
        assert_eq!(left(&cache), ["learner-8", "staff-1"]);
        fill(&cache);
        cache.forget(changed((), Stale::Staff(1)));
        assert_eq!(left(&cache), ["learner-7a", "learner-7b", "learner-8"]);
        fill(&cache);
        cache.forget(changed((), Stale::Session("learner-7b".into())));
        assert_eq!(left(&cache), ["learner-7a", "learner-8", "staff-1"]);
        // Nothing changed (a wrong code): nothing is forgotten, lookups in flight are kept.
        fill(&cache);
        let generation = cache.generation.load(Ordering::Acquire);
        cache.forget(changed((), Stale::Nobody));
        assert_eq!(cache.len(), 4);
        assert_eq!(cache.generation.load(Ordering::Acquire), generation);
    }

    fn changed<T>(value: T, stale: Stale) -> UsersChanged<T> {
        UsersChanged { value, stale }
    }

    #[test]
    fn a_shared_cache_trusts_entries_only_up_to_the_changes_it_applied() {
        let cache = UserCache::shared();
        let shared = cache.shared.as_ref().unwrap();
        let t = Instant::now();
        cache.listening_from(5);
        cache.store(
            "learner-7".into(),
            learner(7),
            i64::MAX,
            cache.generation.load(Ordering::Acquire),
        );
        cache.store(
            "learner-8".into(),
            learner(8),
            i64::MAX,
            cache.generation.load(Ordering::Acquire),
        );
        assert_eq!(cache.catch_up(shared, 5, t), Trust::Yes);
        // Another instance changed learner 7 (version 6): until its notification arrives,
        // the cache is not used.
        assert_eq!(cache.catch_up(shared, 6, t), Trust::NotNow);
        cache.apply("6 learner:7");
        assert_eq!(cache.catch_up(shared, 6, t), Trust::Yes);
        assert_eq!(cache.lookup("learner-7", t, 0), None);
        assert_eq!(cache.lookup("learner-8", t, 0), Some(learner(8)));
        // A notification later than a second: the listener is taken for dead and the
        // cache starts over.
        assert_eq!(cache.catch_up(shared, 7, t), Trust::NotNow);
        assert_eq!(cache.catch_up(shared, 7, t + LATE), Trust::Yes);
        assert!(cache.is_empty());
        // No listener: every change forgets everything.
        cache.store(
            "learner-8".into(),
            learner(8),
            i64::MAX,
            cache.generation.load(Ordering::Acquire),
        );
        cache.not_listening();
        assert_eq!(cache.catch_up(shared, 7, t), Trust::Yes);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.catch_up(shared, 8, t), Trust::Yes);
        assert!(cache.is_empty());
        // Never answered without the database.
        cache.store(
            "k".into(),
            someone(),
            i64::MAX,
            cache.generation.load(Ordering::Acquire),
        );
        assert_eq!(cache.with_cached("k", |_| ()), None);
    }

    #[test]
    fn notifications_name_what_changed() {
        for stale in [
            Stale::Learner(7),
            Stale::Staff(3),
            Stale::Session("abc".into()),
        ] {
            assert_eq!(Stale::from_payload(&stale.payload()), Some(stale));
        }
        assert_eq!(Stale::from_payload("autre:1"), None);
        // A payload that cannot be read forgets everything.
        let cache = UserCache::shared();
        cache.store("k".into(), someone(), i64::MAX, 0);
        cache.apply("9 ???");
        assert!(cache.is_empty());
        assert_eq!(
            cache
                .shared
                .as_ref()
                .unwrap()
                .applied
                .load(Ordering::Acquire),
            9
        );
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
