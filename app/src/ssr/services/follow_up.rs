//! What connects a learner and their volunteer between visits: lessons advised
//! (assignments) and "J'ai besoin d'aide" requests.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::progress::{self, LessonState, lesson_href};
use crate::model::{Ago, AssignedLesson, HelpReply, HelpRequestView, LessonStatus, StepPlace};
use crate::paths::{self, StepRef};
use crate::ssr::content::Catalog;
use crate::ssr::db::entities::{assignment, help_request, learner, staff};
use crate::ssr::db::now;
use crate::ssr::db::{WriteTransaction, insert_once_for_learner_in};

/// The longest message a learner can send with a help request.
pub const MAX_HELP_MESSAGE: usize = 1000;
/// The longest reply.
pub const MAX_REPLY: usize = 1000;

/// Advises lessons to a learner; advising one twice keeps the first.
pub async fn assign(
    db: &impl ConnectionTrait,
    learner_id: i32,
    lessons: &[(String, String)],
    by: i32,
    visit_id: Option<i32>,
) -> Result<(), DbErr> {
    let at = now();
    for (module, lesson) in lessons {
        assignment::Entity::insert(assignment::ActiveModel {
            learner_id: Set(learner_id),
            module: Set(module.clone()),
            lesson: Set(lesson.clone()),
            assigned_by: Set(Some(by)),
            visit_id: Set(visit_id),
            assigned_at: Set(at),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                assignment::Column::LearnerId,
                assignment::Column::Module,
                assignment::Column::Lesson,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Removes an advised lesson.
pub async fn unassign(
    db: &impl ConnectionTrait,
    learner_id: i32,
    module: &str,
    lesson: &str,
) -> Result<(), DbErr> {
    assignment::Entity::delete_many()
        .filter(assignment::Column::LearnerId.eq(learner_id))
        .filter(assignment::Column::Module.eq(module))
        .filter(assignment::Column::Lesson.eq(lesson))
        .exec(db)
        .await?;
    Ok(())
}

/// Every assignment of some learners, oldest first, in one query.
pub async fn assignments_of(
    db: &impl ConnectionTrait,
    learner_ids: &[i32],
) -> Result<Vec<assignment::Model>, DbErr> {
    if learner_ids.is_empty() {
        return Ok(Vec::new());
    }
    assignment::Entity::find()
        .filter(assignment::Column::LearnerId.is_in(learner_ids.iter().copied()))
        .order_by_asc(assignment::Column::AssignedAt)
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await
}

/// First names of staff members, by id, in one query.
pub async fn staff_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: HashSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect())
}

/// Assigned lessons as a learner or volunteer sees them, with their state. Lessons that no
/// longer exist (or became drafts), and those of archived modules, are left out.
pub fn assigned_views(
    catalog: &Catalog,
    assignments: &[assignment::Model],
    done: &HashMap<(String, String), HashSet<String>>,
    names: &HashMap<i32, String>,
) -> Vec<AssignedLesson> {
    let empty = HashSet::new();
    assignments
        .iter()
        .filter_map(|a| {
            let (m, l) = catalog
                .lesson(&a.module, &a.lesson)
                .filter(|(m, _)| !m.archived)?;
            let state = progress::lesson_state(
                l,
                done.get(&(a.module.clone(), a.lesson.clone()))
                    .unwrap_or(&empty),
            );
            Some(AssignedLesson {
                module: m.slug.clone(),
                lesson: l.slug.clone(),
                href: lesson_href(m, l, state),
                module_title: m.meta.title.clone(),
                lesson_title: l.meta.title.clone(),
                by: a.assigned_by.and_then(|id| names.get(&id).cloned()),
                status: match state {
                    LessonState::NotStarted => LessonStatus::NotStarted,
                    LessonState::InProgress { done, .. } => LessonStatus::InProgress { done },
                    LessonState::Done => LessonStatus::Done,
                },
            })
        })
        .collect()
}

/// What went wrong with a help request, for the caller to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpError {
    TooLong,
    NotFound,
    /// Another volunteer handled it first.
    AlreadyHandled(Option<String>),
}

/// "J'ai besoin d'aide": records the request for the learner's volunteer.
pub async fn request_help(
    db: &DatabaseConnection,
    learner: &learner::Model,
    step: &StepRef,
    message: &str,
) -> Result<help_request::Model, DbErr> {
    let (module, lesson, step) = (
        step.module.as_str(),
        step.lesson.as_str(),
        step.step.as_str(),
    );
    // The form limits the length; a longer message (an old browser) is cut, not refused:
    // the request must get through.
    let message: String = message.trim().chars().take(MAX_HELP_MESSAGE).collect();
    // The same request sent again (a double click, a page reloaded, two tabs) while it is
    // still open is the same request.
    let sql = "INSERT INTO help_request (learner_id, module, lesson, step, message, created_at) \
               SELECT P1, P2, P3, P4, P5, P6 WHERE NOT EXISTS (\
               SELECT 1 FROM help_request WHERE learner_id = P1 AND module = P2 AND lesson = P3 \
               AND step = P4 AND COALESCE(message, '') = COALESCE(P5, '') \
               AND handled_at IS NULL)";
    let message = (!message.is_empty()).then_some(message);
    // The statistics' counters of help requests change with it (`stats_help`).
    let txn = db.begin_write().await?;
    let touch = super::stats_help::LearnerTouch::before(&txn, learner.id).await?;
    insert_once_for_learner_in(
        &txn,
        learner.id,
        sql,
        vec![
            learner.id.into(),
            module.into(),
            lesson.into(),
            step.into(),
            message.into(),
            now().into(),
        ],
    )
    .await?;
    touch.after(&txn, false).await?;
    txn.commit().await?;
    let model = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(learner.id))
        .filter(help_request::Column::HandledAt.is_null())
        .order_by_desc(help_request::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("help request just saved".into()))?;
    super::accounts::touch(db, learner.id).await?;
    Ok(model)
}

/// Marks a request handled, with an optional reply the learner will see. The request must
/// belong to a learner of the volunteer's structure.
pub async fn handle_help(
    db: &DatabaseConnection,
    volunteer: &staff::Model,
    request_id: i32,
    reply: &str,
) -> Result<Result<(), HelpError>, DbErr> {
    let reply = reply.trim();
    if reply.chars().count() > MAX_REPLY {
        return Ok(Err(HelpError::TooLong));
    }
    let Some(request) = help_request::Entity::find_by_id(request_id).one(db).await? else {
        return Ok(Err(HelpError::NotFound));
    };
    let in_structure = learner::Entity::find_by_id(request.learner_id)
        .filter(learner::Column::StructureId.eq(volunteer.structure_id))
        .one(db)
        .await?
        .is_some();
    if !in_structure {
        return Ok(Err(HelpError::NotFound));
    }
    // Only the first volunteer to answer wins; the second is told, nothing is overwritten.
    // The statistics' counters of help requests change with it (`stats_help`).
    let txn = db.begin_write().await?;
    let touch = super::stats_help::LearnerTouch::before(&txn, request.learner_id).await?;
    let updated = help_request::Entity::update_many()
        .col_expr(help_request::Column::HandledAt, Expr::value(now()))
        .col_expr(help_request::Column::HandledBy, Expr::value(volunteer.id))
        .col_expr(
            help_request::Column::Reply,
            Expr::value((!reply.is_empty()).then(|| reply.to_string())),
        )
        .filter(help_request::Column::Id.eq(request_id))
        .filter(help_request::Column::HandledAt.is_null())
        .exec(&txn)
        .await?;
    touch.after(&txn, false).await?;
    txn.commit().await?;
    if updated.rows_affected == 0 {
        let by = match request.handled_by {
            Some(id) => staff::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|s| s.display_name),
            None => None,
        };
        return Ok(Err(HelpError::AlreadyHandled(by)));
    }
    Ok(Ok(()))
}

/// Help requests of some learners (all, or only open ones), oldest first, in one query.
pub async fn help_requests_of(
    db: &impl ConnectionTrait,
    learner_ids: &[i32],
    only_open: bool,
) -> Result<Vec<help_request::Model>, DbErr> {
    if learner_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.is_in(learner_ids.iter().copied()));
    if only_open {
        q = q.filter(help_request::Column::HandledAt.is_null());
    }
    q.order_by_asc(help_request::Column::CreatedAt)
        .all(db)
        .await
}

/// Where a help request was sent from, and the address of that step.
fn place(catalog: &Catalog, r: &help_request::Model) -> (StepPlace, String) {
    match catalog.lesson(&r.module, &r.lesson) {
        Some((m, l)) => (
            StepPlace {
                lesson_title: l.meta.title.clone(),
                step_number: l.step_index(&r.step).map(|i| i + 1),
            },
            paths::step(&m.slug, &l.slug, &r.step),
        ),
        None => (
            StepPlace {
                lesson_title: format!("{} / {}", r.module, r.lesson),
                step_number: None,
            },
            "#".into(),
        ),
    }
}

pub fn help_views(
    catalog: &Catalog,
    requests: &[help_request::Model],
    learner_names: &HashMap<i32, String>,
) -> Vec<HelpRequestView> {
    let at = now();
    requests
        .iter()
        .map(|r| {
            let (place, href) = place(catalog, r);
            HelpRequestView {
                id: r.id,
                learner_id: r.learner_id,
                learner_name: learner_names
                    .get(&r.learner_id)
                    .cloned()
                    .unwrap_or_default(),
                place,
                href,
                message: r.message.clone(),
                when: Ago::between(at, r.created_at),
                handled: r.handled_at.is_some(),
                reply: r.reply.clone(),
            }
        })
        .collect()
}

/// Replies to a learner's requests from the last 30 days, newest first.
pub async fn replies_for(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner_id: i32,
) -> Result<Vec<HelpReply>, DbErr> {
    let since = now() - 30 * 86400;
    let answered = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(learner_id))
        .filter(help_request::Column::Reply.is_not_null())
        .filter(help_request::Column::HandledAt.gt(since))
        .order_by_desc(help_request::Column::HandledAt)
        .all(db)
        .await?;
    let names = staff_names(db, answered.iter().filter_map(|r| r.handled_by)).await?;
    Ok(answered
        .iter()
        .map(|r| HelpReply {
            by: r.handled_by.and_then(|id| names.get(&id).cloned()),
            place: place(catalog, r).0,
            reply: r.reply.clone().unwrap_or_default(),
        })
        .collect())
}
