//! What a page may set on its HTTP response while rendering on the server. In the browser
//! (inside islands) these do nothing: the page was already sent.

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Sends the browser to `path` instead of the page being rendered: a `302` whatever the
/// request accepts (`leptos_axum::redirect` answers `200` with a `Location` to a request
/// without `Accept: text/html`, as it does for server functions called from the browser;
/// a page is never such a call).
pub fn redirect(path: &str) {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect(path);
        set_status(302);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// Who is signed in and their comfort settings, known at once on the server while it
/// renders a page (from the request; no database query). In the browser, where pages are
/// not rendered (only islands are), it is the default.
pub fn frame() -> crate::model::Frame {
    #[cfg(feature = "ssr")]
    return crate::ssr::request::frame();
    #[cfg(not(feature = "ssr"))]
    crate::model::Frame::default()
}
