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

/// The volunteers' training modules, for a member of staff (nobody else sees them: an
/// empty list for learners and visitors, so that the catalogue page asks everyone).
#[server(prefix = "/api", endpoint = "catalogue-benevoles")]
pub async fn get_training_catalogue() -> Result<Vec<ModuleCard>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::training;
    let state = request::app_state()?;
    let user = request::current_user();
    Ok(match user.as_ref().and_then(|u| u.staff()) {
        Some(_) => training::catalogue(&state.content.get()),
        None => Vec::new(),
    })
}

/// The member of staff asking, if `module` is a volunteers' training module: its pages
/// are then served by the training service (their progress is the member's own).
#[cfg(feature = "ssr")]
fn in_training<'u>(
    catalog: &crate::ssr::content::Catalog,
    user: Option<&'u crate::ssr::identity::CurrentUser>,
    module: &str,
) -> Option<&'u crate::ssr::db::entities::staff::Model> {
    user.and_then(|u| u.staff())
        .filter(|_| crate::ssr::services::training::is_training_module(catalog, module))
}

#[server(prefix = "/api", endpoint = "module")]
pub async fn get_module(module: String) -> Result<ModuleView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learning;
    let state = request::app_state()?;
    let user = request::current_user();
    let catalog = state.content.get();
    if let Some(staff) = in_training(&catalog, user.as_ref(), &module) {
        return crate::ssr::services::training::module_page(&state.db, &catalog, staff, &module)
            .await?
            .ok_or(AppError::NotFound);
    }
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
    let catalog = state.content.get();
    let staff = in_training(&catalog, user.as_ref(), &module);
    let step = crate::paths::StepRef::new(module, lesson, step);
    let answered = answer.as_deref().and_then(Answered::parse);
    let exercise = exercise
        .as_deref()
        .map(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q.trim_start_matches('?'))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let outcome = match staff {
        Some(staff) => {
            crate::ssr::services::training::step_page(
                &state.db,
                &catalog,
                staff,
                &step,
                answered.as_ref(),
                &exercise,
            )
            .await?
        }
        None => {
            learning::step_page(
                &state.db,
                &catalog,
                learner,
                &step,
                answered.as_ref(),
                &exercise,
            )
            .await?
        }
    };
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
    let catalog = state.content.get();
    if in_training(&catalog, user.as_ref(), &module).is_some() {
        return crate::ssr::services::training::lesson_end(&catalog, &module, &lesson)
            .ok_or(AppError::NotFound);
    }
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
    let catalog = state.content.get();
    let href = match in_training(&catalog, user.as_ref(), &module) {
        Some(staff) => {
            crate::ssr::services::training::resume_href(
                &state.db, &catalog, staff, &module, &lesson,
            )
            .await?
        }
        None => {
            learning::resume_href(
                &state.db,
                &catalog,
                user.as_ref().and_then(|u| u.learner()),
                &module,
                &lesson,
            )
            .await?
        }
    }
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
    let catalog = state.content.get();
    let staff = in_training(&catalog, user.as_ref(), &module);
    let step = crate::paths::StepRef::new(module, lesson, step);
    if let Some(staff) = staff {
        // A member of staff in their own training: the step is theirs.
        let next =
            match crate::ssr::services::training::next_after(&state.db, &catalog, staff, &step)
                .await
            {
                Ok(next) => next.ok_or(AppError::NotFound)?,
                Err(e) => {
                    tracing::error!(error = %e, "a training step could not be saved");
                    request::redirect(&crate::paths::not_saved_href(&step.href()));
                    return Ok(());
                }
            };
        if next.saved {
            request::redirect(&format!("{}#{}", next.href, crate::paths::SAVED_ANCHOR));
        } else {
            request::redirect(&next.href);
        }
        return Ok(());
    }
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
    let next = match learning::next_after(&state.db, &catalog, learner, &step, shown).await {
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
