//! Lessons: the catalogue, modules, steps, and recording progress.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{HomeView, LessonEnd, ModuleCard, ModuleView, StepView};

#[server(prefix = "/api", endpoint = "accueil")]
pub async fn get_home() -> Result<HomeView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    Ok(learning::home(
        &state.db,
        &state.content.get(),
        user.as_ref().and_then(|u| u.learner()),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "catalogue")]
pub async fn get_catalogue() -> Result<Vec<ModuleCard>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    Ok(learning::catalogue(&request::app_state()?.content.get()))
}

#[server(prefix = "/api", endpoint = "module")]
pub async fn get_module(module: String) -> Result<ModuleView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    learning::module_page(
        &state.db,
        &state.content.get(),
        user.as_ref().and_then(|u| u.learner()),
        &module,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// A step; `answer` (`question-id:a,c`) is the answer to explain, after "Valider";
/// `exercise` is the query string of the step's URL when it concerns an exercise (`?ex=…`).
#[server(prefix = "/api", endpoint = "etape")]
pub async fn get_step(
    module: String,
    lesson: String,
    step: String,
    answer: Option<String>,
    exercise: Option<String>,
) -> Result<StepView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning::{self, StepOutcome};
    use crate::ssr::services::quiz::Answered;
    let state = request::app_state()?;
    let user = request::current_user();
    let learner = user.as_ref().and_then(|u| u.learner());
    let step = crate::paths::StepRef::new(module, lesson, step);
    let catalog = state.content.get();
    let outcome = learning::step_page(
        &state.db,
        &catalog,
        learner,
        &step,
        answer.as_deref().and_then(Answered::parse).as_ref(),
        &exercise
            .as_deref()
            .map(|q| {
                serde_urlencoded::from_str::<Vec<(String, String)>>(q.trim_start_matches('?'))
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
    )
    .await?;
    match outcome {
        StepOutcome::Page(mut page) => {
            page.audio = state.audio.href(&catalog, &step);
            if let Some(learner) = learner {
                state.seen.seen(learner.id, std::sync::Arc::new(step));
            }
            Ok(*page)
        }
        StepOutcome::Moved(to) => Err(AppError::Moved(to)),
        StepOutcome::NotFound => Err(AppError::NotFound),
    }
}

#[server(prefix = "/api", endpoint = "fin")]
pub async fn get_lesson_end(module: String, lesson: String) -> Result<LessonEnd, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    learning::lesson_end(
        &state.db,
        &state.content.get(),
        user.as_ref().and_then(|u| u.learner()),
        &module,
        &lesson,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Sends the browser to the step where the learner left the lesson.
#[server(prefix = "/api", endpoint = "reprendre")]
pub async fn resume_lesson(module: String, lesson: String) -> Result<String, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    let href = learning::resume_href(
        &state.db,
        &state.content.get(),
        user.as_ref().and_then(|u| u.learner()),
        &module,
        &lesson,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    request::redirect(&href);
    Ok(href)
}

/// "Suivant": records the step as finished (durably) and then shows the next one.
/// `shown` is when the step was shown, to count the time spent on it.
#[server(prefix = "/api", endpoint = "suivant")]
pub async fn complete_step(
    module: String,
    lesson: String,
    step: String,
    shown: Option<i64>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    let learner = user.as_ref().and_then(|u| u.learner());
    let step = crate::paths::StepRef::new(module, lesson, step);
    if learner.is_none() && request::stale_session() {
        // The session ended while the step was on screen: sign in again, then come back
        // to this very step; nothing is recorded for a visitor who may not be the learner.
        request::sign_in_to_continue(&step.href());
        return Ok(());
    }
    if learner.is_some_and(|l| !request::form_is_for(l, owner.as_deref())) {
        // Another learner's tab, left open on a shared PC: nothing is recorded.
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    let next =
        match learning::next_after(&state.db, &state.content.get(), learner, &step, shown).await {
            Ok(next) => next.ok_or(AppError::NotFound)?,
            Err(e) => {
                // Not saved (a full disk, the database unavailable): back to the same step,
                // which says so in plain words (JavaScript on or off: the form is a plain one).
                tracing::error!(error = %e, "a step could not be saved");
                request::redirect(&crate::paths::not_saved_href(&step.href()));
                return Ok(());
            }
        };
    // The step is saved (committed): the next screen says so (`#enregistre`).
    if next.saved {
        request::redirect(&format!("{}#{}", next.href, crate::paths::SAVED_ANCHOR));
    } else {
        request::redirect(&next.href);
    }
    Ok(())
}
