//! Request middleware: the client's address, and the origin check that protects every
//! state-changing request (Leptos server functions have no CSRF protection of their own).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use app::ssr::request::ClientAddress;

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
    (
        StatusCode::FORBIDDEN,
        Html(concat!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">",
            "<title>Action refusée — Pas à Pas</title></head><body><main>",
            "<h1>Action refusée</h1><p>Cette action doit être faite depuis le site Pas à Pas. ",
            "Revenez à la page, puis réessayez.</p><p><a href=\"/\">Revenir à l'accueil</a></p>",
            "</main></body></html>"
        )),
    )
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
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let req = req
        .map(|body| axum::body::Body::new(http_body_util::Limited::new(body, MAX_SERVER_FN_BODY)));
    next.run(req).await
}

/// For a browser's form (it accepts HTML): the French 503 page, leading back to the page the
/// form was on (this site's, from `Referer`), or home.
fn busy_page_for(headers: &HeaderMap) -> Option<Response> {
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !accepts_html {
        return None;
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .filter(|path| app::paths::is_local_path(path))
        .unwrap_or_else(|| "/".to_string());
    let mut page = crate::forms::page_with_way_out(
        StatusCode::SERVICE_UNAVAILABLE,
        app::text::ERROR_BUSY_TITLE,
        app::text::ERROR_BUSY,
        &back,
        app::text::ERROR_BUSY_RETRY,
    );
    page.headers_mut().insert(
        header::RETRY_AFTER,
        axum::http::HeaderValue::from_static("60"),
    );
    Some(page)
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
        return page;
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
