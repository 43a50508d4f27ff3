//! The login card's QR code: whose card it is, before signing in.

use std::time::Instant;

use sea_orm::{DatabaseConnection, DbErr};

use crate::ssr::auth;
use crate::ssr::db::entities::learner;
use crate::ssr::services::accounts::{self, CodeLookup};
use crate::ssr::throttle::{Door, LoginThrottle};

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
    let secret = format!("code:{code}");
    if let Err(wait) = throttle.reserve(Door::Learner, address, &secret, Instant::now()) {
        return Ok(CardHolder::Wait(wait.as_secs() / 60 + 1));
    }
    Ok(match accounts::lookup_code(db, &code).await? {
        CodeLookup::Learner(l) => {
            throttle.success(Door::Learner, address, &secret);
            CardHolder::Learner(l)
        }
        CodeLookup::Replaced => CardHolder::Replaced,
        CodeLookup::Unknown => CardHolder::Unknown,
    })
}
