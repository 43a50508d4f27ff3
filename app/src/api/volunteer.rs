//! The volunteer's area. Every function checks on the server that the learner belongs to
//! the volunteer's structure: anyone else's learner is "not found".

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{
    Dashboard, HandOff, LearnerDetail, LearnerListItem, LoginCard, VisitForm, VisitSaved,
};

/// The dashboard, searched and filtered: `nom` (part of a first name), `zone` (an id of the
/// structure's zones), `rappeler` and `bloque` (only those to call back, only those stuck).
#[server(prefix = "/api", endpoint = "benevole/tableau")]
pub async fn get_dashboard(
    nom: Option<String>,
    zone: Option<i32>,
    rappeler: bool,
    bloque: bool,
) -> Result<Dashboard, AppError> {
    use crate::model::DashboardFilter;
    use crate::ssr::request;
    use crate::ssr::services::dashboard;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let filter = DashboardFilter {
        name: nom.unwrap_or_default(),
        zone,
        recall: rappeler,
        stuck: bloque,
    };
    Ok(dashboard::dashboard(&state.db, &state.content.get(), &staff, filter).await?)
}

#[server(prefix = "/api", endpoint = "benevole/apprenants")]
pub async fn get_structure_learners() -> Result<Vec<LearnerListItem>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::volunteer;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    Ok(volunteer::structure_learners(&state.db, &staff).await?)
}

/// The one-time token of the new learner's form, for those who may add learners (a
/// volunteer or coordinator): anyone else is told the page is not for them.
#[server(prefix = "/api", endpoint = "benevole/nouvel-apprenant/jeton")]
pub async fn new_learner_form() -> Result<String, AppError> {
    crate::ssr::request::require_volunteer()?;
    Ok(crate::ssr::auth::new_session_token())
}

/// A new learner: only a first name or nickname. The volunteer becomes their referent.
/// `once` is the form's one-time token: the same form sent twice (a double click, a
/// reload, to two instances of the server) creates one learner, and both answers show
/// their card; two learners with the same first name are two learners.
#[server(prefix = "/api", endpoint = "benevole/nouvel-apprenant")]
pub async fn create_learner(first_name: String, once: Option<String>) -> Result<(), AppError> {
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let name = first_name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        request::redirect("/benevole/apprenants/nouveau?erreur=prenom");
        return Ok(());
    }
    let id = match once.filter(|t| !t.is_empty()) {
        // A form shown before tokens existed.
        None => accounts::create_learner(&state.db, staff.structure_id, Some(staff.id), name, None)
            .await?
            .id
            .to_string(),
        Some(token) => {
            match state
                .kept
                .learner_once
                .claim(&state.db, &drafts::owner(&staff), &token)
                .await?
            {
                Claim::Done(id) => id,
                Claim::Busy => return Err(AppError::Conflict),
                Claim::First(claim) => {
                    let id = accounts::create_learner(
                        claim.db(),
                        staff.structure_id,
                        Some(staff.id),
                        name,
                        None,
                    )
                    .await?
                    .id
                    .to_string();
                    claim.done(&id).await?;
                    id
                }
            }
        }
    };
    request::redirect(&format!("/benevole/apprenants/{id}/carte?nouveau=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "benevole/apprenant")]
pub async fn get_learner(id: i32) -> Result<LearnerDetail, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::volunteer;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    volunteer::learner_detail(&state.db, &state.content.get(), &staff, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "benevole/carte")]
pub async fn get_card(id: i32) -> Result<LoginCard, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, booklet};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let learner = accounts::learner_for_staff(&state.db, &staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(booklet::login_card(&learner, &state.settings.public_origin))
}

/// A lost card: a new code; the old one stops working at once.
#[server(prefix = "/api", endpoint = "benevole/nouveau-code")]
pub async fn replace_code(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let learner = accounts::learner_for_staff(&state.db, &staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The lost card's sessions end at once.
    state
        .users
        .forget(accounts::replace_code(&state.db, &learner).await?);
    request::redirect(&format!("/benevole/apprenants/{id}/carte?nouveau-code=1"));
    Ok(())
}

/// The session form, for one learner (`learner`), a group workshop (`None`) or a saved
/// session to correct (`visit`), with the draft kept after an error (`draft`) and the
/// lessons matching `search`.
#[server(prefix = "/api", endpoint = "benevole/formulaire-seance")]
pub async fn get_visit_form(
    learner: Option<i32>,
    draft: Option<String>,
    visit: Option<i32>,
) -> Result<VisitForm, AppError> {
    use crate::model::{SessionType, VisitDraft, VisitLearner};
    use crate::ssr::db::entities::learner as learner_entity;
    use crate::ssr::request;
    use crate::ssr::services::my_sessions::{self, Editable};
    use crate::ssr::services::{accounts, visits};
    use crate::text::dates;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let today = dates::today_iso(crate::ssr::db::now());
    let visit_learner = |l: &learner_entity::Model| VisitLearner {
        id: l.id,
        first_name: l.first_name.clone(),
        no_notes: l.notes_consent == Some(false),
    };
    // Correcting: the session as saved (or, after an error, as typed).
    let saved = match visit {
        Some(id) => match my_sessions::edit_draft(&state.db, &staff, id).await? {
            Editable::Draft(d) => Some(*d),
            Editable::NotFound => return Err(AppError::NotFound),
            Editable::Forbidden => return Err(AppError::Forbidden),
        },
        None => None,
    };
    // A saved individual session with one learner is corrected in the one-learner form.
    let learner = match &saved {
        Some(d) if d.session_type != SessionType::Collective.code() && d.learners.len() == 1 => {
            d.learners.first().copied()
        }
        Some(_) => None,
        None => learner,
    };
    let catalog = state.content.get();
    let mut next_parts = None;
    let (single, candidates) = match learner {
        Some(id) => {
            let l = accounts::learner_for_staff(&state.db, &staff, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if visit.is_none() {
                // A new session of one learner ends with its next visit.
                next_parts = Some(
                    crate::ssr::services::next_visit::form_parts(&state.db, &catalog, &staff, &l)
                        .await?,
                );
            }
            (Some(visit_learner(&l)), Vec::new())
        }
        None => {
            let all = learner_entity::Entity::find()
                .filter(learner_entity::Column::StructureId.eq(staff.structure_id))
                .order_by_asc(learner_entity::Column::FirstName)
                .all(&state.db)
                .await?;
            (None, all.iter().map(visit_learner).collect())
        }
    };
    let kept = match draft {
        Some(key) => {
            state
                .kept
                .visit_drafts
                .get_for(&state.db, &crate::ssr::drafts::owner(&staff), &key)
                .await?
        }
        None => None,
    };
    let (draft, errors) = match (kept, saved) {
        (Some(kept), _) => kept,
        (None, Some(saved)) => (saved, Vec::new()),
        (None, None) => (
            VisitDraft {
                learners: single.iter().map(|l| l.id).collect(),
                date: today.clone(),
                session_type: if single.is_some() {
                    SessionType::Individual
                } else {
                    SessionType::Collective
                }
                .code()
                .into(),
                ..VisitDraft::default()
            },
            Vec::new(),
        ),
    };
    let history = match visit {
        Some(id) => my_sessions::history(&state.db, staff.structure_id, id).await?,
        None => Vec::new(),
    };
    Ok(VisitForm {
        lessons: visits::lesson_choices(&catalog, &draft.search),
        proposed_themes: visits::lesson_themes(&catalog, draft.lessons.iter().map(String::as_str)),
        learner: single,
        candidates,
        draft,
        errors,
        today,
        once: crate::ssr::auth::new_session_token(),
        history,
        confirm_delete: false,
        plan_next: next_parts.is_some(),
        next_zone: next_parts.as_ref().and_then(|p| p.1.clone()),
        open_help: next_parts.as_ref().map(|p| p.2.clone()).unwrap_or_default(),
        next_slots: next_parts.map(|p| p.0).unwrap_or_default(),
    })
}

/// "Mes séances": the signed-in staff member's sessions (a coordinator may ask for the
/// whole structure's: `tous`), filtered by period (`du`, `au`), type and learner.
#[server(prefix = "/api", endpoint = "benevole/seances")]
pub async fn get_sessions(
    from: Option<String>,
    to: Option<String>,
    session_type: Option<String>,
    learner: Option<String>,
    all: Option<String>,
    deleted: Option<String>,
    corrected: Option<String>,
) -> Result<crate::model::SessionsView, AppError> {
    use crate::model::SessionFilter;
    use crate::ssr::request;
    use crate::ssr::services::my_sessions;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let filter = SessionFilter {
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        session_type: session_type.unwrap_or_default(),
        learner: learner.unwrap_or_default(),
        all: all.is_some_and(|a| !a.is_empty()),
    };
    let mut view = my_sessions::list(&state.db, &staff, filter).await?;
    view.deleted = deleted.is_some();
    view.corrected = corrected.is_some();
    Ok(view)
}

/// A learner's optional attributes for statistics.
#[server(prefix = "/api", endpoint = "benevole/profil")]
pub async fn get_learner_profile(
    id: i32,
    saved: Option<String>,
    typed: Option<crate::model::LearnerProfileTyped>,
) -> Result<crate::model::LearnerProfile, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, learner_profile};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let l = accounts::learner_for_staff(&state.db, &staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut view = learner_profile::view(&l);
    view.saved = saved.is_some();
    if let Some(typed) = typed {
        use crate::model::{AgeBand, Gender, SocialStatus};
        view.age_band = AgeBand::from_code(&typed.age_band);
        view.gender = Gender::from_code(&typed.gender);
        view.status = SocialStatus::from_code(&typed.status);
        view.commune = typed.commune;
        view.commune_too_long = true;
    }
    Ok(view)
}

/// Saves a learner's optional attributes; empty (or unknown) is "non communiqué".
#[server(prefix = "/api", endpoint = "benevole/enregistrer-profil")]
pub async fn save_learner_profile(
    id: i32,
    age_band: Option<String>,
    gender: Option<String>,
    status: Option<String>,
    commune: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::learner_profile::{self, ProfileForm, ProfileSaved};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let form = ProfileForm {
        age_band: age_band.unwrap_or_default(),
        gender: gender.unwrap_or_default(),
        status: status.unwrap_or_default(),
        commune: commune.unwrap_or_default(),
    };
    match learner_profile::save(&state.db, &staff, id, &form).await? {
        ProfileSaved::Saved => {
            request::redirect(&format!("{}?fait=1", crate::paths::learner_profile(id)));
            Ok(())
        }
        ProfileSaved::CommuneTooLong => {
            // Back to the form with what was typed, and the message.
            let typed = serde_urlencoded::to_string([
                ("erreur", "commune"),
                ("age", form.age_band.as_str()),
                ("genre", form.gender.as_str()),
                ("situation", form.status.as_str()),
                ("commune", form.commune.as_str()),
            ])
            .map_err(|_| AppError::Internal)?;
            request::redirect(&format!("{}?{typed}", crate::paths::learner_profile(id)));
            Ok(())
        }
        ProfileSaved::NotFound => Err(AppError::NotFound),
    }
}

#[server(prefix = "/api", endpoint = "benevole/seance")]
pub async fn get_visit_saved(id: i32) -> Result<VisitSaved, AppError> {
    use crate::model::VisitLearner;
    use crate::ssr::db::entities::{learner, visit, visit_learner};
    use crate::ssr::request;
    use crate::text::dates;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let v = visit::Entity::find_by_id(id)
        .filter(visit::Column::StructureId.eq(staff.structure_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i32> = visit_learner::Entity::find()
        .filter(visit_learner::Column::VisitId.eq(id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|l| l.learner_id)
        .collect();
    let learners = learner::Entity::find()
        .filter(learner::Column::Id.is_in(ids))
        .all(&state.db)
        .await?;
    let ids: Vec<i32> = learners.iter().map(|l| l.id).collect();
    let mut planned =
        crate::ssr::services::next_visit::planned_for(&state.db, staff.structure_id, &ids).await?;
    Ok(VisitSaved {
        visit_id: v.id,
        date: dates::iso_date_fr(&v.date),
        planned: ids
            .iter()
            .map(|id| planned.remove(id).unwrap_or_default())
            .collect(),
        learners: learners
            .iter()
            .map(|l| VisitLearner {
                id: l.id,
                first_name: l.first_name.clone(),
                no_notes: l.notes_consent == Some(false),
            })
            .collect(),
    })
}

#[server(prefix = "/api", endpoint = "benevole/fiche")]
pub async fn get_hand_off(visit: i32, learner: i32) -> Result<HandOff, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::next_visit;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    next_visit::hand_off(
        &state.db,
        &state.content.get(),
        &staff,
        visit,
        learner,
        &state.settings.public_origin,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Marks a help request handled, with an optional reply for the learner.
#[server(prefix = "/api", endpoint = "benevole/aide-traitee")]
pub async fn handle_help_request(
    id: i32,
    reply: Option<String>,
    back: String,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::follow_up::{self, HelpError};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    let back = request::safe_back(&back);
    let sep = if back.contains('?') { '&' } else { '?' };
    match follow_up::handle_help(&state.db, &staff, id, reply.as_deref().unwrap_or("")).await? {
        Ok(()) => request::redirect(&format!("{back}{sep}aide=traitee")),
        Err(HelpError::AlreadyHandled(by)) => request::redirect(&format!(
            "{back}{sep}aide=deja&par={}",
            by.unwrap_or_default()
        )),
        Err(HelpError::TooLong) => request::redirect(&format!("{back}{sep}aide=long")),
        Err(HelpError::NotFound) => return Err(AppError::NotFound),
    }
    Ok(())
}

/// Removes an advised lesson.
#[server(prefix = "/api", endpoint = "benevole/retirer-lecon")]
pub async fn unassign_lesson(learner: i32, module: String, lesson: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{accounts, follow_up};
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    accounts::learner_for_staff(&state.db, &staff, learner)
        .await?
        .ok_or(AppError::NotFound)?;
    follow_up::unassign(&state.db, learner, &module, &lesson).await?;
    request::redirect(&format!("/benevole/apprenants/{learner}#conseils"));
    Ok(())
}

/// Deletes a learner's account at their request, with everything about them.
#[server(prefix = "/api", endpoint = "benevole/supprimer-apprenant")]
pub async fn delete_learner(id: i32, confirm: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::accounts;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    accounts::learner_for_staff(&state.db, &staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if confirm.as_deref() != Some("oui") {
        request::redirect(&format!(
            "/benevole/apprenants/{id}?erreur=confirmer#supprimer"
        ));
        return Ok(());
    }
    state
        .users
        .forget(accounts::delete_learner(&state.db, id).await?);
    request::redirect("/benevole?supprime=1");
    Ok(())
}
