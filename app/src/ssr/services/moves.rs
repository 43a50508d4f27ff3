//! A learner who moves house goes to another structure of the programme, with their
//! consent (issue 22, item 1).
//!
//! Their learning history is theirs and follows them: step progress, lessons and modules
//! finished, confidence answers, advised lessons, help requests (open ones too, which the
//! new structure now sees), follow-up answers and their card's code are all keyed by the
//! learner, not by a structure. What happened in the old structure stays there: its
//! sessions (notes included) stay in its records and statistics, and the new structure
//! does not see them. Their appointments to come in the old structure are cancelled (its
//! agenda is not the new one's) and they leave its "à rappeler" list; in the new structure
//! they have no volunteer yet, until a coordinator gives them one.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::model::agenda::Status;
use crate::model::{MoveChoice, MoveView};
use crate::ssr::db::entities::{
    appointment, appointment_seat, help_call, learner, learner_move, recontact, staff, structure,
    territory,
};
use crate::ssr::db::now;
use crate::ssr::user_cache::{Stale, UsersChanged};

/// The move form for a learner of the coordinator's structure: every other structure of
/// the programme, by name, with its territory. `None` for anyone else's learner.
pub async fn form(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    learner_id: i32,
) -> Result<Option<MoveView>, DbErr> {
    let Some(l) = learner::Entity::find_by_id(learner_id)
        .filter(learner::Column::StructureId.eq(coordinator.structure_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let structures = structure::Entity::find()
        .order_by_asc(structure::Column::Name)
        .order_by_asc(structure::Column::Id)
        .all(db)
        .await?;
    let territories = territory::Entity::find().all(db).await?;
    let here = structures
        .iter()
        .find(|s| s.id == coordinator.structure_id)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Ok(Some(MoveView {
        learner_id: l.id,
        first_name: l.first_name,
        structure: here,
        choices: structures
            .into_iter()
            .filter(|s| s.id != coordinator.structure_id)
            .map(|s| MoveChoice {
                id: s.id,
                territory: s.territory_id.and_then(|t| {
                    territories
                        .iter()
                        .find(|x| x.id == t)
                        .map(|x| x.name.clone())
                }),
                name: s.name,
            })
            .collect(),
        chosen: None,
        no_consent: false,
        once: String::new(),
    }))
}

/// What a move form did.
#[derive(Debug)]
#[must_use = "the learner's cached sessions may have changed: pass `Done`'s to `UserCache::forget`"]
pub enum Moved {
    /// The learner is in the new structure now (their cached sessions are wrong).
    Done(UsersChanged<()>),
    /// The consent box was not ticked: nothing moved.
    NoConsent,
}

/// Moves a learner of the coordinator's structure to the structure `to_id` (another one
/// of the programme), in `db` (the form's transaction): see the module's documentation.
/// `consent`: the coordinator ticked that the learner agrees (asked aloud). Records who
/// recorded the consent, and when. `None` for anyone else's learner, or a structure that
/// is not another one of the programme.
pub async fn move_learner(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    learner_id: i32,
    to_id: i32,
    consent: bool,
) -> Result<Option<Moved>, DbErr> {
    let from_id = coordinator.structure_id;
    let Some(l) = learner::Entity::find_by_id(learner_id)
        .filter(learner::Column::StructureId.eq(from_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if to_id == from_id
        || structure::Entity::find_by_id(to_id)
            .one(db)
            .await?
            .is_none()
    {
        return Ok(None);
    }
    if !consent {
        return Ok(Some(Moved::NoConsent));
    }
    let at = now();
    // The learner's other writes wait (PostgreSQL): their follow-up answers' copy of the
    // structure is made below.
    super::stats_learning::lock_learners(db, [l.id]).await?;
    let moved = learner::Entity::update_many()
        .col_expr(learner::Column::StructureId, Expr::value(to_id))
        .col_expr(
            learner::Column::VolunteerId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            learner::Column::VolunteerSince,
            Expr::value(Option::<i64>::None),
        )
        .filter(learner::Column::Id.eq(l.id))
        .filter(learner::Column::StructureId.eq(from_id))
        .exec(db)
        .await?;
    if moved.rows_affected != 1 {
        return Ok(None);
    }
    // Their follow-up answers count for the new structure now (`stats_people::copy_to_answers`).
    super::stats_people::copy_to_answers(db, Some(l.id)).await?;
    // Appointments to come in the old structure: cancelled, not moved (another agenda).
    let today = crate::text::dates::today_iso(at);
    appointment::Entity::update_many()
        .col_expr(
            appointment::Column::Status,
            Expr::value(Status::Cancelled.code()),
        )
        .col_expr(
            appointment::Column::HoldsSlot,
            Expr::value(Option::<bool>::None),
        )
        .filter(appointment::Column::StructureId.eq(from_id))
        .filter(appointment::Column::LearnerId.eq(l.id))
        .filter(appointment::Column::Status.eq(Status::Upcoming.code()))
        .filter(appointment::Column::Day.gte(today.as_str()))
        .exec(db)
        .await?;
    // Their seats in the old structure's group sessions to come are freed.
    let groups: Vec<i32> = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(from_id))
        .filter(appointment::Column::Status.eq(Status::Upcoming.code()))
        .filter(appointment::Column::Day.gte(today.as_str()))
        .filter(appointment::Column::LearnerId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if !groups.is_empty() {
        appointment_seat::Entity::delete_many()
            .filter(appointment_seat::Column::LearnerId.eq(l.id))
            .filter(appointment_seat::Column::AppointmentId.is_in(groups))
            .exec(db)
            .await?;
    }
    // Off the old structure's "à rappeler" list: its missed or cancelled appointments (the
    // ones just cancelled too), the calls waiting for a slot there, its "à recontacter".
    appointment::Entity::update_many()
        .col_expr(appointment::Column::RecalledAt, Expr::value(Some(at)))
        .filter(appointment::Column::StructureId.eq(from_id))
        .filter(appointment::Column::LearnerId.eq(l.id))
        .filter(
            appointment::Column::Status.is_in([Status::Absent.code(), Status::Cancelled.code()]),
        )
        .filter(appointment::Column::RecalledAt.is_null())
        .exec(db)
        .await?;
    help_call::Entity::update_many()
        .col_expr(help_call::Column::Waiting, Expr::value(false))
        .filter(help_call::Column::StructureId.eq(from_id))
        .filter(help_call::Column::LearnerId.eq(l.id))
        .filter(help_call::Column::Waiting.eq(true))
        .exec(db)
        .await?;
    recontact::Entity::update_many()
        .col_expr(recontact::Column::DoneAt, Expr::value(Some(at)))
        .filter(recontact::Column::StructureId.eq(from_id))
        .filter(recontact::Column::LearnerId.eq(l.id))
        .filter(recontact::Column::DoneAt.is_null())
        .exec(db)
        .await?;
    learner_move::ActiveModel {
        learner_id: Set(l.id),
        from_structure_id: Set(from_id),
        to_structure_id: Set(to_id),
        staff_id: Set(Some(coordinator.id)),
        consent_at: Set(at),
        moved_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // The learner's cached sessions know their old structure.
    Ok(Some(Moved::Done(
        UsersChanged::new(db, (), Stale::Learner(l.id)).await?,
    )))
}

/// The name of the structure a learner last moved to, if they are still there: their
/// home page says it will call them while they have no volunteer yet.
pub async fn arrived_in(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Option<String>, DbErr> {
    let Some(last) = learner_move::Entity::find()
        .filter(learner_move::Column::LearnerId.eq(learner_id))
        .order_by_desc(learner_move::Column::MovedAt)
        .order_by_desc(learner_move::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let still_there = learner::Entity::find_by_id(learner_id)
        .filter(learner::Column::StructureId.eq(last.to_structure_id))
        .one(db)
        .await?
        .is_some();
    if !still_there {
        return Ok(None);
    }
    Ok(structure::Entity::find_by_id(last.to_structure_id)
        .one(db)
        .await?
        .map(|s| s.name))
}
