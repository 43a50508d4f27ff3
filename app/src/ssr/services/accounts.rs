//! Structures, staff accounts and learners.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::ssr::auth;
use crate::ssr::content::slug;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{
    auth_session, learner, retired_code, staff, structure, visit, visit_learner,
};
use crate::ssr::db::now;
use crate::ssr::user_cache::{Stale, UsersChanged};

/// The structure named `name`, compared as the programme's page compares names (without
/// case, accents or punctuation: its `name_key`), made if there is none (the command line
/// and the demo data). A name without a letter or a digit is refused.
pub async fn find_or_create_structure(
    db: &(impl ConnectionTrait + TransactionTrait),
    name: &str,
) -> Result<structure::Model, DbErr> {
    let key = slug::slugify(name);
    if key.is_empty() {
        return Err(DbErr::Custom(format!(
            "a structure's name needs a letter or a digit: {name:?}"
        )));
    }
    if let Some(s) = structure_by_key(db, &key).await? {
        return Ok(s);
    }
    // In its own (nested) transaction: made by another request meanwhile, it is found.
    let attempt = db.begin_write().await?;
    let made = structure::ActiveModel {
        name: Set(name.trim().to_string()),
        name_key: Set(key.clone()),
        phone: Set(None),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&attempt)
    .await;
    match made {
        Ok(s) => {
            attempt.commit().await?;
            Ok(s)
        }
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            attempt.rollback().await?;
            structure_by_key(db, &key)
                .await?
                .ok_or_else(|| DbErr::RecordNotFound(format!("structure {key}")))
        }
        Err(e) => Err(e),
    }
}

async fn structure_by_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<structure::Model>, DbErr> {
    structure::Entity::find()
        .filter(structure::Column::NameKey.eq(key))
        .one(db)
        .await
}

/// The roles of a staff account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub volunteer: bool,
    pub trainer: bool,
    pub coordinator: bool,
}

/// A new staff account. `username` is stored lowercase. For the command line and the demo
/// data (not a request): waits for its turn at the password gate however long it takes.
pub async fn create_staff(
    db: &impl ConnectionTrait,
    gate: &auth::PasswordGate,
    structure_id: i32,
    username: &str,
    display_name: &str,
    password: &str,
    roles: Roles,
) -> Result<staff::Model, DbErr> {
    let password = password.to_string();
    let permit = gate.permit_unbounded().await;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(permit, &password))
        .await
        .map_err(|e| DbErr::Custom(format!("hashing task failed: {e}")))?
        .map_err(|e| DbErr::Custom(format!("cannot hash password: {e}")))?;
    staff::ActiveModel {
        structure_id: Set(structure_id),
        username: Set(username.trim().to_lowercase()),
        display_name: Set(display_name.trim().to_string()),
        password_hash: Set(hash),
        is_volunteer: Set(roles.volunteer),
        is_trainer: Set(roles.trainer),
        is_coordinator: Set(roles.coordinator),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_staff_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<staff::Model>, DbErr> {
    staff::Entity::find()
        .filter(staff::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await
}

/// Checks a staff identifier and password, with a turn at the password gate. Takes as long
/// for an unknown identifier as for a known one.
pub async fn authenticate_staff(
    db: &impl ConnectionTrait,
    permit: auth::PasswordPermit,
    username: &str,
    password: &str,
) -> Result<Option<staff::Model>, DbErr> {
    let found = find_staff_by_username(db, username).await?;
    let hash = found.as_ref().map(|s| s.password_hash.clone());
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || {
        auth::verify_password(permit, hash.as_deref(), &password)
    })
    .await
    .map_err(|e| DbErr::Custom(format!("password check failed: {e}")))?;
    Ok(found.filter(|s| ok && s.disabled_at.is_none()))
}

/// A new learner with a fresh personal code (or the given one, for the demo).
pub async fn create_learner(
    db: &(impl ConnectionTrait + TransactionTrait),
    structure_id: i32,
    volunteer_id: Option<i32>,
    first_name: &str,
    code: Option<&str>,
) -> Result<learner::Model, DbErr> {
    let mut attempts = 0;
    loop {
        let code = code.map_or_else(auth::generate_code, auth::normalize_code);
        // Each try in its own (nested) transaction: inside a caller's transaction, a
        // refused insert must not spoil it (PostgreSQL).
        let attempt = db.begin_write().await?;
        let result = learner::ActiveModel {
            structure_id: Set(structure_id),
            volunteer_id: Set(volunteer_id),
            first_name: Set(first_name.trim().to_string()),
            code: Set(code),
            created_at: Set(now()),
            last_active_at: Set(None),
            ..Default::default()
        }
        .insert(&attempt)
        .await;
        match result {
            Ok(created) => {
                attempt.commit().await?;
                return Ok(created);
            }
            // A generated code that already exists: draw another one.
            Err(e) if attempts < 5 && crate::ssr::db::is_unique_violation(&e) => {
                attempt.rollback().await?;
                attempts += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The learner whose code this is, typed in any case, with or without spaces and dashes.
pub async fn find_learner_by_code(
    db: &impl ConnectionTrait,
    typed: &str,
) -> Result<Option<learner::Model>, DbErr> {
    let code = auth::normalize_code(typed);
    if code.is_empty() {
        return Ok(None);
    }
    learner::Entity::find()
        .filter(learner::Column::Code.eq(code))
        .one(db)
        .await
}

/// The learners a volunteer follows, in their structure, by first name.
pub async fn learners_of_volunteer(
    db: &impl ConnectionTrait,
    volunteer: &staff::Model,
) -> Result<Vec<learner::Model>, DbErr> {
    learner::Entity::find()
        .filter(learner::Column::StructureId.eq(volunteer.structure_id))
        .filter(learner::Column::VolunteerId.eq(volunteer.id))
        .order_by_asc(learner::Column::FirstName)
        .order_by_asc(learner::Column::Id)
        .all(db)
        .await
}

/// What a typed code leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeLookup {
    Learner(Box<learner::Model>),
    /// The code was replaced (a lost card): it no longer works.
    Replaced,
    Unknown,
}

pub async fn lookup_code(db: &impl ConnectionTrait, typed: &str) -> Result<CodeLookup, DbErr> {
    if let Some(l) = find_learner_by_code(db, typed).await? {
        return Ok(CodeLookup::Learner(Box::new(l)));
    }
    let code = auth::normalize_code(typed);
    let retired = retired_code::Entity::find()
        .filter(retired_code::Column::Code.eq(code))
        .one(db)
        .await?;
    Ok(if retired.is_some() {
        CodeLookup::Replaced
    } else {
        CodeLookup::Unknown
    })
}

/// Gives a learner a new code (a lost card): the old one stops working at once, and every
/// session opened with it ends.
pub async fn replace_code(
    db: &DatabaseConnection,
    learner: &learner::Model,
) -> Result<UsersChanged<learner::Model>, DbErr> {
    let txn = db.begin_write().await?;
    retired_code::ActiveModel {
        code: Set(learner.code.clone()),
        learner_id: Set(learner.id),
        retired_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::LearnerId.eq(learner.id))
        .exec(&txn)
        .await?;
    let mut updated = None;
    for _ in 0..5 {
        let mut active = learner.clone().into_active_model();
        active.code = Set(auth::generate_code());
        match active.update(&txn).await {
            Ok(l) => {
                updated = Some(l);
                break;
            }
            Err(e) if crate::ssr::db::is_unique_violation(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    let updated = updated.ok_or_else(|| DbErr::Custom("no free code found".into()))?;
    let changed = UsersChanged::new(&txn, updated, Stale::Learner(learner.id)).await?;
    txn.commit().await?;
    Ok(changed)
}

/// The learner's answer to "who sees my progress" at first sign-in (and later changes).
/// The learner's answer to "may your volunteer keep written notes?". A "no" also erases
/// the notes already written about them (before their first sign-in, or before they
/// changed their mind), in the same transaction.
pub async fn set_privacy(
    db: &DatabaseConnection,
    learner_id: i32,
    notes_consent: bool,
) -> Result<UsersChanged<()>, DbErr> {
    let txn = db.begin_write().await?;
    if !notes_consent {
        let visits: Vec<i32> = visit_learner::Entity::find()
            .filter(visit_learner::Column::LearnerId.eq(learner_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|v| v.visit_id)
            .collect();
        if !visits.is_empty() {
            visit::Entity::update_many()
                .col_expr(
                    visit::Column::Note,
                    sea_orm::sea_query::Expr::value(Option::<String>::None),
                )
                .filter(visit::Column::Id.is_in(visits))
                .exec(&txn)
                .await?;
        }
    }
    learner::Entity::update_many()
        .col_expr(
            learner::Column::NotesConsent,
            sea_orm::sea_query::Expr::value(notes_consent),
        )
        .col_expr(
            learner::Column::PrivacySeenAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(learner::Column::Id.eq(learner_id))
        .exec(&txn)
        .await?;
    let changed = UsersChanged::new(&txn, (), Stale::Learner(learner_id)).await?;
    txn.commit().await?;
    Ok(changed)
}

/// A learner that a member of staff may see: one of their structure. Anything else is
/// "not found", never another structure's data.
pub async fn learner_for_staff(
    db: &impl ConnectionTrait,
    staff: &staff::Model,
    learner_id: i32,
) -> Result<Option<learner::Model>, DbErr> {
    learner::Entity::find_by_id(learner_id)
        .filter(learner::Column::StructureId.eq(staff.structure_id))
        .one(db)
        .await
}

/// Deletes a learner and everything about them: progress, answers, sessions, help
/// requests, assignments, and the help sessions that concerned only them.
pub async fn delete_learner(
    db: &DatabaseConnection,
    learner_id: i32,
) -> Result<UsersChanged<()>, DbErr> {
    let txn = db.begin_write().await?;
    let visits: Vec<i32> = visit_learner::Entity::find()
        .filter(visit_learner::Column::LearnerId.eq(learner_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|v| v.visit_id)
        .collect();
    // What their records count in the statistics' daily counters goes first.
    super::stats_learning::learner_deleted(&txn, learner_id).await?;
    super::stats_confidence::learner_deleted(&txn, learner_id).await?;
    super::stats_help::LearnerTouch::before(&txn, learner_id)
        .await?
        .after(&txn, true)
        .await?;
    // Everything else goes with the learner (ON DELETE CASCADE).
    learner::Entity::delete_by_id(learner_id).exec(&txn).await?;
    // The days of their sessions, whose counters are made again (`stats_day`): those
    // deleted with them, and the others, which have one named person less.
    let mut days = std::collections::BTreeSet::new();
    for visit_id in visits {
        let Some(v) = visit::Entity::find_by_id(visit_id).one(&txn).await? else {
            continue;
        };
        let others = visit_learner::Entity::find()
            .filter(visit_learner::Column::VisitId.eq(visit_id))
            .one(&txn)
            .await?;
        if others.is_none() {
            visit::Entity::delete_by_id(visit_id).exec(&txn).await?;
        }
        days.insert((v.structure_id, v.date));
    }
    for (structure, day) in &days {
        super::stats_day::recompute(&txn, *structure, day).await?;
    }
    let changed = UsersChanged::new(&txn, (), Stale::Learner(learner_id)).await?;
    txn.commit().await?;
    Ok(changed)
}

/// Saves a learner's comfort settings.
pub async fn set_comfort(
    db: &impl ConnectionTrait,
    learner_id: i32,
    comfort: crate::model::Comfort,
) -> Result<UsersChanged<()>, DbErr> {
    use sea_orm::sea_query::Expr;
    learner::Entity::update_many()
        .col_expr(
            learner::Column::TextSize,
            Expr::value(i16::from(comfort.text_size.min(2))),
        )
        .col_expr(
            learner::Column::HighContrast,
            Expr::value(comfort.high_contrast),
        )
        .col_expr(
            learner::Column::ReduceMotion,
            Expr::value(comfort.reduce_motion),
        )
        .filter(learner::Column::Id.eq(learner_id))
        .exec(db)
        .await?;
    UsersChanged::new(db, (), Stale::Learner(learner_id)).await
}

/// The learner did something (signed in, answered, asked for help, practised): their
/// "dernière activité" becomes now.
pub async fn touch(db: &impl ConnectionTrait, learner_id: i32) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    learner::Entity::update_many()
        .col_expr(learner::Column::LastActiveAt, Expr::value(now()))
        .filter(learner::Column::Id.eq(learner_id))
        .exec(db)
        .await?;
    Ok(())
}
