//! The shared agenda's server functions (issue 20, items 2 to 4). Any volunteer of the
//! structure sees and changes its agenda; every id is looked up within their structure
//! (another structure's is "not found"). The forms whose checkboxes repeat a field (an
//! availability's zones, a call's needs) are plain handlers (`server::forms`).

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::agenda::AgendaOutcome;
use crate::model::agenda::{
    AgendaWeekView, AppointmentView, BookingView, CallView, MyAgendaView, RecallItem, SlipView,
};

/// `to` with `?fait=…` or `?erreur=…` saying what a form did.
#[cfg(feature = "ssr")]
pub fn saying(to: &str, outcome: AgendaOutcome) -> String {
    let key = if outcome.is_error() { "erreur" } else { "fait" };
    let sep = if to.contains('?') { '&' } else { '?' };
    format!("{to}{sep}{key}={}", outcome.code())
}

#[server(prefix = "/api", endpoint = "agenda/semaine")]
pub async fn get_week(
    semaine: Option<String>,
    zone: Option<i32>,
    benevole: Option<i32>,
) -> Result<AgendaWeekView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    Ok(agenda::week(&state.db, &me, semaine.as_deref(), zone, benevole).await?)
}

#[server(prefix = "/api", endpoint = "agenda/moi")]
pub async fn get_mine(lien: Option<String>) -> Result<MyAgendaView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    // The link just made, kept for me only, to be shown this once.
    let fresh = match lien {
        Some(key) => {
            state
                .kept
                .feed_links
                .get_for(&state.db, &crate::ssr::drafts::owner(&me), &key)
                .await?
        }
        None => None,
    };
    Ok(agenda::mine(
        &state.db,
        &me,
        &state.settings.public_origin,
        fresh.as_deref(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "agenda/retirer-disponibilite")]
pub async fn remove_availability(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let outcome = agenda::remove_availability(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&saying(crate::paths::MY_AVAILABILITY, outcome));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/atelier")]
pub async fn create_group(
    place: i32,
    day: String,
    start: String,
    end: String,
    capacity: String,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let (outcome, id) = agenda::create_group(&state.db, &me, place, &day, &start, &end, &capacity)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = match id {
        Some(id) => saying(&crate::paths::appointment(id), outcome),
        None => {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query.append_pair("erreur", outcome.code());
            for (k, v) in [
                ("lieu", place.to_string()),
                ("date", day),
                ("debut", start),
                ("fin", end),
                ("places", capacity),
            ] {
                query.append_pair(k, &v);
            }
            format!(
                "{}?{}#atelier",
                crate::paths::MY_AVAILABILITY,
                query.finish()
            )
        }
    };
    request::redirect(&to);
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/lien")]
pub async fn renew_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let token = agenda::renew_feed(&state.db, &me).await?;
    let key = state
        .kept
        .feed_links
        .keep_for(&state.db, &crate::ssr::drafts::owner(&me), &token)
        .await?;
    let to = format!("{}?lien={key}", crate::paths::MY_AVAILABILITY);
    request::redirect(&format!("{}#lien", saying(&to, AgendaOutcome::FeedMade)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/supprimer-lien")]
pub async fn revoke_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    agenda::revoke_feed(&state.db, &me).await?;
    request::redirect(&format!(
        "{}#lien",
        saying(crate::paths::MY_AVAILABILITY, AgendaOutcome::FeedRevoked)
    ));
    Ok(())
}

/// The call form: empty, or as kept (`brouillon`) with its problems, the zone found and
/// the next free slots there.
#[server(prefix = "/api", endpoint = "agenda/appel")]
pub async fn get_call(brouillon: Option<String>) -> Result<CallView, AppError> {
    use crate::ssr::services::agenda;
    use crate::ssr::{drafts, request};
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let once = crate::ssr::auth::new_session_token();
    let kept = match brouillon.filter(|k| !k.is_empty()) {
        Some(key) => {
            state
                .kept
                .call_drafts
                .get_for(&state.db, &drafts::owner(&me), &key)
                .await?
        }
        None => None,
    };
    let Some((draft, problems)) = kept else {
        return Ok(CallView {
            once,
            ..CallView::default()
        });
    };
    let checked = agenda::check_call(&state.db, me.structure_id, &draft).await?;
    let slots = if checked.zone.is_some() || draft.mode == "telephone" {
        agenda::next_slots(
            &state.db,
            me.structure_id,
            checked.zone.as_ref().map(|z| z.0),
            &draft.mode,
            agenda::PROPOSED_SLOTS,
        )
        .await?
    } else {
        Vec::new()
    };
    Ok(CallView {
        draft,
        problems,
        zone: checked.zone.map(|z| z.1),
        suggestions: checked.suggestions,
        slots,
        searched: true,
        once,
    })
}

/// An appointment for someone already followed: the search by first name (`cherche`), or
/// for `apprenant` the next free slots of the kind `mode` in `zone` (absent: their own
/// zone; empty: every zone).
#[server(prefix = "/api", endpoint = "agenda/reserver")]
pub async fn get_booking(
    cherche: Option<String>,
    apprenant: Option<i32>,
    mode: Option<String>,
    zone: Option<String>,
) -> Result<BookingView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::booking;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    booking::view(
        &state.db,
        &me,
        cherche.as_deref().unwrap_or_default(),
        apprenant,
        mode.as_deref().unwrap_or_default(),
        zone.as_deref(),
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Books the slot chosen for `apprenant` (the form's one-time token makes a double click
/// book once). A slot booked meanwhile comes back to the form with "ce créneau vient
/// d'être pris" and the next free ones; the kind and zone chosen stay.
#[server(prefix = "/api", endpoint = "agenda/reserver-creneau")]
pub async fn book_learner(
    apprenant: i32,
    mode: Option<String>,
    zone: Option<String>,
    slot: Option<String>,
    once: String,
) -> Result<(), AppError> {
    use crate::model::agenda::SlotKey;
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    use crate::ssr::services::booking;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let mode = mode.unwrap_or_default();
    let back = |outcome: AgendaOutcome| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("apprenant", &apprenant.to_string());
        query.append_pair("mode", &mode);
        if let Some(z) = &zone {
            query.append_pair("zone", z);
        }
        query.append_pair("erreur", outcome.code());
        format!("{}?{}#creneaux", crate::paths::BOOK, query.finish())
    };
    let Some(key) = slot.as_deref().and_then(SlotKey::parse) else {
        request::redirect(&back(AgendaOutcome::NoSlotChosen));
        return Ok(());
    };
    let owner = drafts::owner(&me);
    let first = match state
        .kept
        .booking_once
        .claim(&state.db, &owner, &once)
        .await?
    {
        Claim::Done(made) => {
            request::redirect(&made);
            return Ok(());
        }
        Claim::Busy => return Err(AppError::Conflict),
        Claim::First(first) => first,
    };
    let booked = booking::book(first.db(), &me, apprenant, &mode, zone.as_deref(), &key).await?;
    let to = match booked {
        None => {
            first.release().await?;
            return Err(AppError::NotFound);
        }
        Some(booking::Booked::Taken) => {
            first.release().await?;
            request::redirect(&back(AgendaOutcome::SlotTaken));
            return Ok(());
        }
        Some(booking::Booked::Made(id)) => {
            saying(&crate::paths::appointment(id), AgendaOutcome::Booked)
        }
    };
    first.done(&to).await?;
    request::redirect(&to);
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/rdv")]
pub async fn get_appointment(id: i32) -> Result<AppointmentView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    agenda::appointment(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "agenda/statut")]
pub async fn set_status(id: i32, status: String) -> Result<(), AppError> {
    use crate::model::agenda::Status;
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let status = Status::from_code(&status).ok_or(AppError::NotFound)?;
    let outcome = agenda::set_status(&state.db, &me, id, status)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&saying(&crate::paths::appointment(id), outcome));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/inscrire")]
pub async fn join_group(id: i32, learner: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let outcome = agenda::join_group(&state.db, &me, id, learner)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&saying(&crate::paths::appointment(id), outcome));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/desinscrire")]
pub async fn leave_group(id: i32, learner: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let outcome = agenda::leave_group(&state.db, &me, id, learner)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&saying(&crate::paths::appointment(id), outcome));
    Ok(())
}

#[server(prefix = "/api", endpoint = "agenda/fiche")]
pub async fn get_slip(id: i32, apprenant: Option<i32>) -> Result<SlipView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::agenda;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    agenda::slip(&state.db, &me, id, apprenant)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "agenda/a-rappeler")]
pub async fn get_to_recall() -> Result<Vec<RecallItem>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::next_visit;
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    Ok(next_visit::to_recall(&state.db, &me).await?)
}

#[server(prefix = "/api", endpoint = "agenda/rappele")]
pub async fn mark_recalled(
    appointment: Option<i32>,
    call: Option<i32>,
    recontact: Option<i32>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{agenda, next_visit};
    let state = request::app_state()?;
    let me = request::require_volunteer()?;
    let outcome = match recontact {
        Some(id) => next_visit::recontacted(&state.db, &me, id).await?,
        None => agenda::recalled(&state.db, &me, appointment, call).await?,
    }
    .ok_or(AppError::NotFound)?;
    request::redirect(&saying(crate::paths::TO_RECALL, outcome));
    Ok(())
}
