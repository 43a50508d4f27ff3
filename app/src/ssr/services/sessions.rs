//! Sign-in sessions: a random token in an HttpOnly cookie, its hash in the database.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
};

use super::accounts::{self, CodeLookup};
use crate::ssr::auth;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::auth_session;
use crate::ssr::db::now;
use crate::ssr::identity::{CurrentUser, LEARNER_IDLE_SECS, LEARNER_SESSION_SECS, resolve_hashed};
use crate::ssr::throttle::{Attempt, Decision, LoginThrottle, MAX_CODE_CHARS};
use crate::ssr::user_cache::{Stale, UsersChanged};

/// How long a volunteer, trainer or coordinator stays signed in.
pub const STAFF_SESSION_SECS: i64 = 12 * 3600;

/// Whom a new session is for.
#[derive(Clone, Copy, Debug)]
pub enum Subject {
    Learner(i32),
    Staff(i32),
}

/// Starts a session; returns the token for the cookie and its lifetime in seconds.
pub async fn start(db: &impl ConnectionTrait, subject: Subject) -> Result<(String, i64), DbErr> {
    let token = auth::new_session_token();
    // A learner's session ends after a while without activity, moved by each activity
    // (see `resolve_hashed`); the cookie lasts as long as the session may.
    let (learner_id, staff_id, lifetime, ends_in) = match subject {
        Subject::Learner(id) => (Some(id), None, LEARNER_SESSION_SECS, LEARNER_IDLE_SECS),
        Subject::Staff(id) => (None, Some(id), STAFF_SESSION_SECS, STAFF_SESSION_SECS),
    };
    let created_at = now();
    auth_session::ActiveModel {
        token_hash: Set(auth::token_hash(&token)),
        learner_id: Set(learner_id),
        staff_id: Set(staff_id),
        created_at: Set(created_at),
        expires_at: Set(created_at + ends_in),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, lifetime))
}

/// The user of a session token, if the session exists and has not expired.
pub async fn resolve(db: &impl ConnectionTrait, token: &str) -> Result<Option<CurrentUser>, DbErr> {
    Ok(resolve_hashed(db, &auth::token_hash(token))
        .await?
        .map(|(user, _)| user))
}

/// Starts a session in place of the browser's old one, if any: the old one ends and the
/// new one starts together, or neither does.
pub async fn start_instead(
    db: &DatabaseConnection,
    old_token: Option<&str>,
    subject: Subject,
) -> Result<UsersChanged<(String, i64)>, DbErr> {
    let txn = db.begin_write().await?;
    let stale = match old_token {
        Some(old) => delete_session(&txn, old).await?,
        None => Stale::Nobody,
    };
    let started = start(&txn, subject).await?;
    let changed = UsersChanged::new(&txn, started, stale).await?;
    txn.commit().await?;
    Ok(changed)
}

/// Ends a session (sign-out).
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<UsersChanged<()>, DbErr> {
    let stale = delete_session(db, token).await?;
    UsersChanged::new(db, (), stale).await
}

/// Deletes a session; says which cached entry that made wrong, if it existed.
async fn delete_session(db: &impl ConnectionTrait, token: &str) -> Result<Stale, DbErr> {
    let hash = auth::token_hash(token);
    let deleted = auth_session::Entity::delete_many()
        .filter(auth_session::Column::TokenHash.eq(&hash))
        .exec(db)
        .await?
        .rows_affected;
    Ok(if deleted > 0 {
        Stale::Session(hash)
    } else {
        Stale::Nobody
    })
}

/// Removes expired sessions.
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Ok(auth_session::Entity::delete_many()
        .filter(auth_session::Column::ExpiresAt.lte(now()))
        .exec(db)
        .await?
        .rows_affected)
}

/// What signing in with a code gives.
#[derive(Debug)]
pub enum LearnerSignIn {
    /// Nothing was typed.
    Empty,
    /// Too many tries from this address: wait this many minutes.
    Wait(u64),
    /// Too many wrong codes on the whole site: everyone waits this many minutes.
    SiteBusy(u64),
    Unknown,
    /// An old code, replaced after a lost card.
    Replaced,
    /// Signed in: the session token, its lifetime, and whether this is the first time.
    SignedIn {
        token: String,
        max_age: i64,
        first_time: bool,
    },
}

/// Signs a learner in with their code (typed, or from the QR code of their card),
/// throttled per address group and site-wide (see [`crate::ssr::throttle`]): a try may
/// wait its turn for a few seconds, but a right code is never refused because of other
/// people's mistakes, unless the whole site's budget of wrong codes is used up.
/// `old_token` is the session to end.
pub async fn sign_in_learner(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    address: &str,
    typed: &str,
    old_token: Option<&str>,
) -> Result<UsersChanged<LearnerSignIn>, DbErr> {
    let unchanged = |outcome| Ok(UsersChanged::unchanged(outcome));
    let code = auth::normalize_code(typed);
    if code.is_empty() {
        return unchanged(LearnerSignIn::Empty);
    }
    let pass = match throttle.reserve(db, address, Attempt::Code(&code)).await? {
        Decision::Go { wait, pass } => {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            pass
        }
        Decision::Wait(wait) => return unchanged(LearnerSignIn::Wait(minutes(wait))),
        Decision::SiteBusy(wait) => return unchanged(LearnerSignIn::SiteBusy(minutes(wait))),
    };
    // Far too long to be a code: not even looked up (it still counted as a wrong try).
    let lookup = if code.chars().count() > MAX_CODE_CHARS {
        CodeLookup::Unknown
    } else {
        accounts::lookup_code(db, &code).await?
    };
    let learner = match lookup {
        CodeLookup::Learner(l) => l,
        other => {
            return unchanged(if other == CodeLookup::Replaced {
                LearnerSignIn::Replaced
            } else {
                LearnerSignIn::Unknown
            });
        }
    };
    throttle.success(db, pass).await?;
    accounts::touch(db, learner.id).await?;
    Ok(start_instead(db, old_token, Subject::Learner(learner.id))
        .await?
        .map(|(token, max_age)| LearnerSignIn::SignedIn {
            token,
            max_age,
            first_time: learner.privacy_seen_at.is_none(),
        }))
}

/// A wait in whole minutes, rounded up (at least one).
pub fn minutes(wait: std::time::Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

impl LearnerSignIn {
    /// Where the browser goes next: home (or the privacy page the first time), or the
    /// sign-in page with the reason.
    /// Where the browser goes next. `suite`: the local page the learner was on when their
    /// session ended, to come back to once signed in (kept across a wrong code).
    pub fn next_page(&self, suite: Option<&str>) -> String {
        let keep = |page: &str| match suite {
            Some(s) => {
                let sep = if page.contains('?') { '&' } else { '?' };
                let q = serde_urlencoded::to_string([("suite", s)]).unwrap_or_default();
                format!("{page}{sep}{q}")
            }
            None => page.to_string(),
        };
        match self {
            LearnerSignIn::Empty => keep("/connexion?erreur=vide"),
            LearnerSignIn::Wait(minutes) => {
                keep(&format!("/connexion?erreur=attendre&minutes={minutes}"))
            }
            LearnerSignIn::SiteBusy(minutes) => {
                keep(&format!("/connexion?erreur=occupe&minutes={minutes}"))
            }
            LearnerSignIn::Unknown => keep("/connexion?erreur=inconnu"),
            LearnerSignIn::Replaced => keep("/connexion?erreur=remplace"),
            LearnerSignIn::SignedIn {
                first_time: true, ..
            } => keep("/bienvenue"),
            LearnerSignIn::SignedIn { .. } => suite.unwrap_or("/").to_string(),
        }
    }
}
