//! What a page or server function knows about the request: the shared state, who is
//! signed in, the client's address; and what it may set on the response.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::db::entities::{learner, staff};
use super::identity::{self, CurrentUser};
use super::state::AppState;
use crate::error::AppError;

/// The session cookie over plain HTTP (a test server, a machine without a certificate).
pub const SESSION_COOKIE: &str = "pap_session";
/// The session cookie over HTTPS: the `__Host-` prefix makes the browser refuse it unless
/// it is `Secure`, for the whole site (`Path=/`) and set by this very host (no `Domain`),
/// so a neighbouring site cannot plant a session of its choosing.
pub const SECURE_SESSION_COOKIE: &str = "__Host-pap_session";

/// The session cookie's name: with the `__Host-` prefix when cookies are `Secure`.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The code of a login card whose QR code was just scanned, until its holder confirms.
pub const CARD_COOKIE: &str = "pap_carte";
/// How long a scanned card waits for its holder to press "Entrer".
pub const CARD_COOKIE_SECS: i64 = 15 * 60;
/// Comfort settings of a browser where nobody is signed in.
pub const COMFORT_COOKIE: &str = "pap_confort";

/// Set by [`resolve_user`] when the browser sent a session cookie that no longer works
/// (expired, ended elsewhere, or its code replaced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaleSession;

/// The client's network address, as set by the server's middleware.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub String);

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is not provided as context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// Who is signed in (resolved once per request by [`resolve_user`]).
pub fn current_user() -> Option<CurrentUser> {
    parts()?.extensions.get::<CurrentUser>().cloned()
}

/// Did the browser send a session that no longer works?
pub fn stale_session() -> bool {
    parts().is_some_and(|p| p.extensions.get::<StaleSession>().is_some())
}

pub fn require_learner() -> Result<learner::Model, AppError> {
    identity::as_learner(current_user().as_ref()).cloned()
}

pub fn require_staff() -> Result<staff::Model, AppError> {
    identity::as_staff(current_user().as_ref()).cloned()
}

/// A volunteer or coordinator: the people who follow learners.
pub fn require_volunteer() -> Result<staff::Model, AppError> {
    identity::as_volunteer(current_user().as_ref()).cloned()
}

/// A trainer: the people who write lessons.
pub fn require_trainer() -> Result<staff::Model, AppError> {
    identity::as_trainer(current_user().as_ref()).cloned()
}

pub fn require_coordinator() -> Result<staff::Model, AppError> {
    identity::as_coordinator(current_user().as_ref()).cloned()
}

pub fn require_programme_admin() -> Result<staff::Model, AppError> {
    identity::as_programme_admin(current_user().as_ref()).cloned()
}

/// A coordinator of territory `territory`, or an administrator of the programme.
pub fn require_territory_coordinator(territory: i32) -> Result<staff::Model, AppError> {
    identity::as_territory_coordinator(current_user().as_ref(), territory).cloned()
}

/// The page that says a form came from another learner's page (a shared PC): nothing was
/// saved.
pub const NOT_SAVED_PATH: &str = crate::paths::NOT_SAVED;

/// Was a learner's form sent from a page made for `learner`? `owner` is its hidden field
/// ([`crate::components::owner::OwnerField`]): another learner's id, or empty (a page made
/// before anyone signed in), means a tab left open by someone else on a shared PC. A form
/// without the field (a page older than the field) is taken as theirs.
pub fn form_is_for(learner: &learner::Model, owner: Option<&str>) -> bool {
    owner.is_none_or(|o| o.trim() == learner.id.to_string())
}

/// Only paths of this site may be redirected to (never `//other.site`).
pub fn safe_back(path: &str) -> String {
    if crate::paths::is_local_path(path) {
        path.to_string()
    } else {
        "/".to_string()
    }
}

/// Sends a learner whose session ended to the sign-in page, which brings them back to
/// `suite` (a local path) once signed in.
pub fn sign_in_to_continue(suite: &str) {
    redirect(&sign_in_to_continue_href(suite));
}

/// The sign-in page that says the session ended and brings the learner back to `suite`.
pub fn sign_in_to_continue_href(suite: &str) -> String {
    let query = serde_urlencoded::to_string([("fin", "session"), ("suite", &safe_back(suite))])
        .unwrap_or_default();
    format!("/connexion?{query}")
}

pub fn client_address() -> String {
    parts()
        .and_then(|p| p.extensions.get::<ClientAddress>().map(|a| a.0.clone()))
        .unwrap_or_else(|| "unknown".into())
}

fn cookie_from(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// The session token sent by the browser, if any: only the cookie of the name in use (a
/// plain `pap_session` cookie is ignored when sessions are `__Host-` cookies).
pub fn session_token_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie_from(headers, session_cookie_name(secure))
}

/// The comfort settings: the signed-in learner's, else the browser's cookie.
pub fn comfort() -> crate::model::Comfort {
    use crate::model::Comfort;
    if let Some(l) = current_user().as_ref().and_then(|u| u.learner()) {
        return learner_comfort(l);
    }
    parts()
        .and_then(|p| cookie_from(&p.headers, COMFORT_COOKIE))
        .map(|v| Comfort::from_cookie(&v))
        .unwrap_or_default()
}

/// A signed-in learner's comfort settings, as saved in their account.
pub fn learner_comfort(l: &learner::Model) -> crate::model::Comfort {
    crate::model::Comfort {
        text_size: l.text_size.clamp(0, 2) as u8,
        high_contrast: l.high_contrast,
        reduce_motion: l.reduce_motion,
    }
}

/// Remembers comfort settings in the browser for a year.
pub fn set_comfort_cookie(comfort: crate::model::Comfort, secure: bool) {
    let cookie = Cookie::build((COMFORT_COOKIE, comfort.to_cookie()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::days(365))
        .build();
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        res.append_header(header::SET_COOKIE, value);
    }
}

pub fn session_token() -> Option<String> {
    let secure = use_context::<AppState>().is_some_and(|s| s.settings.secure_cookies);
    session_token_from(&parts()?.headers, secure)
}

/// The `Set-Cookie` value of the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((session_cookie_name(secure), token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// Sets the session cookie on the response of the current server function or page.
pub fn set_session_cookie(token: &str, max_age_secs: i64, secure: bool) {
    if let (Some(res), Some(value)) = (
        use_context::<ResponseOptions>(),
        session_cookie(token, max_age_secs, secure),
    ) {
        res.append_header(header::SET_COOKIE, value);
    }
}

pub fn clear_session_cookie(secure: bool) {
    set_session_cookie("", 0, secure);
}

fn card_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-pap_carte"
    } else {
        CARD_COOKIE
    }
}

/// The `Set-Cookie` value that keeps a scanned card's code until its holder confirms (or,
/// with `max_age_secs` 0, forgets it). The code then never stays in the address bar nor
/// in the browser's history.
pub fn card_cookie(code: &str, max_age_secs: i64, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((card_cookie_name(secure), code.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// The code of the card scanned in this browser, if any.
pub fn card_code() -> Option<String> {
    let secure = use_context::<AppState>().is_some_and(|s| s.settings.secure_cookies);
    cookie_from(&parts()?.headers, card_cookie_name(secure)).filter(|c| !c.is_empty())
}

/// Forgets the card scanned in this browser.
pub fn clear_card_cookie(secure: bool) {
    if let (Some(res), Some(value)) = (use_context::<ResponseOptions>(), card_cookie("", 0, secure))
    {
        res.append_header(header::SET_COOKIE, value);
    }
}

/// Makes this response's nonce (set by the server's security layer in the request, see
/// `server::security`) the one Leptos writes on its scripts. Without one (a render outside
/// the server), the scripts get none, and the policy would block them: nothing to allow.
pub fn provide_csp_nonce() {
    if let Some(nonce) = parts().and_then(|p| p.extensions.get::<leptos::nonce::Nonce>().cloned()) {
        provide_context(nonce);
    }
}

/// Waits for a turn to hash or check a password ([`crate::ssr::auth::PasswordGate`]). Busy
/// past the gate's waiting time: the answer is a 503 (the server's middleware shows a
/// browser form the French "busy" page) and the error is [`AppError::Busy`].
pub async fn password_permit(
    state: &AppState,
) -> Result<crate::ssr::auth::PasswordPermit, AppError> {
    state.passwords.permit().await.map_err(|busy| {
        if let Some(res) = use_context::<ResponseOptions>() {
            res.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
            res.insert_header(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        AppError::from(busy)
    })
}

/// Sends the browser to `path` once the server function or page is done.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// Middleware: resolves the session cookie once per request and stores the user in the
/// request's extensions, where [`current_user`] finds it. A cookie that no longer works is
/// marked ([`StaleSession`], so the page can say so once) and removed from the browser.
pub async fn resolve_user(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut stale = false;
    let secure = state.settings.secure_cookies;
    if let Some(token) = session_token_from(req.headers(), secure).filter(|t| !t.is_empty()) {
        match state.users.resolve(&state.db, &token).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => {
                stale = true;
                req.extensions_mut().insert(StaleSession);
            }
            Err(e) => tracing::error!(error = %e, "cannot resolve session"),
        }
    }
    let mut res = next.run(req).await;
    let replaced = res.headers().contains_key(header::SET_COOKIE);
    if stale
        && !replaced
        && let Some(clear) = session_cookie("", 0, state.settings.secure_cookies)
    {
        res.headers_mut().append(header::SET_COOKIE, clear);
    }
    res
}

/// Who is signed in and their comfort settings, for every page's frame.
pub fn frame() -> crate::model::Frame {
    use crate::model::{Frame, Me};
    let me = match current_user() {
        None if stale_session() => Me::Expired,
        None => Me::Nobody,
        Some(CurrentUser::Learner(l)) => Me::Learner {
            first_name: l.first_name,
        },
        Some(CurrentUser::Staff(s)) => Me::Staff {
            network: identity::network_home(&s),
            follows_learners: s.is_volunteer || s.is_coordinator,
            display_name: s.display_name,
            trainer: s.is_trainer,
        },
    };
    Frame {
        me,
        comfort: comfort(),
    }
}
