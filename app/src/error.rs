//! The error type of every server function, page and plain handler.
//!
//! Policy: what the learner may act on is a variant with a French message; anything else
//! (database down, a bug) is logged in full on the server and reaches the page only as
//! [`AppError::Internal`], with a calm message. Each variant has one HTTP status
//! ([`AppError::status`]). On the server, an error answered by a plain axum handler or a
//! middleware ([`ErrorPage`]'s `IntoResponse`) is a sign-in redirect or that status with
//! the error attached; the server's last middleware renders it with Leptos as the page
//! [`crate::components::load::ErrorPageView`] inside the site's shell and layout, as every
//! page shows its errors.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::{paths, text};

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
    /// Refused outright (a form sent from another site).
    #[error("forbidden")]
    Forbidden,
    /// Signed in, but this page or action is for another role (e.g. a trainer-only account
    /// on a volunteer page): the page says which role it needs.
    #[error("role required: {0:?}")]
    RoleRequired(Role),
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
    /// What was sent is far over what the server reads (a body over its limit).
    #[error("too large")]
    TooLarge,
    /// The same one-time form is already being saved by another request.
    #[error("conflict")]
    Conflict,
}

/// The role a page or action needs, as a refusal names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// A volunteer or a coordinator: the people who follow learners.
    Volunteer,
    /// A trainer: the people who write lessons.
    Trainer,
    /// A coordinator: the people who run the structure's team.
    Coordinator,
    /// An administrator of the programme: territories, structures and their coordinators.
    ProgrammeAdmin,
    /// A coordinator of this territory (or an administrator of the programme).
    TerritoryCoordinator,
}

impl AppError {
    /// The message shown to users, in easy-to-read French.
    pub fn message(&self) -> &'static str {
        match self {
            AppError::NotFound => text::ERROR_NOT_FOUND,
            AppError::Moved(_) => text::ERROR_MOVED,
            AppError::Forbidden => text::ERROR_FORBIDDEN,
            AppError::RoleRequired(role) => text::staff::role_required(*role),
            AppError::LearnerSignInRequired => text::ERROR_LEARNER_SIGN_IN,
            AppError::StaffSignInRequired => text::ERROR_STAFF_SIGN_IN,
            AppError::Internal => text::ERROR_INTERNAL,
            AppError::Request(_) => text::ERROR_BAD_REQUEST,
            AppError::Busy => text::ERROR_BUSY,
            AppError::TooLarge => text::answers::TOO_LARGE,
            AppError::Conflict => text::answers::CONFLICT,
        }
    }

    /// The title of a page that shows this error.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::NotFound => text::NOT_FOUND_TITLE,
            AppError::Busy => text::ERROR_BUSY_TITLE,
            AppError::Request(_) => text::answers::BAD_FORM_TITLE,
            AppError::TooLarge => text::answers::TOO_LARGE_TITLE,
            AppError::Conflict => text::answers::CONFLICT_TITLE,
            AppError::Moved(_)
            | AppError::Forbidden
            | AppError::RoleRequired(_)
            | AppError::LearnerSignInRequired
            | AppError::StaffSignInRequired
            | AppError::Internal => text::ERROR_TITLE,
        }
    }

    /// Where the browser is sent instead of being shown this error: the sign-in page it
    /// needs, or the page's new place.
    pub fn redirect(&self) -> Option<&str> {
        match self {
            AppError::LearnerSignInRequired => Some(paths::SIGN_IN),
            AppError::StaffSignInRequired => Some(paths::STAFF_SIGN_IN),
            AppError::Moved(to) => Some(to),
            _ => None,
        }
    }

    /// Seconds after which the same request may work (`Retry-After`).
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::Busy => Some(60),
            _ => None,
        }
    }

    /// This error as a page with its own title and message and a way home.
    pub fn page(self) -> ErrorPage {
        ErrorPage {
            title: self.title(),
            message: self.message(),
            back: paths::HOME.to_string(),
            back_label: text::ERROR_GO_HOME,
            error: self,
        }
    }

    /// The HTTP status of a page that shows this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Moved(_) => 302,
            AppError::Forbidden | AppError::RoleRequired(_) => 403,
            AppError::LearnerSignInRequired | AppError::StaffSignInRequired => 401,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
            AppError::Busy => 503,
            AppError::TooLarge => 413,
            AppError::Conflict => 409,
        }
    }
}

/// An error as the page that shows it: the error (its status), the words (the error's own,
/// or more precise ones from the handler that knows what failed), and the way out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorPage {
    pub error: AppError,
    pub title: &'static str,
    pub message: &'static str,
    /// Where the page's button leads (an address of this site).
    pub back: String,
    pub back_label: &'static str,
}

impl ErrorPage {
    pub fn titled(mut self, title: &'static str) -> Self {
        self.title = title;
        self
    }

    pub fn saying(mut self, message: &'static str) -> Self {
        self.message = message;
        self
    }

    /// The button leads to `href` (a local path; anything else leads home).
    pub fn back_to(mut self, href: &str, label: &'static str) -> Self {
        if paths::is_local_path(href) {
            self.back = href.to_string();
            self.back_label = label;
        }
        self
    }
}

impl From<AppError> for ErrorPage {
    fn from(error: AppError) -> Self {
        error.page()
    }
}

/// The answer of a plain handler or a middleware (the status policy): a redirect for a
/// missing sign-in or a moved page; otherwise the error's status, `Retry-After` when the
/// request may work later, and the [`ErrorPage`] in the response's extensions, with no body
/// yet: the server's outermost middleware renders it with Leptos (or, for a script calling
/// a server function, as the JSON server functions answer).
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for ErrorPage {
    fn into_response(self) -> axum::response::Response {
        use axum::http::{HeaderValue, StatusCode, header};
        if let Some(to) = self.error.redirect() {
            return axum::response::Redirect::to(to).into_response();
        }
        let status =
            StatusCode::from_u16(self.error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = status.into_response();
        if let Some(secs) = self.error.retry_after() {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res.extensions_mut().insert(self);
        res
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        self.page().into_response()
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
        if crate::ssr::db::is_overloaded(&err) {
            tracing::warn!(error = %err, "database overloaded: answered busy");
            return AppError::Busy;
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for ErrorPage {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::from(err).page()
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

    #[cfg(feature = "ssr")]
    #[test]
    fn an_overloaded_database_is_busy_and_other_database_errors_are_internal() {
        use sea_orm::DbErr;
        use sea_orm::error::ConnAcquireErr;
        assert_eq!(
            AppError::from(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)),
            AppError::Busy
        );
        assert_eq!(
            AppError::from(DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed)),
            AppError::Internal
        );
        assert_eq!(
            AppError::from(DbErr::RecordNotFound("x".into())),
            AppError::Internal
        );
    }

    #[test]
    fn every_error_has_a_french_message_and_a_status() {
        for e in [
            AppError::NotFound,
            AppError::Moved("/".into()),
            AppError::Forbidden,
            AppError::RoleRequired(Role::Volunteer),
            AppError::RoleRequired(Role::Trainer),
            AppError::RoleRequired(Role::Coordinator),
            AppError::RoleRequired(Role::ProgrammeAdmin),
            AppError::RoleRequired(Role::TerritoryCoordinator),
            AppError::LearnerSignInRequired,
            AppError::StaffSignInRequired,
            AppError::Internal,
            AppError::Request(ServerFnErrorErr::MissingArg("code".into())),
            AppError::Busy,
            AppError::TooLarge,
            AppError::Conflict,
        ] {
            assert!(!e.message().is_empty());
            assert!(!e.title().is_empty());
            assert!((300..600).contains(&e.status()));
            // Sent elsewhere: a moved page, or the sign-in a page needs.
            assert_eq!(
                e.redirect().is_some(),
                (300..400).contains(&e.status()) || e.status() == 401,
                "{e:?}"
            );
        }
    }

    /// The status policy of plain handlers and middleware, as answered.
    #[cfg(feature = "ssr")]
    #[test]
    fn plain_answers_follow_the_status_policy() {
        use axum::http::{StatusCode, header};
        use axum::response::IntoResponse;
        let cases = [
            (AppError::NotFound, StatusCode::NOT_FOUND),
            (AppError::Forbidden, StatusCode::FORBIDDEN),
            (AppError::RoleRequired(Role::Trainer), StatusCode::FORBIDDEN),
            (AppError::Conflict, StatusCode::CONFLICT),
            (AppError::TooLarge, StatusCode::PAYLOAD_TOO_LARGE),
            (AppError::Busy, StatusCode::SERVICE_UNAVAILABLE),
            (AppError::Internal, StatusCode::INTERNAL_SERVER_ERROR),
            (
                AppError::Request(ServerFnErrorErr::Args("x".into())),
                StatusCode::BAD_REQUEST,
            ),
        ];
        for (error, status) in cases {
            let res = error.clone().into_response();
            assert_eq!(res.status(), status, "{error:?}");
            assert_eq!(
                res.headers()
                    .get(header::RETRY_AFTER)
                    .map(|v| v.to_str().unwrap()),
                (error == AppError::Busy).then_some("60"),
                "{error:?}"
            );
            let page = res
                .extensions()
                .get::<ErrorPage>()
                .expect("a page to render");
            assert_eq!(page, &error.page());
            assert_eq!(page.back, paths::HOME);
        }
        for (error, to) in [
            (AppError::LearnerSignInRequired, paths::SIGN_IN),
            (AppError::StaffSignInRequired, paths::STAFF_SIGN_IN),
            (AppError::Moved("/modules/a".into()), "/modules/a"),
        ] {
            let res = error.into_response();
            assert_eq!(res.status(), StatusCode::SEE_OTHER);
            assert_eq!(res.headers()[header::LOCATION], to);
            assert!(res.extensions().get::<ErrorPage>().is_none());
        }
        // A handler's own words and way out travel with the page; a way out elsewhere
        // than this site leads home.
        let res = AppError::TooLarge
            .page()
            .titled(text::answers::EXERCISE_TOO_LARGE_TITLE)
            .back_to("/modules/a/b/c", text::answers::BACK_TO_EXERCISE)
            .into_response();
        let page = res.extensions().get::<ErrorPage>().unwrap();
        assert_eq!(page.title, text::answers::EXERCISE_TOO_LARGE_TITLE);
        assert_eq!(page.message, text::answers::TOO_LARGE);
        assert_eq!(page.back, "/modules/a/b/c");
        let away = AppError::Busy
            .page()
            .back_to("//evil.example/", text::ERROR_BUSY_RETRY);
        assert_eq!(away.back, paths::HOME);
        assert_eq!(away.back_label, text::ERROR_GO_HOME);
    }
}
