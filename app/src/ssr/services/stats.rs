//! A structure's statistics for a period (issue 21, item 4), for its coordinators. Every
//! figure is aggregated by the database (`COUNT`, `SUM`, `GROUP BY`, `EXISTS`): what comes
//! back is a few rows of numbers whatever the number of learners and sessions (item 7). The
//! figures that add up day after day are sums of daily counters kept as the rows are
//! written (a few rows per day of the period): sessions, minutes, anonymous participants,
//! by type, place, duration, theme and volunteer ([`stats_day`]); lessons started and
//! finished, steps practised alone ([`stats_learning`]); help requests and how soon they
//! were answered ([`stats_help`]). The people, each counted once (met, new, by volunteer,
//! by attribute, who practised alone), come from the days of each person's year kept as
//! bits ([`stats_people`]). [`group_from_rows`] counts everything from the rows, as before
//! the counters. Figures about groups of people go through [`Share::of`] here, so a group
//! of fewer than five people is never given to a page as a number.
//!
//! The period is a range of French dates, both included: sessions by their date; learners'
//! steps, lessons and help requests by their French day as [`stats_learning::day_of`]
//! counts it (the winter offset all year: in summer, the hour after midnight counts on the
//! day before).

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryResult, Value};

use super::stats_people::{self, Days, Kind};
use super::visits::parse_date;
use super::{follow_up, outcomes, stats_day, stats_help, stats_learning};
use crate::model::stats::{
    DurationBand, HelpDelay, PeopleBreakdown, SMALL_GROUP, Share, StatsFigures, StatsView,
    VolunteerStats,
};
use crate::model::{AgeBand, CoopTheme, Gender, PlaceType, SessionType, SocialStatus};
use crate::ssr::content::{Catalog, slug};
use crate::ssr::db::entities::{staff, structure, zone, zone_commune};
use crate::ssr::db::statement as stmt;
use crate::text::dates;

/// A column read as a count (`NULL`, from a `SUM` of no rows: 0).
fn int(row: &QueryResult, col: &str) -> Result<i64, DbErr> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

fn count(row: &QueryResult, col: &str) -> Result<u64, DbErr> {
    Ok(u64::try_from(int(row, col)?).unwrap_or(0))
}

/// The period asked for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    /// Unix times: the first day's midnight in France, and the day after the last's.
    pub start: i64,
    pub end: i64,
}

impl Period {
    /// `None` when a date does not exist or the end is before the start.
    pub fn new(from: &str, to: &str) -> Option<Period> {
        let from = parse_date(from.trim())?;
        let to = parse_date(to.trim())?;
        if to < from {
            return None;
        }
        let start = dates::paris_to_unix(&from, 0)?;
        let end = dates::paris_to_unix(&to, 24 * 60)?;
        Some(Period {
            from,
            to,
            start,
            end,
        })
    }
}

/// The period shown when none is asked for: the last twelve months, today included.
pub fn default_period(today: &str) -> (String, String) {
    let date = || -> Option<time::Date> {
        let mut parts = today.splitn(3, '-').map(|p| p.parse::<i32>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
        let d = u8::try_from(d).ok()?;
        // A year before (the 28th for a 29th of February), then the day after.
        let before = time::Date::from_calendar_date(y - 1, month, d)
            .or_else(|_| time::Date::from_calendar_date(y - 1, month, 28))
            .ok()?;
        before.next_day()
    };
    let from = date()
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_else(|| today.to_string());
    (from, today.to_string())
}

/// The statistics page of `me`'s structure (the caller checked `me` is a coordinator).
/// `from` and `to` as typed; missing: [`default_period`].
pub async fn view(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    from: Option<String>,
    to: Option<String>,
    today: &str,
) -> Result<StatsView, DbErr> {
    let structure = structure::Entity::find_by_id(me.structure_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let (default_from, default_to) = default_period(today);
    let from = from
        .filter(|f| !f.trim().is_empty())
        .unwrap_or(default_from);
    let to = to.filter(|t| !t.trim().is_empty()).unwrap_or(default_to);
    let Some(period) = Period::new(&from, &to) else {
        return Ok(StatsView {
            structure,
            from,
            to,
            bad_period: true,
            figures: None,
            outcomes: None,
        });
    };
    let figures = figures(db, me.structure_id, &period).await?;
    Ok(StatsView {
        structure,
        from: period.from,
        to: period.to,
        bad_period: false,
        figures: Some(figures),
        // Added by [`report`], which has the catalogue.
        outcomes: None,
    })
}

/// The statistics page of `me`'s structure with what people say for the same period
/// ([`outcomes::report`], when the period is right): what the page shows and the exports
/// write. The caller checked `me` is a coordinator.
pub async fn report(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    me: &staff::Model,
    from: Option<String>,
    to: Option<String>,
    today: &str,
) -> Result<StatsView, DbErr> {
    let mut v = view(db, me, from, to, today).await?;
    if v.figures.is_some() {
        let days = (
            outcomes::parse_day(&v.from),
            outcomes::parse_day(&v.to),
            outcomes::parse_day(today),
        );
        if let (Some(from), Some(to), Some(today)) = days {
            v.outcomes =
                Some(outcomes::report(db, catalog, me.structure_id, from, to, today).await?);
        }
    }
    Ok(v)
}

/// The sessions of the structure in the period (`v`: `visit`), and its three values.
const SCOPE: &str = "v.structure_id = ? AND v.date >= ? AND v.date <= ?";

fn scope(structure: i32, p: &Period) -> Vec<Value> {
    vec![structure.into(), p.from.clone().into(), p.to.clone().into()]
}

/// Every figure of the structure's period.
pub async fn figures(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
) -> Result<StatsFigures, DbErr> {
    let mut f = StatsFigures::default();
    // In this order: the attributes' shares are of the people counted before them.
    for g in Group::ALL {
        group(db, g, structure, p, &mut f).await?;
    }
    Ok(f)
}

/// The figures made by one query or a few (timed one by one by `server/benches/stats.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Sessions,
    Themes,
    People,
    Learning,
    Help,
    Volunteers,
    Attributes,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::Sessions,
        Group::Themes,
        Group::People,
        Group::Learning,
        Group::Help,
        Group::Volunteers,
        Group::Attributes,
    ];

    /// Its name in benchmark results.
    pub fn name(self) -> &'static str {
        match self {
            Group::Sessions => "sessions",
            Group::Themes => "themes",
            Group::People => "people",
            Group::Learning => "learning",
            Group::Help => "help",
            Group::Volunteers => "volunteers",
            Group::Attributes => "attributes",
        }
    }
}

/// Fills in `f` the figures of group `g`. The sessions, their themes and each volunteer's
/// sessions and minutes are sums of the daily counters ([`stats_day`]), and so are the
/// lessons started and finished and the steps alone ([`stats_learning`]); the people come
/// from [`stats_people`]; named workshop participants and help requests are counted from
/// the rows.
pub async fn group(
    db: &impl ConnectionTrait,
    g: Group,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    match g {
        Group::Sessions => sessions(db, structure, p, f).await,
        Group::Themes => themes(db, structure, p, f).await,
        Group::People => people(db, structure, p, f).await,
        Group::Learning => learning(db, structure, p, f).await,
        Group::Help => help(db, structure, p, f).await,
        Group::Volunteers => volunteers(db, structure, p, f).await,
        Group::Attributes => {
            let Some(days) = days_of(p) else {
                return Ok(());
            };
            let people = stats_people::people_sql(structure, Kind::Met, &days);
            attributes_of(db, structure, f, &people).await
        }
    }
}

/// [`group`] with every figure counted from the rows, as before the daily counters: the
/// same numbers the slow way (for the learners' moments: while no learner moved, see
/// [`learning_from_rows`]), kept to check the counters (the `stats_day` and
/// `stats_learning` tests) and to measure what they save (`server/benches/stats.rs`).
pub async fn group_from_rows(
    db: &impl ConnectionTrait,
    g: Group,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    match g {
        Group::Sessions => sessions_from_rows(db, structure, p, f).await,
        Group::Themes => themes_from_rows(db, structure, p, f).await,
        Group::Volunteers => volunteers_from_rows(db, structure, p, f).await,
        Group::Learning => learning_from_rows(db, structure, p, f).await,
        Group::People => people_from_rows(db, structure, p, f).await,
        Group::Attributes => attributes_of(db, structure, f, &people_in_rows(structure, p)).await,
        Group::Help => help_from_rows(db, structure, p, f).await,
    }
}

/// Sessions, minutes, workshops and anonymous participants; by type, place and duration:
/// sums of the period's daily counters.
async fn sessions(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    use stats_day::Dimension as D;
    let dimensions = [D::All, D::SessionType, D::PlaceType, D::Duration];
    let sums = stats_day::sums(db, structure, &p.from, &p.to, &dimensions).await?;
    let mut by_type: BTreeMap<SessionType, u64> = BTreeMap::new();
    let mut by_place: BTreeMap<PlaceType, u64> = BTreeMap::new();
    let mut by_band: BTreeMap<DurationBand, u64> = BTreeMap::new();
    for ((dimension, item), s) in &sums {
        let n = s.sessions;
        match dimension {
            D::All => {
                f.sessions += n;
                f.minutes += s.minutes;
                f.anonymous += s.anonymous;
                f.anonymous_returning += s.anonymous_followed;
            }
            D::SessionType => {
                if let Some(t) = SessionType::from_code(item) {
                    *by_type.entry(t).or_default() += n;
                    if t == SessionType::Collective {
                        f.workshops += n;
                        f.workshop_participants += s.anonymous + s.named;
                    }
                }
            }
            D::PlaceType => {
                if let Some(pl) = PlaceType::from_code(item) {
                    *by_place.entry(pl).or_default() += n;
                }
            }
            D::Duration => {
                if let Some(b) = DurationBand::ALL
                    .iter()
                    .find(|b| b.index().to_string() == *item)
                {
                    *by_band.entry(*b).or_default() += n;
                }
            }
            D::Theme | D::Volunteer => {}
        }
    }
    f.by_type = by_type.into_iter().collect();
    f.by_place = by_place.into_iter().collect();
    f.by_duration = by_band.into_iter().collect();
    Ok(())
}

/// Sessions per theme, most first: sums of the period's daily counters.
async fn themes(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    use stats_day::Dimension as D;
    let sums = stats_day::sums(db, structure, &p.from, &p.to, &[D::Theme]).await?;
    f.by_theme = most_first(CoopTheme::ALL.iter().map(|t| {
        let n = sums
            .get(&(D::Theme, t.code().to_string()))
            .map_or(0, |s| s.sessions);
        (*t, n)
    }));
    Ok(())
}

/// The themes met, most first; equal counts in the form's order.
fn most_first(counts: impl Iterator<Item = (CoopTheme, u64)>) -> Vec<(CoopTheme, u64)> {
    let mut by_theme: Vec<_> = counts.filter(|(_, n)| *n > 0).collect();
    by_theme.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_theme
}

/// Each volunteer's sessions and time (sums of the daily counters) and people met (each
/// once: counted from the rows); most sessions first.
async fn volunteers(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    use stats_day::Dimension as D;
    let sums = stats_day::sums(db, structure, &p.from, &p.to, &[D::Volunteer]).await?;
    let ids: Vec<i32> = sums
        .keys()
        .filter_map(|(_, item)| item.parse::<i32>().ok())
        .collect();
    let names = follow_up::staff_names(db, ids).await?;
    // An account deleted since (its sessions' volunteer became `NULL`, their counters
    // kept its id) counts with the sessions of nobody, as the rows do.
    let mut lines: BTreeMap<Option<i32>, (u64, i64)> = BTreeMap::new();
    for ((_, item), s) in &sums {
        let who = item.parse::<i32>().ok().filter(|id| names.contains_key(id));
        let line = lines.entry(who).or_default();
        line.0 += s.sessions;
        line.1 += s.minutes;
    }
    let people = match days_of(p) {
        Some(days) => stats_people::by_volunteer(db, structure, &days).await?,
        None => HashMap::new(),
    };
    volunteer_lines(lines, &names, &people, f);
    Ok(())
}

/// The volunteers' lines from their sessions and minutes (`who` → both) and the people
/// each met (each once), most sessions first.
fn volunteer_lines(
    lines: BTreeMap<Option<i32>, (u64, i64)>,
    names: &HashMap<i32, String>,
    people: &HashMap<Option<i32>, u64>,
    f: &mut StatsFigures,
) {
    let mut lines: Vec<VolunteerStats> = lines
        .into_iter()
        .map(|(who, (sessions, minutes))| VolunteerStats {
            name: who.and_then(|id| names.get(&id).cloned()),
            sessions,
            minutes,
            people: people.get(&who).copied().unwrap_or(0),
        })
        .collect();
    lines.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.name.cmp(&b.name)));
    f.by_volunteer = lines;
}

/// The people each volunteer met (each once), counted from the rows.
async fn volunteer_people_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
) -> Result<HashMap<Option<i32>, u64>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT v.volunteer_id AS who, COUNT(DISTINCT vl.learner_id) AS people \
         FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id WHERE {SCOPE} \
         GROUP BY v.volunteer_id"
    );
    let mut people: HashMap<Option<i32>, u64> = HashMap::new();
    for row in db
        .query_all_raw(stmt(backend, &sql, scope(structure, p)))
        .await?
    {
        people.insert(
            row.try_get::<Option<i32>>("", "who")?,
            count(&row, "people")?,
        );
    }
    Ok(people)
}

/// [`sessions`] counted from the rows.
async fn sessions_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT v.session_type AS t, v.place_type AS pl, \
         CAST(CASE WHEN v.duration_minutes < 30 THEN 0 WHEN v.duration_minutes < 60 THEN 1 \
         WHEN v.duration_minutes < 120 THEN 2 ELSE 3 END AS BIGINT) AS band, \
         COUNT(*) AS n, CAST(SUM(v.duration_minutes) AS BIGINT) AS minutes, \
         CAST(SUM(v.anonymous) AS BIGINT) AS anonymous, \
         CAST(SUM(v.anonymous_followed) AS BIGINT) AS anonymous_followed \
         FROM visit v WHERE {SCOPE} GROUP BY v.session_type, v.place_type, band"
    );
    let rows = db
        .query_all_raw(stmt(backend, &sql, scope(structure, p)))
        .await?;
    let mut by_type: BTreeMap<SessionType, u64> = BTreeMap::new();
    let mut by_place: BTreeMap<PlaceType, u64> = BTreeMap::new();
    let mut by_band: BTreeMap<DurationBand, u64> = BTreeMap::new();
    for row in &rows {
        let n = count(row, "n")?;
        f.sessions += n;
        f.minutes += int(row, "minutes")?;
        let anonymous = count(row, "anonymous")?;
        f.anonymous += anonymous;
        f.anonymous_returning += count(row, "anonymous_followed")?;
        let t = row.try_get::<String>("", "t")?;
        if let Some(t) = SessionType::from_code(&t) {
            *by_type.entry(t).or_default() += n;
            if t == SessionType::Collective {
                f.workshops += n;
                f.workshop_participants += anonymous;
            }
        }
        if let Some(pl) = PlaceType::from_code(&row.try_get::<String>("", "pl")?) {
            *by_place.entry(pl).or_default() += n;
        }
        let band = int(row, "band")?;
        if let Some(b) = DurationBand::ALL
            .iter()
            .find(|b| i64::from(b.index()) == band)
        {
            *by_band.entry(*b).or_default() += n;
        }
    }
    f.workshop_participants += named_participants(db, structure, p).await?;
    f.by_type = by_type.into_iter().collect();
    f.by_place = by_place.into_iter().collect();
    f.by_duration = by_band.into_iter().collect();
    Ok(())
}

/// [`themes`] counted from the rows: one pass, a conditional sum per theme (themes are
/// stored joined by commas). Most first.
async fn themes_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sums: Vec<String> = CoopTheme::ALL
        .iter()
        .enumerate()
        .map(|(i, _)| {
            format!("CAST(SUM(CASE WHEN (',' || v.themes || ',') LIKE ? THEN 1 ELSE 0 END) AS BIGINT) AS t{i}")
        })
        .collect();
    let sql = format!("SELECT {} FROM visit v WHERE {SCOPE}", sums.join(", "));
    let mut values: Vec<Value> = CoopTheme::ALL
        .iter()
        .map(|t| format!("%,{},%", t.code()).into())
        .collect();
    values.extend(scope(structure, p));
    let Some(row) = db.query_one_raw(stmt(backend, &sql, values)).await? else {
        return Ok(());
    };
    let counts = CoopTheme::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| Ok((*t, count(&row, &format!("t{i}"))?)))
        .collect::<Result<Vec<_>, DbErr>>()?;
    f.by_theme = most_first(counts.into_iter());
    Ok(())
}

/// The days of the period as [`stats_people`] reads them.
fn days_of(p: &Period) -> Option<Days> {
    Days::new(&p.from, &p.to)
}

/// Named people met: each once ([`stats_people`]); new (never met by the structure before
/// the period) and returning.
async fn people(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    if let Some(days) = days_of(p) {
        f.people = stats_people::count(db, structure, Kind::Met, &days).await?;
        f.people_new = stats_people::count_new(db, structure, &days).await?;
    }
    f.people_returning = f.people.saturating_sub(f.people_new);
    Ok(())
}

/// The named participants of the period's workshops (a person at two workshops counts
/// twice), counted from the rows (the counters: [`stats_day::Sums::named`]).
async fn named_participants(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT COUNT(*) AS named FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id \
         WHERE {SCOPE} AND v.session_type = 'collectif'"
    );
    match db
        .query_one_raw(stmt(backend, &sql, scope(structure, p)))
        .await?
    {
        Some(row) => count(&row, "named"),
        None => Ok(0),
    }
}

/// [`people`] counted from the sessions.
async fn people_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT COUNT(DISTINCT vl.learner_id) AS people \
         FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id WHERE {SCOPE}"
    );
    if let Some(row) = db
        .query_one_raw(stmt(backend, &sql, scope(structure, p)))
        .await?
    {
        f.people = count(&row, "people")?;
    }
    // Met in the period and never before it: met in the period, and no session of the
    // structure with them before its first day (`CROSS JOIN`: SQLite looks among each
    // person's sessions, not among every session before the period for each person).
    let sql = format!(
        "SELECT COUNT(*) AS n FROM (SELECT DISTINCT vl.learner_id AS lid FROM visit_learner vl \
         JOIN visit v ON v.id = vl.visit_id WHERE {SCOPE}) met \
         WHERE NOT EXISTS (SELECT 1 FROM visit_learner b CROSS JOIN visit w \
         WHERE w.id = b.visit_id AND b.learner_id = met.lid AND w.structure_id = ? \
         AND w.date < ?)"
    );
    let mut values = scope(structure, p);
    values.extend([structure.into(), p.from.clone().into()]);
    if let Some(row) = db.query_one_raw(stmt(backend, &sql, values)).await? {
        f.people_new = count(&row, "n")?;
    }
    f.people_returning = f.people.saturating_sub(f.people_new);
    Ok(())
}

/// The people met in the period, counted from the sessions, as a `SELECT` of their ids.
fn people_in_rows(structure: i32, p: &Period) -> (String, Vec<Value>) {
    (
        format!(
            "SELECT vl.learner_id FROM visit_learner vl JOIN visit v ON v.id = vl.visit_id \
             WHERE {SCOPE}"
        ),
        scope(structure, p),
    )
}

/// The first moment of the period's first day and of the day after its last, as the daily
/// counters of the learners' moments count days ([`stats_learning::day_of`]: France's
/// winter offset all year), so that the figures counted from the rows are those of the
/// counters' days.
fn learning_moments(p: &Period) -> (i64, i64) {
    stats_learning::moments(&p.from, &p.to).unwrap_or((p.start, p.end))
}

/// Lessons started and finished, and steps practised without the volunteer (finished on a
/// day without a session with the person): sums of the period's daily counters
/// ([`stats_learning`], for the structure the learner was in at the time). The people who
/// practised alone cannot be added up day after day (each counts once): counted from the
/// rows, for the learners of the structure now.
async fn learning(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let sums = stats_learning::sums(db, structure, &p.from, &p.to).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    f.lessons_started = count(sums.lessons_started);
    f.lessons_finished = count(sums.lessons_finished);
    f.steps_alone = count(sums.steps_alone);
    if let Some(days) = days_of(p) {
        f.people_alone = stats_people::count(db, structure, Kind::Alone, &days).await?;
    }
    Ok(())
}

/// [`learning`] counted from the rows, as before the daily counters, for the learners of
/// the structure now (a learner who moved takes their past moments with them, unlike the
/// counters): kept to check the counters and to measure what they save.
async fn learning_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let (start, end) = learning_moments(p);
    // A lesson started: its first step seen (the earliest row of the lesson) is in the
    // period; that is, a row of the lesson is in the period and none is before it. The
    // lessons seen in the period come from `ix_step_progress_seen_lesson` alone, and
    // whether one was seen before is one seek in `ix_step_progress_lesson_seen`.
    let sql = "SELECT COUNT(*) AS n FROM (SELECT DISTINCT sp.learner_id, sp.module, sp.lesson \
               FROM step_progress sp WHERE sp.first_seen_at >= ? AND sp.first_seen_at < ?) s \
               JOIN learner l ON l.id = s.learner_id WHERE l.structure_id = ? \
               AND NOT EXISTS (SELECT 1 FROM step_progress e WHERE e.learner_id = s.learner_id \
               AND e.module = s.module AND e.lesson = s.lesson AND e.first_seen_at < ?)";
    let values = vec![start.into(), end.into(), structure.into(), start.into()];
    if let Some(row) = db.query_one_raw(stmt(backend, sql, values)).await? {
        f.lessons_started = count(&row, "n")?;
    }
    let sql = "SELECT COUNT(*) AS n FROM lesson_completion c JOIN learner l ON l.id = c.learner_id \
               WHERE l.structure_id = ? AND c.completed_at >= ? AND c.completed_at < ?";
    let values = vec![structure.into(), start.into(), end.into()];
    if let Some(row) = db.query_one_raw(stmt(backend, sql, values)).await? {
        f.lessons_finished = count(&row, "n")?;
    }
    (f.steps_alone, f.people_alone) = steps_alone_from_rows(db, structure, p).await?;
    Ok(())
}

/// Steps practised without the volunteer, counted from the rows: finished on a day without
/// a session with the person; and the people who did (each once). For the learners of the
/// structure now.
async fn steps_alone_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
) -> Result<(u64, u64), DbErr> {
    let backend = db.get_database_backend();
    let (start, end) = learning_moments(p);
    // The days with a session of each person, from the period's first day to its last (any
    // structure's sessions), put aside once; the steps finished in the period are read
    // from `ix_step_progress_completed_learner` (`CROSS JOIN`: SQLite keeps that order
    // rather than reading every step of each learner of the structure).
    let sql = format!(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT sp.learner_id) AS people FROM step_progress sp \
         CROSS JOIN learner l \
         LEFT JOIN (SELECT DISTINCT vl.learner_id AS lid, v.date AS d FROM visit v \
         JOIN visit_learner vl ON vl.visit_id = v.id WHERE v.date >= ? AND v.date <= ?) seen \
         ON seen.lid = sp.learner_id AND seen.d = {} \
         WHERE l.id = sp.learner_id AND l.structure_id = ? \
         AND sp.completed_at >= ? AND sp.completed_at < ? AND seen.lid IS NULL",
        stats_learning::day_of(backend, "sp.completed_at")
    );
    let values = vec![
        p.from.clone().into(),
        p.to.clone().into(),
        structure.into(),
        start.into(),
        end.into(),
    ];
    match db.query_one_raw(stmt(backend, &sql, values)).await? {
        Some(row) => Ok((count(&row, "n")?, count(&row, "people")?)),
        None => Ok((0, 0)),
    }
}

/// The figures of people and learners' moments that the network's report takes, of every
/// structure at once, as [`people`], [`learning`] and [`help`] count them for one: people
/// met (each once), new, lessons finished, steps practised alone and the people who did,
/// help requests. Five grouped queries whatever the number
/// of structures (people: [`stats_people`]; lessons finished and steps alone: sums of the
/// daily counters, [`stats_learning`]); a structure with none of them is absent.
pub(super) async fn people_and_moments_by_structure(
    db: &impl ConnectionTrait,
    p: &Period,
) -> Result<HashMap<i32, StatsFigures>, DbErr> {
    let mut out: HashMap<i32, StatsFigures> = HashMap::new();
    // People met, new, and who practised alone: each once ([`stats_people`]).
    if let Some(days) = days_of(p) {
        for (s, n) in stats_people::count_by_structure(db, None, Kind::Met, &days).await? {
            out.entry(s).or_default().people = n;
        }
        for (s, n) in stats_people::count_new_by_structure(db, None, &days).await? {
            out.entry(s).or_default().people_new = n;
        }
        for (s, n) in stats_people::count_by_structure(db, None, Kind::Alone, &days).await? {
            out.entry(s).or_default().people_alone = n;
        }
    }
    // Lessons finished and steps alone: sums of the daily counters (`stats_learning`).
    for (s, sums) in stats_learning::sums_by_structure(db, &p.from, &p.to).await? {
        let f = out.entry(s).or_default();
        f.lessons_finished = u64::try_from(sums.lessons_finished).unwrap_or(0);
        f.steps_alone = u64::try_from(sums.steps_alone).unwrap_or(0);
    }
    // Help requests: sums of the daily counters (`stats_help`).
    for (s, sums) in stats_help::sums_by_structure(db, &p.from, &p.to).await? {
        out.entry(s).or_default().help_requests = u64::try_from(sums.requests).unwrap_or(0);
    }
    for f in out.values_mut() {
        f.people_returning = f.people.saturating_sub(f.people_new);
    }
    Ok(out)
}

/// Help requests made in the period, by how soon they were answered: sums of the daily
/// counters ([`stats_help`]).
async fn help(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let sums = stats_help::sums(db, structure, &p.from, &p.to).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    f.help_requests = count(sums.requests);
    f.help_by_delay = vec![
        (HelpDelay::SameDay, count(sums.same_day)),
        (HelpDelay::FewDays, count(sums.few_days)),
        (HelpDelay::Later, count(sums.later)),
        (HelpDelay::Waiting, count(sums.waiting)),
    ];
    Ok(())
}

/// [`help`] counted from the rows (while no learner moved: the rows know only the
/// learner's structure now), over the days as the counters count them: read from
/// `ix_help_request_created_learner` alone (`CROSS JOIN`: SQLite keeps that order rather
/// than reading every request of each learner of the structure).
async fn help_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let (start, end) = learning_moments(p);
    let backend = db.get_database_backend();
    let sql = "SELECT COUNT(*) AS n, \
         CAST(SUM(CASE WHEN h.handled_at IS NOT NULL AND h.handled_at - h.created_at <= 86400 THEN 1 ELSE 0 END) AS BIGINT) AS same_day, \
         CAST(SUM(CASE WHEN h.handled_at - h.created_at > 86400 AND h.handled_at - h.created_at <= 259200 THEN 1 ELSE 0 END) AS BIGINT) AS few_days, \
         CAST(SUM(CASE WHEN h.handled_at - h.created_at > 259200 THEN 1 ELSE 0 END) AS BIGINT) AS later, \
         CAST(SUM(CASE WHEN h.handled_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS waiting \
         FROM help_request h CROSS JOIN learner l \
         WHERE l.id = h.learner_id AND l.structure_id = ? \
         AND h.created_at >= ? AND h.created_at < ?";
    let values = vec![structure.into(), start.into(), end.into()];
    if let Some(row) = db.query_one_raw(stmt(backend, sql, values)).await? {
        f.help_requests = count(&row, "n")?;
        f.help_by_delay = vec![
            (HelpDelay::SameDay, count(&row, "same_day")?),
            (HelpDelay::FewDays, count(&row, "few_days")?),
            (HelpDelay::Later, count(&row, "later")?),
            (HelpDelay::Waiting, count(&row, "waiting")?),
        ];
    }
    Ok(())
}

/// [`volunteers`] counted from the rows.
async fn volunteers_from_rows(
    db: &impl ConnectionTrait,
    structure: i32,
    p: &Period,
    f: &mut StatsFigures,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT v.volunteer_id AS who, COUNT(*) AS n, \
         CAST(SUM(v.duration_minutes) AS BIGINT) AS minutes \
         FROM visit v WHERE {SCOPE} GROUP BY v.volunteer_id"
    );
    let mut lines: BTreeMap<Option<i32>, (u64, i64)> = BTreeMap::new();
    for row in db
        .query_all_raw(stmt(backend, &sql, scope(structure, p)))
        .await?
    {
        lines.insert(
            row.try_get::<Option<i32>>("", "who")?,
            (count(&row, "n")?, int(&row, "minutes")?),
        );
    }
    let names = follow_up::staff_names(db, lines.keys().flatten().copied()).await?;
    let people = volunteer_people_from_rows(db, structure, p).await?;
    volunteer_lines(lines, &names, &people, f);
    Ok(())
}

/// The attributes the people are counted by, as columns of `learner`.
const ATTRIBUTES: [&str; 4] = ["age_band", "social_status", "gender", "commune"];

/// The people of `people` (a `SELECT` of their ids, and its values), counted by each of
/// their [`ATTRIBUTES`]: for each, `(value, people)`. One query, grouped by the four.
async fn grouped_by_attributes(
    db: &impl ConnectionTrait,
    people: &(String, Vec<Value>),
) -> Result<[Vec<(Option<String>, u64)>; 4], DbErr> {
    let backend = db.get_database_backend();
    let columns = ATTRIBUTES.map(|c| format!("l.{c}")).join(", ");
    let sql = format!(
        "SELECT {columns}, COUNT(*) AS n FROM learner l WHERE l.id IN ({}) GROUP BY {columns}",
        people.0
    );
    let mut sums: [BTreeMap<Option<String>, u64>; 4] = Default::default();
    for row in db
        .query_all_raw(stmt(backend, &sql, people.1.clone()))
        .await?
    {
        let n = count(&row, "n")?;
        for (column, sum) in ATTRIBUTES.iter().zip(sums.iter_mut()) {
            let value = row
                .try_get::<Option<String>>("", column)?
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty());
            *sum.entry(value).or_default() += n;
        }
    }
    Ok(sums.map(|sum| sum.into_iter().collect()))
}

/// A breakdown of an enum attribute, in the enum's order, "not told" last; groups with
/// nobody left out, small ones hidden.
fn enum_breakdown<T: Copy + Ord>(
    rows: &[(Option<String>, u64)],
    from_code: impl Fn(&str) -> Option<T>,
    total: u64,
) -> PeopleBreakdown<T> {
    let mut counts: BTreeMap<Option<T>, u64> = BTreeMap::new();
    for (value, n) in rows {
        // An unknown code is "not told".
        let key = value.as_deref().and_then(&from_code);
        *counts.entry(key).or_default() += n;
    }
    let not_told = counts.remove(&None);
    let mut out: Vec<(Option<T>, Share)> = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (k, Share::of(n, total)))
        .collect();
    if let Some(n) = not_told.filter(|n| *n > 0) {
        out.push((None, Share::of(n, total)));
    }
    PeopleBreakdown { rows: out }
}

/// Named groups (communes, zones), most first; the groups of fewer than five people are
/// put together under "others" (`None`), with the people whose value is unknown.
fn named_breakdown(
    counts: Vec<(String, u64)>,
    unknown: u64,
    total: u64,
) -> PeopleBreakdown<String> {
    let mut shown: Vec<(String, u64)> = Vec::new();
    let mut others = unknown;
    for (name, n) in counts {
        if n >= SMALL_GROUP {
            shown.push((name, n));
        } else {
            others += n;
        }
    }
    shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut rows: Vec<(Option<String>, Share)> = shown
        .into_iter()
        .map(|(name, n)| (Some(name), Share::of(n, total)))
        .collect();
    if others > 0 {
        rows.push((None, Share::of(others, total)));
    }
    PeopleBreakdown { rows }
}

/// The people of `people` (met in the period: a `SELECT` of their ids) by age band,
/// situation, gender, commune and zone.
async fn attributes_of(
    db: &impl ConnectionTrait,
    structure: i32,
    f: &mut StatsFigures,
    people: &(String, Vec<Value>),
) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let total = f.people;
    let [ages, statuses, genders, communes_typed] = grouped_by_attributes(db, people).await?;
    f.by_age = enum_breakdown(&ages, AgeBand::from_code, total);
    f.by_status = enum_breakdown(&statuses, SocialStatus::from_code, total);
    f.by_gender = enum_breakdown(&genders, Gender::from_code, total);
    // Communes as typed, put together when they only differ by case, accents or
    // punctuation (as zones compare them).
    let rows = communes_typed;
    // Key → (the spelling of most people, its people, everyone's).
    let mut communes: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    let mut unknown = 0;
    for (value, n) in rows {
        let key = value.as_deref().map(slug::slugify).unwrap_or_default();
        match value {
            Some(name) if !key.is_empty() => {
                let entry = communes.entry(key).or_insert_with(|| (name.clone(), 0, 0));
                if n > entry.1 || (n == entry.1 && name < entry.0) {
                    (entry.0, entry.1) = (name, n);
                }
                entry.2 += n;
            }
            _ => unknown += n,
        }
    }
    let zone_names: HashMap<i32, String> = zone::Entity::find()
        .filter(zone::Column::StructureId.eq(structure))
        .all(db)
        .await?
        .into_iter()
        .map(|z| (z.id, z.name))
        .collect();
    let zone_of: HashMap<String, String> = zone_commune::Entity::find()
        .filter(zone_commune::Column::StructureId.eq(structure))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.name_key, zone_names.get(&c.zone_id)?.clone())))
        .collect();
    let mut zones: BTreeMap<String, u64> = BTreeMap::new();
    let mut no_zone = unknown;
    for (key, (_, _, n)) in &communes {
        match zone_of.get(key) {
            Some(z) => *zones.entry(z.clone()).or_default() += n,
            None => no_zone += n,
        }
    }
    f.by_zone = named_breakdown(zones.into_iter().collect(), no_zone, total);
    f.by_commune = named_breakdown(
        communes
            .into_values()
            .map(|(name, _, n)| (name, n))
            .collect(),
        unknown,
        total,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_period_is_the_last_twelve_months() {
        assert_eq!(
            default_period("2026-12-06"),
            ("2025-12-07".to_string(), "2026-12-06".to_string())
        );
        assert_eq!(default_period("2028-02-29").0, "2027-03-01");
        assert_eq!(default_period("2026-12-31").0, "2026-01-01");
    }

    #[test]
    fn a_period_is_checked() {
        assert!(Period::new("2026-02-30", "2026-03-01").is_none());
        assert!(Period::new("2026-03-02", "2026-03-01").is_none());
        let p = Period::new("2026-01-01", "2026-01-01").unwrap();
        assert_eq!(p.end - p.start, 86400);
    }

    #[test]
    fn small_groups_are_hidden_or_put_together() {
        let rows = vec![
            (Some("retraite".to_string()), 6),
            (Some("en_emploi".to_string()), 2),
            (None, 3),
            (Some("bogus".to_string()), 1),
        ];
        let b = enum_breakdown(&rows, SocialStatus::from_code, 12);
        assert_eq!(
            b.rows,
            vec![
                (Some(SocialStatus::Employed), Share::FewerThanFive),
                (
                    Some(SocialStatus::Retired),
                    Share::Shown {
                        count: 6,
                        percent: 50
                    }
                ),
                (None, Share::FewerThanFive),
            ]
        );
        let b = named_breakdown(
            vec![("Pau".into(), 7), ("Lons".into(), 2), ("Billère".into(), 3)],
            1,
            13,
        );
        assert_eq!(
            b.rows,
            vec![
                (
                    Some("Pau".to_string()),
                    Share::Shown {
                        count: 7,
                        percent: 54
                    }
                ),
                (
                    None,
                    Share::Shown {
                        count: 6,
                        percent: 46
                    }
                ),
            ]
        );
    }
}
