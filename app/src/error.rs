//! The error type of every server function and page.
//!
//! Policy: what the learner may act on is a variant with a French message; anything else
//! (database down, a bug) is logged in full on the server and reaches the page only as
//! [`AppError::Internal`], with a calm message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::text;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The page, lesson or person does not exist, or is not yours to see.
    #[error("not found")]
    NotFound,
    /// The page needs a learner to be signed in.
    #[error("learner sign-in required")]
    LearnerSignInRequired,
    /// The page needs a volunteer, trainer or coordinator to be signed in.
    #[error("staff sign-in required")]
    StaffSignInRequired,
    /// The page moved (a step a trainer removed): the browser is sent to the new place.
    #[error("moved to {0}")]
    Moved(String),
    /// Signed in, but this page is for another role (e.g. a trainer on a volunteer page).
    #[error("forbidden")]
    Forbidden,
    /// Something failed on the server; the details are in the server's log.
    #[error("internal error")]
    Internal,
    /// The request itself was malformed (a form with junk, a missing field).
    #[error("bad request: {0}")]
    Request(ServerFnErrorErr),
    /// Too many requests need the same scarce resource (password checks) at once: try again
    /// in a minute.
    #[error("busy")]
    Busy,
}

impl AppError {
    /// The message shown to users, in easy-to-read French.
    pub fn message(&self) -> &'static str {
        match self {
            AppError::NotFound => text::ERROR_NOT_FOUND,
            AppError::Moved(_) => text::ERROR_MOVED,
            AppError::Forbidden => text::ERROR_FORBIDDEN,
            AppError::LearnerSignInRequired => text::ERROR_LEARNER_SIGN_IN,
            AppError::StaffSignInRequired => text::ERROR_STAFF_SIGN_IN,
            AppError::Internal => text::ERROR_INTERNAL,
            AppError::Request(_) => text::ERROR_BAD_REQUEST,
            AppError::Busy => text::ERROR_BUSY,
        }
    }

    /// The HTTP status of a page that shows this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Moved(_) => 302,
            AppError::Forbidden => 403,
            AppError::LearnerSignInRequired | AppError::StaffSignInRequired => 401,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
            AppError::Busy => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<crate::ssr::auth::Busy> for AppError {
    fn from(_: crate::ssr::auth::Busy) -> Self {
        tracing::warn!("too many password checks at once: answered busy");
        AppError::Busy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_french_message_and_a_status() {
        for e in [
            AppError::NotFound,
            AppError::Moved("/".into()),
            AppError::Forbidden,
            AppError::LearnerSignInRequired,
            AppError::StaffSignInRequired,
            AppError::Internal,
            AppError::Request(ServerFnErrorErr::MissingArg("code".into())),
            AppError::Busy,
        ] {
            assert!(!e.message().is_empty());
            assert!((300..600).contains(&e.status()));
        }
    }
}
