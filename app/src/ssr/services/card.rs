//! The login card's QR code: whose card it is, before signing in.

use sea_orm::{DatabaseConnection, DbErr};

use crate::ssr::auth;
use crate::ssr::db::entities::learner;
use crate::ssr::services::accounts::{self, CodeLookup};
use crate::ssr::services::sessions::minutes;
use crate::ssr::throttle::{Attempt, Decision, LoginThrottle, MAX_CODE_CHARS};

/// Whose card a code is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardHolder {
    /// Too many wrong codes: wait this many minutes.
    Wait(u64),
    Unknown,
    Replaced,
    Learner(Box<learner::Model>),
}

/// Looks a card's code up, counted by the sign-in throttle like a typed code (a page that
/// names the card's holder must not let anyone try codes faster than the sign-in form).
pub async fn card_holder(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    address: &str,
    typed: &str,
) -> Result<CardHolder, DbErr> {
    let code = auth::normalize_code(typed);
    if code.is_empty() {
        return Ok(CardHolder::Unknown);
    }
    let pass = match throttle.reserve(db, address, Attempt::Code(&code)).await? {
        Decision::Go { wait, pass } => {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            pass
        }
        Decision::Wait(wait) | Decision::SiteBusy(wait) => {
            return Ok(CardHolder::Wait(minutes(wait)));
        }
    };
    // Far too long to be a code: not even looked up (it still counted as a wrong try).
    if code.chars().count() > MAX_CODE_CHARS {
        return Ok(CardHolder::Unknown);
    }
    Ok(match accounts::lookup_code(db, &code).await? {
        CodeLookup::Learner(l) => {
            throttle.success(db, pass).await?;
            CardHolder::Learner(l)
        }
        CodeLookup::Replaced => CardHolder::Replaced,
        CodeLookup::Unknown => CardHolder::Unknown,
    })
}
