//! The security headers of every answer, in front of everything else (the cache of steps
//! included): a Content-Security-Policy with a nonce fresh for each response, HSTS over
//! HTTPS, and `Cache-Control: no-store` on pages and downloads.
//!
//! The nonce is made here and put in the request's extensions, where the page shell
//! (`app::ssr::request::provide_csp_nonce`, for the scripts Leptos writes) and the cache of
//! steps (one more hole in its templates) find it; the same value is then written in the
//! policy of the answer.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use bytes::BytesMut;
use leptos::nonce::Nonce;
use tower::{Layer, Service};

/// `Strict-Transport-Security` when the site is served over HTTPS: a year.
const HSTS: &str = "max-age=31536000";

/// The policy of an answer whose scripts carry `nonce`.
///
/// - scripts: this site's files, and the inline ones Leptos writes with the nonce;
///   `'wasm-unsafe-eval'` lets the islands' WebAssembly be compiled (it allows no `eval`
///   of JavaScript);
/// - styles: the site's stylesheet only (no `style=` attribute, no `<style>`);
/// - no plugins, no framing, no `<base>` elsewhere, forms post to this site only.
pub fn policy(nonce: &str) -> String {
    format!("{POLICY_START}{nonce}{POLICY_END}")
}

const POLICY_START: &str = "default-src 'self'; script-src 'self' 'nonce-";
const POLICY_END: &str = "' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
     object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// [`policy`] as a header value, in one buffer (it is made for every answer).
fn policy_header(nonce: &str) -> Option<HeaderValue> {
    let mut value = BytesMut::with_capacity(POLICY_START.len() + nonce.len() + POLICY_END.len());
    value.extend_from_slice(POLICY_START.as_bytes());
    value.extend_from_slice(nonce.as_bytes());
    value.extend_from_slice(POLICY_END.as_bytes());
    HeaderValue::from_maybe_shared(value.freeze()).ok()
}

/// Adds the security headers around `S`.
#[derive(Clone, Copy, Debug)]
pub struct SecurityLayer {
    /// Served over HTTPS (`PAP_PUBLIC_URL` is `https://…`): send HSTS.
    pub https: bool,
}

impl<S> Layer<S> for SecurityLayer {
    type Service = Security<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Security {
            inner,
            https: self.https,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Security<S> {
    inner: S,
    https: bool,
}

impl<S> Service<Request> for Security<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = SecurityFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let nonce = Nonce::new();
        req.extensions_mut().insert(nonce.clone());
        SecurityFuture {
            inner: self.inner.call(req),
            nonce: Some(nonce),
            https: self.https,
        }
    }
}

pin_project_lite::pin_project! {
    pub struct SecurityFuture<F> {
        #[pin]
        inner: F,
        nonce: Option<Nonce>,
        https: bool,
    }
}

impl<F> Future for SecurityFuture<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let Ok(mut res) = std::task::ready!(this.inner.poll(cx));
        let nonce = this.nonce.take().unwrap_or_default();
        add_headers(res.headers_mut(), &nonce, *this.https);
        Poll::Ready(Ok(res))
    }
}

fn add_headers(headers: &mut HeaderMap, nonce: &str, https: bool) {
    // A response that brings its own, stricter policy keeps it (an SVG lesson drawing).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Some(value) = policy_header(nonce)
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    // Pages and downloads may show someone's data: never kept by the browser (the Back
    // button after signing out must not show the previous person's pages) nor by a proxy.
    // Files that say how to cache them (built assets, lesson images) keep their own rule.
    if !headers.contains_key(header::CACHE_CONTROL) && is_private_kind(headers) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// Pages (HTML), data (JSON, CSV) and anything sent as a download.
fn is_private_kind(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    kind.starts_with("text/html")
        || kind.starts_with("text/csv")
        || kind.starts_with("application/json")
        || headers.contains_key(header::CONTENT_DISPOSITION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_this_site_and_the_nonce() {
        let p = policy("abc_-1");
        for part in [
            "default-src 'self'",
            "script-src 'self' 'nonce-abc_-1' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ] {
            assert!(p.contains(part), "{part} not in {p}");
        }
        assert!(!p.contains("unsafe-inline"), "{p}");
        assert_eq!(policy_header("abc_-1").unwrap(), p.as_str());
    }

    #[test]
    fn pages_and_downloads_are_not_stored_files_keep_their_rule() {
        let with = |pairs: &[(header::HeaderName, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(k.clone(), HeaderValue::from_static(v));
            }
            add_headers(&mut h, "n", false);
            h.get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap().to_string())
        };
        let store = Some("no-store".to_string());
        assert_eq!(
            with(&[(header::CONTENT_TYPE, "text/html; charset=utf-8")]),
            store
        );
        assert_eq!(
            with(&[(header::CONTENT_TYPE, "text/csv; charset=utf-8")]),
            store
        );
        assert_eq!(with(&[(header::CONTENT_TYPE, "application/json")]), store);
        assert_eq!(
            with(&[(header::CONTENT_DISPOSITION, "attachment; filename=\"x\"")]),
            store
        );
        assert_eq!(with(&[(header::CONTENT_TYPE, "image/png")]), None);
        assert_eq!(
            with(&[
                (header::CONTENT_TYPE, "text/css"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable")
            ]),
            Some("public, max-age=31536000, immutable".to_string())
        );
    }

    #[test]
    fn hsts_only_over_https() {
        let mut h = HeaderMap::new();
        add_headers(&mut h, "n", false);
        assert!(!h.contains_key(header::STRICT_TRANSPORT_SECURITY));
        add_headers(&mut h, "n", true);
        assert_eq!(h[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
    }
}
