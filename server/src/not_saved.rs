//! A learner's form whose server function failed on the server (the database could not be
//! written…) must not end as `?__err=…` and no message: Leptos sends a form posted without
//! JavaScript back to the page it came from with the error encoded in the query. This
//! middleware turns that redirect into the same page with `enregistrement=echec`, which the
//! learner's pages show as "Ce n'est pas enregistré… Réessayez… appelez votre bénévole"
//! (`app::pages::step::NotSavedNote`). Errors the learner can act on (a missing sign-in, a
//! page that moved) keep their own handling.

use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;

use app::error::AppError;

pub async fn rewrite_error_redirect(req: Request, next: Next) -> Response {
    let is_form_post = req.method() == Method::POST && req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if !is_form_post || !res.status().is_redirection() {
        return res;
    }
    let Some(to) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(rewritten)
    else {
        return res;
    };
    if let Ok(value) = HeaderValue::from_str(&to) {
        res.headers_mut().insert(header::LOCATION, value);
    }
    res
}

/// The new address for a redirect to `location`, when it carries a server failure.
fn rewritten(location: &str) -> Option<String> {
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
    let error = error?;
    let decoded = percent_decode(error);
    let json = base64::engine::general_purpose::URL_SAFE
        .decode(decoded.as_bytes())
        .ok()?;
    match serde_json::from_slice::<AppError>(&json) {
        Ok(AppError::Internal) => {}
        _ => return None,
    }
    // The page as it was (origin included when Leptos gave one), with the message.
    let base = if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    Some(app::paths::not_saved_href(&base))
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
            rewritten(&to).as_deref(),
            Some("http://127.0.0.1:3000/modules/a/b/c?x=1&enregistrement=echec#non-enregistre")
        );
    }

    #[test]
    fn other_errors_and_plain_redirects_are_left_alone() {
        let to = format!(
            "/aide?__path=%2Fapi%2Faide&__err={}",
            encoded(&AppError::NotFound)
        );
        assert_eq!(rewritten(&to), None);
        assert_eq!(rewritten("/modules/a/b/c#enregistre"), None);
        assert_eq!(rewritten("/"), None);
    }
}
