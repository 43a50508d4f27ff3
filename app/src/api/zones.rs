//! The forms of the zones and places page (coordinators); who covers a zone is a plain
//! handler (`server::forms::zone_volunteers`: its checkboxes repeat a field).

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::zones::ZoneOutcome;
use crate::model::zones::ZonesView;

#[server(prefix = "/api", endpoint = "equipe/zones")]
pub async fn get_zones() -> Result<ZonesView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    Ok(zones::view(&state.db, &me).await?)
}

/// Back to the page, saying what happened; a refusal keeps what was typed (`typed`) and
/// which form it was (`anchor`).
#[cfg(feature = "ssr")]
pub fn back_to_page(
    outcome: ZoneOutcome,
    anchor: &str,
    typed: &[(&str, &str)],
    taken_by: Option<&str>,
) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair(
        if outcome.is_error() { "erreur" } else { "fait" },
        outcome.code(),
    );
    if outcome.is_error() {
        for (name, value) in typed {
            query.append_pair(name, value);
        }
    }
    if let Some(zone) = taken_by {
        query.append_pair("pris", zone);
    }
    format!("{}?{}#{anchor}", crate::paths::ZONES, query.finish())
}

#[server(prefix = "/api", endpoint = "equipe/zones/creer")]
pub async fn add_zone(name: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let outcome = zones::add_zone(&state.db, &me, &name).await?;
    request::redirect(&back_to_page(
        outcome,
        "nouvelle-zone",
        &[("nom", &name)],
        None,
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "equipe/zones/supprimer")]
pub async fn remove_zone(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let outcome = zones::remove_zone(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&back_to_page(outcome, "zones", &[], None));
    Ok(())
}

#[server(prefix = "/api", endpoint = "equipe/zones/commune")]
pub async fn add_commune(zone: i32, postcode: String, commune: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let added = zones::add_commune(&state.db, &me, zone, &postcode, &commune)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone_text = zone.to_string();
    request::redirect(&back_to_page(
        added.outcome,
        &format!("zone-{zone}"),
        &[
            ("zone", &zone_text),
            ("cp", &postcode),
            ("commune", &commune),
        ],
        added.taken_by.as_deref(),
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "equipe/zones/retirer-commune")]
pub async fn remove_commune(id: i32, zone: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let outcome = zones::remove_commune(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&back_to_page(outcome, &format!("zone-{zone}"), &[], None));
    Ok(())
}

#[server(prefix = "/api", endpoint = "equipe/lieux/ajouter")]
pub async fn add_place(
    name: String,
    address: String,
    zone: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    // "Sans zone" sends an empty value.
    let zone_id = match zone.as_deref().filter(|z| !z.is_empty()) {
        Some(z) => Some(z.parse::<i32>().map_err(|_| AppError::NotFound)?),
        None => None,
    };
    let outcome = zones::add_place(&state.db, &me, &name, &address, zone_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone_text = zone.unwrap_or_default();
    request::redirect(&back_to_page(
        outcome,
        "nouveau-lieu",
        &[("nom", &name), ("adresse", &address), ("zone", &zone_text)],
        None,
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "equipe/lieux/retirer")]
pub async fn remove_place(id: i32) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::zones;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let outcome = zones::remove_place(&state.db, &me, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::redirect(&back_to_page(outcome, "lieux", &[], None));
    Ok(())
}
