//! Daily counters of the sessions (issue 21, item 7): for each structure and day, the
//! additive figures of the statistics' `sessions`, `themes` and `volunteers` groups, kept
//! as the sessions are written, so that a period's figures are a sum over its days (at
//! most 366 days × a few rows) instead of a pass over every session of the period.
//!
//! A row of `stats_day` is `(structure, day, dimension, item)` → sessions, minutes,
//! anonymous participants and those of them who had come before; the dimensions are
//! [`Dimension`]. The rows of a day are never incremented: they are made again from the
//! day's `visit` rows by [`recompute`], in the transaction that wrote a session, so they
//! are exact whatever was written (a new session, a correction, a deletion) as long as
//! every write of a session recomputes its day:
//!
//! - a session inserted, updated or deleted through `visit::ActiveModel` does it by itself
//!   (the entity's `ActiveModelBehavior`: the new day after saving, and the old day when a
//!   correction moves the session to another day or structure);
//! - a write that goes around the model (`visit::Entity::delete_by_id`, `*_many`, raw SQL)
//!   must call [`recompute`] for each day it touched (`my_sessions::delete`,
//!   `accounts::delete_learner`), or [`rebuild`] after a bulk load (the benchmark's
//!   generator).
//!
//! What cannot be added up day after day (people met, each once, new or returning, per
//! volunteer or not, and their attributes) is kept by [`super::stats_people`].
//!
//! On PostgreSQL, the recomputes of one structure's days are serialised by an advisory
//! lock held until the transaction ends: two sessions saved at once on the same day cannot
//! each write counters that miss the other (each recompute then reads the sessions
//! committed before it, and its own). SQLite has one writer at a time already.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Value};

use crate::model::CoopTheme;
use crate::ssr::db::statement as stmt;

/// The advisory lock class of the recomputes (the key is the structure).
const LOCK_CLASS: i32 = 7462;

/// What a row of `stats_day` counts the sessions by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// Every session of the day (item `""`).
    All,
    /// By `visit.session_type` (item: the code as stored).
    SessionType,
    /// By `visit.place_type` (item: the code as stored).
    PlaceType,
    /// By duration band (item: `DurationBand::index`, `"0"` to `"3"`).
    Duration,
    /// By Coop theme (item: the theme's code); a session with several themes is counted
    /// under each.
    Theme,
    /// By volunteer (item: the staff id, `""` for none).
    Volunteer,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::All,
        Dimension::SessionType,
        Dimension::PlaceType,
        Dimension::Duration,
        Dimension::Theme,
        Dimension::Volunteer,
    ];

    /// As stored in `stats_day.dimension`.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::All => "all",
            Dimension::SessionType => "type",
            Dimension::PlaceType => "place",
            Dimension::Duration => "duration",
            Dimension::Theme => "theme",
            Dimension::Volunteer => "volunteer",
        }
    }

    pub fn from_code(code: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// The sums of some sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub sessions: u64,
    pub minutes: i64,
    pub anonymous: u64,
    pub anonymous_followed: u64,
    /// The named people of the sessions (a person in two sessions counts twice).
    pub named: u64,
}

impl Sums {
    fn read(row: &QueryResult) -> Result<Sums, DbErr> {
        let int = |col: &str| -> Result<i64, DbErr> {
            Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
        };
        let count = |col: &str| -> Result<u64, DbErr> { Ok(u64::try_from(int(col)?).unwrap_or(0)) };
        Ok(Sums {
            sessions: count("n")?,
            minutes: int("minutes")?,
            anonymous: count("anonymous")?,
            anonymous_followed: count("anonymous_followed")?,
            named: count("named")?,
        })
    }
}

/// The band of `v.duration_minutes` as text, as `stats::sessions_from_rows` counts it
/// (`CASE`).
const DURATION_ITEM: &str = "CASE WHEN v.duration_minutes < 30 THEN '0' \
     WHEN v.duration_minutes < 60 THEN '1' WHEN v.duration_minutes < 120 THEN '2' ELSE '3' END";

/// The sums of the sessions of a group, as SQL.
const SUMS: &str = "COUNT(*), CAST(SUM(v.duration_minutes) AS BIGINT), \
     CAST(SUM(v.anonymous) AS BIGINT), CAST(SUM(v.anonymous_followed) AS BIGINT), \
     CAST(SUM((SELECT COUNT(*) FROM visit_learner n WHERE n.visit_id = v.id)) AS BIGINT)";

/// `INSERT … SELECT` of the counters of the sessions `v` that `scope` (SQL on `v`) keeps,
/// grouped by structure and day: one statement, a `UNION ALL` of one grouped `SELECT` per
/// dimension. `scope` is repeated in each (its values as many times: [`Dimension::ALL`]).
fn fill_sql(scope: &str) -> String {
    // The themes as a table of their codes (constants of the code: letters and `_`). A
    // session is under a theme as `stats::themes_from_rows` counts it: its codes joined by
    // commas, between commas, `LIKE` the theme's code between commas.
    let codes: Vec<String> = CoopTheme::ALL
        .iter()
        .map(|t| {
            debug_assert!(t.code().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            format!("SELECT '{}' AS code", t.code())
        })
        .collect();
    let themes = codes.join(" UNION ALL ");
    // (PostgreSQL refuses a constant in `GROUP BY`: every session is one group by day.)
    let grouped = |dimension: Dimension, item: &str| -> String {
        let by = if item.starts_with('\'') {
            String::new()
        } else {
            format!(", {item}")
        };
        format!(
            "SELECT v.structure_id, v.date, '{dim}', {item}, {SUMS} FROM visit v \
             WHERE {scope} GROUP BY v.structure_id, v.date{by}",
            dim = dimension.code(),
        )
    };
    let parts = [
        grouped(Dimension::All, "''"),
        grouped(Dimension::SessionType, "v.session_type"),
        grouped(Dimension::PlaceType, "v.place_type"),
        grouped(Dimension::Duration, DURATION_ITEM),
        format!(
            "SELECT v.structure_id, v.date, '{dim}', t.code, {SUMS} FROM visit v \
             JOIN ({themes}) t ON (',' || v.themes || ',') LIKE ('%,' || t.code || ',%') \
             WHERE {scope} GROUP BY v.structure_id, v.date, t.code",
            dim = Dimension::Theme.code(),
        ),
        grouped(
            Dimension::Volunteer,
            "COALESCE(CAST(v.volunteer_id AS TEXT), '')",
        ),
    ];
    format!(
        "INSERT INTO stats_day (structure_id, day, dimension, item, sessions, minutes, \
         anonymous, anonymous_followed, named) {}",
        parts.join(" UNION ALL ")
    )
}

/// Makes the counters of `structure`'s `day` (`YYYY-MM-DD`) again from its sessions, in
/// the caller's transaction (call it after the write, before the commit).
pub async fn recompute(db: &impl ConnectionTrait, structure: i32, day: &str) -> Result<(), DbErr> {
    recompute_day(db, structure, day, None).await
}

/// [`recompute`], leaving out the session `except` (still in the table, about to leave
/// the day: `visit`'s hooks, before the write).
pub(crate) async fn recompute_without(
    db: &impl ConnectionTrait,
    structure: i32,
    day: &str,
    except: i32,
) -> Result<(), DbErr> {
    recompute_day(db, structure, day, Some(except)).await
}

async fn recompute_day(
    db: &impl ConnectionTrait,
    structure: i32,
    day: &str,
    except: Option<i32>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        db.execute_raw(stmt(
            backend,
            "SELECT pg_advisory_xact_lock(?, ?)",
            vec![LOCK_CLASS.into(), structure.into()],
        ))
        .await?;
    }
    db.execute_raw(stmt(
        backend,
        "DELETE FROM stats_day WHERE structure_id = ? AND day = ?",
        vec![structure.into(), day.into()],
    ))
    .await?;
    let mut scope = "v.structure_id = ? AND v.date = ?".to_string();
    let mut once: Vec<Value> = vec![structure.into(), day.into()];
    if let Some(id) = except {
        scope.push_str(" AND v.id <> ?");
        once.push(id.into());
    }
    let values: Vec<Value> = Dimension::ALL
        .iter()
        .flat_map(|_| once.iter().cloned())
        .collect();
    db.execute_raw(stmt(backend, &fill_sql(&scope), values))
        .await?;
    Ok(())
}

/// Makes every counter again from every session: the migration that added the named
/// people (`m20261209_000501`), and after sessions loaded in bulk (the benchmark's
/// generator). One `INSERT … SELECT`.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(backend, "DELETE FROM stats_day", vec![]))
        .await?;
    db.execute_raw(stmt(backend, &fill_sql("1 = 1"), vec![]))
        .await?;
    Ok(())
}

/// The sums of `structure`'s counters from day `from` to day `to` (both included), by
/// dimension (of `dimensions`) and item.
pub async fn sums(
    db: &impl ConnectionTrait,
    structure: i32,
    from: &str,
    to: &str,
    dimensions: &[Dimension],
) -> Result<BTreeMap<(Dimension, String), Sums>, DbErr> {
    let backend = db.get_database_backend();
    let marks = vec!["?"; dimensions.len()].join(", ");
    let sql = format!(
        "SELECT d.dimension AS dim, d.item AS item, CAST(SUM(d.sessions) AS BIGINT) AS n, \
         CAST(SUM(d.minutes) AS BIGINT) AS minutes, \
         CAST(SUM(d.anonymous) AS BIGINT) AS anonymous, \
         CAST(SUM(d.anonymous_followed) AS BIGINT) AS anonymous_followed, \
         CAST(SUM(d.named) AS BIGINT) AS named \
         FROM stats_day d WHERE d.structure_id = ? AND d.day >= ? AND d.day <= ? \
         AND d.dimension IN ({marks}) GROUP BY d.dimension, d.item"
    );
    let mut values: Vec<Value> = vec![structure.into(), from.into(), to.into()];
    values.extend(dimensions.iter().map(|d| d.code().into()));
    let mut out = BTreeMap::new();
    for row in db.query_all_raw(stmt(backend, &sql, values)).await? {
        let dim = row.try_get::<String>("", "dim")?;
        let Some(dim) = Dimension::from_code(&dim) else {
            continue;
        };
        out.insert((dim, row.try_get::<String>("", "item")?), Sums::read(&row)?);
    }
    Ok(out)
}

/// The same sums for several structures at once (the network's report): one grouped
/// query per 500 structures, each structure's days read from the primary key.
pub async fn sums_by_structure(
    db: &impl ConnectionTrait,
    structures: &[i32],
    from: &str,
    to: &str,
    dimensions: &[Dimension],
) -> Result<BTreeMap<(i32, Dimension, String), Sums>, DbErr> {
    let backend = db.get_database_backend();
    let mut out = BTreeMap::new();
    for chunk in structures.chunks(500) {
        let ids = vec!["?"; chunk.len()].join(", ");
        let marks = vec!["?"; dimensions.len()].join(", ");
        let sql = format!(
            "SELECT d.structure_id AS s, d.dimension AS dim, d.item AS item, \
             CAST(SUM(d.sessions) AS BIGINT) AS n, CAST(SUM(d.minutes) AS BIGINT) AS minutes, \
             CAST(SUM(d.anonymous) AS BIGINT) AS anonymous, \
             CAST(SUM(d.anonymous_followed) AS BIGINT) AS anonymous_followed, \
             CAST(SUM(d.named) AS BIGINT) AS named \
             FROM stats_day d WHERE d.structure_id IN ({ids}) AND d.day >= ? AND d.day <= ? \
             AND d.dimension IN ({marks}) GROUP BY d.structure_id, d.dimension, d.item"
        );
        let mut values: Vec<Value> = chunk.iter().map(|s| (*s).into()).collect();
        values.extend([from.into(), to.into()]);
        values.extend(dimensions.iter().map(|d| d.code().into()));
        for row in db.query_all_raw(stmt(backend, &sql, values)).await? {
            let dim = row.try_get::<String>("", "dim")?;
            let Some(dim) = Dimension::from_code(&dim) else {
                continue;
            };
            out.insert(
                (
                    row.try_get::<i32>("", "s")?,
                    dim,
                    row.try_get::<String>("", "item")?,
                ),
                Sums::read(&row)?,
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_are_stored_by_their_code() {
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_code(d.code()), Some(d));
        }
        assert_eq!(Dimension::from_code("people"), None);
    }

    #[test]
    fn the_scope_is_in_every_part_of_the_fill() {
        let sql = fill_sql("v.structure_id = ? AND v.date = ?");
        assert_eq!(
            sql.matches("v.structure_id = ?").count(),
            Dimension::ALL.len()
        );
    }
}
