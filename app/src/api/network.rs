//! The programme's network: `/programme` (administrators of the programme) and
//! `/programme/territoires/{id}` (its coordinators and the administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::network::{ProgrammeView, TerritoryView};

/// `/programme?du=…&au=…`: territories, structures, their coordinators and the programme's
/// report for a period (the last twelve months when none is given); `lien`: the key of an
/// invitation link just made, shown once.
#[server(prefix = "/api", endpoint = "programme")]
pub async fn get_programme(
    from: Option<String>,
    to: Option<String>,
    lien: Option<String>,
) -> Result<ProgrammeView, AppError> {
    use crate::ssr::db::now;
    use crate::ssr::services::network;
    use crate::ssr::{drafts, request};
    use crate::text::dates;
    let state = request::app_state()?;
    let admin = request::require_programme_admin()?;
    let today = dates::today_iso(now());
    let mut view = network::programme(&state.db, from, to, &today).await?;
    view.once = crate::ssr::auth::new_session_token();
    if let Some(key) = lien {
        view.link = state
            .kept
            .invitation_links
            .get_for(&state.db, &drafts::owner(&admin), &key)
            .await?;
    }
    Ok(view)
}

/// `/programme/territoires/{id}?du=…&au=…`: the territory's structures, coordinators and
/// report. Refused to anyone but its coordinators and the programme's administrators
/// (whether or not it exists); an administrator asking for none gets "not found".
#[server(prefix = "/api", endpoint = "programme/territoire")]
pub async fn get_territory(
    id: i32,
    from: Option<String>,
    to: Option<String>,
) -> Result<TerritoryView, AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::network;
    use crate::text::dates;
    let state = request::app_state()?;
    let me = request::require_territory_coordinator(id)?;
    let today = dates::today_iso(now());
    network::territory_page(&state.db, id, me.is_programme_admin, from, to, &today)
        .await?
        .ok_or(AppError::NotFound)
}

/// Does the work of a form of the programme's page once per one-time token (`once`, with
/// `scope`: what the form is about): the same form sent twice does it once, and both
/// answers go where the first went. `work` answers `Ok(to)` when it made something, `Err(to)`
/// when the form was refused (nothing made: the token may be used again).
#[cfg(feature = "ssr")]
async fn once_only(
    me: &crate::ssr::db::entities::staff::Model,
    once: Option<String>,
    scope: &str,
    work: impl AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<Result<String, String>, AppError>,
) -> Result<String, AppError> {
    use crate::ssr::db::WriteTransaction as _;
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    let state = request::app_state()?;
    let Some(once) = once.filter(|t| !t.is_empty()) else {
        let txn = state.db.begin_write().await?;
        let to = work(&txn).await?;
        txn.commit().await?;
        return Ok(to.unwrap_or_else(|refused| refused));
    };
    let token = format!("{scope}:{once}");
    match state
        .kept
        .network_once
        .claim(&state.db, &drafts::owner(me), &token)
        .await?
    {
        Claim::Done(to) => Ok(to),
        Claim::Busy => Err(AppError::Conflict),
        Claim::First(claim) => match work(claim.db()).await? {
            Ok(to) => {
                claim.done(&to).await?;
                Ok(to)
            }
            Err(refused) => {
                claim.release().await?;
                Ok(refused)
            }
        },
    }
}

/// Where a form's refusal leads: the programme's page with the error (`erreur`) in the
/// form (`dans`), at the form.
#[cfg(feature = "ssr")]
fn refused(code: &str, form: &str) -> String {
    format!(
        "{}?dans={form}&erreur={code}#{form}",
        crate::paths::PROGRAMME
    )
}

#[cfg(feature = "ssr")]
fn made_to(
    made: crate::ssr::services::network::Made,
    done: &str,
    anchor: &str,
) -> Result<String, String> {
    use crate::ssr::services::network::Made;
    match made {
        Made::Created(_) => Ok(format!("{}?fait={done}#{anchor}", crate::paths::PROGRAMME)),
        Made::BadName => Err(refused("nom", anchor)),
        Made::NameTaken => Err(refused("nom-pris", anchor)),
        Made::BadPhone => Err(refused("telephone", anchor)),
        Made::NoTerritory => Err(refused("territoire", anchor)),
    }
}

/// Creates a territory.
#[server(prefix = "/api", endpoint = "programme/territoire/creer")]
pub async fn create_territory(name: String, once: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::network;
    let me = request::require_programme_admin()?;
    let to = once_only(&me, once, "territoire", async |db| {
        Ok(made_to(
            network::create_territory(db, &name).await?,
            "territoire",
            "territoires",
        ))
    })
    .await?;
    request::redirect(&to);
    Ok(())
}

/// Creates a structure (`territory`: an id, or empty for none; `setting`: `urbain`,
/// `periurbain`, `rural`, or empty for not said).
#[server(prefix = "/api", endpoint = "programme/structure/creer")]
pub async fn create_structure(
    name: String,
    territory: Option<String>,
    setting: Option<String>,
    phone: Option<String>,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::model::network::Setting;
    use crate::ssr::request;
    use crate::ssr::services::network;
    let me = request::require_programme_admin()?;
    let territory = match territory.as_deref().map(str::trim).unwrap_or_default() {
        "" => None,
        id => Some(id.parse::<i32>().map_err(|_| AppError::NotFound)?),
    };
    let setting = setting
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Setting::from_code(s).ok_or(AppError::NotFound))
        .transpose()?;
    let phone = phone.unwrap_or_default();
    let to = once_only(&me, once, "structure", async |db| {
        let made = network::create_structure(db, &name, territory, setting, &phone).await?;
        if made == network::Made::NoTerritory {
            return Err(AppError::NotFound);
        }
        Ok(made_to(made, "structure", "structures"))
    })
    .await?;
    request::redirect(&to);
    Ok(())
}

/// An invitation link for a new coordinator of a structure, shown once on the programme's
/// page.
#[server(prefix = "/api", endpoint = "programme/structure/coordination")]
pub async fn invite_structure_coordinator(
    structure: i32,
    name: String,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::model::InvitationLink;
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::{network, team};
    use crate::text::dates;
    let state = request::app_state()?;
    let me = request::require_programme_admin()?;
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 60 {
        request::redirect(&refused("prenom", "inviter"));
        return Ok(());
    }
    let key =
        crate::api::team::make_link(&me, once, &format!("structure-{structure}"), async |db| {
            let token = network::invite_coordinator(db, &me, structure, &name)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(InvitationLink {
                url: format!("{}/invitation/{token}", state.settings.public_origin),
                for_name: name.clone(),
                expires: dates::date_fr(now() + team::INVITATION_DAYS * 86400),
                reset: false,
            })
        })
        .await?;
    request::redirect(&format!("{}?lien={key}#lien", crate::paths::PROGRAMME));
    Ok(())
}

/// Names a member of one of a territory's structures coordinator of the territory (sent
/// twice: the same).
#[server(prefix = "/api", endpoint = "programme/territoire/coordination")]
pub async fn name_territory_coordinator(territory: i32, member: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::network;
    let state = request::app_state()?;
    request::require_programme_admin()?;
    let to = match network::name_territory_coordinator(&state.db, territory, member).await? {
        Some(changed) => {
            state.users.forget(changed);
            format!("{}?fait=coordination#territoires", crate::paths::PROGRAMME)
        }
        None => refused("membre", "nommer"),
    };
    request::redirect(&to);
    Ok(())
}

/// Member `member` no longer coordinates a territory (sent twice: "not found" the second
/// time, nothing changed).
#[server(prefix = "/api", endpoint = "programme/territoire/retirer")]
pub async fn remove_territory_coordinator(member: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::network;
    let state = request::app_state()?;
    request::require_programme_admin()?;
    let changed = network::remove_territory_coordinator(&state.db, member)
        .await?
        .ok_or(AppError::NotFound)?;
    state.users.forget(changed);
    request::redirect(&format!(
        "{}?fait=retire#territoires",
        crate::paths::PROGRAMME
    ));
    Ok(())
}
