//! Sign-in throttling, kept in the database so that every instance of the server shares
//! it (with N instances in memory, an attacker would get N times the tries).
//!
//! # The design, and why
//!
//! A learner's code is the only secret of their account, so the real defence against
//! guessing is a **site-wide budget of wrong tries per hour** (per door: learners' codes,
//! staff passwords). Whatever the number of addresses an attacker has, they get at most
//! that many guesses an hour; the README ("Security") shows that, with the length of the
//! codes, this makes guessing any one of 100 000 learners' codes take years. When a budget
//! is used up, every try through that door is refused until the end of the hour (even a
//! right one: it cannot be told from a guess without checking it), a warning is logged
//! once, and people are told in French to come back a little later.
//!
//! Limits **per address** are there so that one address cannot burn that budget in
//! seconds (nor use the server's time), but they must never lock out a workshop where
//! fifteen learners share one address and mistype their codes. The tension: a limit that
//! refuses to check a code refuses right codes too; one that checks anyway lets an
//! attacker through. The choice here: an address group (an IPv4 address, or the /64 of an
//! IPv6 address: one household or device gets a whole /64) gets [`Spacing::free`] tries
//! an hour; beyond that its tries are **not refused but queued**: each waits its turn,
//! [`Spacing::every`] apart, and is then checked. A right code is therefore never refused
//! because of other people's mistakes: it may wait a few seconds. Only a flood (more
//! tries waiting than [`Spacing::max_wait`] allows) is refused, without being checked.
//! A success never restarts anyone's wait; it takes back its own try.
//!
//! Staff identifiers are counted **per identifier and address group**: six wrong passwords
//! slow down the attacker's address for that identifier (one try a minute), never the
//! account's owner signing in from elsewhere.
//!
//! Every rule counts a try *before* it is checked, in the same statement that decides
//! (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`): tries sent in parallel cannot all pass
//! a check before any is counted. A right try is taken back afterwards. Rows are named by
//! the SHA-256 of their key (never the address, code or identifier typed, whatever its
//! size), live one hour after their last try, and are purged as tries come, with a cap on
//! their number. Nothing is kept in memory: a [`LoginThrottle`] is only its policy.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use sha2::{Digest, Sha256};

/// A code longer than this (normalised) cannot be one: it is refused without a lookup.
pub const MAX_CODE_CHARS: usize = 32;
/// More rows than this after a purge: the ones closest to expiring go first.
pub const MAX_ROWS: u64 = 100_000;
/// How long a budget lasts: the clock's hours.
pub const BUDGET_WINDOW_SECS: i64 = 3600;
/// A purge runs every this many tries counted by a site-wide budget.
const PURGE_EVERY: i64 = 50;

/// Which sign-in form a try comes from: each has its own counts, so that wrong codes
/// typed in a workshop never slow down the volunteers' sign-in, nor the reverse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// Learners' personal codes.
    Learner,
    /// Staff identifiers and passwords.
    Staff,
}

impl Door {
    fn name(self) -> &'static str {
        match self {
            Door::Learner => "learner",
            Door::Staff => "staff",
        }
    }
}

/// A per-address (or per-identifier) rule: free tries, then tries spaced in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spacing {
    /// Tries counted (wrong, or not yet checked) before the spacing starts.
    pub free: i64,
    /// Beyond them, one try may be checked this often (milliseconds).
    pub every: i64,
    /// A try that would have to wait longer than this is refused (milliseconds; 0: any
    /// try that cannot be checked at once is refused).
    pub max_wait: i64,
    /// The count is forgotten this long after the last try (seconds).
    pub forget: i64,
}

/// The numbers of the throttle (see the module's documentation and README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Learners' tries per address group.
    pub learner_address: Spacing,
    /// Staff tries per address group.
    pub staff_address: Spacing,
    /// Staff tries per identifier and address group.
    pub staff_identifier: Spacing,
    /// Site-wide wrong codes an hour, for codes of at most 8 characters (the first cards).
    pub learner_budget_short: i64,
    /// Site-wide wrong codes an hour, for longer codes (10 characters since December 2026).
    pub learner_budget_long: i64,
    /// Site-wide wrong staff passwords an hour.
    pub staff_budget: i64,
}

impl Default for Policy {
    fn default() -> Self {
        let address = Spacing {
            // A workshop of fifteen where each mistypes twice (30), and all fifteen trying
            // at the same moment (45), never wait.
            free: 50,
            every: 2_000,
            // Thirty tries waiting at once; beyond, a flood.
            max_wait: 60_000,
            forget: 3600,
        };
        Self {
            learner_address: address,
            staff_address: Spacing {
                free: 20,
                ..address
            },
            staff_identifier: Spacing {
                free: 5,
                every: 60_000,
                max_wait: 0,
                forget: 3600,
            },
            learner_budget_short: 300,
            learner_budget_long: 3_000,
            staff_budget: 300,
        }
    }
}

/// The throttle of both sign-in forms: its policy only; the counts are in the database.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoginThrottle {
    pub policy: Policy,
}

/// What is being tried.
#[derive(Clone, Copy, Debug)]
pub enum Attempt<'a> {
    /// A learner's code, normalised.
    Code(&'a str),
    /// A staff identifier, normalised.
    Staff(&'a str),
}

impl Attempt<'_> {
    fn door(&self) -> Door {
        match self {
            Attempt::Code(_) => Door::Learner,
            Attempt::Staff(_) => Door::Staff,
        }
    }
}

/// What the throttle decides about a try.
#[derive(Debug)]
pub enum Decision {
    /// Check it, after waiting `wait` (its turn in the address's queue); then call
    /// [`LoginThrottle::success`] with `pass` if it was right.
    Go { wait: Duration, pass: Pass },
    /// Too many tries from this address (or for this identifier from it): try again after
    /// this long. Nothing was checked.
    Wait(Duration),
    /// The site-wide budget of wrong tries is used up: every try through this door is
    /// refused for this long. Nothing was checked.
    SiteBusy(Duration),
}

/// The rows that counted a try, to take it back if it was right.
#[derive(Debug)]
pub struct Pass {
    /// Rows to decrement.
    counted: Vec<String>,
    /// Rows to clear (a staff identifier from this address: its owner proved who they are).
    cleared: Vec<String>,
}

/// How an address is counted: IPv4 addresses one by one, IPv6 addresses by their /64
/// (one household, one phone, one server gets a whole /64, and could change addresses in
/// it at will). IPv4-mapped IPv6 addresses are IPv4 addresses. Anything else is kept as
/// it is (it is hashed before being stored).
pub fn address_group(address: &str) -> String {
    use std::net::IpAddr;
    match address.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => address.to_string(),
    }
}

fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// One row of a decision: its key's hash and its rule.
#[derive(Clone, Debug)]
struct Row {
    hash: String,
    rule: Rule,
    /// Cleared (not only taken back) by a right try: a staff identifier from an address.
    clear_on_success: bool,
}

#[derive(Clone, Copy, Debug)]
enum Rule {
    /// A site-wide budget: every try counts; the key names the hour.
    Budget,
    Spacing(Spacing),
}

impl LoginThrottle {
    pub fn new(policy: Policy) -> Self {
        Self { policy }
    }

    /// The rows a try counts in, at `now_s`: the site-wide budget first.
    fn rows(&self, address: &str, attempt: Attempt<'_>, now_s: i64) -> (Row, i64, Vec<Row>) {
        let hour = now_s.div_euclid(BUDGET_WINDOW_SECS);
        let group = address_group(address);
        let door = attempt.door();
        let (budget_key, cap) = match attempt {
            Attempt::Code(code) if code.chars().count() <= 8 => (
                format!("budget:learner:short:{hour}"),
                self.policy.learner_budget_short,
            ),
            Attempt::Code(_) => (
                format!("budget:learner:long:{hour}"),
                self.policy.learner_budget_long,
            ),
            Attempt::Staff(_) => (format!("budget:staff:{hour}"), self.policy.staff_budget),
        };
        let budget = Row {
            hash: key_hash(&budget_key),
            rule: Rule::Budget,
            clear_on_success: false,
        };
        let mut others = vec![Row {
            hash: key_hash(&format!("address:{}:{group}", door.name())),
            rule: Rule::Spacing(match door {
                Door::Learner => self.policy.learner_address,
                Door::Staff => self.policy.staff_address,
            }),
            clear_on_success: false,
        }];
        if let Attempt::Staff(identifier) = attempt {
            others.push(Row {
                hash: key_hash(&format!("identifier:{identifier}@{group}")),
                rule: Rule::Spacing(self.policy.staff_identifier),
                clear_on_success: true,
            });
        }
        (budget, cap, others)
    }

    /// Counts a try and decides whether it may be checked, in one statement.
    pub async fn reserve(
        &self,
        db: &impl ConnectionTrait,
        address: &str,
        attempt: Attempt<'_>,
    ) -> Result<Decision, DbErr> {
        let (now, now_s) = (now_ms(), crate::ssr::db::now());
        let (budget, cap, others) = self.rows(address, attempt, now_s);
        let mut rows = vec![budget.clone()];
        rows.extend(others.iter().cloned());
        let backend = db.get_database_backend();
        let results = db
            .query_all_raw(Statement::from_string(
                backend,
                reserve_sql(backend, &rows, now, now_s),
            ))
            .await?;
        let mut budget_count = None;
        // Each other row with when its try may be checked (-1: refused).
        let mut granted: Vec<(&Row, i64)> = Vec::new();
        for r in &results {
            let hash: String = r.try_get("", "key_hash")?;
            let failures: i64 = r.try_get("", "failures")?;
            let granted_at: i64 = r.try_get("", "granted_at")?;
            if hash == budget.hash {
                budget_count = Some(failures);
            } else if let Some(row) = others.iter().find(|o| o.hash == hash) {
                granted.push((row, granted_at));
            }
        }
        let budget_count =
            budget_count.ok_or_else(|| DbErr::RecordNotFound(budget.hash.clone()))?;
        if budget_count % PURGE_EVERY == 0 {
            purge(db).await?;
        }
        let counted: Vec<String> = granted
            .iter()
            .filter(|(_, at)| *at >= 0)
            .map(|(row, _)| row.hash.clone())
            .collect();
        if budget_count > cap {
            if budget_count == cap + 1 {
                tracing::warn!(
                    door = attempt.door().name(),
                    budget = cap,
                    "the site-wide budget of wrong sign-in tries is used up: every sign-in \
                     through this door is refused until the end of the hour (someone may be \
                     guessing codes or passwords)"
                );
            }
            // Nothing was checked: the address's try is taken back (the budget's stays, so
            // that the warning above is logged once).
            take_back(db, &counted, &[]).await?;
            let end = (now_s.div_euclid(BUDGET_WINDOW_SECS) + 1) * BUDGET_WINDOW_SECS;
            return Ok(Decision::SiteBusy(Duration::from_secs(
                (end - now_s).max(1) as u64,
            )));
        }
        let refused_wait = granted
            .iter()
            .filter(|(_, at)| *at < 0)
            .filter_map(|(row, _)| match row.rule {
                Rule::Spacing(s) => Some(s.every.max(s.max_wait)),
                Rule::Budget => None,
            })
            .max();
        if let Some(wait) = refused_wait {
            let mut back = counted;
            back.push(budget.hash);
            take_back(db, &back, &[]).await?;
            return Ok(Decision::Wait(Duration::from_millis(wait as u64)));
        }
        let wait = granted
            .iter()
            .map(|(_, at)| at - now)
            .max()
            .unwrap_or(0)
            .max(0);
        let cleared = granted
            .iter()
            .filter(|(row, _)| row.clear_on_success)
            .map(|(row, _)| row.hash.clone())
            .collect();
        let mut counted = counted;
        counted.push(budget.hash);
        Ok(Decision::Go {
            wait: Duration::from_millis(wait as u64),
            pass: Pass { counted, cleared },
        })
    }

    /// A try that went ahead was right: it is taken back from every count (never
    /// restarting anyone's wait), and a staff identifier's count from this address is
    /// cleared.
    pub async fn success(&self, db: &impl ConnectionTrait, pass: Pass) -> Result<(), DbErr> {
        let counted: Vec<String> = pass
            .counted
            .into_iter()
            .filter(|h| !pass.cleared.contains(h))
            .collect();
        take_back(db, &counted, &pass.cleared).await
    }
}

/// `GREATEST` in PostgreSQL, `MAX` (with two arguments) in SQLite.
fn greatest(backend: DbBackend) -> &'static str {
    if backend == DbBackend::Postgres {
        "GREATEST"
    } else {
        "MAX"
    }
}

/// The statement that counts a try in each row and decides, for each, whether it may be
/// checked and when (`granted_at`, -1 if refused). Every value in it is a number or a
/// hexadecimal hash made here: nothing typed by anyone.
fn reserve_sql(backend: DbBackend, rows: &[Row], now: i64, now_s: i64) -> String {
    let t = "login_throttle";
    let values: Vec<String> = rows
        .iter()
        .map(|r| {
            let expires = match r.rule {
                Rule::Budget => (now_s.div_euclid(BUDGET_WINDOW_SECS) + 1) * BUDGET_WINDOW_SECS,
                Rule::Spacing(s) => now_s + s.forget,
            };
            // A new row: this try is the first, checked at once.
            format!("('{}', 1, 0, {now}, {expires})", r.hash)
        })
        .collect();
    let max = greatest(backend);
    let mut failures = format!("CASE {t}.key_hash");
    let mut next_at = format!("CASE {t}.key_hash");
    let mut granted_at = format!("CASE {t}.key_hash");
    let mut expires_at = format!("CASE {t}.key_hash");
    for r in rows {
        let when = format!(" WHEN '{}' THEN ", r.hash);
        match r.rule {
            Rule::Budget => {
                failures += &format!("{when}{t}.failures + 1");
                next_at += &format!("{when}{t}.next_at");
                granted_at += &format!("{when}{now}");
                expires_at += &format!("{when}{t}.expires_at");
            }
            Rule::Spacing(s) => {
                // The count and the queue as they stand (forgotten once expired).
                let expired = format!("{t}.expires_at <= {now_s}");
                let count = format!("(CASE WHEN {expired} THEN 0 ELSE {t}.failures END)");
                let queue = format!("(CASE WHEN {expired} THEN 0 ELSE {t}.next_at END)");
                let slot = format!("{max}({queue}, {now})");
                let free = format!("{count} < {}", s.free);
                let in_time = format!("{slot} - {now} <= {}", s.max_wait);
                failures += &format!(
                    "{when}(CASE WHEN {free} OR {in_time} THEN {count} + 1 ELSE {count} END)"
                );
                next_at += &format!(
                    "{when}(CASE WHEN {free} THEN {queue} WHEN {in_time} THEN {slot} + {} \
                     ELSE {queue} END)",
                    s.every
                );
                granted_at += &format!(
                    "{when}(CASE WHEN {free} THEN {now} WHEN {in_time} THEN {slot} ELSE -1 END)"
                );
                expires_at += &format!("{when}{}", now_s + s.forget);
            }
        }
    }
    for case in [
        &mut failures,
        &mut next_at,
        &mut granted_at,
        &mut expires_at,
    ] {
        case.push_str(" END");
    }
    format!(
        "INSERT INTO {t} (key_hash, failures, next_at, granted_at, expires_at) VALUES {} \
         ON CONFLICT (key_hash) DO UPDATE SET failures = {failures}, next_at = {next_at}, \
         granted_at = {granted_at}, expires_at = {expires_at} \
         RETURNING key_hash, failures, granted_at",
        values.join(", ")
    )
}

/// Takes a try back from the `counted` rows and clears the `cleared` ones, in one
/// statement. Neither restarts a wait: `next_at` and `expires_at` stay as they are.
async fn take_back(
    db: &impl ConnectionTrait,
    counted: &[String],
    cleared: &[String],
) -> Result<(), DbErr> {
    if counted.is_empty() && cleared.is_empty() {
        return Ok(());
    }
    let list = |hashes: &[String]| {
        hashes
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all: Vec<String> = counted.iter().chain(cleared).cloned().collect();
    let cleared_case = if cleared.is_empty() {
        "FALSE".to_string()
    } else {
        format!("key_hash IN ({})", list(cleared))
    };
    let sql = format!(
        "UPDATE login_throttle SET \
         failures = CASE WHEN {cleared_case} THEN 0 WHEN failures > 0 THEN failures - 1 ELSE 0 END, \
         next_at = CASE WHEN {cleared_case} THEN 0 ELSE next_at END \
         WHERE key_hash IN ({})",
        list(&all)
    );
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(backend, sql)).await?;
    Ok(())
}

/// Forgets expired rows and, beyond [`MAX_ROWS`], the rows closest to expiring.
pub async fn purge(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let now_s = crate::ssr::db::now();
    db.execute_raw(Statement::from_string(
        backend,
        format!("DELETE FROM login_throttle WHERE expires_at <= {now_s}"),
    ))
    .await?;
    db.execute_raw(Statement::from_string(
        backend,
        format!(
            "DELETE FROM login_throttle WHERE key_hash IN (SELECT key_hash FROM login_throttle \
             ORDER BY expires_at DESC LIMIT {all} OFFSET {MAX_ROWS})",
            all = if backend == DbBackend::Postgres {
                "ALL"
            } else {
                "-1"
            },
        ),
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(address_group("192.0.2.7"), "192.0.2.7");
        assert_eq!(address_group("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(
            address_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            address_group("2001:db8:1:2::1"),
            address_group("2001:db8:1:2:ffff::9")
        );
        assert_ne!(
            address_group("2001:db8:1:2::1"),
            address_group("2001:db8:1:3::1")
        );
        assert_eq!(address_group("unknown"), "unknown");
    }

    #[test]
    fn keys_are_hashed_whatever_their_size() {
        let huge = "A".repeat(1 << 20);
        let throttle = LoginThrottle::default();
        let (budget, _, others) = throttle.rows("192.0.2.7", Attempt::Staff(&huge), 0);
        for row in std::iter::once(&budget).chain(&others) {
            assert_eq!(row.hash.len(), 64);
            assert!(row.hash.bytes().all(|b| b.is_ascii_hexdigit()));
        }
        let sql = reserve_sql(DbBackend::Sqlite, &others, 0, 0);
        assert!(sql.len() < 4_000, "{} bytes", sql.len());
        assert!(!sql.contains("AAAA"));
    }

    #[test]
    fn codes_of_the_first_cards_have_their_own_budget() {
        let throttle = LoginThrottle::default();
        let cap = |code: &str| throttle.rows("x", Attempt::Code(code), 0).1;
        assert_eq!(cap("ABCDEFGH"), throttle.policy.learner_budget_short);
        assert_eq!(cap("ABCDEFGHJK"), throttle.policy.learner_budget_long);
    }
}
