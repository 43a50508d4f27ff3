//! Daily counters of the learners' moments (issue 21, item 7): for each structure and
//! day, the steps finished, the steps finished alone (on a day without a session with the
//! person), the lessons started (the first step record of a learner's lesson) and the
//! lessons finished, so that a period's figures are a sum over its days instead of a pass
//! over every step record of the period.
//!
//! A moment counts on its French day as [`day_of`] computes it (France's winter offset all
//! year), for the structure the learner was in at that moment: their structure when the
//! moment is written, and afterwards the one they left by their first move at that second
//! or after (`learner_move`), so a learner who moves keeps their past figures with the old
//! structure ([`structure_at_sql`]).
//!
//! Unlike the sessions' counters ([`super::stats_day`]), these are never made again from a
//! whole day (a year has ten million step records): they are changed by the amount a
//! write changes them, in the write's transaction, from what the write really did:
//!
//! - a step record inserted (`progress::complete_step`, `progress::SeenRecorder::flush`,
//!   which insert with `ON CONFLICT DO NOTHING` and know whether they did): a lesson
//!   started when it is the lesson's first record ([`step_inserted`]);
//! - a step finished (its `completed_at` set from nothing: inserted finished, or an
//!   `UPDATE … WHERE completed_at IS NULL` that changed a row): [`step_finished`], alone
//!   when no session with the learner is on its day;
//! - a lesson finished (its `lesson_completion` inserted): [`lesson_finished`];
//! - sessions written (logged, corrected, deleted): the steps alone of each (learner, day)
//!   concerned are counted before and after the write, from that learner's records of
//!   that day only, and the difference applied ([`SessionTouch`]);
//! - a learner deleted: everything they counted is taken off ([`learner_deleted`]).
//!
//! Any other write of `step_progress`, `lesson_completion`, `visit_learner` or of a
//! session's date must do the same, or call [`rebuild`] (the migration, the benchmark's
//! bulk load, tests that write rows directly).
//!
//! The changes of a transaction are gathered ([`Changes`]) and written at its end in key
//! order. On PostgreSQL, every write about a learner first takes an advisory lock on them
//! (held until the transaction ends), always before the structure's lock of
//! [`super::stats_day`] and before any counter row: two writes about one learner (a step
//! and a session, two steps of a lesson) see each other, and the locks are always taken
//! in the same order. SQLite has one writer at a time already.
//!
//! What cannot be added up day after day (the people who practised alone, each once) is
//! kept by [`stats_people`], from the same writes.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Value};

use super::stats_people;
use crate::ssr::db::statement as stmt;

/// The advisory lock class of the writes about a learner (the key is the learner).
const LOCK_CLASS: i32 = 7463;

/// France's winter offset, used all year for the day of a moment.
const OFFSET: i64 = 3600;

/// The French day (`YYYY-MM-DD`) of a Unix time column, as SQL, for comparing with a
/// session's date. France's winter offset (+1 h) is used all year: a step finished between
/// midnight and 1 a.m. in summer counts on the day before.
pub fn day_of(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => {
            format!("to_char(to_timestamp({column} + 3600) AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
        }
        _ => format!("date({column} + 3600, 'unixepoch')"),
    }
}

/// [`day_of`] of a Unix time, in Rust.
pub fn day_of_time(at: i64) -> String {
    let days = (at + OFFSET).div_euclid(86_400);
    let date = time::Date::from_julian_day(
        i32::try_from(days + 2_440_588).unwrap_or(2_440_588), // 1970-01-01
    )
    .unwrap_or(time::Date::MIN);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The first moment of a day (`YYYY-MM-DD`) as [`day_of`] counts it.
pub fn day_start(day: &str) -> Option<i64> {
    let mut parts = day.trim().splitn(3, '-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() - OFFSET)
}

/// The moments of the days `from` to `to` (both included) as [`day_of`] counts them: from
/// the first one to the first one after.
pub fn moments(from: &str, to: &str) -> Option<(i64, i64)> {
    Some((day_start(from)?, day_start(to)? + 86_400))
}

/// The structure learner `learner` (SQL) was in at time `at` (SQL), with `l` their
/// `learner` row: the one they left by their first move at that second or after, or else
/// their structure. A moment of the very second of a move counts for the structure left,
/// whether it was written before the move or after it: a write and [`rebuild`] read the
/// same rows and give the same structure (but for a moment written while a move of that
/// second is being committed, not seen by it).
pub(crate) fn structure_at_sql(learner: &str, at: &str) -> String {
    format!(
        "COALESCE((SELECT m.from_structure_id FROM learner_move m WHERE m.learner_id = {learner} \
         AND m.moved_at >= {at} ORDER BY m.moved_at, m.id LIMIT 1), l.structure_id)"
    )
}

/// The four figures of a structure's day, or changes to them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub steps_finished: i64,
    pub steps_alone: i64,
    pub lessons_started: i64,
    pub lessons_finished: i64,
}

impl Figures {
    /// The columns `f`, `a`, `ls` and `lf` of a row, those of `columns` only (the others:
    /// 0); `NULL` (a sum of no rows): 0.
    fn read_only(row: &QueryResult, columns: &[&str]) -> Result<Figures, DbErr> {
        let int = |col: &str| -> Result<i64, DbErr> {
            if !columns.contains(&col) {
                return Ok(0);
            }
            Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
        };
        Ok(Figures {
            steps_finished: int("f")?,
            steps_alone: int("a")?,
            lessons_started: int("ls")?,
            lessons_finished: int("lf")?,
        })
    }

    fn read(row: &QueryResult) -> Result<Figures, DbErr> {
        Figures::read_only(row, &["f", "a", "ls", "lf"])
    }

    fn is_zero(&self) -> bool {
        *self == Figures::default()
    }

    fn lowers(&self) -> bool {
        self.steps_finished < 0
            || self.steps_alone < 0
            || self.lessons_started < 0
            || self.lessons_finished < 0
    }
}

/// Changes to the counters, by (structure, day), gathered during a transaction and
/// written at its end by [`Changes::apply`].
#[derive(Debug, Default)]
pub struct Changes {
    by_day: BTreeMap<(i32, String), Figures>,
    /// The structures of (learner, moment) already read in the transaction.
    structures: BTreeMap<(i32, i64), Option<i32>>,
}

impl Changes {
    fn at(&mut self, structure: i32, day: String) -> &mut Figures {
        self.by_day.entry((structure, day)).or_default()
    }

    /// [`structure_at`], read once per (learner, moment) in the transaction.
    async fn structure_at(
        &mut self,
        db: &impl ConnectionTrait,
        learner: i32,
        at: i64,
    ) -> Result<Option<i32>, DbErr> {
        if let Some(s) = self.structures.get(&(learner, at)) {
            return Ok(*s);
        }
        let s = structure_at(db, learner, at).await?;
        self.structures.insert((learner, at), s);
        Ok(s)
    }

    /// Writes the changes, in key order (two transactions never wait for each other's
    /// rows in opposite orders). A row left with nothing counted is deleted, so the rows
    /// kept are those [`rebuild`] makes.
    pub async fn apply(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let backend = db.get_database_backend();
        for ((structure, day), f) in self.by_day {
            if f.is_zero() {
                continue;
            }
            db.execute_raw(stmt(
                backend,
                "INSERT INTO stats_learning_day (structure_id, day, steps_finished, steps_alone, \
                 lessons_started, lessons_finished) VALUES (?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (structure_id, day) DO UPDATE SET \
                 steps_finished = stats_learning_day.steps_finished + excluded.steps_finished, \
                 steps_alone = stats_learning_day.steps_alone + excluded.steps_alone, \
                 lessons_started = stats_learning_day.lessons_started + excluded.lessons_started, \
                 lessons_finished = stats_learning_day.lessons_finished + excluded.lessons_finished",
                vec![
                    structure.into(),
                    day.clone().into(),
                    f.steps_finished.into(),
                    f.steps_alone.into(),
                    f.lessons_started.into(),
                    f.lessons_finished.into(),
                ],
            ))
            .await?;
            if f.lowers() {
                db.execute_raw(stmt(
                    backend,
                    "DELETE FROM stats_learning_day WHERE structure_id = ? AND day = ? \
                     AND steps_finished = 0 AND steps_alone = 0 AND lessons_started = 0 \
                     AND lessons_finished = 0",
                    vec![structure.into(), day.into()],
                ))
                .await?;
            }
        }
        Ok(())
    }
}

/// Holds off, until the transaction ends, every other write about these learners
/// (PostgreSQL; SQLite has one writer already). Call it before any other write of the
/// transaction that takes a lock (a session, a counter).
pub async fn lock_learners(
    db: &impl ConnectionTrait,
    learners: impl IntoIterator<Item = i32>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    if backend != DbBackend::Postgres {
        return Ok(());
    }
    // In one order for everyone.
    let learners: BTreeSet<i32> = learners.into_iter().collect();
    for learner in learners {
        db.execute_raw(stmt(
            backend,
            "SELECT pg_advisory_xact_lock(?, ?)",
            vec![LOCK_CLASS.into(), learner.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The structure `learner` was in at `at` ([`structure_at_sql`]); `None` if they are gone.
async fn structure_at(
    db: &impl ConnectionTrait,
    learner: i32,
    at: i64,
) -> Result<Option<i32>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT {} AS s FROM learner l WHERE l.id = ?",
        structure_at_sql("l.id", "?")
    );
    let row = db
        .query_one_raw(stmt(backend, &sql, vec![at.into(), learner.into()]))
        .await?;
    row.map(|r| r.try_get::<i32>("", "s")).transpose()
}

/// Whether a session with `learner` is on `day`.
async fn had_session(db: &impl ConnectionTrait, learner: i32, day: &str) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(stmt(
            backend,
            "SELECT 1 AS x FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id \
             WHERE vl.learner_id = ? AND v.date = ? LIMIT 1",
            vec![learner.into(), day.into()],
        ))
        .await?;
    Ok(row.is_some())
}

/// A step record of `learner` was just inserted, first seen at `seen_at`: the lesson is
/// started then if no other record of it is older (the caller holds the learner's lock,
/// [`lock_learners`]). A record older than the lesson's others (a view written late by the
/// batched recorder) moves the lesson's start to its own day.
pub async fn step_inserted(
    db: &impl ConnectionTrait,
    changes: &mut Changes,
    learner: i32,
    module: &str,
    lesson: &str,
    step: &str,
    seen_at: i64,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(stmt(
            backend,
            "SELECT MIN(sp.first_seen_at) AS t FROM step_progress sp WHERE sp.learner_id = ? \
             AND sp.module = ? AND sp.lesson = ? AND sp.step <> ?",
            vec![learner.into(), module.into(), lesson.into(), step.into()],
        ))
        .await?;
    let before = match row {
        Some(r) => r.try_get::<Option<i64>>("", "t")?,
        None => None,
    };
    if let Some(before) = before {
        if before <= seen_at {
            return Ok(());
        }
        if let Some(s) = changes.structure_at(db, learner, before).await? {
            changes.at(s, day_of_time(before)).lessons_started -= 1;
        }
    }
    if let Some(s) = changes.structure_at(db, learner, seen_at).await? {
        changes.at(s, day_of_time(seen_at)).lessons_started += 1;
    }
    Ok(())
}

/// A step of `learner` was finished at `at` (its `completed_at` set from nothing): alone
/// if no session with them is on its day.
pub async fn step_finished(
    db: &impl ConnectionTrait,
    changes: &mut Changes,
    learner: i32,
    at: i64,
) -> Result<(), DbErr> {
    let Some(s) = changes.structure_at(db, learner, at).await? else {
        return Ok(());
    };
    let day = day_of_time(at);
    let alone = !had_session(db, learner, &day).await?;
    if alone {
        stats_people::set_alone(db, s, learner, &day).await?;
    }
    let f = changes.at(s, day);
    f.steps_finished += 1;
    if alone {
        f.steps_alone += 1;
    }
    Ok(())
}

/// A lesson of `learner` was finished at `at` (its `lesson_completion` inserted).
pub async fn lesson_finished(
    db: &impl ConnectionTrait,
    changes: &mut Changes,
    learner: i32,
    at: i64,
) -> Result<(), DbErr> {
    if let Some(s) = changes.structure_at(db, learner, at).await? {
        changes.at(s, day_of_time(at)).lessons_finished += 1;
    }
    Ok(())
}

/// The steps `learner` finished alone on `day`, by the structure they counted for: none
/// if a session with them is on that day. Reads that learner's records only.
async fn alone_on(
    db: &impl ConnectionTrait,
    learner: i32,
    day: &str,
) -> Result<BTreeMap<i32, i64>, DbErr> {
    let mut out = BTreeMap::new();
    let Some((start, end)) = moments(day, day) else {
        return Ok(out);
    };
    if had_session(db, learner, day).await? {
        return Ok(out);
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT x.s AS s, COUNT(*) AS n FROM (SELECT {} AS s FROM step_progress sp \
         JOIN learner l ON l.id = sp.learner_id WHERE sp.learner_id = ? \
         AND sp.completed_at >= ? AND sp.completed_at < ?) x GROUP BY x.s",
        structure_at_sql("sp.learner_id", "sp.completed_at")
    );
    let values = vec![learner.into(), start.into(), end.into()];
    for row in db.query_all_raw(stmt(backend, &sql, values)).await? {
        out.insert(row.try_get::<i32>("", "s")?, row.try_get::<i64>("", "n")?);
    }
    Ok(out)
}

/// The steps alone of some (learner, day) pairs before a write of sessions; [`after`]
/// applies what the write changed. Every session written (inserted, corrected, deleted,
/// its learners changed) must be between the two, with every (learner, day) it concerned
/// before or after: its learners before on its day before, and after on its day after.
///
/// [`after`]: SessionTouch::after
#[derive(Debug)]
pub struct SessionTouch {
    before: BTreeMap<(i32, String), BTreeMap<i32, i64>>,
}

impl SessionTouch {
    /// Takes the learners' locks ([`lock_learners`]: call it before writing the session)
    /// and counts their steps alone.
    pub async fn before(
        db: &impl ConnectionTrait,
        pairs: impl IntoIterator<Item = (i32, String)>,
    ) -> Result<SessionTouch, DbErr> {
        let pairs: BTreeSet<(i32, String)> = pairs.into_iter().collect();
        lock_learners(db, pairs.iter().map(|(l, _)| *l)).await?;
        let mut before = BTreeMap::new();
        for (learner, day) in pairs {
            let alone = alone_on(db, learner, &day).await?;
            before.insert((learner, day), alone);
        }
        Ok(SessionTouch { before })
    }

    /// Counts again after the write, and changes the counters by the difference; the
    /// learners' rows of the people counted once ([`stats_people`]) are made again for
    /// the years of the days concerned, and their days alone set or cleared.
    pub async fn after(self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let mut changes = Changes::default();
        let mut days_of: BTreeMap<i32, Vec<&str>> = BTreeMap::new();
        for ((learner, day), before) in &self.before {
            days_of.entry(*learner).or_default().push(day);
            let after = alone_on(db, *learner, day).await?;
            for (s, n) in before {
                changes.at(*s, day.clone()).steps_alone -= n;
                if !after.contains_key(s) {
                    stats_people::clear_alone(db, *s, *learner, day).await?;
                }
            }
            for (s, n) in &after {
                changes.at(*s, day.clone()).steps_alone += n;
                stats_people::set_alone(db, *s, *learner, day).await?;
            }
        }
        for (learner, days) in days_of {
            stats_people::recompute_met(db, learner, days).await?;
            stats_people::recompute_first_session(db, learner).await?;
        }
        changes.apply(db).await
    }
}

/// The grouped `SELECT`s of what the records count, by structure (`s`) and day (`d`): the
/// steps finished (`f`) and alone (`a`), the lessons started (`ls`), the lessons finished
/// (`lf`). `one`: only one learner's (its id as the one value of each).
fn figures_sql(backend: DbBackend, one: bool) -> [String; 3] {
    let only = |column: &str| {
        if one {
            format!(" AND {column} = ?")
        } else {
            String::new()
        }
    };
    let day = |column: &str| day_of(backend, column);
    // The days with a session of each person (any structure's sessions), once.
    let steps = format!(
        "SELECT x.s AS s, x.d AS d, COUNT(*) AS f, CAST(SUM(x.a) AS BIGINT) AS a FROM \
         (SELECT {s} AS s, {d} AS d, CASE WHEN seen.lid IS NULL THEN 1 ELSE 0 END AS a \
         FROM step_progress sp JOIN learner l ON l.id = sp.learner_id \
         LEFT JOIN (SELECT DISTINCT vl.learner_id AS lid, v.date AS d FROM visit v \
         JOIN visit_learner vl ON vl.visit_id = v.id WHERE 1 = 1{vl}) seen \
         ON seen.lid = sp.learner_id AND seen.d = {d} \
         WHERE sp.completed_at IS NOT NULL{sp}) x GROUP BY x.s, x.d",
        s = structure_at_sql("sp.learner_id", "sp.completed_at"),
        d = day("sp.completed_at"),
        vl = only("vl.learner_id"),
        sp = only("sp.learner_id"),
    );
    // A lesson started: its oldest record.
    let started = format!(
        "SELECT x.s AS s, x.d AS d, COUNT(*) AS ls FROM (SELECT {s} AS s, {d} AS d FROM \
         (SELECT sp.learner_id AS lid, MIN(sp.first_seen_at) AS t FROM step_progress sp \
         WHERE 1 = 1{sp} GROUP BY sp.learner_id, sp.module, sp.lesson) f \
         JOIN learner l ON l.id = f.lid) x GROUP BY x.s, x.d",
        s = structure_at_sql("f.lid", "f.t"),
        d = day("f.t"),
        sp = only("sp.learner_id"),
    );
    let finished = format!(
        "SELECT x.s AS s, x.d AS d, COUNT(*) AS lf FROM (SELECT {s} AS s, {d} AS d FROM \
         lesson_completion c JOIN learner l ON l.id = c.learner_id WHERE 1 = 1{c}) x \
         GROUP BY x.s, x.d",
        s = structure_at_sql("c.learner_id", "c.completed_at"),
        d = day("c.completed_at"),
        c = only("c.learner_id"),
    );
    [steps, started, finished]
}

/// Everything `learner`'s records count, by (structure, day).
async fn counted_by(
    db: &impl ConnectionTrait,
    learner: i32,
) -> Result<BTreeMap<(i32, String), Figures>, DbErr> {
    let backend = db.get_database_backend();
    let [steps, started, finished] = figures_sql(backend, true);
    let mut out: BTreeMap<(i32, String), Figures> = BTreeMap::new();
    let parts: [(String, usize, &[&str]); 3] = [
        (steps, 2, &["f", "a"]),
        (started, 1, &["ls"]),
        (finished, 1, &["lf"]),
    ];
    for (sql, values, columns) in parts {
        let values: Vec<Value> = (0..values).map(|_| learner.into()).collect();
        for row in db.query_all_raw(stmt(backend, &sql, values)).await? {
            let key = (
                row.try_get::<i32>("", "s")?,
                row.try_get::<String>("", "d")?,
            );
            let read = Figures::read_only(&row, columns)?;
            let f = out.entry(key).or_default();
            f.steps_finished += read.steps_finished;
            f.steps_alone += read.steps_alone;
            f.lessons_started += read.lessons_started;
            f.lessons_finished += read.lessons_finished;
        }
    }
    Ok(out)
}

/// `learner` is about to be deleted with their records: takes off everything they count
/// (call it in the deletion's transaction, before it; it takes the learner's lock). The
/// sessions deleted with them were only theirs: nobody else's steps alone change.
pub async fn learner_deleted(db: &impl ConnectionTrait, learner: i32) -> Result<(), DbErr> {
    lock_learners(db, [learner]).await?;
    let mut changes = Changes::default();
    for ((s, day), f) in counted_by(db, learner).await? {
        let c = changes.at(s, day);
        c.steps_finished -= f.steps_finished;
        c.steps_alone -= f.steps_alone;
        c.lessons_started -= f.lessons_started;
        c.lessons_finished -= f.lessons_finished;
    }
    changes.apply(db).await
}

/// Makes every counter again from every record ([`rebuild_days`]), the rows of the people
/// counted once ([`rebuild_people`]) and the learners' first sessions: after records loaded
/// in bulk (the benchmark's generator), and tests that write records directly.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    rebuild_days(db).await?;
    rebuild_people(db).await?;
    stats_people::rebuild_first_sessions(db).await
}

/// Makes the rows of [`stats_people`] again: the people met from the sessions, and the
/// days each person practised alone, for the structure they were in at the time (the
/// migration that made that table, and [`rebuild`]).
pub async fn rebuild_people(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let day = day_of(backend, "sp.completed_at");
    let alone_days = format!(
        "SELECT {s} AS s, {day} AS d, sp.learner_id AS lid FROM step_progress sp \
         JOIN learner l ON l.id = sp.learner_id \
         LEFT JOIN (SELECT DISTINCT vl.learner_id AS lid, v.date AS d FROM visit v \
         JOIN visit_learner vl ON vl.visit_id = v.id) seen \
         ON seen.lid = sp.learner_id AND seen.d = {day} \
         WHERE sp.completed_at IS NOT NULL AND seen.lid IS NULL",
        s = structure_at_sql("sp.learner_id", "sp.completed_at"),
    );
    stats_people::rebuild(db, &alone_days).await
}

/// Makes every daily counter again from every record (the migration that made the table,
/// and [`rebuild`]). One `INSERT … SELECT` per figure. Each moment counts for the
/// structure the learner was in at its time, as far as `learner_move` tells (moves before
/// that table existed are unknown: those moments count for the structure the learner was
/// in next).
pub async fn rebuild_days(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let [steps, started, finished] = figures_sql(backend, false);
    db.execute_raw(stmt(backend, "DELETE FROM stats_learning_day", vec![]))
        .await?;
    let into = "INSERT INTO stats_learning_day (structure_id, day, steps_finished, steps_alone, \
                lessons_started, lessons_finished)";
    db.execute_raw(stmt(
        backend,
        &format!("{into} SELECT g.s, g.d, g.f, g.a, 0, 0 FROM ({steps}) g"),
        vec![],
    ))
    .await?;
    // (`WHERE 1 = 1`: SQLite reads `ON` after a `SELECT … FROM` without it as a join's.)
    db.execute_raw(stmt(
        backend,
        &format!(
            "{into} SELECT g.s, g.d, 0, 0, g.ls, 0 FROM ({started}) g WHERE 1 = 1 \
             ON CONFLICT (structure_id, day) DO UPDATE SET lessons_started = excluded.lessons_started"
        ),
        vec![],
    ))
    .await?;
    db.execute_raw(stmt(
        backend,
        &format!(
            "{into} SELECT g.s, g.d, 0, 0, 0, g.lf FROM ({finished}) g WHERE 1 = 1 \
             ON CONFLICT (structure_id, day) DO UPDATE SET lessons_finished = excluded.lessons_finished"
        ),
        vec![],
    ))
    .await?;
    Ok(())
}

const SUMS: &str = "CAST(SUM(d.steps_finished) AS BIGINT) AS f, \
     CAST(SUM(d.steps_alone) AS BIGINT) AS a, CAST(SUM(d.lessons_started) AS BIGINT) AS ls, \
     CAST(SUM(d.lessons_finished) AS BIGINT) AS lf";

/// The sums of `structure`'s counters from day `from` to day `to` (both included).
pub async fn sums(
    db: &impl ConnectionTrait,
    structure: i32,
    from: &str,
    to: &str,
) -> Result<Figures, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT {SUMS} FROM stats_learning_day d \
         WHERE d.structure_id = ? AND d.day >= ? AND d.day <= ?"
    );
    let values = vec![structure.into(), from.into(), to.into()];
    match db.query_one_raw(stmt(backend, &sql, values)).await? {
        Some(row) => Figures::read(&row),
        None => Ok(Figures::default()),
    }
}

/// The same sums for every structure at once (the network's report), by structure; a
/// structure with nothing counted is absent.
pub async fn sums_by_structure(
    db: &impl ConnectionTrait,
    from: &str,
    to: &str,
) -> Result<BTreeMap<i32, Figures>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT d.structure_id AS s, {SUMS} FROM stats_learning_day d \
         WHERE d.day >= ? AND d.day <= ? GROUP BY d.structure_id"
    );
    let mut out = BTreeMap::new();
    for row in db
        .query_all_raw(stmt(backend, &sql, vec![from.into(), to.into()]))
        .await?
    {
        out.insert(row.try_get::<i32>("", "s")?, Figures::read(&row)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_of_a_moment_is_french_winter_time() {
        // 2026-07-01 22:59:59 UTC: 23:59:59 in winter time.
        let t = day_start("2026-07-02").unwrap() - 1;
        assert_eq!(day_of_time(t), "2026-07-01");
        assert_eq!(day_of_time(t + 1), "2026-07-02");
        assert_eq!(day_of_time(0), "1970-01-01");
        assert_eq!(day_start("1970-01-01"), Some(-3600));
        assert_eq!(
            moments("2026-03-01", "2026-03-31"),
            Some((
                day_start("2026-03-01").unwrap(),
                day_start("2026-04-01").unwrap()
            ))
        );
        assert_eq!(day_start("2026-02-30"), None);
    }

    #[test]
    fn one_learner_s_figures_take_their_id_once_per_part() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let [steps, started, finished] = figures_sql(backend, true);
            assert_eq!(steps.matches("= ?").count(), 2);
            assert_eq!(started.matches("= ?").count(), 1);
            assert_eq!(finished.matches("= ?").count(), 1);
        }
    }
}
