//! Learners' progress through lessons, keyed by module, lesson and step slugs.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

use crate::ssr::content::Lesson;
use crate::ssr::db::entities::{learner, step_progress};
use crate::ssr::db::now;

/// Records a step as finished; durable once this returns. Saving the same step twice (two
/// tabs, a double click) keeps one row and the first completion time.
pub async fn complete_step(
    db: &DatabaseConnection,
    learner_id: i32,
    module: &str,
    lesson: &str,
    step: &str,
) -> Result<(), DbErr> {
    let at = now();
    let txn = db.begin().await?;
    step_progress::Entity::insert(step_progress::ActiveModel {
        learner_id: Set(learner_id),
        module: Set(module.to_string()),
        lesson: Set(lesson.to_string()),
        step: Set(step.to_string()),
        first_seen_at: Set(at),
        completed_at: Set(Some(at)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            step_progress::Column::LearnerId,
            step_progress::Column::Module,
            step_progress::Column::Lesson,
            step_progress::Column::Step,
        ])
        .value(
            step_progress::Column::CompletedAt,
            Expr::cust("COALESCE(step_progress.completed_at, excluded.completed_at)"),
        )
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    learner::Entity::update_many()
        .col_expr(learner::Column::LastActiveAt, Expr::value(at))
        .filter(learner::Column::Id.eq(learner_id))
        .exec(&txn)
        .await?;
    txn.commit().await
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
        .order_by_desc(step_progress::Column::CompletedAt)
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
