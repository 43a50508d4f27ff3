//! The login card's QR code (`/carte/{code}` keeps the code, then `/carte` asks "C'est
//! bien vous ?"): the sign-in happens only when its holder presses the button, a form
//! posted from this site (a link from another site signs nobody in).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CardCheck;

/// Whose card was scanned in this browser, and whose session entering would end.
#[server(prefix = "/api", endpoint = "carte-verifier")]
pub async fn get_card_check() -> Result<CardCheck, AppError> {
    use crate::model::Me;
    use crate::ssr::identity::CurrentUser;
    use crate::ssr::request;
    use crate::ssr::services::card::{self, CardHolder};

    let state = request::app_state()?;
    let Some(code) = request::card_code() else {
        return Ok(CardCheck::NoCard);
    };
    let holder = card::card_holder(
        &state.db,
        &state.throttle,
        &request::client_address(),
        &code,
    )
    .await?;
    Ok(match holder {
        CardHolder::Wait(minutes) => CardCheck::Wait(minutes),
        CardHolder::Unknown => CardCheck::Unknown,
        CardHolder::Replaced => CardCheck::Replaced,
        CardHolder::Learner(l) => {
            let ends = match request::current_user() {
                // Already signed in with this card: nothing to confirm.
                Some(CurrentUser::Learner(me)) if me.id == l.id => {
                    request::clear_card_cookie(state.settings.secure_cookies);
                    return Err(AppError::Moved("/".into()));
                }
                Some(CurrentUser::Learner(other)) => Some(Me::Learner {
                    first_name: other.first_name,
                }),
                Some(CurrentUser::Staff(s)) => Some(Me::Staff {
                    network: crate::ssr::identity::network_home(&s),
                    follows_learners: s.is_volunteer || s.is_coordinator,
                    display_name: s.display_name,
                    trainer: s.is_trainer,
                }),
                None => None,
            };
            CardCheck::Card {
                first_name: l.first_name,
                ends,
            }
        }
    })
}

/// "Entrer" on the card's page: signs in the holder of the card scanned in this browser.
#[server(prefix = "/api", endpoint = "carte")]
pub async fn card_sign_in() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::sessions::{self, LearnerSignIn};

    let state = request::app_state()?;
    let Some(code) = request::card_code() else {
        request::redirect("/carte");
        return Ok(());
    };
    let outcome = state.users.forget(
        sessions::sign_in_learner(
            &state.db,
            &state.throttle,
            &request::client_address(),
            &code,
            request::session_token().as_deref(),
        )
        .await?,
    );
    if let LearnerSignIn::SignedIn { token, max_age, .. } = &outcome {
        request::set_session_cookie(token, *max_age, state.settings.secure_cookies);
        request::clear_card_cookie(state.settings.secure_cookies);
    }
    request::redirect(&outcome.next_page(None));
    Ok(())
}
