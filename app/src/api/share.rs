//! Public share links for a funder (issue 21, item 6): made, listed and revoked by the
//! structure's coordinators on the statistics page; the public page's figures.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::share::{ShareLinksView, SharedReport};

/// The share links of the coordinator's structure; `lien`: the key of a link just made,
/// shown this once; `erreur` and `libelle`: a refused form, with the label as typed;
/// `retire`: a link was just revoked.
#[server(prefix = "/api", endpoint = "benevole/partages")]
pub async fn get_share_links(
    lien: Option<String>,
    erreur: Option<String>,
    libelle: Option<String>,
    retire: Option<String>,
) -> Result<ShareLinksView, AppError> {
    use crate::model::share::ShareRefused;
    use crate::ssr::request;
    use crate::ssr::services::share;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let fresh_link = match lien {
        Some(key) => {
            state
                .kept
                .share_links
                .take_for(&state.db, &crate::ssr::drafts::owner(&me), &key)
                .await?
        }
        None => None,
    };
    let refused = erreur.as_deref().and_then(ShareRefused::from_code);
    Ok(ShareLinksView {
        links: share::list(&state.db, &me).await?,
        fresh_link,
        refused,
        label: refused.and(libelle).unwrap_or_default(),
        revoked: retire.is_some(),
        once: crate::ssr::auth::new_session_token(),
    })
}

/// `POST`: a new link to the figures of `du`–`au`, labelled `libelle`. The page comes back
/// with the full link, shown once. `once`: the form's one-time token (the same form sent
/// twice makes one link).
#[server(prefix = "/api", endpoint = "benevole/partage")]
pub async fn create_share_link(
    du: String,
    au: String,
    libelle: String,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::db::now;
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    use crate::ssr::services::share;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    let owner = drafts::owner(&me);
    let made = |key: &str| {
        let mut extra = url::form_urlencoded::Serializer::new(String::new());
        extra.append_pair("lien", key);
        crate::paths::stats_period(&du, &au, &extra.finish())
    };
    let refused = |r: crate::model::share::ShareRefused| {
        let mut extra = url::form_urlencoded::Serializer::new(String::new());
        extra
            .append_pair("erreur", r.code())
            .append_pair("libelle", &libelle);
        crate::paths::stats_period(&du, &au, &extra.finish())
    };
    // A form without a token (none of ours): each post makes its link.
    let once = once
        .filter(|t| !t.is_empty())
        .unwrap_or_else(crate::ssr::auth::new_session_token);
    let to = match state
        .kept
        .share_once
        .claim(&state.db, &owner, &once)
        .await?
    {
        Claim::Done(key) => made(&key),
        Claim::Busy => return Err(AppError::Conflict),
        Claim::First(claim) => {
            match share::create(claim.db(), &me, &du, &au, &libelle, now()).await? {
                // Dropped: the token may be used again once the form is corrected.
                Err(r) => refused(r),
                Ok(token) => {
                    let link = format!(
                        "{}{}",
                        state.settings.public_origin,
                        crate::paths::shared(&token)
                    );
                    let key = state
                        .kept
                        .share_links
                        .keep_for(claim.db(), &owner, &link)
                        .await?;
                    claim.done(&key).await?;
                    made(&key)
                }
            }
        }
    };
    request::redirect(&to);
    Ok(())
}

/// `POST`: revokes link `id` of the coordinator's structure (another's: not found); back
/// to the statistics of `du`–`au`.
#[server(prefix = "/api", endpoint = "benevole/partage/retirer")]
pub async fn revoke_share_link(id: i32, du: String, au: String) -> Result<(), AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::share;
    let state = request::app_state()?;
    let me = request::require_coordinator()?;
    if !share::revoke(&state.db, &me, id, now()).await? {
        return Err(AppError::NotFound);
    }
    request::redirect(&crate::paths::stats_period(&du, &au, "retire=1"));
    Ok(())
}

/// `/partage/{token}`: what a share link shows, without any sign-in (`None`: no such link,
/// or revoked).
#[server(prefix = "/api", endpoint = "partage")]
pub async fn get_shared(token: String) -> Result<Option<SharedReport>, AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::share;
    use crate::text::dates;
    let state = request::app_state()?;
    let today = dates::today_iso(now());
    Ok(share::report(&state.db, &state.content.get(), &token, &today).await?)
}
