//! Daily counters of the help requests (issue 21, item 7): for each structure and day, the
//! requests made, and how soon they were answered (the same day, within three days, later,
//! not yet), so that a period's figures are a sum over its days instead of a pass over
//! every request of the period.
//!
//! A request counts on the French day it was made ([`day_of`]), for the structure the
//! learner was in then (as the learning counters: a learner who moves keeps their past
//! requests with the old structure, even one answered later by the new one). A learner has
//! few requests: every write about them (a request made, answered at a visit or from the
//! follow-up page, the learner deleted) counts that learner's requests before and after it,
//! in its transaction, and changes the counters by the difference ([`LearnerTouch`]).
//! [`rebuild`] makes every counter again from the requests (the migration, the benchmark's
//! bulk load, tests that write requests directly).

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult};

use super::stats_learning::{self, day_of, structure_at_sql};
use crate::ssr::db::statement as stmt;

/// A day's requests: made, answered within a day, within three days, later, not yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpFigures {
    pub requests: i64,
    pub same_day: i64,
    pub few_days: i64,
    pub later: i64,
    pub waiting: i64,
}

impl HelpFigures {
    fn read(row: &QueryResult) -> Result<HelpFigures, DbErr> {
        let int =
            |c: &str| -> Result<i64, DbErr> { Ok(row.try_get::<Option<i64>>("", c)?.unwrap_or(0)) };
        Ok(HelpFigures {
            requests: int("n")?,
            same_day: int("sd")?,
            few_days: int("fd")?,
            later: int("lt")?,
            waiting: int("w")?,
        })
    }

    fn minus(self, o: HelpFigures) -> HelpFigures {
        HelpFigures {
            requests: self.requests - o.requests,
            same_day: self.same_day - o.same_day,
            few_days: self.few_days - o.few_days,
            later: self.later - o.later,
            waiting: self.waiting - o.waiting,
        }
    }
}

/// The requests by structure (`s`) and day (`d`), every learner's or one learner's
/// (`filter`: ` AND h.learner_id = ?`).
fn requests_sql(backend: DbBackend, filter: &str) -> String {
    format!(
        "SELECT x.s AS s, x.d AS d, COUNT(*) AS n, \
         CAST(SUM(CASE WHEN x.t IS NOT NULL AND x.t - x.c <= 86400 THEN 1 ELSE 0 END) AS BIGINT) AS sd, \
         CAST(SUM(CASE WHEN x.t - x.c > 86400 AND x.t - x.c <= 259200 THEN 1 ELSE 0 END) AS BIGINT) AS fd, \
         CAST(SUM(CASE WHEN x.t - x.c > 259200 THEN 1 ELSE 0 END) AS BIGINT) AS lt, \
         CAST(SUM(CASE WHEN x.t IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS w \
         FROM (SELECT {s} AS s, {d} AS d, h.created_at AS c, h.handled_at AS t \
         FROM help_request h JOIN learner l ON l.id = h.learner_id WHERE 1 = 1{filter}) x \
         GROUP BY x.s, x.d",
        s = structure_at_sql("h.learner_id", "h.created_at"),
        d = day_of(backend, "h.created_at"),
    )
}

/// What `learner`'s requests count, by (structure, day).
async fn counted_by(
    db: &impl ConnectionTrait,
    learner: i32,
) -> Result<BTreeMap<(i32, String), HelpFigures>, DbErr> {
    let backend = db.get_database_backend();
    let sql = requests_sql(backend, " AND h.learner_id = ?");
    let mut out = BTreeMap::new();
    for row in db
        .query_all_raw(stmt(backend, &sql, vec![learner.into()]))
        .await?
    {
        out.insert(
            (row.try_get("", "s")?, row.try_get("", "d")?),
            HelpFigures::read(&row)?,
        );
    }
    Ok(out)
}

/// A learner's requests counted before a write about them; [`LearnerTouch::after`] changes
/// the counters by what the write changed. Both in the write's transaction.
#[derive(Debug)]
pub struct LearnerTouch {
    learner: i32,
    before: BTreeMap<(i32, String), HelpFigures>,
}

impl LearnerTouch {
    /// Takes the learner's lock ([`stats_learning::lock_learners`]: call it before the
    /// write) and counts their requests.
    pub async fn before(db: &impl ConnectionTrait, learner: i32) -> Result<LearnerTouch, DbErr> {
        stats_learning::lock_learners(db, [learner]).await?;
        Ok(LearnerTouch {
            learner,
            before: counted_by(db, learner).await?,
        })
    }

    /// Counts again and applies the difference (nothing after: the learner is deleted).
    pub async fn after(self, db: &impl ConnectionTrait, deleted: bool) -> Result<(), DbErr> {
        let after = if deleted {
            BTreeMap::new()
        } else {
            counted_by(db, self.learner).await?
        };
        let delta: BTreeMap<&(i32, String), HelpFigures> = self
            .before
            .keys()
            .chain(after.keys())
            .map(|k| {
                let of = |m: &BTreeMap<(i32, String), HelpFigures>| {
                    m.get(k).copied().unwrap_or_default()
                };
                (k, of(&after).minus(of(&self.before)))
            })
            .collect();
        apply(db, delta).await
    }
}

/// Changes the counters, in key order; a row left with nothing counted is deleted, so the
/// rows kept are those [`rebuild`] makes.
async fn apply(
    db: &impl ConnectionTrait,
    delta: BTreeMap<&(i32, String), HelpFigures>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for ((structure, day), f) in delta {
        if f == HelpFigures::default() {
            continue;
        }
        db.execute_raw(stmt(
            backend,
            "INSERT INTO stats_help_day (structure_id, day, requests, same_day, few_days, \
             later, waiting) VALUES (?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (structure_id, day) DO UPDATE SET \
             requests = stats_help_day.requests + excluded.requests, \
             same_day = stats_help_day.same_day + excluded.same_day, \
             few_days = stats_help_day.few_days + excluded.few_days, \
             later = stats_help_day.later + excluded.later, \
             waiting = stats_help_day.waiting + excluded.waiting",
            vec![
                (*structure).into(),
                day.clone().into(),
                f.requests.into(),
                f.same_day.into(),
                f.few_days.into(),
                f.later.into(),
                f.waiting.into(),
            ],
        ))
        .await?;
        if f.requests < 0 {
            db.execute_raw(stmt(
                backend,
                "DELETE FROM stats_help_day WHERE structure_id = ? AND day = ? AND requests = 0",
                vec![(*structure).into(), day.clone().into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// Makes every counter again from every request (one `INSERT … SELECT`).
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(backend, "DELETE FROM stats_help_day", vec![]))
        .await?;
    let sql = format!(
        "INSERT INTO stats_help_day (structure_id, day, requests, same_day, few_days, later, \
         waiting) SELECT g.s, g.d, g.n, g.sd, g.fd, g.lt, g.w FROM ({}) g",
        requests_sql(backend, "")
    );
    db.execute_raw(stmt(backend, &sql, vec![])).await?;
    Ok(())
}

const SUMS: &str = "CAST(SUM(h.requests) AS BIGINT) AS n, CAST(SUM(h.same_day) AS BIGINT) AS sd, \
     CAST(SUM(h.few_days) AS BIGINT) AS fd, CAST(SUM(h.later) AS BIGINT) AS lt, \
     CAST(SUM(h.waiting) AS BIGINT) AS w";

/// The sums of `structure`'s counters from day `from` to day `to` (both included).
pub async fn sums(
    db: &impl ConnectionTrait,
    structure: i32,
    from: &str,
    to: &str,
) -> Result<HelpFigures, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT {SUMS} FROM stats_help_day h \
         WHERE h.structure_id = ? AND h.day >= ? AND h.day <= ?"
    );
    let values = vec![structure.into(), from.into(), to.into()];
    match db.query_one_raw(stmt(backend, &sql, values)).await? {
        Some(row) => HelpFigures::read(&row),
        None => Ok(HelpFigures::default()),
    }
}

/// The same sums for every structure at once (the network's report); a structure with
/// none is absent.
pub async fn sums_by_structure(
    db: &impl ConnectionTrait,
    from: &str,
    to: &str,
) -> Result<BTreeMap<i32, HelpFigures>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT h.structure_id AS s, {SUMS} FROM stats_help_day h \
         WHERE h.day >= ? AND h.day <= ? GROUP BY h.structure_id"
    );
    let mut out = BTreeMap::new();
    for row in db
        .query_all_raw(stmt(backend, &sql, vec![from.into(), to.into()]))
        .await?
    {
        out.insert(row.try_get::<i32>("", "s")?, HelpFigures::read(&row)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_learner_s_requests_take_their_id_once() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let sql = requests_sql(backend, " AND h.learner_id = ?");
            assert_eq!(sql.matches('?').count(), 1, "{sql}");
        }
    }

    #[test]
    fn a_difference_is_after_minus_before() {
        let a = HelpFigures {
            requests: 2,
            waiting: 1,
            same_day: 1,
            ..HelpFigures::default()
        };
        let b = HelpFigures {
            requests: 2,
            same_day: 2,
            ..HelpFigures::default()
        };
        assert_eq!(
            b.minus(a),
            HelpFigures {
                same_day: 1,
                waiting: -1,
                ..HelpFigures::default()
            }
        );
    }
}
