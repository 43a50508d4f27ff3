//! The people of a period, each counted once (issue 21, item 7): met by the structure's
//! sessions, met by each volunteer, and who practised alone. Daily sums cannot count them
//! (a person met on two days would count twice), and counting them from the sessions or
//! the step records of a year reads a million rows; so each person has, per structure,
//! year and kind, one row of `stats_people_year` holding the days they were met (or
//! practised alone) as twelve bit sets, one per month (`m01` … `m12`, bit `d - 1` for the
//! day `d`). The people of any period are then the rows of its years that have a bit among
//! the period's days ([`Days`]): a year of 100 000 people reads 100 000 small rows.
//!
//! Rows are kept in the write's transaction:
//!
//! - `met` (item 0) and `volunteer` (item: the staff id, 0 for none): made again from a
//!   learner's sessions of a year whenever a session with them is written (logged,
//!   corrected, deleted: [`recompute_met`], called by `stats_learning::SessionTouch`);
//!   a session's day is its `date`, its structure the session's;
//! - `alone` (item 0): the days with a step finished without a session with the person, for
//!   the structure they were in at that moment, as `stats_learning` counts steps alone
//!   ([`set_alone`] when such a step is finished, [`SessionTouch`] setting or clearing a
//!   day when a session comes or goes).
//!
//! A deleted learner's rows go with them (`ON DELETE CASCADE`); a volunteer's account
//! deleted since keeps its id in the rows and is read as "nobody", as `stats_day` does.
//! [`rebuild`] makes every row again from the sessions and step records
//! (`stats_learning::rebuild_people`: the migration, the benchmark's bulk load, tests
//! writing rows directly). On PostgreSQL the rows of a
//! learner are written under that learner's advisory lock (`stats_learning::lock_learners`,
//! taken by every caller).
//!
//! [`SessionTouch`]: super::stats_learning::SessionTouch

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr, Value};

use crate::ssr::db::statement as stmt;

/// The month columns, January first.
const MONTHS: [&str; 12] = [
    "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12",
];

/// The bits of every day of a month.
const WHOLE_MONTH: i32 = 0x7fff_ffff;

/// What a row counts a person for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Met by a session of the structure (item 0).
    Met,
    /// Met by a session of a volunteer (item: their id, 0 for none).
    Volunteer,
    /// Finished a step on a day without a session with them (item 0).
    Alone,
}

impl Kind {
    /// As stored in `stats_people_year.kind`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Met => "met",
            Kind::Volunteer => "volunteer",
            Kind::Alone => "alone",
        }
    }
}

fn date(day: &str) -> Option<time::Date> {
    let mut parts = day.trim().splitn(3, '-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

/// The bits of the days `from` to `to` of a month (1 to 31, both included).
fn days_bits(from: u8, to: u8) -> i32 {
    let upto = |d: u8| -> i64 { (1i64 << d.min(31)) - 1 };
    i32::try_from(upto(to) & !upto(from.saturating_sub(1))).unwrap_or(WHOLE_MONTH)
}

/// A day's place in the rows: its year, its month's column (0 to 11), its bit.
fn day_place(day: &str) -> Option<(i32, usize, i32)> {
    let d = date(day)?;
    Some((
        d.year(),
        usize::from(u8::from(d.month())) - 1,
        days_bits(d.day(), d.day()),
    ))
}

/// The days of a period, as the rows hold them: the first and last years' days month by
/// month, and every day of the years between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Days {
    first: (i32, [i32; 12]),
    last: (i32, [i32; 12]),
}

impl Days {
    /// The days `from` to `to` (`YYYY-MM-DD`, both included); `None` when a date does not
    /// exist or the end is before the start.
    pub fn new(from: &str, to: &str) -> Option<Days> {
        let (from, to) = (date(from)?, date(to)?);
        if to < from {
            return None;
        }
        let year = |y: i32| -> [i32; 12] {
            let mut masks = [0; 12];
            for (i, mask) in masks.iter_mut().enumerate() {
                let month = (y, i + 1);
                let start = (from.year(), usize::from(u8::from(from.month())));
                let end = (to.year(), usize::from(u8::from(to.month())));
                if month < start || month > end {
                    continue;
                }
                let lo = if month == start { from.day() } else { 1 };
                let hi = if month == end { to.day() } else { 31 };
                *mask = days_bits(lo, hi);
            }
            masks
        };
        Some(Days {
            first: (from.year(), year(from.year())),
            last: (to.year(), year(to.year())),
        })
    }

    /// The days before the period's first day in its first year.
    fn before_first(&self) -> (i32, [i32; 12]) {
        let (y, masks) = self.first;
        let mut before = [0; 12];
        for (i, mask) in masks.iter().enumerate() {
            if *mask != 0 {
                // The bits below the first day of the period's first month.
                let lowest = mask & mask.wrapping_neg();
                before[i] = lowest - 1;
                break;
            }
            before[i] = WHOLE_MONTH;
        }
        (y, before)
    }
}

/// Whether a row `a` of one year has a bit among `masks` (SQL and its values).
fn year_has(a: &str, year: i32, masks: &[i32; 12], values: &mut Vec<Value>) -> String {
    let mut any = Vec::new();
    let mut marks: Vec<Value> = Vec::new();
    for (column, mask) in MONTHS.iter().zip(masks) {
        match *mask {
            0 => {}
            WHOLE_MONTH => any.push(format!("{a}.{column} <> 0")),
            m => {
                any.push(format!("({a}.{column} & ?) <> 0"));
                marks.push(m.into());
            }
        }
    }
    if any.is_empty() {
        return "1 = 0".to_string();
    }
    values.push(year.into());
    values.extend(marks);
    format!("({a}.year = ? AND ({}))", any.join(" OR "))
}

/// Whether a row `a` holds one of `days` (SQL, values appended to `values`).
fn within(a: &str, days: &Days, values: &mut Vec<Value>) -> String {
    let first = year_has(a, days.first.0, &days.first.1, values);
    if days.first.0 == days.last.0 {
        return first;
    }
    let last_sql = year_has(a, days.last.0, &days.last.1, values);
    values.push(days.first.0.into());
    values.push(days.last.0.into());
    format!("({first} OR {last_sql} OR ({a}.year > ? AND {a}.year < ?))")
}

/// The rows `a` of `kind` in the years of `days` with one of its days, of `structure` or
/// of every structure (`None`): SQL after `WHERE`, and its values.
fn rows_of(structure: Option<i32>, kind: Kind, days: &Days) -> (String, Vec<Value>) {
    let mut values: Vec<Value> = Vec::new();
    let mut sql = String::new();
    if let Some(structure) = structure {
        sql.push_str("a.structure_id = ? AND ");
        values.push(structure.into());
    }
    values.extend([kind.code().into(), days.first.0.into(), days.last.0.into()]);
    let cond = within("a", days, &mut values);
    sql.push_str(&format!(
        "a.kind = ? AND a.year >= ? AND a.year <= ? AND {cond}"
    ));
    (sql, values)
}

/// The ids of the people of `kind` of `structure` in `days`, as a `SELECT` (for `IN`).
pub fn people_sql(structure: i32, kind: Kind, days: &Days) -> (String, Vec<Value>) {
    let (scope, values) = rows_of(Some(structure), kind, days);
    (
        format!("SELECT a.learner_id FROM stats_people_year a WHERE {scope}"),
        values,
    )
}

/// How many people of `kind` each structure had in `days` (each once), of `structure`
/// or of every structure (`None`); a structure with nobody is absent.
pub async fn count_by_structure(
    db: &impl ConnectionTrait,
    structure: Option<i32>,
    kind: Kind,
    days: &Days,
) -> Result<HashMap<i32, u64>, DbErr> {
    let backend = db.get_database_backend();
    let (scope, values) = rows_of(structure, kind, days);
    let sql = format!(
        "SELECT a.structure_id AS s, COUNT(DISTINCT a.learner_id) AS n \
         FROM stats_people_year a WHERE {scope} GROUP BY a.structure_id"
    );
    read_counts(db.query_all_raw(stmt(backend, &sql, values)).await?)
}

fn read_counts(rows: Vec<sea_orm::QueryResult>) -> Result<HashMap<i32, u64>, DbErr> {
    rows.into_iter()
        .map(|r| {
            Ok((
                r.try_get::<i32>("", "s")?,
                u64::try_from(r.try_get::<i64>("", "n")?).unwrap_or(0),
            ))
        })
        .collect()
}

/// How many people of `kind` `structure` had in `days` (each once).
pub async fn count(
    db: &impl ConnectionTrait,
    structure: i32,
    kind: Kind,
    days: &Days,
) -> Result<u64, DbErr> {
    let counts = count_by_structure(db, Some(structure), kind, days).await?;
    Ok(counts.get(&structure).copied().unwrap_or(0))
}

/// The people met in `days` whom their structure had never met before its first day, by
/// structure, of `structure` or of every structure (`None`).
pub async fn count_new_by_structure(
    db: &impl ConnectionTrait,
    structure: Option<i32>,
    days: &Days,
) -> Result<HashMap<i32, u64>, DbErr> {
    let backend = db.get_database_backend();
    let (scope, mut values) = rows_of(structure, Kind::Met, days);
    let (year, before) = days.before_first();
    values.extend([Kind::Met.code().into(), year.into()]);
    let earlier = year_has("b", year, &before, &mut values);
    let sql = format!(
        "SELECT met.s AS s, COUNT(*) AS n FROM (SELECT DISTINCT a.structure_id AS s, \
         a.learner_id AS lid FROM stats_people_year a WHERE {scope}) met \
         WHERE NOT EXISTS (SELECT 1 FROM stats_people_year b WHERE b.learner_id = met.lid \
         AND b.structure_id = met.s AND b.kind = ? AND (b.year < ? OR {earlier})) \
         GROUP BY met.s"
    );
    read_counts(db.query_all_raw(stmt(backend, &sql, values)).await?)
}

/// [`count_new_by_structure`] of one structure.
pub async fn count_new(
    db: &impl ConnectionTrait,
    structure: i32,
    days: &Days,
) -> Result<u64, DbErr> {
    let counts = count_new_by_structure(db, Some(structure), days).await?;
    Ok(counts.get(&structure).copied().unwrap_or(0))
}

/// The people each volunteer met in `days` (each once per volunteer): `None` for the
/// sessions of nobody, with those of accounts deleted since.
pub async fn by_volunteer(
    db: &impl ConnectionTrait,
    structure: i32,
    days: &Days,
) -> Result<HashMap<Option<i32>, u64>, DbErr> {
    let backend = db.get_database_backend();
    let (scope, values) = rows_of(Some(structure), Kind::Volunteer, days);
    let sql = format!(
        "SELECT CASE WHEN a.item IN (SELECT s.id FROM staff s) THEN a.item ELSE 0 END AS who, \
         COUNT(DISTINCT a.learner_id) AS n FROM stats_people_year a WHERE {scope} \
         GROUP BY CASE WHEN a.item IN (SELECT s.id FROM staff s) THEN a.item ELSE 0 END"
    );
    let mut out = HashMap::new();
    for row in db.query_all_raw(stmt(backend, &sql, values)).await? {
        let who = row.try_get::<i32>("", "who")?;
        out.insert(
            Some(who).filter(|id| *id != 0),
            u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
        );
    }
    Ok(out)
}

/// The year of a session's `date` (SQL on `v`).
const VISIT_YEAR: &str = "CAST(substr(v.date, 1, 4) AS INTEGER)";

/// The twelve month columns' values of a group of days `d` (`YYYY-MM-DD`, SQL): each
/// month's days as bits (`SUM(DISTINCT …)` of distinct powers of two is their union).
fn month_bits(d: &str) -> String {
    (1..=12)
        .map(|m| {
            format!(
                "CAST(SUM(DISTINCT CASE WHEN substr({d}, 6, 2) = '{m:02}' \
                 THEN 1 << (CAST(substr({d}, 9, 2) AS INTEGER) - 1) ELSE 0 END) AS INTEGER)"
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const INSERT: &str = "INSERT INTO stats_people_year (structure_id, kind, year, item, \
     learner_id, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12)";

/// `INSERT … SELECT` of the `met` and `volunteer` rows of the sessions that `scope` (SQL
/// on `v` and `vl`) keeps; `scope`'s values are needed twice.
fn met_sql(scope: &str) -> String {
    let bits = month_bits("v.date");
    format!(
        "{INSERT} SELECT v.structure_id, '{met}', {VISIT_YEAR}, 0, vl.learner_id, {bits} \
         FROM visit v JOIN visit_learner vl ON vl.visit_id = v.id WHERE {scope} \
         GROUP BY v.structure_id, {VISIT_YEAR}, vl.learner_id \
         UNION ALL SELECT v.structure_id, '{volunteer}', {VISIT_YEAR}, \
         COALESCE(v.volunteer_id, 0), vl.learner_id, {bits} \
         FROM visit v JOIN visit_learner vl ON vl.visit_id = v.id WHERE {scope} \
         GROUP BY v.structure_id, {VISIT_YEAR}, COALESCE(v.volunteer_id, 0), vl.learner_id",
        met = Kind::Met.code(),
        volunteer = Kind::Volunteer.code(),
    )
}

/// Makes again the `met` and `volunteer` rows of `learner` for the years of `days`
/// (`YYYY-MM-DD`) from their sessions, in the caller's transaction (after the write).
pub async fn recompute_met(
    db: &impl ConnectionTrait,
    learner: i32,
    days: impl IntoIterator<Item = &str>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut years: Vec<i32> = days
        .into_iter()
        .filter_map(|d| Some(date(d)?.year()))
        .collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        db.execute_raw(stmt(
            backend,
            "DELETE FROM stats_people_year WHERE learner_id = ? AND year = ? \
             AND kind IN (?, ?)",
            vec![
                learner.into(),
                year.into(),
                Kind::Met.code().into(),
                Kind::Volunteer.code().into(),
            ],
        ))
        .await?;
        let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        let scope = "vl.learner_id = ? AND v.date >= ? AND v.date <= ?";
        let one: [Value; 3] = [learner.into(), first.into(), last.into()];
        let values: Vec<Value> = one.iter().chain(one.iter()).cloned().collect();
        db.execute_raw(stmt(backend, &met_sql(scope), values))
            .await?;
    }
    Ok(())
}

/// The day of the learner's first session, as SQL on the learner's id `id`.
fn first_session_sql(id: &str) -> String {
    format!(
        "(SELECT MIN(v.date) FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id \
         WHERE vl.learner_id = {id})"
    )
}

/// Sets `learner.first_session_on` of `learner` from their sessions again (after a
/// session with them was written), and its copy in their follow-up answers.
pub async fn recompute_first_session(db: &impl ConnectionTrait, learner: i32) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(
        backend,
        &format!(
            "UPDATE learner SET first_session_on = {} WHERE id = ?",
            first_session_sql("?")
        ),
        vec![learner.into(), learner.into()],
    ))
    .await?;
    copy_to_answers(db, Some(learner)).await
}

/// Sets every learner's `first_session_on` from the sessions again (after sessions
/// written in bulk; tests writing rows directly).
pub async fn rebuild_first_sessions(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(
        backend,
        &format!(
            "UPDATE learner SET first_session_on = {}",
            first_session_sql("learner.id")
        ),
        vec![],
    ))
    .await?;
    copy_to_answers(db, None).await
}

/// Makes the copies of the learner's structure and first session that the follow-up
/// answers carry (`m20261209_000801`) equal to the learner's again: `learner`'s answers,
/// or everyone's (`None`). Call it, in the same transaction and holding the learner's lock
/// (`stats_learning::lock_learners`), after any change of a learner's `structure_id` or
/// `first_session_on`, and after an answer is recorded.
pub async fn copy_to_answers(db: &impl ConnectionTrait, learner: Option<i32>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut sql = String::from(
        "UPDATE follow_up_answer SET \
         structure_id = (SELECT l.structure_id FROM learner l \
         WHERE l.id = follow_up_answer.learner_id), \
         first_session_on = (SELECT l.first_session_on FROM learner l \
         WHERE l.id = follow_up_answer.learner_id)",
    );
    let mut values = Vec::new();
    if let Some(id) = learner {
        sql.push_str(" WHERE learner_id = ?");
        values.push(id.into());
    }
    db.execute_raw(stmt(backend, &sql, values)).await?;
    Ok(())
}

/// The key of `learner`'s `alone` row of `structure` and `year`, as the values of
/// `structure_id`, `kind`, `year` and `learner_id` (the item is 0).
fn alone_key(structure: i32, learner: i32, year: i32) -> Vec<Value> {
    vec![
        structure.into(),
        Kind::Alone.code().into(),
        year.into(),
        learner.into(),
    ]
}

/// `learner` finished a step alone on `day`, counted for `structure`.
pub async fn set_alone(
    db: &impl ConnectionTrait,
    structure: i32,
    learner: i32,
    day: &str,
) -> Result<(), DbErr> {
    let Some((year, month, bit)) = day_place(day) else {
        return Ok(());
    };
    let backend = db.get_database_backend();
    let column = MONTHS[month];
    let mut values = alone_key(structure, learner, year);
    values.extend((0..12).map(|m| Value::from(if m == month { bit } else { 0 })));
    db.execute_raw(stmt(
        backend,
        &format!(
            "{INSERT} VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (structure_id, kind, year, item, learner_id) DO UPDATE SET \
             {column} = stats_people_year.{column} | excluded.{column}"
        ),
        values,
    ))
    .await?;
    Ok(())
}

/// `learner` no longer finished a step alone on `day` for `structure` (a session came).
pub async fn clear_alone(
    db: &impl ConnectionTrait,
    structure: i32,
    learner: i32,
    day: &str,
) -> Result<(), DbErr> {
    let Some((year, month, bit)) = day_place(day) else {
        return Ok(());
    };
    let backend = db.get_database_backend();
    let column = MONTHS[month];
    let mut values = vec![Value::from(!bit)];
    values.extend(alone_key(structure, learner, year));
    let this_row = "structure_id = ? AND kind = ? AND year = ? AND item = 0 AND learner_id = ?";
    db.execute_raw(stmt(
        backend,
        &format!("UPDATE stats_people_year SET {column} = {column} & ? WHERE {this_row}"),
        values,
    ))
    .await?;
    let empty = MONTHS.map(|m| format!("{m} = 0")).join(" AND ");
    db.execute_raw(stmt(
        backend,
        &format!("DELETE FROM stats_people_year WHERE {this_row} AND {empty}"),
        alone_key(structure, learner, year),
    ))
    .await?;
    Ok(())
}

/// Makes every row again: the `met` and `volunteer` rows from every session, the `alone`
/// rows from `alone_days`, a `SELECT` of the structure (`s`), day (`d`, `YYYY-MM-DD`) and
/// learner (`lid`) of every step finished alone (`stats_learning::rebuild_people`).
pub async fn rebuild(db: &impl ConnectionTrait, alone_days: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(stmt(backend, "DELETE FROM stats_people_year", vec![]))
        .await?;
    db.execute_raw(stmt(backend, &met_sql("1 = 1"), vec![]))
        .await?;
    let bits = month_bits("x.d");
    let sql = format!(
        "{INSERT} SELECT x.s, '{alone}', CAST(substr(x.d, 1, 4) AS INTEGER), 0, x.lid, {bits} \
         FROM ({alone_days}) x GROUP BY x.s, CAST(substr(x.d, 1, 4) AS INTEGER), x.lid",
        alone = Kind::Alone.code(),
    );
    db.execute_raw(stmt(backend, &sql, vec![])).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_one_bit_of_its_month() {
        assert_eq!(day_place("2026-01-01"), Some((2026, 0, 1)));
        assert_eq!(day_place("2026-12-31"), Some((2026, 11, 1 << 30)));
        assert_eq!(day_place("2026-02-30"), None);
        assert_eq!(days_bits(1, 31), WHOLE_MONTH);
        assert_eq!(days_bits(3, 5), 0b11100);
    }

    #[test]
    fn a_period_is_its_days_month_by_month() {
        let d = Days::new("2026-03-15", "2026-05-02").unwrap();
        assert_eq!(d.first, d.last);
        let m = d.first.1;
        assert_eq!(m[1], 0);
        assert_eq!(m[2], days_bits(15, 31));
        assert_eq!(m[3], WHOLE_MONTH);
        assert_eq!(m[4], 0b11);
        assert_eq!(m[5], 0);
        let (_, before) = d.before_first();
        assert_eq!(before[0], WHOLE_MONTH);
        assert_eq!(before[1], WHOLE_MONTH);
        assert_eq!(before[2], days_bits(1, 14));
        assert_eq!(before[3], 0);
        // Across years: the first year from its first day, the last up to its last.
        let d = Days::new("2025-12-07", "2027-01-06").unwrap();
        assert_eq!(d.first.0, 2025);
        assert_eq!(d.first.1[11], days_bits(7, 31));
        assert_eq!(d.first.1[10], 0);
        assert_eq!(d.last.0, 2027);
        assert_eq!(d.last.1[0], days_bits(1, 6));
        assert_eq!(d.last.1[1], 0);
        // From the first of January: nothing before it that year.
        let (_, before) = Days::new("2026-01-01", "2026-01-31")
            .unwrap()
            .before_first();
        assert_eq!(before, [0; 12]);
        assert!(Days::new("2026-02-01", "2026-01-31").is_none());
    }

    #[test]
    fn the_sql_has_one_value_per_mark() {
        for (from, to) in [
            ("2026-01-01", "2026-12-31"),
            ("2026-06-10", "2026-06-20"),
            ("2025-12-07", "2026-12-06"),
            ("2024-02-29", "2027-03-01"),
        ] {
            let days = Days::new(from, to).unwrap();
            for kind in [Kind::Met, Kind::Volunteer, Kind::Alone] {
                let (sql, values) = rows_of(Some(1), kind, &days);
                assert_eq!(sql.matches('?').count(), values.len(), "{from} {to}");
            }
            let mut values = Vec::new();
            let (year, before) = days.before_first();
            let sql = year_has("b", year, &before, &mut values);
            assert_eq!(sql.matches('?').count(), values.len(), "{from} {to}");
        }
    }
}
