//! Who is signed in ([`CurrentUser`], found from a session's token hash by
//! [`resolve_hashed`]) and the one rule of what each role may reach, for pages and server
//! functions ([`as_learner`] … through `request::require_*`) and plain axum handlers (the
//! extractors [`Learner`], [`Staff`], [`Volunteer`], [`Trainer`], [`Coordinator`]). Both the
//! sessions service and the user cache depend on it; it depends on neither.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::error::{AppError, Role};
use crate::ssr::db::entities::{auth_session, learner, staff};
use crate::ssr::db::now;

/// The longest a learner's session lasts, however active (and how long the browser keeps
/// its cookie).
pub const LEARNER_SESSION_SECS: i64 = 60 * 24 * 3600;
/// A learner's session ends after this long without activity: a library's or an
/// association's PC is shared, and the next person must not find the previous one's
/// account open.
pub const LEARNER_IDLE_SECS: i64 = 4 * 3600;
/// Activity moves a learner's session's end at most this often (one write per session
/// every few minutes, not one per page): the idle time is counted to within this.
pub const LEARNER_TOUCH_SECS: i64 = 5 * 60;

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CurrentUser {
    Learner(learner::Model),
    Staff(staff::Model),
}

impl CurrentUser {
    pub fn learner(&self) -> Option<&learner::Model> {
        match self {
            CurrentUser::Learner(l) => Some(l),
            CurrentUser::Staff(_) => None,
        }
    }

    pub fn staff(&self) -> Option<&staff::Model> {
        match self {
            CurrentUser::Staff(s) => Some(s),
            CurrentUser::Learner(_) => None,
        }
    }
}

/// The user of a session given the hash of its token, and when the session expires. A
/// learner's session is active: it now ends [`LEARNER_IDLE_SECS`] from now (written at
/// most every [`LEARNER_TOUCH_SECS`]), never past [`LEARNER_SESSION_SECS`] after it began.
pub async fn resolve_hashed(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(CurrentUser, i64)>, DbErr> {
    let at = now();
    let Some(mut session) = auth_session::Entity::find()
        .filter(auth_session::Column::TokenHash.eq(token_hash))
        .filter(auth_session::Column::ExpiresAt.gt(at))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if session.learner_id.is_some() {
        let ends = (at + LEARNER_IDLE_SECS).min(session.created_at + LEARNER_SESSION_SECS);
        // Due for a move, or made before idle sessions ended (weeks ahead).
        if session.expires_at < ends - LEARNER_TOUCH_SECS || session.expires_at > ends {
            // Best effort: when the database cannot be written (a full disk), the session
            // keeps its end as it was and the page is still shown (reading works).
            match auth_session::Entity::update_many()
                .col_expr(
                    auth_session::Column::ExpiresAt,
                    sea_orm::sea_query::Expr::value(ends),
                )
                .filter(auth_session::Column::Id.eq(session.id))
                .exec(db)
                .await
            {
                Ok(_) => session.expires_at = ends,
                Err(e) => tracing::warn!(error = %e, "cannot move the end of a session"),
            }
        }
    }
    let user = match (session.learner_id, session.staff_id) {
        (Some(id), _) => learner::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(CurrentUser::Learner),
        // A disabled account's session is refused, even one that outlived the disabling.
        (None, Some(id)) => staff::Entity::find_by_id(id)
            .filter(staff::Column::DisabledAt.is_null())
            .one(db)
            .await?
            .map(CurrentUser::Staff),
        (None, None) => None,
    };
    Ok(user.map(|u| (u, session.expires_at)))
}

/// A learner, or [`AppError::LearnerSignInRequired`].
pub fn as_learner(u: Option<&CurrentUser>) -> Result<&learner::Model, AppError> {
    u.and_then(CurrentUser::learner)
        .ok_or(AppError::LearnerSignInRequired)
}

/// A volunteer, trainer or coordinator, or [`AppError::StaffSignInRequired`].
pub fn as_staff(u: Option<&CurrentUser>) -> Result<&staff::Model, AppError> {
    u.and_then(CurrentUser::staff)
        .ok_or(AppError::StaffSignInRequired)
}

/// A volunteer or coordinator: the people who follow learners.
pub fn as_volunteer(u: Option<&CurrentUser>) -> Result<&staff::Model, AppError> {
    as_staff(u).and_then(|s| role(s, s.is_volunteer || s.is_coordinator, Role::Volunteer))
}

/// A trainer: the people who write lessons.
pub fn as_trainer(u: Option<&CurrentUser>) -> Result<&staff::Model, AppError> {
    as_staff(u).and_then(|s| role(s, s.is_trainer, Role::Trainer))
}

pub fn as_coordinator(u: Option<&CurrentUser>) -> Result<&staff::Model, AppError> {
    as_staff(u).and_then(|s| role(s, s.is_coordinator, Role::Coordinator))
}

/// An administrator of the programme: the network's territories, structures, coordinators
/// and report.
pub fn as_programme_admin(u: Option<&CurrentUser>) -> Result<&staff::Model, AppError> {
    as_staff(u).and_then(|s| role(s, s.is_programme_admin, Role::ProgrammeAdmin))
}

/// Someone who may see territory `territory`'s structures and report: its coordinators and
/// the programme's administrators.
pub fn as_territory_coordinator(
    u: Option<&CurrentUser>,
    territory: i32,
) -> Result<&staff::Model, AppError> {
    as_staff(u).and_then(|s| {
        role(
            s,
            s.is_programme_admin || s.territory_id == Some(territory),
            Role::TerritoryCoordinator,
        )
    })
}

/// The page of the network `s` may see, if any: the programme's for its administrators,
/// their territory's for a territory coordinator.
pub fn network_home(s: &staff::Model) -> Option<String> {
    if s.is_programme_admin {
        Some(crate::paths::PROGRAMME.to_string())
    } else {
        s.territory_id.map(crate::paths::territory)
    }
}

fn role(s: &staff::Model, allowed: bool, needed: Role) -> Result<&staff::Model, AppError> {
    if allowed {
        Ok(s)
    } else {
        Err(AppError::RoleRequired(needed))
    }
}

/// Why a plain handler's role extractor refused a request: answered by the one policy of
/// [`AppError`] (a sign-in is asked for with a 303 to the sign-in page; anything else is its
/// status and the error's page of the site).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub AppError);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

/// The role extractors of plain axum handlers: who [`crate::ssr::request::resolve_user`]
/// found, by the rules above. `Option<…>` gives `None` instead of refusing.
macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident($model:ty) = $rule:path) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(pub $model);

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = Refused;

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refused> {
                $rule(parts.extensions.get::<CurrentUser>())
                    .map(|m| $name(m.clone()))
                    .map_err(Refused)
            }
        }

        impl<S: Send + Sync> OptionalFromRequestParts<S> for $name {
            type Rejection = std::convert::Infallible;

            async fn from_request_parts(
                parts: &mut Parts,
                _: &S,
            ) -> Result<Option<Self>, Self::Rejection> {
                Ok($rule(parts.extensions.get::<CurrentUser>())
                    .ok()
                    .map(|m| $name(m.clone())))
            }
        }
    };
}

role_extractor!(
    /// A signed-in learner.
    Learner(learner::Model) = as_learner
);
role_extractor!(
    /// A signed-in volunteer, trainer or coordinator.
    Staff(staff::Model) = as_staff
);
role_extractor!(
    /// A signed-in volunteer or coordinator.
    Volunteer(staff::Model) = as_volunteer
);
role_extractor!(
    /// A signed-in trainer.
    Trainer(staff::Model) = as_trainer
);
role_extractor!(
    /// A signed-in coordinator.
    Coordinator(staff::Model) = as_coordinator
);
role_extractor!(
    /// A signed-in administrator of the programme.
    ProgrammeAdmin(staff::Model) = as_programme_admin
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths;
    use axum::http::StatusCode;

    fn staff(volunteer: bool, trainer: bool, coordinator: bool) -> CurrentUser {
        CurrentUser::Staff(staff::Model {
            id: 1,
            structure_id: 1,
            username: "camille".into(),
            display_name: "Camille".into(),
            password_hash: String::new(),
            is_volunteer: volunteer,
            is_trainer: trainer,
            is_coordinator: coordinator,
            created_at: 0,
            disabled_at: None,
            is_programme_admin: false,
            territory_id: None,
        })
    }

    fn a_learner() -> CurrentUser {
        CurrentUser::Learner(learner::Model {
            id: 2,
            structure_id: 1,
            volunteer_id: None,
            first_name: "Jeanne".into(),
            code: String::new(),
            created_at: 0,
            last_active_at: None,
            notes_consent: None,
            privacy_seen_at: None,
            text_size: 0,
            high_contrast: false,
            reduce_motion: false,
            age_band: None,
            gender: None,
            social_status: None,
            commune: None,
            volunteer_since: None,
            first_session_on: None,
        })
    }

    #[test]
    fn each_role_reaches_only_its_pages() {
        let learner = a_learner();
        let volunteer = staff(true, false, false);
        let trainer = staff(false, true, false);
        let coordinator = staff(false, false, true);
        assert_eq!(as_learner(Some(&learner)).map(|l| l.id), Ok(2));
        assert_eq!(as_learner(None), Err(AppError::LearnerSignInRequired));
        assert_eq!(
            as_learner(Some(&volunteer)),
            Err(AppError::LearnerSignInRequired)
        );
        for u in [None, Some(&learner)] {
            assert_eq!(as_staff(u), Err(AppError::StaffSignInRequired));
            assert_eq!(as_volunteer(u), Err(AppError::StaffSignInRequired));
            assert_eq!(as_trainer(u), Err(AppError::StaffSignInRequired));
            assert_eq!(as_coordinator(u), Err(AppError::StaffSignInRequired));
        }
        assert!(as_volunteer(Some(&volunteer)).is_ok());
        assert!(
            as_volunteer(Some(&coordinator)).is_ok(),
            "coordinators follow learners too"
        );
        assert_eq!(
            as_volunteer(Some(&trainer)),
            Err(AppError::RoleRequired(Role::Volunteer))
        );
        assert!(as_trainer(Some(&trainer)).is_ok());
        assert_eq!(
            as_trainer(Some(&volunteer)),
            Err(AppError::RoleRequired(Role::Trainer))
        );
        assert!(as_coordinator(Some(&coordinator)).is_ok());
        assert_eq!(
            as_coordinator(Some(&volunteer)),
            Err(AppError::RoleRequired(Role::Coordinator))
        );
    }

    #[test]
    fn network_roles_reach_their_network_only() {
        let CurrentUser::Staff(mut admin) = staff(false, false, false) else {
            unreachable!()
        };
        admin.is_programme_admin = true;
        let admin = CurrentUser::Staff(admin);
        let CurrentUser::Staff(mut north) = staff(true, false, true) else {
            unreachable!()
        };
        north.territory_id = Some(7);
        let north = CurrentUser::Staff(north);
        let coordinator = staff(true, false, true);
        assert!(as_programme_admin(Some(&admin)).is_ok());
        for u in [&north, &coordinator] {
            assert_eq!(
                as_programme_admin(Some(u)),
                Err(AppError::RoleRequired(Role::ProgrammeAdmin))
            );
        }
        assert_eq!(
            as_programme_admin(Some(&a_learner())),
            Err(AppError::StaffSignInRequired)
        );
        assert!(as_territory_coordinator(Some(&admin), 7).is_ok());
        assert!(as_territory_coordinator(Some(&admin), 8).is_ok());
        assert!(as_territory_coordinator(Some(&north), 7).is_ok());
        assert_eq!(
            as_territory_coordinator(Some(&north), 8),
            Err(AppError::RoleRequired(Role::TerritoryCoordinator))
        );
        assert_eq!(
            as_territory_coordinator(Some(&coordinator), 7),
            Err(AppError::RoleRequired(Role::TerritoryCoordinator))
        );
        assert_eq!(
            as_volunteer(Some(&admin)),
            Err(AppError::RoleRequired(Role::Volunteer)),
            "an administrator of the programme sees no learner"
        );
        let home = |u: &CurrentUser| network_home(u.staff().unwrap());
        assert_eq!(home(&admin).as_deref(), Some("/programme"));
        assert_eq!(home(&north).as_deref(), Some("/programme/territoires/7"));
        assert_eq!(home(&coordinator), None);
    }

    #[tokio::test]
    async fn the_extractors_follow_the_same_rules() {
        let parts_of = |user: Option<CurrentUser>| {
            let mut parts = axum::http::Request::new(()).into_parts().0;
            if let Some(u) = user {
                parts.extensions.insert(u);
            }
            parts
        };
        let mut parts = parts_of(Some(staff(false, true, false)));
        let found = <Trainer as FromRequestParts<()>>::from_request_parts(&mut parts, &()).await;
        assert_eq!(found.map(|t| t.0.id), Ok(1));
        let refused =
            <Volunteer as FromRequestParts<()>>::from_request_parts(&mut parts, &()).await;
        assert_eq!(
            refused,
            Err(Refused(AppError::RoleRequired(Role::Volunteer)))
        );
        let maybe =
            <Volunteer as OptionalFromRequestParts<()>>::from_request_parts(&mut parts, &()).await;
        assert_eq!(maybe, Ok(None));
        let mut nobody = parts_of(None);
        let refused = <Learner as FromRequestParts<()>>::from_request_parts(&mut nobody, &()).await;
        let response = refused.expect_err("nobody is signed in").into_response();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], paths::SIGN_IN);
        let mut learner = parts_of(Some(a_learner()));
        let found =
            <Learner as OptionalFromRequestParts<()>>::from_request_parts(&mut learner, &()).await;
        assert_eq!(found.map(|l| l.map(|l| l.0.id)), Ok(Some(2)));
    }
}
