//! Signing in and out.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Me;

/// Who is signed in, for the header.
#[server(prefix = "/api", endpoint = "moi")]
pub async fn get_me() -> Result<Me, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions::CurrentUser;
    Ok(match request::current_user() {
        None if request::stale_session() => Me::Expired,
        None => Me::Nobody,
        Some(CurrentUser::Learner(l)) => Me::Learner {
            first_name: l.first_name,
        },
        Some(CurrentUser::Staff(s)) => Me::Staff {
            display_name: s.display_name,
        },
    })
}

/// A learner signs in with their personal code.
#[server(prefix = "/api", endpoint = "connexion")]
pub async fn learner_sign_in(code: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions::{self, LearnerSignIn};

    let state = request::app_state()?;
    let outcome = sessions::sign_in_learner(
        &state.db,
        &state.throttle,
        &request::client_address(),
        &code,
        request::session_token().as_deref(),
    )
    .await?;
    if let LearnerSignIn::SignedIn { token, max_age, .. } = &outcome {
        request::set_session_cookie(token, *max_age, state.settings.secure_cookies);
    }
    request::redirect(&outcome.next_page());
    Ok(())
}

/// A volunteer, trainer or coordinator signs in.
#[server(prefix = "/api", endpoint = "benevole/connexion")]
pub async fn staff_sign_in(username: String, password: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, sessions};
    use std::time::Instant;

    let state = request::app_state()?;
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() {
        request::redirect("/benevole/connexion?erreur=vide");
        return Ok(());
    }
    let address = request::client_address();
    let secret = format!("staff:{username}");
    if let Err(wait) = state.throttle.check(&address, &secret, Instant::now()) {
        request::redirect(&format!(
            "/benevole/connexion?erreur=attendre&minutes={}",
            wait.as_secs() / 60 + 1
        ));
        return Ok(());
    }
    let Some(staff) = accounts::authenticate_staff(&state.db, &username, &password).await? else {
        state.throttle.failure(&address, &secret, Instant::now());
        request::redirect("/benevole/connexion?erreur=identifiants");
        return Ok(());
    };
    state.throttle.success(&secret);
    if let Some(old) = request::session_token() {
        sessions::end(&state.db, &old).await?;
    }
    let (token, max_age) = sessions::start(&state.db, sessions::Subject::Staff(staff.id)).await?;
    request::set_session_cookie(&token, max_age, state.settings.secure_cookies);
    request::redirect("/benevole");
    Ok(())
}

/// Signs out whoever is signed in ("Ce n'est pas moi", "Me déconnecter").
#[server(prefix = "/api", endpoint = "deconnexion")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions;

    let state = request::app_state()?;
    let was_staff = request::current_user().is_some_and(|u| u.staff().is_some());
    if let Some(token) = request::session_token() {
        sessions::end(&state.db, &token).await?;
    }
    request::clear_session_cookie(state.settings.secure_cookies);
    request::redirect(if was_staff {
        "/benevole/connexion?deconnecte=1"
    } else {
        "/connexion?deconnecte=1"
    });
    Ok(())
}
