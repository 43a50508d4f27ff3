//! Daily counters of the confidence question (issue 21, item 7): for each structure, day,
//! module and pair of levels (at the module's start, at its end), how many learners
//! answered so, so that a period's report is a sum over its days instead of a join of
//! every answer of the period with its learner's answer at the start.
//!
//! A learner's pair for a module counts once both answers exist, on the French day of the
//! answer at the end ([`day_of`]), for the structure they were in then (as
//! the learning counters: a learner who moves keeps their past answers with the old
//! structure). The counters are changed in the answer's transaction by what it changed
//! (the learner's pair for that module before and after, [`record`]); a learner's deletion
//! takes off their pairs ([`learner_deleted`]); [`rebuild`] makes every counter again from
//! the answers (the migration, the benchmark's bulk load, tests that write answers
//! directly).
//!
//! [`record`]: super::confidence::record

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr};

use super::stats_learning::{day_of, structure_at_sql};
use crate::model::Moment;
use crate::ssr::db::statement as stmt;

/// A counter's key: structure, day (`YYYY-MM-DD`), module, level at the start, level at
/// the end.
pub type Key = (i32, String, String, i16, i16);

/// The pairs of answers, by [`Key`]: every learner's, or one learner's (`AND e.learner_id
/// = ?`), or one learner's for one module (`AND … AND e.module = ?`), per `filter`.
fn pairs_sql(backend: DbBackend, filter: &str) -> String {
    format!(
        "SELECT x.s AS s, x.d AS d, x.m AS m, x.b AS b, x.a AS a, COUNT(*) AS n FROM \
         (SELECT {s} AS s, {d} AS d, e.module AS m, st.level AS b, e.level AS a \
         FROM confidence e JOIN confidence st ON st.learner_id = e.learner_id \
         AND st.module = e.module AND st.moment = '{start}' \
         JOIN learner l ON l.id = e.learner_id WHERE e.moment = '{end}'{filter}) x \
         GROUP BY x.s, x.d, x.m, x.b, x.a",
        s = structure_at_sql("e.learner_id", "e.answered_at"),
        d = day_of(backend, "e.answered_at"),
        start = Moment::Start.key(),
        end = Moment::End.key(),
    )
}

/// `learner`'s pairs (for `module` only, when given), by [`Key`].
pub async fn pairs_of(
    db: &impl ConnectionTrait,
    learner: i32,
    module: Option<&str>,
) -> Result<BTreeMap<Key, i64>, DbErr> {
    let backend = db.get_database_backend();
    let mut values = vec![learner.into()];
    let filter = match module {
        Some(m) => {
            values.push(m.into());
            " AND e.learner_id = ? AND e.module = ?"
        }
        None => " AND e.learner_id = ?",
    };
    let mut out = BTreeMap::new();
    for row in db
        .query_all_raw(stmt(backend, &pairs_sql(backend, filter), values))
        .await?
    {
        out.insert(
            (
                row.try_get("", "s")?,
                row.try_get("", "d")?,
                row.try_get("", "m")?,
                row.try_get("", "b")?,
                row.try_get("", "a")?,
            ),
            row.try_get::<i64>("", "n")?,
        );
    }
    Ok(out)
}

/// Changes the counters by `after - before`, in key order (two transactions never wait
/// for each other's rows in opposite orders); a counter left at 0 is deleted, so the rows
/// kept are those [`rebuild`] makes.
pub async fn apply(
    db: &impl ConnectionTrait,
    before: &BTreeMap<Key, i64>,
    after: &BTreeMap<Key, i64>,
) -> Result<(), DbErr> {
    let mut delta: BTreeMap<&Key, i64> = BTreeMap::new();
    for (k, n) in before {
        *delta.entry(k).or_default() -= n;
    }
    for (k, n) in after {
        *delta.entry(k).or_default() += n;
    }
    let backend = db.get_database_backend();
    for ((structure, day, module, before, after), n) in delta {
        if n == 0 {
            continue;
        }
        let key = || {
            vec![
                (*structure).into(),
                day.clone().into(),
                module.clone().into(),
                (*before).into(),
                (*after).into(),
            ]
        };
        let mut values = key();
        values.push(n.into());
        db.execute_raw(stmt(
            backend,
            "INSERT INTO stats_confidence_day (structure_id, day, module, level_before, \
             level_after, n) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (structure_id, day, module, level_before, level_after) \
             DO UPDATE SET n = stats_confidence_day.n + excluded.n",
            values,
        ))
        .await?;
        if n < 0 {
            db.execute_raw(stmt(
                backend,
                "DELETE FROM stats_confidence_day WHERE structure_id = ? AND day = ? \
                 AND module = ? AND level_before = ? AND level_after = ? AND n = 0",
                key(),
            ))
            .await?;
        }
    }
    Ok(())
}

/// `learner` is about to be deleted with their answers: takes off their pairs (in the
/// deletion's transaction, before it, the learner's lock held:
/// [`super::stats_learning::lock_learners`]).
pub async fn learner_deleted(db: &impl ConnectionTrait, learner: i32) -> Result<(), DbErr> {
    let before = pairs_of(db, learner, None).await?;
    apply(db, &before, &BTreeMap::new()).await
}

/// Makes every counter again from every answer (one `INSERT … SELECT`).
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(backend, "DELETE FROM stats_confidence_day", vec![]))
        .await?;
    let sql = format!(
        "INSERT INTO stats_confidence_day (structure_id, day, module, level_before, \
         level_after, n) SELECT g.s, g.d, g.m, g.b, g.a, g.n FROM ({}) g",
        pairs_sql(backend, "")
    );
    db.execute_raw(stmt(backend, &sql, vec![])).await?;
    Ok(())
}

/// A structure's pairs from day `from` to day `to` (both included), by module, level at
/// the start and level at the end.
pub async fn sums(
    db: &impl ConnectionTrait,
    structure: i32,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i16, i16, i64)>, DbErr> {
    let sql = "SELECT c.module AS m, c.level_before AS b, c.level_after AS a, \
               CAST(SUM(c.n) AS BIGINT) AS n FROM stats_confidence_day c \
               WHERE c.structure_id = ? AND c.day >= ? AND c.day <= ? \
               GROUP BY c.module, c.level_before, c.level_after";
    period_sums(db, sql, structure, from, to).await
}

/// The same pairs made from the answers themselves (no counter read): for tests and the
/// benchmark, which compare the two.
pub async fn sums_from_answers(
    db: &impl ConnectionTrait,
    structure: i32,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i16, i16, i64)>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT g.m AS m, g.b AS b, g.a AS a, CAST(SUM(g.n) AS BIGINT) AS n FROM ({}) g \
         WHERE g.s = ? AND g.d >= ? AND g.d <= ? GROUP BY g.m, g.b, g.a ORDER BY g.m, g.b, g.a",
        pairs_sql(backend, "")
    );
    period_sums(db, &sql, structure, from, to).await
}

/// Runs `sql` (values: structure, first day, last day) and reads its rows (module, level
/// at the start, at the end, how many).
async fn period_sums(
    db: &impl ConnectionTrait,
    sql: &str,
    structure: i32,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i16, i16, i64)>, DbErr> {
    let values = vec![structure.into(), from.into(), to.into()];
    let rows = db
        .query_all_raw(stmt(db.get_database_backend(), sql, values))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("", "m")?,
                row.try_get("", "b")?,
                row.try_get("", "a")?,
                row.try_get("", "n")?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_learner_s_pairs_take_the_filter_once() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let sql = pairs_sql(backend, " AND e.learner_id = ?");
            // The structure of the time takes the moment from the row, not a value.
            assert_eq!(sql.matches('?').count(), 1, "{sql}");
            assert!(sql.contains("learner_move"));
        }
    }
}
