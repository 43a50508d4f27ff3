//! Learners' progress through lessons, keyed by module, lesson and step slugs.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::stats_learning;
use crate::paths::{self, StepRef};
use crate::ssr::content::{Lesson, Module};
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{learner, lesson_completion, module_completion, step_progress};
use crate::ssr::db::now;

/// The longest time one visit to a step counts for: a PC left on overnight does not count.
pub const MAX_SECONDS_PER_VISIT: i64 = 10 * 60;

/// What finishing a step completed as well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completed {
    pub lesson: bool,
    pub module: bool,
}

/// Records a step as finished, with the time spent on it since it was shown (`shown_at`,
/// bounded), and the lesson and module if this finishes them. Durable once this returns.
/// Saving the same step twice (two tabs, a double click) keeps one row and the first
/// completion time.
pub async fn complete_step(
    db: &DatabaseConnection,
    learner_id: i32,
    module: &Module,
    lesson: &Lesson,
    step: &str,
    shown_at: Option<i64>,
) -> Result<Completed, DbErr> {
    let at = now();
    let spent = shown_at.map_or(0, |shown| (at - shown).clamp(0, MAX_SECONDS_PER_VISIT)) as i32;
    let txn = db.begin_write().await?;
    // The statistics' daily counters change by what this write really does
    // (`stats_learning`): the learner's other writes wait (PostgreSQL).
    stats_learning::lock_learners(&txn, [learner_id]).await?;
    let mut changes = stats_learning::Changes::default();
    let row = step_progress::ActiveModel {
        learner_id: Set(learner_id),
        module: Set(module.slug.clone()),
        lesson: Set(lesson.slug.clone()),
        step: Set(step.to_string()),
        first_seen_at: Set(at),
        last_seen_at: Set(at),
        seconds_spent: Set(spent),
        completed_at: Set(Some(at)),
        counted_shown_at: Set(shown_at),
        ..Default::default()
    };
    let inserted = insert_once(
        &txn,
        step_progress::Entity::insert(row.clone()).on_conflict(step_key().do_nothing().to_owned()),
    )
    .await?;
    let finished_now =
        if inserted {
            stats_learning::step_inserted(
                &txn,
                &mut changes,
                learner_id,
                &module.slug,
                &lesson.slug,
                step,
                at,
            )
            .await?;
            true
        } else {
            // Seen before, or finished before: finished now only if it was not.
            let finished_now = step_progress::Entity::update_many()
                .col_expr(step_progress::Column::CompletedAt, Expr::value(Some(at)))
                .filter(step_progress::Column::LearnerId.eq(learner_id))
                .filter(step_progress::Column::Module.eq(&module.slug))
                .filter(step_progress::Column::Lesson.eq(&lesson.slug))
                .filter(step_progress::Column::Step.eq(step))
                .filter(step_progress::Column::CompletedAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
                > 0;
            step_progress::Entity::insert(row)
            .on_conflict(
                step_key()
                    .value(
            step_progress::Column::CompletedAt,
            Expr::cust("COALESCE(step_progress.completed_at, excluded.completed_at)"),
        )
        // The same screen sent twice (double click, two tabs, a replayed form) counts once.
        .value(
            step_progress::Column::SecondsSpent,
            Expr::cust(
                "CASE WHEN excluded.counted_shown_at IS NOT NULL \
                 AND step_progress.counted_shown_at = excluded.counted_shown_at \
                 THEN step_progress.seconds_spent \
                 ELSE step_progress.seconds_spent + excluded.seconds_spent END",
            ),
        )
        .value(
            step_progress::Column::CountedShownAt,
            Expr::cust("COALESCE(excluded.counted_shown_at, step_progress.counted_shown_at)"),
        )
        .value(
            step_progress::Column::LastSeenAt,
            Expr::cust("excluded.last_seen_at"),
        )
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
            finished_now
        };
    if finished_now {
        stats_learning::step_finished(&txn, &mut changes, learner_id, at).await?;
    }
    learner::Entity::update_many()
        .col_expr(learner::Column::LastActiveAt, Expr::value(at))
        .filter(learner::Column::Id.eq(learner_id))
        .exec(&txn)
        .await?;

    let mut completed = Completed::default();
    let done = completed_steps(&txn, learner_id, &module.slug, &lesson.slug).await?;
    if lesson.steps.iter().all(|s| done.contains(&s.slug)) {
        completed.lesson = insert_once(
            &txn,
            lesson_completion::Entity::insert(lesson_completion::ActiveModel {
                learner_id: Set(learner_id),
                module: Set(module.slug.clone()),
                lesson: Set(lesson.slug.clone()),
                completed_at: Set(at),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([
                    lesson_completion::Column::LearnerId,
                    lesson_completion::Column::Module,
                    lesson_completion::Column::Lesson,
                ])
                .do_nothing()
                .to_owned(),
            ),
        )
        .await?;
        if completed.lesson {
            stats_learning::lesson_finished(&txn, &mut changes, learner_id, at).await?;
        }
        let finished: HashSet<String> = lesson_completion::Entity::find()
            .filter(lesson_completion::Column::LearnerId.eq(learner_id))
            .filter(lesson_completion::Column::Module.eq(&module.slug))
            .all(&txn)
            .await?
            .into_iter()
            .map(|c| c.lesson)
            .collect();
        if module
            .published_lessons()
            .all(|l| finished.contains(&l.slug))
        {
            completed.module = insert_once(
                &txn,
                module_completion::Entity::insert(module_completion::ActiveModel {
                    learner_id: Set(learner_id),
                    module: Set(module.slug.clone()),
                    completed_at: Set(at),
                    ..Default::default()
                })
                .on_conflict(
                    OnConflict::columns([
                        module_completion::Column::LearnerId,
                        module_completion::Column::Module,
                    ])
                    .do_nothing()
                    .to_owned(),
                ),
            )
            .await?;
        }
    }
    changes.apply(&txn).await?;
    txn.commit().await?;
    Ok(completed)
}

/// A learner's record of one step: the unique key of `step_progress`.
fn step_key() -> OnConflict {
    OnConflict::columns([
        step_progress::Column::LearnerId,
        step_progress::Column::Module,
        step_progress::Column::Lesson,
        step_progress::Column::Step,
    ])
}

/// Runs an `INSERT … ON CONFLICT DO NOTHING`; `true` if a row was inserted.
async fn insert_once<A>(
    db: &impl ConnectionTrait,
    insert: sea_orm::Insert<A>,
) -> Result<bool, DbErr>
where
    A: sea_orm::ActiveModelTrait,
{
    Ok(insert.exec_without_returning(db).await? > 0)
}

/// Steps shown to learners, recorded in batches: a page view must not wait for a disk
/// write. Losing the last seconds of views in a crash loses nothing the learner saved.
#[derive(Debug, Default)]
pub struct SeenRecorder {
    pending: std::sync::Mutex<HashMap<(i32, Arc<StepRef>), i64>>,
}

impl SeenRecorder {
    pub fn seen(&self, learner_id: i32, step: Arc<StepRef>) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((learner_id, step), now());
    }

    /// Writes the pending views in one transaction.
    pub async fn flush(&self, db: &DatabaseConnection) -> Result<usize, DbErr> {
        let batch: Vec<_> =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()))
                .into_iter()
                .collect();
        if batch.is_empty() {
            return Ok(0);
        }
        // Views of a learner deleted meanwhile are dropped (the foreign key would refuse them).
        let ids: HashSet<i32> = batch.iter().map(|((id, ..), _)| *id).collect();
        let existing: HashSet<i32> = learner::Entity::find()
            .filter(learner::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        let txn = db.begin_write().await?;
        // A step's first record may start a lesson (`stats_learning`): the learners' other
        // writes wait (PostgreSQL), all locked before any write.
        stats_learning::lock_learners(
            &txn,
            batch
                .iter()
                .map(|((id, ..), _)| *id)
                .filter(|id| existing.contains(id)),
        )
        .await?;
        let mut changes = stats_learning::Changes::default();
        for ((learner_id, id), at) in &batch {
            if !existing.contains(learner_id) {
                continue;
            }
            let key = |q: sea_orm::UpdateMany<step_progress::Entity>| {
                q.filter(step_progress::Column::LearnerId.eq(*learner_id))
                    .filter(step_progress::Column::Module.eq(&id.module))
                    .filter(step_progress::Column::Lesson.eq(&id.lesson))
                    .filter(step_progress::Column::Step.eq(&id.step))
            };
            let seen_again = || {
                key(step_progress::Entity::update_many()
                    .col_expr(step_progress::Column::LastSeenAt, Expr::value(*at)))
            };
            // Mostly seen before: one update. Otherwise inserted, once.
            if seen_again().exec(&txn).await?.rows_affected > 0 {
                continue;
            }
            let inserted = insert_once(
                &txn,
                step_progress::Entity::insert(step_progress::ActiveModel {
                    learner_id: Set(*learner_id),
                    module: Set(id.module.clone()),
                    lesson: Set(id.lesson.clone()),
                    step: Set(id.step.clone()),
                    first_seen_at: Set(*at),
                    last_seen_at: Set(*at),
                    seconds_spent: Set(0),
                    completed_at: Set(None),
                    ..Default::default()
                })
                .on_conflict(step_key().do_nothing().to_owned()),
            )
            .await?;
            if inserted {
                stats_learning::step_inserted(
                    &txn,
                    &mut changes,
                    *learner_id,
                    &id.module,
                    &id.lesson,
                    &id.step,
                    *at,
                )
                .await?;
            } else {
                seen_again().exec(&txn).await?;
            }
        }
        changes.apply(&txn).await?;
        txn.commit().await?;
        Ok(batch.len())
    }
}

/// The steps of one lesson a learner has finished.
pub async fn completed_steps(
    db: &impl ConnectionTrait,
    learner_id: i32,
    module: &str,
    lesson: &str,
) -> Result<HashSet<String>, DbErr> {
    Ok(step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(learner_id))
        .filter(step_progress::Column::Module.eq(module))
        .filter(step_progress::Column::Lesson.eq(lesson))
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.step)
        .collect())
}

/// Finished steps of every lesson of one module, by lesson slug.
pub async fn completed_in_module(
    db: &impl ConnectionTrait,
    learner_id: i32,
    module: &str,
) -> Result<HashMap<String, HashSet<String>>, DbErr> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for p in step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(learner_id))
        .filter(step_progress::Column::Module.eq(module))
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .all(db)
        .await?
    {
        out.entry(p.lesson).or_default().insert(p.step);
    }
    Ok(out)
}

/// Every progress row of some learners, in one query, most recent first.
pub async fn for_learners(
    db: &impl ConnectionTrait,
    learner_ids: &[i32],
) -> Result<Vec<step_progress::Model>, DbErr> {
    if learner_ids.is_empty() {
        return Ok(Vec::new());
    }
    step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.is_in(learner_ids.iter().copied()))
        // The most recently finished first, on every database (PostgreSQL puts NULLs first
        // in a descending order unless told otherwise).
        .order_by_with_nulls(
            step_progress::Column::CompletedAt,
            sea_orm::Order::Desc,
            sea_orm::sea_query::NullOrdering::Last,
        )
        .order_by_desc(step_progress::Column::Id)
        .all(db)
        .await
}

/// Where a learner stands in a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonState {
    NotStarted,
    /// In progress: the index of the first unfinished step.
    InProgress {
        resume_at: usize,
        done: usize,
    },
    Done,
}

/// Works out the state of a lesson from the steps finished. Finished steps that no longer
/// exist in the lesson (a trainer removed them) are ignored.
pub fn lesson_state(lesson: &Lesson, done: &HashSet<String>) -> LessonState {
    let finished = lesson
        .steps
        .iter()
        .filter(|s| done.contains(&s.slug))
        .count();
    match lesson.steps.iter().position(|s| !done.contains(&s.slug)) {
        None => LessonState::Done,
        Some(_) if finished == 0 => LessonState::NotStarted,
        Some(i) => LessonState::InProgress {
            resume_at: i,
            done: finished,
        },
    }
}

/// Where a lesson link leads for a learner in this state.
pub fn lesson_href(m: &Module, l: &Lesson, state: LessonState) -> String {
    let step = match state {
        LessonState::InProgress { resume_at, .. } => resume_at,
        LessonState::NotStarted | LessonState::Done => 0,
    };
    paths::step(&m.slug, &l.slug, &l.steps[step].slug)
}
