//! The coordinator's page and invitations.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{InvitationLink, InvitationView, Team};

#[server(prefix = "/api", endpoint = "equipe")]
pub async fn get_team() -> Result<Team, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let coordinator = request::require_coordinator()?;
    Ok(team::team(&state.db, &coordinator).await?)
}

/// An invitation link shown once, by its key.
#[server(prefix = "/api", endpoint = "equipe/lien")]
pub async fn get_invitation_link(key: String) -> Result<Option<InvitationLink>, AppError> {
    use crate::ssr::request;
    let state = request::app_state()?;
    let coordinator = request::require_coordinator()?;
    Ok(state
        .kept
        .invitation_links
        .get_for(&state.db, &crate::ssr::drafts::owner(&coordinator), &key)
        .await?)
}

/// Makes an invitation (or new-password) link with `link` (in a transaction) and keeps it
/// to be shown once to the coordinator; answers with the key of the link to show. `once`, the form's
/// one-time token (with `scope`, what the form is about): the same form sent twice makes
/// one link, and both answers show it.
#[cfg(feature = "ssr")]
pub(crate) async fn make_link(
    me: &crate::ssr::db::entities::staff::Model,
    once: Option<String>,
    scope: &str,
    link: impl AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<InvitationLink, AppError>,
) -> Result<String, AppError> {
    use crate::ssr::db::WriteTransaction as _;
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    let state = request::app_state()?;
    let owner = drafts::owner(me);
    let links = state.kept.invitation_links;
    let Some(once) = once.filter(|t| !t.is_empty()) else {
        // A form from before tokens: each post makes its link.
        let txn = state.db.begin_write().await?;
        let made = link(&txn).await?;
        let key = links.keep_for(&txn, &owner, &made).await?;
        txn.commit().await?;
        return Ok(key);
    };
    let token = format!("{scope}:{once}");
    match state
        .kept
        .invitation_once
        .claim(&state.db, &owner, &token)
        .await?
    {
        Claim::Done(key) => Ok(key),
        Claim::Busy => Err(AppError::Conflict),
        Claim::First(claim) => {
            let made = link(claim.db()).await?;
            let key = links.keep_for(claim.db(), &owner, &made).await?;
            claim.done(&key).await?;
            Ok(key)
        }
    }
}

/// Invites a new member of staff (roles: `benevole`, `formateur`, `coordinateur`).
#[server(prefix = "/api", endpoint = "equipe/inviter")]
pub async fn invite_staff(
    name: String,
    volunteer: Option<String>,
    trainer: Option<String>,
    coordinator: Option<String>,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::{accounts::Roles, team};
    use crate::text::dates;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let name = name.trim();
    let roles = Roles {
        volunteer: volunteer.is_some(),
        trainer: trainer.is_some(),
        coordinator: coordinator.is_some(),
    };
    if name.is_empty() || name.chars().count() > 60 {
        request::redirect("/benevole/equipe?erreur=prenom#inviter");
        return Ok(());
    }
    if !(roles.volunteer || roles.trainer || roles.coordinator) {
        request::redirect("/benevole/equipe?erreur=role#inviter");
        return Ok(());
    }
    let key = make_link(&me, once, "nouveau", async |db| {
        let token = team::invite(db, &me, name, roles, None).await?;
        Ok(InvitationLink {
            url: format!("{}/invitation/{token}", state.settings.public_origin),
            for_name: name.to_string(),
            expires: dates::date_fr(now() + team::INVITATION_DAYS * 86400),
            reset: false,
        })
    })
    .await?;
    request::redirect(&format!("/benevole/equipe?lien={key}#lien"));
    Ok(())
}

/// Sets (or, empty, removes) the structure's phone number, printed on hand-off sheets.
#[server(prefix = "/api", endpoint = "equipe/telephone")]
pub async fn set_phone(phone: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team::{self, PhoneSet};
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let to = match team::set_phone(&state.db, &me, &phone).await? {
        PhoneSet::Saved => "/benevole/equipe?telephone=ok#telephone",
        PhoneSet::Removed => "/benevole/equipe?telephone=retire#telephone",
        PhoneSet::Invalid => "/benevole/equipe?erreur=telephone#telephone",
    };
    request::redirect(to);
    Ok(())
}

/// Disables the account of a member who left (their learners stay in the structure).
#[server(prefix = "/api", endpoint = "equipe/desactiver")]
pub async fn disable_member(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let changed = team::disable_member(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    state.users.forget(changed);
    request::redirect("/benevole/equipe?fait=desactive#membres");
    Ok(())
}

/// Re-enables the account of a member who was disabled (back in the association).
#[server(prefix = "/api", endpoint = "equipe/reactiver")]
pub async fn enable_member(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let changed = team::enable_member(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    state.users.forget(changed);
    request::redirect("/benevole/equipe?fait=reactive#membres");
    Ok(())
}

/// Gives a learner of the structure to another volunteer of the structure.
#[server(prefix = "/api", endpoint = "equipe/confier")]
pub async fn move_learner(learner: i32, volunteer: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    if !team::move_learner(&state.db, &me, learner, volunteer).await? {
        return Err(AppError::NotFound);
    }
    request::redirect("/benevole/equipe?fait=confie#confier");
    Ok(())
}

/// Hands all of a member's learners (and their appointments to come) to another volunteer
/// of the structure, when a mission ends.
#[server(prefix = "/api", endpoint = "equipe/tout-confier")]
pub async fn hand_over(from: i32, to: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let done = team::hand_over(&state.db, &me, from, to)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&format!(
        "/benevole/equipe?fait=tout-confie&apprenants={}&rdv={}&a_rappeler={}#confier",
        done.learners, done.appointments, done.to_recall
    ));
    Ok(())
}

/// Cancels an invitation (or reset) link not used yet.
#[server(prefix = "/api", endpoint = "equipe/annuler-invitation")]
pub async fn cancel_invitation(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    if !team::cancel_invitation(&state.db, &me, id).await? {
        return Err(AppError::NotFound);
    }
    request::redirect("/benevole/equipe?fait=annule#liens");
    Ok(())
}

/// A link for a member of staff to choose a new password.
#[server(prefix = "/api", endpoint = "equipe/reinitialiser")]
pub async fn reset_password(id: i32, once: Option<String>) -> Result<(), AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::{accounts::Roles, team};
    use crate::text::dates;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let member = team::member(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = make_link(&me, once, &format!("membre-{id}"), async |db| {
        let token = team::invite(
            db,
            &me,
            &member.display_name,
            Roles::default(),
            Some(&member),
        )
        .await?;
        Ok(InvitationLink {
            url: format!("{}/invitation/{token}", state.settings.public_origin),
            for_name: member.display_name.clone(),
            expires: dates::date_fr(now() + team::INVITATION_DAYS * 86400),
            reset: true,
        })
    })
    .await?;
    request::redirect(&format!("/benevole/equipe?lien={key}#lien"));
    Ok(())
}

/// The page of an invitation link; `None` if it expired or was used.
#[server(prefix = "/api", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<Option<InvitationView>, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::team;
    let state = request::app_state()?;
    Ok(team::page(&state.db, &token).await?)
}

/// The errors and typed identifier of a failed attempt, by key.
#[server(prefix = "/api", endpoint = "invitation/brouillon")]
pub async fn get_invitation_draft(
    key: String,
) -> Result<Option<(String, Vec<crate::model::FieldError>)>, AppError> {
    use crate::ssr::request;
    let state = request::app_state()?;
    Ok(state.kept.invitation_drafts.get(&state.db, &key).await?)
}

/// Creates the account (or sets the new password), then signs the person in.
#[server(prefix = "/api", endpoint = "invitation/accepter")]
pub async fn accept_invitation(
    token: String,
    username: Option<String>,
    password: String,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions;
    use crate::ssr::services::team::{self, Accepted};
    let state = request::app_state()?;
    let username = username.unwrap_or_default();
    let permit = request::password_permit(&state).await?;
    // A new password ends the member's other sessions.
    match state
        .users
        .forget(team::accept(&state.db, permit, &token, &username, &password).await?)
    {
        Accepted::Done(staff) => {
            let (session, max_age) =
                sessions::start(&state.db, sessions::Subject::Staff(staff.id)).await?;
            request::set_session_cookie(&session, max_age, state.settings.secure_cookies);
            // Their main role's page: the trainers' area for a trainer-only account.
            let home = crate::paths::staff_home(
                staff.is_volunteer || staff.is_coordinator,
                staff.is_trainer,
                crate::ssr::identity::network_home(&staff).as_deref(),
            );
            request::redirect(&format!("{home}?bienvenue=1"));
        }
        Accepted::Invalid(errors) => {
            let key = state
                .kept
                .invitation_drafts
                .keep(&state.db, &(username, errors))
                .await?;
            request::redirect(&format!("/invitation/{token}?brouillon={key}"));
        }
        // The link's page says why (used, expired, or the account was disabled).
        Accepted::Gone | Accepted::Disabled => request::redirect(&format!("/invitation/{token}")),
    }
    Ok(())
}

/// `/benevole/apprenants/{id}/demenagement`: the form that moves a learner of the
/// coordinator's structure to another structure (`vers`, `erreur`: a refused form, kept as
/// chosen).
#[server(prefix = "/api", endpoint = "equipe/demenagement")]
pub async fn get_move(
    id: i32,
    vers: Option<i32>,
    erreur: Option<String>,
) -> Result<crate::model::MoveView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::moves;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let mut view = moves::form(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view.chosen = vers.filter(|v| view.choices.iter().any(|c| c.id == *v));
    view.no_consent = erreur.as_deref() == Some("accord");
    view.once = crate::ssr::auth::new_session_token();
    Ok(view)
}

/// Moves a learner who moves house to another structure (`structure`) with their history,
/// if `consent` is ticked (the learner agreed, asked aloud); `once`: the form's one-time
/// token (a double click moves once).
#[server(prefix = "/api", endpoint = "equipe/demenager")]
pub async fn move_to_structure(
    learner: i32,
    structure: i32,
    consent: Option<String>,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::db::WriteTransaction as _;
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    use crate::ssr::services::moves::{self, Moved};
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let consent = consent.is_some_and(|c| !c.is_empty());
    let done = format!("{}?fait=demenage", crate::paths::LEARNERS);
    let refused = format!(
        "{}?vers={structure}&erreur=accord#accord",
        crate::paths::learner_move(learner)
    );
    let to = match once.filter(|t| !t.is_empty()) {
        None => {
            let txn = state.db.begin_write().await?;
            match moves::move_learner(&txn, &me, learner, structure, consent)
                .await?
                .ok_or(AppError::NotFound)?
            {
                Moved::Done(changed) => {
                    txn.commit().await?;
                    state.users.forget(changed);
                    done
                }
                Moved::NoConsent => refused,
            }
        }
        Some(once) => {
            let token = format!("{learner}:{once}");
            match state
                .kept
                .move_once
                .claim(&state.db, &drafts::owner(&me), &token)
                .await?
            {
                Claim::Done(to) => to,
                Claim::Busy => return Err(AppError::Conflict),
                Claim::First(claim) => {
                    match moves::move_learner(claim.db(), &me, learner, structure, consent).await? {
                        Some(Moved::Done(changed)) => {
                            claim.done(&done).await?;
                            state.users.forget(changed);
                            done
                        }
                        Some(Moved::NoConsent) => {
                            claim.release().await?;
                            refused
                        }
                        None => {
                            claim.release().await?;
                            return Err(AppError::NotFound);
                        }
                    }
                }
            }
        }
    };
    request::redirect(&to);
    Ok(())
}
