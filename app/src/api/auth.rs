//! Signing in and out.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Frame;

/// Who is signed in and their comfort settings, for every page's frame.
#[server(prefix = "/api", endpoint = "moi")]
pub async fn get_frame() -> Result<Frame, AppError> {
    Ok(crate::ssr::request::frame())
}

/// A new one-time token for a form that creates something (a learner, an invitation, a
/// lesson): the server does the work once per token, whichever instance receives it.
#[server(prefix = "/api", endpoint = "jeton")]
pub async fn new_form_token() -> Result<String, AppError> {
    crate::ssr::request::require_staff()?;
    Ok(crate::ssr::auth::new_session_token())
}

/// Saves the comfort settings (text size 0–2, high contrast, reduced motion): in the
/// learner's account if signed in, and in the browser in every case.
#[server(prefix = "/api", endpoint = "confort")]
pub async fn save_comfort(
    text_size: Option<u8>,
    contrast: Option<String>,
    motion: Option<String>,
    back: Option<String>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::model::Comfort;
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let comfort = Comfort {
        text_size: text_size.unwrap_or(0).min(2),
        high_contrast: contrast.is_some(),
        reduce_motion: motion.is_some(),
    };
    if let Some(learner) = request::current_user().and_then(|u| u.learner().cloned()) {
        if !request::form_is_for(&learner, owner.as_deref()) {
            // Another learner's page: neither their account nor this browser changes.
            request::redirect(request::NOT_SAVED_PATH);
            return Ok(());
        }
        match accounts::set_comfort(&state.db, learner.id, comfort).await {
            Ok(changed) => state.users.forget(changed),
            Err(e) => {
                // Not saved: the same page says so, with the same settings chosen.
                tracing::error!(error = %e, "comfort settings could not be saved");
                use crate::paths as kept;
                let size = comfort.text_size.to_string();
                let mut keep = vec![(kept::KEPT_SIZE_KEY, size.as_str())];
                if comfort.high_contrast {
                    keep.push((kept::KEPT_CONTRAST_KEY, "oui"));
                }
                if comfort.reduce_motion {
                    keep.push((kept::KEPT_MOTION_KEY, "oui"));
                }
                let back = request::safe_back(back.as_deref().unwrap_or("/"));
                let page = format!(
                    "/confort?{}",
                    serde_urlencoded::to_string([("retour", back.as_str())]).unwrap_or_default()
                );
                request::redirect(&kept::not_saved_href_keeping(&page, &keep));
                return Ok(());
            }
        }
    }
    request::set_comfort_cookie(comfort, state.settings.secure_cookies);
    let back = request::safe_back(back.as_deref().unwrap_or("/"));
    let sep = if back.contains('?') { '&' } else { '?' };
    request::redirect(&format!("{back}{sep}confort=ok"));
    Ok(())
}

/// A learner signs in with their personal code.
#[server(prefix = "/api", endpoint = "connexion")]
pub async fn learner_sign_in(code: String, suite: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions::{self, LearnerSignIn};

    let state = request::app_state()?;
    // The session in this browser may have ended.
    let outcome = state.users.forget(
        sessions::sign_in_learner(
            &state.db,
            &state.throttle,
            &request::client_address(),
            &code,
            request::session_token().as_deref(),
        )
        .await?,
    );
    if let LearnerSignIn::SignedIn { token, max_age, .. } = &outcome {
        request::set_session_cookie(token, *max_age, state.settings.secure_cookies);
    }
    let suite = suite.as_deref().map(request::safe_back);
    let next = outcome.next_page(suite.as_deref());
    // A refused code is given back to the box, to be corrected (nothing typed is lost).
    let next = match outcome {
        LearnerSignIn::SignedIn { .. } => next,
        _ => crate::paths::with_typed_code(&next, &code),
    };
    request::redirect(&next);
    Ok(())
}

/// A volunteer, trainer or coordinator signs in.
#[server(prefix = "/api", endpoint = "benevole/connexion")]
pub async fn staff_sign_in(username: String, password: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, sessions};
    use crate::ssr::throttle::{Attempt, Decision};

    let state = request::app_state()?;
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() {
        request::redirect("/benevole/connexion?erreur=vide");
        return Ok(());
    }
    // Counted before the (slow) password check: parallel tries cannot all pass.
    let pass = match state
        .throttle
        .reserve(
            &state.db,
            &request::client_address(),
            Attempt::Staff(&username),
        )
        .await?
    {
        Decision::Go { wait, pass } => {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            pass
        }
        Decision::Wait(wait) => {
            request::redirect(&format!(
                "/benevole/connexion?erreur=attendre&minutes={}",
                sessions::minutes(wait)
            ));
            return Ok(());
        }
        Decision::SiteBusy(wait) => {
            request::redirect(&format!(
                "/benevole/connexion?erreur=occupe&minutes={}",
                sessions::minutes(wait)
            ));
            return Ok(());
        }
    };
    let permit = request::password_permit(&state).await?;
    let Some(staff) = accounts::authenticate_staff(&state.db, permit, &username, &password).await?
    else {
        request::redirect("/benevole/connexion?erreur=identifiants");
        return Ok(());
    };
    state.throttle.success(&state.db, pass).await?;
    let (token, max_age) = state.users.forget(
        sessions::start_instead(
            &state.db,
            request::session_token().as_deref(),
            sessions::Subject::Staff(staff.id),
        )
        .await?,
    );
    request::set_session_cookie(&token, max_age, state.settings.secure_cookies);
    request::redirect(&crate::paths::staff_home(
        staff.is_volunteer || staff.is_coordinator,
        staff.is_trainer,
        crate::ssr::identity::network_home(&staff).as_deref(),
    ));
    Ok(())
}

/// Signs out whoever is signed in ("Terminer et me déconnecter", "Me déconnecter").
#[server(prefix = "/api", endpoint = "deconnexion")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions;

    let state = request::app_state()?;
    let was_staff = request::current_user().is_some_and(|u| u.staff().is_some());
    if let Some(token) = request::session_token() {
        state.users.forget(sessions::end(&state.db, &token).await?);
    }
    request::clear_session_cookie(state.settings.secure_cookies);
    request::redirect(if was_staff {
        "/benevole/connexion?deconnecte=1"
    } else {
        "/connexion?deconnecte=1"
    });
    Ok(())
}
