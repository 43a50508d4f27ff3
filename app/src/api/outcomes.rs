//! The follow-up questionnaire (a learner's `/suivi`, a volunteer's
//! `/benevole/apprenants/{id}/suivi`) and a structure's outcomes. Thin over
//! `ssr::services::outcomes`; a volunteer reaches only the learners of their structure.

// A form's fields are a server function's arguments: the questionnaire has eight.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{FollowUpForm, FollowUpQuery, Wave};

/// Today in France, as a date.
#[cfg(feature = "ssr")]
fn today() -> Result<chrono::NaiveDate, AppError> {
    use crate::ssr::services::outcomes::parse_day;
    parse_day(&crate::text::dates::today_iso(crate::ssr::db::now())).ok_or(AppError::Internal)
}

/// Where a send comes back to: the page, with what was chosen when it was refused.
#[cfg(feature = "ssr")]
fn back(
    page: &str,
    outcome: crate::ssr::services::outcomes::Recorded,
    answers: &crate::ssr::services::outcomes::Answers,
    how: &str,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::outcomes::Recorded;
    match outcome {
        Recorded::Saved | Recorded::AlreadyAnswered => {
            request::redirect(&format!("{page}?merci=1"))
        }
        Recorded::NotDue => request::redirect(page),
        Recorded::Refused(why) => {
            let mut query: Vec<(String, String)> = vec![("erreur".into(), why.code().into())];
            for (q, r) in crate::model::FollowUpQuestion::ALL
                .iter()
                .zip(&answers.replies)
            {
                if let Some(r) = r {
                    query.push((q.code().into(), r.code().into()));
                }
            }
            query.push(("changement".into(), answers.what_changed.clone()));
            if !how.is_empty() {
                query.push(("comment".into(), how.into()));
            }
            let query = serde_urlencoded::to_string(query).map_err(|_| AppError::Internal)?;
            request::redirect(&format!("{page}?{query}"));
        }
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn answers(
    replies: [Option<String>; 4],
    what_changed: Option<String>,
) -> crate::ssr::services::outcomes::Answers {
    use crate::model::Reply;
    crate::ssr::services::outcomes::Answers {
        replies: replies
            .into_iter()
            .map(|r| r.as_deref().and_then(Reply::from_code))
            .collect(),
        what_changed: what_changed.unwrap_or_default(),
    }
}

/// The learner's questionnaire.
#[server(prefix = "/api", endpoint = "suivi")]
pub async fn get_follow_up(query: FollowUpQuery) -> Result<FollowUpForm, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::outcomes;
    let state = request::app_state()?;
    let learner = request::require_learner()?;
    Ok(outcomes::form(&state.db, &learner, today()?)
        .await?
        .with_query(query))
}

/// The wave the home page invites the signed-in learner to answer, if any (nobody else).
#[server(prefix = "/api", endpoint = "suivi-invitation")]
pub async fn get_follow_up_invitation() -> Result<Option<Wave>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::outcomes;
    let state = request::app_state()?;
    let Some(learner) = request::current_user().and_then(|u| u.learner().cloned()) else {
        return Ok(None);
    };
    Ok(outcomes::invitation(&state.db, learner.id, today()?, crate::ssr::db::now()).await?)
}

/// The learner sends their answers, or "Pas maintenant" (`plus_tard`).
#[server(prefix = "/api", endpoint = "enregistrer-suivi")]
pub async fn save_follow_up(
    wave: String,
    appris: Option<String>,
    moins_peur: Option<String>,
    seul: Option<String>,
    recommander: Option<String>,
    changement: Option<String>,
    plus_tard: Option<String>,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::model::AnsweredHow;
    use crate::ssr::request;
    use crate::ssr::services::outcomes;
    let state = request::app_state()?;
    let learner = request::require_learner()?;
    if !request::form_is_for(&learner, owner.as_deref()) {
        request::redirect(request::NOT_SAVED_PATH);
        return Ok(());
    }
    let Some(wave) = Wave::from_code(&wave) else {
        request::redirect(crate::paths::FOLLOW_UP);
        return Ok(());
    };
    let now = crate::ssr::db::now();
    if plus_tard.is_some() {
        outcomes::postpone(&state.db, learner.id, wave, now).await?;
        request::redirect(&format!("{}?plus_tard=1", crate::paths::FOLLOW_UP));
        return Ok(());
    }
    let answers = answers([appris, moins_peur, seul, recommander], changement);
    let outcome = outcomes::record(
        &state.db,
        learner.id,
        wave,
        AnsweredHow::Alone,
        None,
        &answers,
        today()?,
        now,
    )
    .await?;
    back(crate::paths::FOLLOW_UP, outcome, &answers, "")
}

/// A learner's questionnaire, for a volunteer of their structure.
#[server(prefix = "/api", endpoint = "benevole/suivi")]
pub async fn get_learner_follow_up(
    id: i32,
    query: FollowUpQuery,
) -> Result<FollowUpForm, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, outcomes};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let learner = accounts::learner_for_staff(&state.db, &staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(outcomes::form(&state.db, &learner, today()?)
        .await?
        .with_query(query))
}

/// A volunteer records a learner's answers, taken at a visit or on the phone (`comment`).
#[server(prefix = "/api", endpoint = "benevole/enregistrer-suivi")]
pub async fn save_learner_follow_up(
    id: i32,
    wave: String,
    comment: Option<String>,
    appris: Option<String>,
    moins_peur: Option<String>,
    seul: Option<String>,
    recommander: Option<String>,
    changement: Option<String>,
) -> Result<(), AppError> {
    use crate::model::{AnsweredHow, FollowUpRefused};
    use crate::ssr::request;
    use crate::ssr::services::outcomes::{self, Recorded};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let learner = accounts_learner(&state.db, &staff, id).await?;
    let page = crate::paths::learner_follow_up(learner.id);
    let answers = answers([appris, moins_peur, seul, recommander], changement);
    let how_code = comment.unwrap_or_default();
    let Some(wave) = Wave::from_code(&wave) else {
        request::redirect(&page);
        return Ok(());
    };
    let outcome = match AnsweredHow::from_code(&how_code) {
        Some(how @ (AnsweredHow::Visit | AnsweredHow::Phone)) => {
            outcomes::record(
                &state.db,
                learner.id,
                wave,
                how,
                Some(staff.id),
                &answers,
                today()?,
                crate::ssr::db::now(),
            )
            .await?
        }
        _ => Recorded::Refused(FollowUpRefused::HowMissing),
    };
    back(&page, outcome, &answers, &how_code)
}

#[cfg(feature = "ssr")]
async fn accounts_learner(
    db: &sea_orm::DatabaseConnection,
    staff: &crate::ssr::db::entities::staff::Model,
    id: i32,
) -> Result<crate::ssr::db::entities::learner::Model, AppError> {
    crate::ssr::services::accounts::learner_for_staff(db, staff, id)
        .await?
        .ok_or(AppError::NotFound)
}
