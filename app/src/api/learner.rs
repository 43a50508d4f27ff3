//! The learner's own pages: first sign-in, confidence, the booklet, help requests, and
//! their data.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{Booklet, MyData};

/// The first name, for the first sign-in page.
#[server(prefix = "/api", endpoint = "bienvenue")]
pub async fn get_welcome() -> Result<String, AppError> {
    use crate::ssr::request;
    Ok(request::require_learner()?.first_name)
}

/// The answer to "may your volunteer keep written notes?" (`oui` or `non`).
#[server(prefix = "/api", endpoint = "confidentialite")]
pub async fn save_privacy(
    notes: Option<String>,
    back: Option<String>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let Some(learner) = request::current_user().and_then(|u| u.learner().cloned()) else {
        request::sign_in_to_continue("/bienvenue");
        return Ok(());
    };
    if !request::form_is_for(&learner, owner.as_deref()) {
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    let back = request::safe_back(back.as_deref().unwrap_or("/"));
    let consent = match notes.as_deref() {
        Some("oui") => true,
        Some("non") => false,
        // Nothing chosen: ask again; no answer is never taken for a "yes".
        _ => {
            let query = serde_urlencoded::to_string([("erreur", "choix"), ("suite", &back)])
                .unwrap_or_default();
            request::redirect(&format!("/bienvenue?{query}"));
            return Ok(());
        }
    };
    state
        .users
        .forget(accounts::set_privacy(&state.db, learner.id, consent).await?);
    request::redirect(&back);
    Ok(())
}

/// "Je me sens capable de …": `level` is 0, 1 or 2; `moment` is `debut` or `fin`.
#[server(prefix = "/api", endpoint = "confiance")]
pub async fn answer_confidence(
    module: String,
    moment: String,
    level: Option<i16>,
    back: String,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::model::Moment;
    use crate::ssr::request;
    use crate::ssr::services::confidence;
    let state = request::app_state()?;
    let back = request::safe_back(&back);
    let Some(learner) = request::current_user().and_then(|u| u.learner().cloned()) else {
        request::sign_in_to_continue(&back);
        return Ok(());
    };
    if !request::form_is_for(&learner, owner.as_deref()) {
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    let Some(level) = level.filter(|l| (0..=2).contains(l)) else {
        request::redirect(&format!(
            "{back}{}confiance=vide#confiance",
            if back.contains('?') { '&' } else { '?' }
        ));
        return Ok(());
    };
    let moment = Moment::from_key(&moment).ok_or(AppError::NotFound)?;
    if state.content.get().module(&module).is_none() {
        return Err(AppError::NotFound);
    }
    if let Err(e) = confidence::record(&state.db, learner.id, &module, moment, level).await {
        // Not saved: back to the same page, which says so, with the same level ticked.
        tracing::error!(error = %e, "a confidence level could not be saved");
        request::redirect(&crate::paths::not_saved_href_keeping(
            &back,
            &[(crate::paths::KEPT_CONFIDENCE_KEY, &level.to_string())],
        ));
        return Ok(());
    }
    request::redirect(&back);
    Ok(())
}

#[server(prefix = "/api", endpoint = "carnet")]
pub async fn get_booklet() -> Result<Booklet, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::booklet;
    let state = request::app_state()?;
    let learner = request::require_learner()?;
    Ok(booklet::booklet(&state.db, &state.content.get(), &learner).await?)
}

#[server(prefix = "/api", endpoint = "mes-donnees")]
pub async fn get_my_data() -> Result<MyData, AppError> {
    use crate::ssr::request;
    let learner = request::require_learner()?;
    Ok(MyData {
        first_name: learner.first_name,
        notes_consent: learner.notes_consent,
    })
}

/// Deletes the signed-in learner's account and everything about them. `confirm` must be
/// `oui` (the confirmation box).
#[server(prefix = "/api", endpoint = "supprimer-mon-compte")]
pub async fn delete_my_account(
    confirm: Option<String>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let learner = request::require_learner()?;
    if !request::form_is_for(&learner, owner.as_deref()) {
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    if confirm.as_deref() != Some("oui") {
        request::redirect("/mes-donnees?erreur=confirmer#supprimer");
        return Ok(());
    }
    state
        .users
        .forget(accounts::delete_learner(&state.db, learner.id).await?);
    request::clear_session_cookie(state.settings.secure_cookies);
    request::redirect("/?compte=supprime");
    Ok(())
}

/// "J'ai besoin d'aide" on a step, with an optional message.
#[server(prefix = "/api", endpoint = "aide")]
pub async fn ask_help(
    module: String,
    lesson: String,
    step: String,
    message: Option<String>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::follow_up;
    let state = request::app_state()?;
    let message = message.unwrap_or_default();
    let Some(learner) = request::current_user().and_then(|u| u.learner().cloned()) else {
        // Signed out meanwhile: sign in again and find the request as it was typed.
        let query = serde_urlencoded::to_string([
            ("module", module.as_str()),
            ("lesson", &lesson),
            ("step", &step),
            ("message", &message),
        ])
        .unwrap_or_default();
        request::sign_in_to_continue(&format!("/aide?{query}"));
        return Ok(());
    };
    if !request::form_is_for(&learner, owner.as_deref()) {
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    if state.content.get().lesson(&module, &lesson).is_none() {
        return Err(AppError::NotFound);
    }
    let place = crate::paths::StepRef::new(module, lesson, step);
    if let Err(e) = follow_up::request_help(&state.db, &learner, &place, &message).await {
        // Not sent: the same page says so, with the message as it was typed.
        tracing::error!(error = %e, "a help request could not be saved");
        let typed: String = message.chars().take(follow_up::MAX_HELP_MESSAGE).collect();
        let query = serde_urlencoded::to_string([
            ("module", place.module.as_str()),
            ("lesson", &place.lesson),
            ("step", &place.step),
            ("message", &typed),
        ])
        .unwrap_or_default();
        request::redirect(&crate::paths::not_saved_href(&format!("/aide?{query}")));
        return Ok(());
    }
    request::redirect(&format!("{}?aide=envoyee#aide", place.href()));
    Ok(())
}
