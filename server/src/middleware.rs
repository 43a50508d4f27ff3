//! Request middleware: the client's address, the origin check that protects every
//! state-changing request (Leptos server functions have no CSRF protection of their own),
//! the body limit and error statuses of server functions, and the one place where errors
//! answered outside a page ([`ErrorPage`]) become pages of the site ([`render_error_pages`]).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use app::error::{AppError, ErrorPage};
use app::ssr::identity::CurrentUser;
use app::ssr::request::{self, ClientAddress, StaleSession};
use app::ssr::state::AppState;
use app::text::{self, answers};

/// What the middleware needs to know.
#[derive(Clone, Debug)]
pub struct Guard {
    /// The configured public origin, e.g. `https://pasapas.example.org` (shared: the guard
    /// is cloned for every request).
    pub public_origin: std::sync::Arc<str>,
    pub trust_proxy: bool,
}

/// Stores the client's address in the request's extensions (for sign-in throttling).
pub async fn client_address(State(guard): State<Guard>, mut req: Request, next: Next) -> Response {
    let forwarded = guard
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_string())
        })
        .flatten();
    let address = forwarded
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    req.extensions_mut().insert(ClientAddress(address));
    next.run(req).await
}

/// Refuses state-changing requests that do not come from a page of this site.
pub async fn check_origin(State(guard): State<Guard>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || same_origin(req.headers(), &guard.public_origin)
    {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = %req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        "refused a request from another origin"
    );
    AppError::Forbidden
        .page()
        .titled(answers::REFUSED_TITLE)
        .saying(answers::REFUSED)
        .into_response()
}

/// Does the request's `Origin` (or, failing that, `Referer`) name this site, the configured
/// public origin (`PAP_PUBLIC_URL`)? Only that: the `Host` header is chosen by whoever
/// sends the request, and a site that points its own name at this server (DNS rebinding)
/// sends `Origin` and `Host` that agree.
pub fn same_origin(headers: &HeaderMap, public_origin: &str) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null")
        .map(str::to_string)
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(origin_of)
        });
    claimed.is_some_and(|c| c.eq_ignore_ascii_case(public_origin))
}

/// The largest body a server function reads (they read it whole, with no limit of their
/// own): the longest legitimate one is a lesson saved from the editor (64 KiB at most,
/// three times that once form-encoded). A bigger body is refused with 413 before it is
/// read, or cut off (and refused) as it streams in.
pub const MAX_SERVER_FN_BODY: usize = 512 * 1024;

/// Middleware: limits the body of server functions (`/api/…`) to [`MAX_SERVER_FN_BODY`]:
/// 20 posts of 35 MiB each would otherwise sit whole in memory.
pub async fn limit_server_fn_body(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_SERVER_FN_BODY) {
        return AppError::TooLarge.into_response();
    }
    let req = req
        .map(|body| axum::body::Body::new(http_body_util::Limited::new(body, MAX_SERVER_FN_BODY)));
    next.run(req).await
}

/// Does the request accept HTML (a browser's page or form, not a script)?
fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// For a browser's form (it accepts HTML): the "busy" page, leading back to the page the
/// form was on (this site's, from `Referer`), or home.
fn busy_page_for(headers: &HeaderMap) -> Option<ErrorPage> {
    if !accepts_html(headers) {
        return None;
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .filter(|path| app::paths::is_local_path(path))
        .unwrap_or_else(|| app::paths::HOME.to_string());
    Some(AppError::Busy.page().back_to(&back, text::ERROR_BUSY_RETRY))
}

/// `https://host:port/path?q` → `https://host:port`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// Middleware: a server function that fails answers with the status of its error, not
/// always 500. Leptos sends every `Err` as a 500 whose body is the error (JSON): read it
/// back and use [`app::error::AppError::status`], so that another structure's learner id
/// gets a 404 like the page would, and a missing sign-in a 401.
///
/// A server function that answers 503 (the site is busy: `AppError::Busy`) to a browser's
/// form gets the French "busy" page, with a link back to the form.
pub async fn server_fn_error_status(req: Request, next: Next) -> Response {
    let is_server_fn = req.uri().path().starts_with("/api/");
    let busy_page = if is_server_fn {
        busy_page_for(req.headers())
    } else {
        None
    };
    let res = next.run(req).await;
    if res.status() == StatusCode::SERVICE_UNAVAILABLE
        && let Some(page) = busy_page
    {
        return page.into_response();
    }
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
        && !status.is_redirection()
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Middleware, the router's outermost: an answer that carries an [`ErrorPage`] (a plain
/// handler's or a middleware's error: see `AppError`'s `IntoResponse`) gets its body here,
/// rendered by Leptos in the site's shell and layout (stylesheet, header with who is signed
/// in, skip link), as every page's errors are. Its status and headers (`Retry-After`,
/// cookies) stay as answered. A script calling a server function (`/api/…`, not asking for
/// HTML) gets the error as JSON instead, as server functions answer theirs.
pub async fn render_error_pages(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    // What rendering needs of the request (the address, the CSP nonce in its extensions,
    // the cookies), kept aside: the request itself goes on.
    let mut asked = Request::new(Body::empty());
    *asked.method_mut() = req.method().clone();
    *asked.uri_mut() = req.uri().clone();
    *asked.version_mut() = req.version();
    *asked.headers_mut() = req.headers().clone();
    *asked.extensions_mut() = req.extensions().clone();
    let mut res = next.run(req).await;
    let Some(page) = res.extensions_mut().remove::<ErrorPage>() else {
        return res;
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if asked.uri().path().starts_with("/api/") && !accepts_html(asked.headers()) {
        let Ok(json) = serde_json::to_vec(&page.error) else {
            return Response::from_parts(parts, Body::empty());
        };
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return Response::from_parts(parts, Body::from(json));
    }
    // Who is signed in, for the header: the error may have been answered before the
    // session was looked up (the origin check) or below it, in a request this one no
    // longer sees. The user cache answers at once.
    if asked.extensions().get::<CurrentUser>().is_none()
        && let Some(token) =
            request::session_token_from(asked.headers(), state.settings.secure_cookies)
                .filter(|t| !t.is_empty())
    {
        match state.users.resolve(&state.db, &token).await {
            Ok(Some(user)) => {
                asked.extensions_mut().insert(user);
            }
            Ok(None) => {
                asked.extensions_mut().insert(StaleSession);
            }
            Err(e) => tracing::error!(error = %e, "cannot resolve session"),
        }
    }
    // A form's address is no page to come back to (the menu's links carry where they
    // were clicked): the page is shown as the one its button leads to.
    if asked.method() != Method::GET
        && let Ok(back) = page.back.parse()
    {
        *asked.uri_mut() = back;
    }
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        {
            let state = state.clone();
            move || {
                provide_context(state.clone());
                provide_context(page.clone());
            }
        },
        move || app::shell(options.clone()),
    );
    let rendered = render(asked).await;
    let (rendered_parts, body) = rendered.into_parts();
    if let Some(content_type) = rendered_parts.headers.get(header::CONTENT_TYPE) {
        parts
            .headers
            .insert(header::CONTENT_TYPE, content_type.clone());
    }
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    const SITE: &str = "https://pasapas.example.org";

    #[test]
    fn accepts_this_site() {
        assert!(same_origin(&headers(&[("origin", SITE)]), SITE));
        assert!(same_origin(
            &headers(&[("origin", SITE), ("host", "127.0.0.1:3000")]),
            SITE
        ));
        assert!(same_origin(
            &headers(&[("referer", "https://pasapas.example.org/connexion?x=1")]),
            SITE
        ));
    }

    #[test]
    fn refuses_other_sites_and_anonymous_requests() {
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example")]),
            SITE
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "pasapas.example.org")
            ]),
            SITE
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), SITE));
        // DNS rebinding: another name pointed at this server; Origin and Host agree.
        assert!(!same_origin(
            &headers(&[
                ("origin", "http://rebind.evil.example"),
                ("host", "rebind.evil.example")
            ]),
            SITE
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            SITE
        ));
        assert!(!same_origin(
            &headers(&[
                ("referer", "http://rebind.evil.example/"),
                ("host", "rebind.evil.example")
            ]),
            SITE
        ));
        // Not this site with another scheme or port, nor a longer name.
        assert!(!same_origin(
            &headers(&[("origin", "http://pasapas.example.org")]),
            SITE
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://pasapas.example.org:8443")]),
            SITE
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://pasapas.example.org.evil.example")]),
            SITE
        ));
        assert!(!same_origin(&headers(&[]), SITE));
        assert!(!same_origin(
            &headers(&[("referer", "https://evil.example/x")]),
            SITE
        ));
    }
}
