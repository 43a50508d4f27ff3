//! The statistics of a period as a table (issue 21, item 6), downloaded as CSV for a
//! spreadsheet in French or as XLSX (`super::spreadsheet`): the page's sections in its
//! order, each a small table under its title, numbers as numbers. It shows what the page
//! shows and nothing more: a group of fewer than five people is "moins de 5", never a
//! number nor a percentage ([`crate::model::stats::Share`] already hid it).

use super::spreadsheet::{Cell, Table};
use crate::model::outcomes::{ConfidenceOutcome, Share as Said, WaveOutcome};
use crate::model::stats::{PeopleBreakdown, Share, StatsFigures, StatsView};
use crate::text::{outcomes as said_words, sessions as session_words, stats as words};

/// Minutes as hours with decimals (`270` → `4.5`).
fn hours(minutes: i64) -> Cell {
    #[allow(clippy::cast_precision_loss)]
    Cell::decimal(minutes as f64 / 60.0)
}

/// A group of people: its number and its share, or "moins de 5" and nothing.
fn share(s: Share) -> [Cell; 2] {
    match s {
        Share::Shown { count, percent } => [Cell::count(count), Cell::Int(i64::from(percent))],
        Share::FewerThanFive => [Cell::text(words::FEWER_THAN_FIVE), Cell::Empty],
    }
}

/// A percentage of answers, or "moins de 5" when fewer than five people answered.
fn said(s: Said) -> Cell {
    match s {
        Said::Percent(p) => Cell::Int(i64::from(p)),
        Said::FewerThanFive => Cell::text(words::FEWER_THAN_FIVE),
    }
}

/// A section of key figures: what is counted, and the figure.
fn key_figures(t: &mut Table, title: &str, rows: Vec<(&str, Cell)>) {
    t.title(title);
    t.header(&[words::COL_WHAT, words::COL_FIGURE]);
    for (what, figure) in rows {
        t.row(vec![Cell::text(what), figure]);
    }
    t.blank();
}

/// A breakdown of sessions (or requests): a label and a count per row.
fn counted<T: Copy>(
    t: &mut Table,
    title: &str,
    label: &str,
    value: &str,
    rows: &[(T, u64)],
    word: impl Fn(T) -> &'static str,
) {
    t.title(title);
    t.header(&[label, value]);
    if rows.is_empty() {
        t.row(vec![Cell::text(words::NOTHING)]);
    }
    for (k, n) in rows {
        t.row(vec![Cell::text(word(*k)), Cell::count(*n)]);
    }
    t.blank();
}

/// A breakdown of people: a label, the number of people, their share.
fn shares<T>(
    t: &mut Table,
    title: &str,
    label: &str,
    b: &PeopleBreakdown<T>,
    word: impl Fn(Option<&T>) -> String,
) {
    t.title(title);
    t.header(&[label, words::COL_PEOPLE, words::EXPORT_SHARE]);
    if b.rows.is_empty() {
        t.row(vec![Cell::text(words::NOTHING)]);
    }
    for (k, s) in &b.rows {
        let [n, percent] = share(*s);
        t.row(vec![Cell::text(word(k.as_ref())), n, percent]);
    }
    t.blank();
}

fn told<T: Copy>(word: fn(T) -> &'static str) -> impl Fn(Option<&T>) -> String {
    move |v: Option<&T>| v.map_or(words::NOT_TOLD, |v| word(*v)).to_string()
}

/// The table of a statistics page (`None` when its period was wrong: no figures).
pub fn table(v: &StatsView) -> Option<Table> {
    let f = v.figures.as_ref()?;
    let mut t = Table::new(words::SHEET);
    t.title(words::heading(&v.structure, &v.from, &v.to));
    t.row(vec![
        Cell::text(words::EXPORT_STRUCTURE),
        Cell::text(&v.structure),
    ]);
    t.row(vec![
        Cell::text(words::EXPORT_FROM),
        Cell::Date(v.from.clone()),
    ]);
    t.row(vec![Cell::text(words::EXPORT_TO), Cell::Date(v.to.clone())]);
    t.row(vec![Cell::text(words::EXPORT_RULE)]);
    t.blank();
    figures(&mut t, f);
    if let Some(o) = &v.outcomes {
        t.title(said_words::REPORT_TITLE);
        t.row(vec![Cell::text(said_words::REPORT_INTRO)]);
        t.blank();
        for w in &o.waves {
            wave(&mut t, w);
        }
        confidence(&mut t, &o.confidence);
    }
    Some(t)
}

fn figures(t: &mut Table, f: &StatsFigures) {
    key_figures(
        t,
        words::PEOPLE_TITLE,
        vec![
            (words::PEOPLE, Cell::count(f.people)),
            (words::PEOPLE_NEW, Cell::count(f.people_new)),
            (words::PEOPLE_RETURNING, Cell::count(f.people_returning)),
            (words::ANONYMOUS, Cell::count(f.anonymous)),
            (
                words::ANONYMOUS_RETURNING,
                Cell::count(f.anonymous_returning),
            ),
        ],
    );
    key_figures(
        t,
        words::SESSIONS_TITLE,
        vec![
            (words::SESSIONS, Cell::count(f.sessions)),
            (words::EXPORT_HOURS, hours(f.minutes)),
            (words::WORKSHOPS, Cell::count(f.workshops)),
            (
                words::WORKSHOP_PARTICIPANTS,
                Cell::count(f.workshop_participants),
            ),
        ],
    );
    let sessions = words::COL_SESSIONS;
    counted(
        t,
        words::BY_TYPE,
        words::COL_TYPE,
        sessions,
        &f.by_type,
        session_words::session_type,
    );
    counted(
        t,
        words::BY_PLACE,
        words::COL_PLACE,
        sessions,
        &f.by_place,
        session_words::place_type,
    );
    counted(
        t,
        words::BY_THEME,
        words::COL_THEME,
        sessions,
        &f.by_theme,
        session_words::theme,
    );
    counted(
        t,
        words::BY_DURATION,
        words::COL_DURATION,
        sessions,
        &f.by_duration,
        words::duration_band,
    );
    key_figures(
        t,
        words::LEARNING_TITLE,
        vec![
            (words::LESSONS_STARTED, Cell::count(f.lessons_started)),
            (words::LESSONS_FINISHED, Cell::count(f.lessons_finished)),
            (words::STEPS_ALONE, Cell::count(f.steps_alone)),
            (words::PEOPLE_ALONE, Cell::count(f.people_alone)),
        ],
    );
    let delays: &[_] = if f.help_requests == 0 {
        &[]
    } else {
        &f.help_by_delay
    };
    t.title(words::HELP_TITLE);
    t.header(&[words::COL_DELAY, words::COL_REQUESTS]);
    t.row(vec![
        Cell::text(words::EXPORT_HELP_TOTAL),
        Cell::count(f.help_requests),
    ]);
    for (d, n) in delays {
        t.row(vec![Cell::text(words::help_delay(*d)), Cell::count(*n)]);
    }
    t.blank();
    t.title(words::VOLUNTEERS_TITLE);
    t.header(&[
        words::COL_VOLUNTEER,
        words::COL_SESSIONS,
        words::EXPORT_HOURS,
        words::COL_PEOPLE,
    ]);
    if f.by_volunteer.is_empty() {
        t.row(vec![Cell::text(words::NOTHING)]);
    }
    for v in &f.by_volunteer {
        t.row(vec![
            Cell::text(
                v.name
                    .clone()
                    .unwrap_or_else(|| words::DELETED_ACCOUNT.to_string()),
            ),
            Cell::count(v.sessions),
            hours(v.minutes),
            Cell::count(v.people),
        ]);
    }
    t.blank();
    let zone = |z: Option<&String>| z.cloned().unwrap_or_else(|| words::NO_ZONE.to_string());
    let commune = |c: Option<&String>| {
        c.cloned()
            .unwrap_or_else(|| words::OTHER_COMMUNES.to_string())
    };
    shares(t, words::BY_ZONE, words::COL_ZONE, &f.by_zone, zone);
    shares(
        t,
        words::BY_COMMUNE,
        words::COL_COMMUNE,
        &f.by_commune,
        commune,
    );
    shares(
        t,
        words::BY_AGE,
        words::COL_AGE,
        &f.by_age,
        told(session_words::age_band),
    );
    shares(
        t,
        words::BY_STATUS,
        words::COL_STATUS,
        &f.by_status,
        told(session_words::status),
    );
    shares(
        t,
        words::BY_GENDER,
        words::COL_GENDER,
        &f.by_gender,
        told(session_words::gender),
    );
}

fn wave(t: &mut Table, w: &WaveOutcome) {
    let n = |x: u32| Cell::Int(i64::from(x));
    t.title(said_words::wave_heading(w.wave));
    t.header(&[words::COL_WHAT, words::COL_FIGURE]);
    for (what, figure) in [
        (words::EXPORT_DUE, n(w.due)),
        (words::EXPORT_ANSWERED, n(w.answered)),
        (words::EXPORT_RESPONSE_RATE, said(w.response_rate)),
        (words::EXPORT_ALONE, n(w.alone)),
        (words::EXPORT_AT_VISIT, n(w.at_visit)),
        (words::EXPORT_BY_PHONE, n(w.by_phone)),
    ] {
        t.row(vec![Cell::text(what), figure]);
    }
    t.header(&[
        words::EXPORT_QUESTION,
        said_words::reply(crate::model::Reply::Yes),
        said_words::reply(crate::model::Reply::No),
        said_words::reply(crate::model::Reply::DontKnow),
        words::EXPORT_ANSWERS,
        words::EXPORT_YES_SHARE,
    ]);
    for q in &w.questions {
        t.row(vec![
            Cell::text(said_words::question(q.question)),
            n(q.yes),
            n(q.no),
            n(q.dont_know),
            n(q.answers),
            said(q.yes_share),
        ]);
    }
    t.blank();
}

fn confidence(t: &mut Table, rows: &[ConfidenceOutcome]) {
    let n = |x: u32| Cell::Int(i64::from(x));
    t.title(said_words::REPORT_CONFIDENCE_TITLE);
    t.header(&[
        words::EXPORT_MODULE,
        words::EXPORT_PAIRS,
        words::EXPORT_HIGHER,
        words::EXPORT_SAME,
        words::EXPORT_LOWER,
        words::EXPORT_HIGHER_SHARE,
    ]);
    if rows.is_empty() {
        t.row(vec![Cell::text(said_words::REPORT_CONFIDENCE_NONE)]);
    }
    for c in rows {
        t.row(vec![
            Cell::text(&c.module_title),
            n(c.pairs),
            n(c.higher),
            n(c.same),
            n(c.lower),
            said(c.higher_share),
        ]);
    }
}
