//! A form posted without JavaScript whose server function failed must not end as
//! `?__err=…` and no message: Leptos sends such a form back to the page it came from with
//! the error encoded in the query, and no page shows it. This middleware answers instead:
//!
//! - a learner's save that failed on the server (the database could not be written…), from
//!   a page that says so (a step, a module, help, comfort): the same page with
//!   `enregistrement=echec`, shown as "Ce n'est pas enregistré… Réessayez… appelez votre
//!   bénévole" (`app::pages::step::NotSavedNote`), with what was chosen kept;
//! - any other refusal or failure (a role that may not do this, not found, a conflict, a
//!   form that cannot be read, a failure on a page without that note): the error itself,
//!   which the router's last middleware renders as a whole page of the site, in French,
//!   with its status (a missing sign-in is still the sign-in page).

use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

use app::error::AppError;

pub async fn rewrite_error_redirect(req: Request, next: Next) -> Response {
    let is_form_post = req.method() == Method::POST && req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if !is_form_post || !res.status().is_redirection() {
        return res;
    }
    let Some(answer) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(rewritten)
    else {
        return res;
    };
    match answer {
        Answer::NotSaved(to) => {
            if let Ok(value) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, value);
            }
            res
        }
        Answer::Page(error) => {
            // The session cookie a server function set (or cleared) is kept.
            let cookies: Vec<HeaderValue> = res
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .cloned()
                .collect();
            let mut page = error.into_response();
            for c in cookies {
                page.headers_mut().append(header::SET_COOKIE, c);
            }
            page
        }
    }
}

/// What a redirect carrying a server function's error becomes.
#[derive(Debug, PartialEq)]
enum Answer {
    /// The page it came from, saying nothing was saved.
    NotSaved(String),
    /// The error's own page.
    Page(AppError),
}

/// Pages that show "Ce n'est pas enregistré" (`NotSavedNote`): a module or a step, help,
/// comfort.
fn shows_not_saved(path: &str) -> bool {
    path.starts_with("/modules/") || path == app::paths::HELP || path == app::paths::COMFORT
}

/// The path of `location`, with or without the origin Leptos puts before it.
fn path_of(location: &str) -> &str {
    match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => location,
    }
}

/// The answer for a redirect to `location`, when it carries a server function's error.
fn rewritten(location: &str) -> Option<Answer> {
    let (before_anchor, _) = location.split_once('#').unwrap_or((location, ""));
    let (path, query) = before_anchor.split_once('?')?;
    let mut error = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            if let Some(value) = pair.strip_prefix("__err=") {
                error = Some(value);
                false
            } else {
                !pair.starts_with("__path=")
            }
        })
        .collect();
    let decoded = percent_decode(error?);
    let error = base64::engine::general_purpose::URL_SAFE
        .decode(decoded.as_bytes())
        .ok()
        .and_then(|json| serde_json::from_slice::<AppError>(&json).ok())
        .unwrap_or(AppError::Internal);
    if error != AppError::Internal || !shows_not_saved(path_of(path)) {
        return Some(Answer::Page(error));
    }
    // The page as it was (origin included when Leptos gave one), with the message.
    let base = if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    Some(Answer::NotSaved(app::paths::not_saved_href(&base)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 1..i + 3])
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(error: &AppError) -> String {
        base64::engine::general_purpose::URL_SAFE.encode(serde_json::to_vec(error).unwrap())
    }

    #[test]
    fn a_server_failure_becomes_the_not_saved_message() {
        let to = format!(
            "http://127.0.0.1:3000/modules/a/b/c?x=1&__path=%2Fapi%2Fconfiance&__err={}",
            encoded(&AppError::Internal)
        );
        assert_eq!(
            rewritten(&to),
            Some(Answer::NotSaved(
                "http://127.0.0.1:3000/modules/a/b/c?x=1&enregistrement=echec#non-enregistre"
                    .into()
            ))
        );
    }

    #[test]
    fn other_errors_become_their_page_and_plain_redirects_are_left_alone() {
        for error in [
            AppError::NotFound,
            AppError::Conflict,
            AppError::RoleRequired(app::error::Role::Trainer),
        ] {
            let to = format!("/aide?__path=%2Fapi%2Faide&__err={}", encoded(&error));
            assert_eq!(rewritten(&to), Some(Answer::Page(error)));
        }
        // A failure on a page without the "not saved" note: the error's page.
        let to = format!(
            "http://127.0.0.1:3000/benevole/equipe?__err={}",
            encoded(&AppError::Internal)
        );
        assert_eq!(rewritten(&to), Some(Answer::Page(AppError::Internal)));
        // An error that cannot be read is a failure, not `?__err=` shown as nothing.
        assert_eq!(
            rewritten("/formateur?__err=%%%"),
            Some(Answer::Page(AppError::Internal))
        );
        assert_eq!(rewritten("/modules/a/b/c#enregistre"), None);
        assert_eq!(rewritten("/?x=1"), None);
        assert_eq!(rewritten("/"), None);
    }
}
