//! Outcomes measured the way the evaluation did (issue 21, part 2, item 5).
//!
//! The follow-up questionnaire is due about 3 months, then about 12 months, after a
//! learner's first session (the earliest session logged with them, `visit.date`): the
//! 3-month wave from 3 months to 12 months after it, the 12-month wave from 12 to 24 months.
//! The learner answers it on their home page (`/suivi`), or a volunteer takes the answers at
//! a visit or on the phone. One answer set per learner and wave (a unique key: a double
//! submit records once). "Pas maintenant" postpones the invitation for
//! [`ASK_AGAIN_AFTER`] seconds.
//!
//! [`report`] gives a structure's numbers for a period: per wave, the learners for whom it
//! fell due in the period, those who answered, the response rate, and per question the
//! counts and the share of "oui"; and per module, how the confidence question moved from the
//! module's start to its end. A share of fewer than 5 people is never given ([`Share`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, JoinType, QueryFilter,
    QuerySelect, RelationTrait, Set,
};

use crate::model::{
    AnsweredHow, ConfidenceOutcome, FollowUpForm, FollowUpQuestion, FollowUpRefused,
    MAX_WHAT_CHANGED, OutcomesView, QuestionOutcome, Reply, Share, Wave, WaveOutcome,
};
use crate::ssr::content::Catalog;
use crate::ssr::db::WriteTransaction;
use crate::ssr::db::entities::{
    follow_up_answer, follow_up_postponed, learner, visit, visit_learner,
};

/// After "Pas maintenant", the home page invites again two weeks later.
pub const ASK_AGAIN_AFTER: i64 = 14 * 24 * 3600;

/// The day `months` after `first`.
fn after(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(months))
}

/// The day `months` after `day` (before it when negative), e.g. for tests and periods.
pub fn months_from(day: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        day.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        day.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// The day the wave falls due for a learner whose first session was `first`.
pub fn due_date(first: NaiveDate, wave: Wave) -> Option<NaiveDate> {
    after(first, wave.months())
}

/// The wave to ask `today`, if any: the one whose time has come and not passed, not
/// answered yet.
pub fn due_wave(first: Option<NaiveDate>, today: NaiveDate, answered: &[Wave]) -> Option<Wave> {
    let first = first?;
    Wave::ALL.iter().copied().find(|w| {
        let (Some(from), Some(until)) = (after(first, w.months()), after(first, w.until_months()))
        else {
            return false;
        };
        from <= today && today < until && !answered.contains(w)
    })
}

/// `YYYY-MM-DD` as a date.
pub fn parse_day(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d").ok()
}

/// Each learner's first session, for the learners `filter` keeps (joined on `learner`).
async fn first_sessions(
    db: &impl ConnectionTrait,
    filter: sea_orm::Condition,
) -> Result<HashMap<i32, NaiveDate>, DbErr> {
    let rows: Vec<(i32, Option<String>)> = visit_learner::Entity::find()
        .select_only()
        .column(visit_learner::Column::LearnerId)
        .column_as(
            Expr::from(Func::min(Expr::col((visit::Entity, visit::Column::Date)))),
            "first",
        )
        .join(JoinType::InnerJoin, visit_learner::Relation::Visit.def())
        .join(JoinType::InnerJoin, visit_learner::Relation::Learner.def())
        .filter(filter)
        .group_by(visit_learner::Column::LearnerId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, first)| Some((id, parse_day(&first?)?)))
        .collect())
}

/// A learner's first session, if one was logged.
pub async fn first_session(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Option<NaiveDate>, DbErr> {
    Ok(first_sessions(
        db,
        sea_orm::Condition::all().add(visit_learner::Column::LearnerId.eq(learner_id)),
    )
    .await?
    .remove(&learner_id))
}

async fn answered(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<(Wave, AnsweredHow)>, DbErr> {
    Ok(follow_up_answer::Entity::find()
        .filter(follow_up_answer::Column::LearnerId.eq(learner_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some((
                Wave::from_code(&a.wave)?,
                AnsweredHow::from_code(&a.answered_how)?,
            ))
        })
        .collect())
}

/// The questionnaire for a learner `today`: the wave due (if any) and the waves answered.
pub async fn form(
    db: &impl ConnectionTrait,
    l: &learner::Model,
    today: NaiveDate,
) -> Result<FollowUpForm, DbErr> {
    let answered = answered(db, l.id).await?;
    let waves: Vec<Wave> = answered.iter().map(|(w, _)| *w).collect();
    let first = first_session(db, l.id).await?;
    Ok(FollowUpForm {
        learner_id: l.id,
        first_name: l.first_name.clone(),
        wave: due_wave(first, today, &waves),
        answered,
        replies: vec![None; FollowUpQuestion::ALL.len()],
        ..FollowUpForm::default()
    })
}

/// The wave to invite the learner to on their home page: due, and not postponed until
/// later than `now`.
pub async fn invitation(
    db: &impl ConnectionTrait,
    learner_id: i32,
    today: NaiveDate,
    now: i64,
) -> Result<Option<Wave>, DbErr> {
    let waves: Vec<Wave> = answered(db, learner_id)
        .await?
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    let Some(wave) = due_wave(first_session(db, learner_id).await?, today, &waves) else {
        return Ok(None);
    };
    let postponed = follow_up_postponed::Entity::find_by_id((learner_id, wave.code().to_string()))
        .one(db)
        .await?
        .is_some_and(|p| p.ask_again_at > now);
    Ok((!postponed).then_some(wave))
}

/// "Pas maintenant": invite again [`ASK_AGAIN_AFTER`] after `now`.
pub async fn postpone(
    db: &impl ConnectionTrait,
    learner_id: i32,
    wave: Wave,
    now: i64,
) -> Result<(), DbErr> {
    follow_up_postponed::Entity::insert(follow_up_postponed::ActiveModel {
        learner_id: Set(learner_id),
        wave: Set(wave.code().to_string()),
        ask_again_at: Set(now + ASK_AGAIN_AFTER),
    })
    .on_conflict(
        OnConflict::columns([
            follow_up_postponed::Column::LearnerId,
            follow_up_postponed::Column::Wave,
        ])
        .update_column(follow_up_postponed::Column::AskAgainAt)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// What a form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// In `FollowUpQuestion::ALL`'s order.
    pub replies: Vec<Option<Reply>>,
    pub what_changed: String,
}

impl Answers {
    fn reply(&self, q: FollowUpQuestion) -> Option<String> {
        let i = FollowUpQuestion::ALL.iter().position(|x| *x == q)?;
        self.replies
            .get(i)
            .copied()
            .flatten()
            .map(|r| r.code().to_string())
    }
}

/// What recording gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    Saved,
    /// This wave was answered already (a double submit): nothing changed.
    AlreadyAnswered,
    /// No wave is due for this learner now.
    NotDue,
    Refused(FollowUpRefused),
}

/// Records a learner's answers to the wave due `today`, taken `how` (by `staff_id` at a
/// visit or on the phone, or by the learner alone).
#[allow(clippy::too_many_arguments)]
pub async fn record(
    db: &DatabaseConnection,
    learner_id: i32,
    wave: Wave,
    how: AnsweredHow,
    staff_id: Option<i32>,
    answers: &Answers,
    today: NaiveDate,
    now: i64,
) -> Result<Recorded, DbErr> {
    if answers.replies.iter().all(Option::is_none) {
        return Ok(Recorded::Refused(FollowUpRefused::Empty));
    }
    let what_changed = answers.what_changed.trim();
    if what_changed.chars().count() > MAX_WHAT_CHANGED {
        return Ok(Recorded::Refused(FollowUpRefused::TooLong));
    }
    let done: Vec<Wave> = answered(db, learner_id)
        .await?
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    if done.contains(&wave) {
        return Ok(Recorded::AlreadyAnswered);
    }
    if due_wave(first_session(db, learner_id).await?, today, &done) != Some(wave) {
        return Ok(Recorded::NotDue);
    }
    // Two sends at once: the unique key keeps the first. With it, the copy of the
    // learner's structure and first session (the learner's lock held: a session written
    // meanwhile copies them again after).
    let txn = db.begin_write().await?;
    super::stats_learning::lock_learners(&txn, [learner_id]).await?;
    let inserted = follow_up_answer::Entity::insert(follow_up_answer::ActiveModel {
        learner_id: Set(learner_id),
        wave: Set(wave.code().to_string()),
        answered_how: Set(how.code().to_string()),
        staff_id: Set(staff_id),
        learned: Set(answers.reply(FollowUpQuestion::Learned)),
        less_apprehensive: Set(answers.reply(FollowUpQuestion::LessApprehensive)),
        did_alone: Set(answers.reply(FollowUpQuestion::DidAlone)),
        recommend: Set(answers.reply(FollowUpQuestion::Recommend)),
        what_changed: Set(what_changed.to_string()),
        answered_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            follow_up_answer::Column::LearnerId,
            follow_up_answer::Column::Wave,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    super::stats_people::copy_to_answers(&txn, Some(learner_id)).await?;
    txn.commit().await?;
    Ok(if inserted == 0 {
        Recorded::AlreadyAnswered
    } else {
        Recorded::Saved
    })
}

/// The answers to a wave that are alike, and how many there are.
struct AnswerGroup {
    answered_how: String,
    /// In `FollowUpQuestion::ALL`'s order.
    replies: [Option<String>; 4],
    n: u32,
}

impl AnswerGroup {
    fn reply(&self, q: FollowUpQuestion) -> Option<Reply> {
        let i = FollowUpQuestion::ALL.iter().position(|x| *x == q)?;
        self.replies[i].as_deref().and_then(Reply::from_code)
    }
}

/// One wave's numbers from the answers of the learners it fell due for.
fn wave_outcome(wave: Wave, due: u32, answers: &[AnswerGroup]) -> WaveOutcome {
    let answered = answers.iter().map(|a| a.n).sum();
    let how = |h: AnsweredHow| {
        answers
            .iter()
            .filter(|a| AnsweredHow::from_code(&a.answered_how) == Some(h))
            .map(|a| a.n)
            .sum()
    };
    let questions = FollowUpQuestion::ALL
        .iter()
        .map(|q| {
            let count = |r: Reply| {
                answers
                    .iter()
                    .filter(|a| a.reply(*q) == Some(r))
                    .map(|a| a.n)
                    .sum::<u32>()
            };
            let (yes, no, dont_know) =
                (count(Reply::Yes), count(Reply::No), count(Reply::DontKnow));
            let total = yes + no + dont_know;
            QuestionOutcome {
                question: *q,
                yes,
                no,
                dont_know,
                answers: total,
                yes_share: Share::of(yes, total),
            }
        })
        .collect();
    WaveOutcome {
        wave,
        due,
        answered,
        response_rate: Share::of(answered, due),
        alone: how(AnsweredHow::Alone),
        at_visit: how(AnsweredHow::Visit),
        by_phone: how(AnsweredHow::Phone),
        questions,
    }
}

/// The first sessions for which `wave` falls due from `from` to `upper`, both included: a
/// range of days, as due dates only grow with the first session (several first days at a
/// month's end share a due date). `None` when there is none.
pub fn firsts_due_between(
    wave: Wave,
    from: NaiveDate,
    upper: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if upper < from {
        return None;
    }
    let back = -i32::try_from(wave.months()).ok()?;
    // The earliest first session due on or after `from`.
    let mut a = months_from(from, back)?;
    while due_date(a, wave)? >= from {
        a = a.pred_opt()?;
    }
    while due_date(a, wave)? < from {
        a = a.succ_opt()?;
    }
    // The latest due on or before `upper`.
    let mut b = months_from(upper, back)?;
    while due_date(b, wave)? <= upper {
        b = b.succ_opt()?;
    }
    while due_date(b, wave)? > upper {
        b = b.pred_opt()?;
    }
    (a <= b).then_some((a, b))
}

/// The learners of the structure whose first session (of any structure) was from the
/// second value to the third, both included (`learner.first_session_on`, kept by
/// `stats_people`: a range of `ix_learner_structure_first_session`). Values: structure,
/// first day, last day.
const FIRST_SESSION_BETWEEN: &str = "SELECT l.id FROM learner l WHERE l.structure_id = ? \
     AND l.first_session_on >= ? AND l.first_session_on <= ?";

/// One wave's numbers: the learners it fell due for from `from` to `upper`, and their
/// answers (whenever given), counted by the database.
async fn wave_report(
    db: &impl ConnectionTrait,
    structure_id: i32,
    wave: Wave,
    from: NaiveDate,
    upper: NaiveDate,
) -> Result<WaveOutcome, DbErr> {
    use crate::ssr::db::statement;
    let Some((a, b)) = firsts_due_between(wave, from, upper) else {
        return Ok(wave_outcome(wave, 0, &[]));
    };
    let backend = db.get_database_backend();
    let (a, b) = (a.to_string(), b.to_string());
    let firsts =
        || -> Vec<sea_orm::Value> { vec![structure_id.into(), a.clone().into(), b.clone().into()] };
    let sql = format!("SELECT COUNT(*) AS n FROM ({FIRST_SESSION_BETWEEN}) due");
    let due = match db.query_one_raw(statement(backend, &sql, firsts())).await? {
        Some(row) => row.try_get::<i64>("", "n")?,
        None => 0,
    };
    // The answers carry their learner's structure and first session
    // (`stats_people::copy_to_answers`):
    // a range of `ix_follow_up_answer_report`.
    let sql = "SELECT f.answered_how AS how, f.learned AS q0, f.less_apprehensive AS q1, \
         f.did_alone AS q2, f.recommend AS q3, COUNT(*) AS n FROM follow_up_answer f \
         WHERE f.structure_id = ? AND f.wave = ? AND f.first_session_on >= ? \
         AND f.first_session_on <= ? \
         GROUP BY f.answered_how, f.learned, f.less_apprehensive, f.did_alone, f.recommend";
    let values: Vec<sea_orm::Value> = vec![
        structure_id.into(),
        wave.code().into(),
        a.clone().into(),
        b.clone().into(),
    ];
    let mut groups = Vec::new();
    for row in db.query_all_raw(statement(backend, sql, values)).await? {
        let q = |c: &str| row.try_get::<Option<String>>("", c);
        groups.push(AnswerGroup {
            answered_how: row.try_get("", "how")?,
            replies: [q("q0")?, q("q1")?, q("q2")?, q("q3")?],
            n: u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
        });
    }
    Ok(wave_outcome(wave, u32::try_from(due).unwrap_or(0), &groups))
}

/// A structure's outcomes for the period `from`..=`to`, as of `today`.
///
/// A wave counts for a learner of the structure when its due date is in the period and not
/// after `today`; their answer to it counts whenever it was given. The confidence question
/// counts for a learner who answered it at a module's start and at its end, the end in the
/// period (French days as the learning counters count them), for the structure they were in
/// then. Everything is counted by the database (issue 21, item 7).
pub async fn report(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    structure_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<OutcomesView, DbErr> {
    let mut waves = Vec::new();
    for wave in Wave::ALL.iter() {
        waves.push(wave_report(db, structure_id, *wave, from, to.min(today)).await?);
    }
    Ok(OutcomesView {
        from: from.to_string(),
        to: to.to_string(),
        waves,
        confidence: confidence_outcomes(db, catalog, structure_id, from, to).await?,
    })
}

/// How the confidence question moved, per module: the learners' pairs of answers (at a
/// module's start, at its end) whose end is in the period, summed from the daily counters
/// ([`super::stats_confidence`]: for the structure the learner was in when they answered
/// at the end, on that French day), counted by levels.
async fn confidence_outcomes(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    structure_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ConfidenceOutcome>, DbErr> {
    let pairs =
        super::stats_confidence::sums(db, structure_id, &from.to_string(), &to.to_string()).await?;
    // Module → (pairs, higher, same, lower).
    let mut by_module: BTreeMap<String, (u32, u32, u32, u32)> = BTreeMap::new();
    for (module, before, after, n) in pairs {
        let n = u32::try_from(n).unwrap_or(0);
        let counts = by_module.entry(module).or_default();
        counts.0 += n;
        match after.cmp(&before) {
            std::cmp::Ordering::Greater => counts.1 += n,
            std::cmp::Ordering::Equal => counts.2 += n,
            std::cmp::Ordering::Less => counts.3 += n,
        }
    }
    let mut outcomes: Vec<ConfidenceOutcome> = by_module
        .into_iter()
        .map(|(module, (pairs, higher, same, lower))| ConfidenceOutcome {
            module_title: catalog
                .module(&module)
                .map_or(module, |m| m.meta.title.clone()),
            pairs,
            higher,
            same,
            lower,
            higher_share: Share::of(higher, pairs),
        })
        .collect();
    outcomes.sort_by(|a, b| a.module_title.cmp(&b.module_title));
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn the_first_sessions_due_in_a_period_are_a_range_of_days() {
        // Due from 2026-03-01 to 2026-03-31 after a month? None: waves are 3 and 12.
        let (a, b) =
            firsts_due_between(Wave::ThreeMonths, day("2026-05-01"), day("2026-05-31")).unwrap();
        assert_eq!((a, b), (day("2026-02-01"), day("2026-02-28")));
        let (a, b) =
            firsts_due_between(Wave::ThreeMonths, day("2026-05-31"), day("2026-06-01")).unwrap();
        // 2026-02-28 is due 2026-05-28; 2026-03-01 on 2026-06-01.
        assert_eq!((a, b), (day("2026-03-01"), day("2026-03-01")));
        let (a, b) =
            firsts_due_between(Wave::ThreeMonths, day("2026-04-30"), day("2026-04-30")).unwrap();
        // The 30th and 31st of January are both due on the 30th of April.
        assert_eq!((a, b), (day("2026-01-30"), day("2026-01-31")));
        assert_eq!(
            firsts_due_between(Wave::ThreeMonths, day("2026-05-31"), day("2026-05-30")),
            None
        );
        // Checked against the due dates themselves, day by day.
        let (from, upper) = (day("2026-02-27"), day("2026-03-02"));
        for w in Wave::ALL.iter() {
            let (a, b) = firsts_due_between(*w, from, upper).unwrap();
            let mut d = day("2024-01-01");
            while d < day("2026-06-01") {
                let due = due_date(d, *w).unwrap();
                assert_eq!(from <= due && due <= upper, a <= d && d <= b, "{d}");
                d = d.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn the_waves_fall_due_at_3_and_12_months_after_the_first_session() {
        let first = Some(day("2026-01-31"));
        assert_eq!(due_wave(None, day("2027-01-01"), &[]), None);
        assert_eq!(due_wave(first, day("2026-04-29"), &[]), None);
        assert_eq!(
            due_wave(first, day("2026-04-30"), &[]),
            Some(Wave::ThreeMonths)
        );
        assert_eq!(
            due_wave(first, day("2026-04-30"), &[Wave::ThreeMonths]),
            None
        );
        assert_eq!(
            due_wave(first, day("2027-01-30"), &[]),
            Some(Wave::ThreeMonths)
        );
        assert_eq!(
            due_wave(first, day("2027-01-31"), &[]),
            Some(Wave::TwelveMonths)
        );
        assert_eq!(
            due_wave(first, day("2027-01-31"), &[Wave::ThreeMonths]),
            Some(Wave::TwelveMonths)
        );
        assert_eq!(due_wave(first, day("2028-01-31"), &[]), None);
    }
}
