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

/// Sends the browser to `path` instead of the page being rendered.
pub fn redirect(path: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
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

/// A path on this site (`/…`), never another site: where a page may send the browser back
/// to after a form or a sign-in (`suite`, `retour`, `back`).
///
/// Browsers forgive a lot in an address: they drop tabs and line breaks anywhere, read `\`
/// as `/`, and take `//host` (or `/\host`, `/\t/host`) as another site. So a path is
/// accepted only if it has no control character, whitespace or backslash, is not
/// scheme-relative, and, parsed as a URL against this site, stays on this site; and the
/// same holds for its percent-decoded form (in case some page decodes it once more).
pub fn is_local_path(path: &str) -> bool {
    fn plain(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    }
    if !plain(path) {
        return false;
    }
    // The decoded form: only its path matters (a query may carry encoded spaces). (Form
    // decoding reads `+` as a space: keep it a `+`.)
    let encoded = format!("p={}", path.replace('+', "%2B"));
    let decoded: String = url::form_urlencoded::parse(encoded.as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let decoded_path = decoded.split(['?', '#']).next().unwrap_or_default();
    if !plain(decoded_path) {
        return false;
    }
    const BASE: &str = "http://pas-a-pas.invalid/";
    let Ok(base) = url::Url::parse(BASE) else {
        return false;
    };
    [path, decoded_path].iter().all(|p| {
        base.join(p)
            .is_ok_and(|u| u.origin() == base.origin() && u.username().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn paths_of_this_site_are_local() {
        for ok in [
            "/",
            "/modules/email-la-poste/adresse-enveloppe/adresse",
            "/mes-donnees",
            "/confort?confort=ok",
            "/connexion?suite=%2Fcarnet",
            "/formateur/editer?fichier=email-la-poste%2Fadresse.md&q=a%20b",
            "/modules/x#exercice-1",
            "/a+b",
        ] {
            assert!(is_local_path(ok), "{ok:?} should be local");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for bad in [
            "",
            "evil.example",
            "https://evil.example",
            "http://evil.example/",
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " /x",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{3000}/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%5c%5cevil.example",
            "/%20/evil.example",
            "/%E3%80%80/evil.example",
        ] {
            assert!(!is_local_path(bad), "{bad:?} should be refused");
        }
    }
}
