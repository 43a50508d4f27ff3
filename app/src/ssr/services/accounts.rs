//! Structures, staff accounts and learners.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::ssr::auth;
use crate::ssr::db::entities::{learner, staff, structure};
use crate::ssr::db::now;

pub async fn find_or_create_structure(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<structure::Model, DbErr> {
    if let Some(s) = structure::Entity::find()
        .filter(structure::Column::Name.eq(name))
        .one(db)
        .await?
    {
        return Ok(s);
    }
    structure::ActiveModel {
        name: Set(name.to_string()),
        phone: Set(None),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The roles of a staff account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub volunteer: bool,
    pub trainer: bool,
    pub coordinator: bool,
}

/// A new staff account. `username` is stored lowercase.
pub async fn create_staff(
    db: &impl ConnectionTrait,
    structure_id: i32,
    username: &str,
    display_name: &str,
    password: &str,
    roles: Roles,
) -> Result<staff::Model, DbErr> {
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
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

/// Checks a staff identifier and password. Takes as long for an unknown identifier as for
/// a known one.
pub async fn authenticate_staff(
    db: &impl ConnectionTrait,
    username: &str,
    password: &str,
) -> Result<Option<staff::Model>, DbErr> {
    let found = find_staff_by_username(db, username).await?;
    let hash = found.as_ref().map_or_else(
        || auth::dummy_password_hash().to_string(),
        |s| s.password_hash.clone(),
    );
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&hash, &password))
        .await
        .map_err(|e| DbErr::Custom(format!("password check failed: {e}")))?;
    Ok(found.filter(|_| ok))
}

/// A new learner with a fresh personal code (or the given one, for the demo).
pub async fn create_learner(
    db: &impl ConnectionTrait,
    structure_id: i32,
    volunteer_id: Option<i32>,
    first_name: &str,
    code: Option<&str>,
) -> Result<learner::Model, DbErr> {
    let mut attempts = 0;
    loop {
        let code = code.map_or_else(auth::generate_code, auth::normalize_code);
        let result = learner::ActiveModel {
            structure_id: Set(structure_id),
            volunteer_id: Set(volunteer_id),
            first_name: Set(first_name.trim().to_string()),
            code: Set(code),
            created_at: Set(now()),
            last_active_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await;
        match result {
            // A generated code that already exists: draw another one.
            Err(e) if attempts < 5 && is_unique_violation(&e) => attempts += 1,
            other => return other,
        }
    }
}

fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
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
