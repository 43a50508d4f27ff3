//! `/carte`: the page a login card's QR code opens. "C'est bien vous, Jeanne ?" and one big
//! button: only pressing it signs in (a form posted from this site), so a link from another
//! site cannot sign anyone in nor end the session of whoever is on this computer.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::card::{CardSignIn, get_card_check};
use crate::components::load::loaded;
use crate::model::{CardCheck, Me};
use crate::text;

#[component]
pub fn CardSignInPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_card_check());
    loaded(data, |check: CardCheck| match check {
        CardCheck::Card { first_name, ends } => {
            let ends = match ends {
                Some(Me::Learner { first_name }) => Some(text::card_ends_learner(&first_name)),
                Some(Me::Staff { .. }) => Some(text::CARD_ENDS_STAFF.to_string()),
                _ => None,
            };
            view! {
                <Title text=text::CARD_SIGN_IN_TITLE/>
                <h1>{text::card_is_it_you(&first_name)}</h1>
                <p class="lead">{text::CARD_SIGN_IN_INTRO}</p>
                {ends.map(|e| view! { <p class="message notice" role="status">{e}</p> })}
                <form class="form" method="post" action=CardSignIn::url()>
                    <button type="submit" class="button primary">{text::CARD_SIGN_IN_SUBMIT}</button>
                </form>
                <p><a href="/connexion">{text::CARD_NOT_MINE}</a></p>
            }
            .into_any()
        }
        other => {
            let message = match other {
                CardCheck::Wait(m) => crate::pages::sign_in::wait_message(Some(&m.to_string())),
                CardCheck::Unknown => text::SIGN_IN_UNKNOWN_CODE.to_string(),
                CardCheck::Replaced => text::SIGN_IN_REPLACED_CODE.to_string(),
                _ => text::CARD_NONE.to_string(),
            };
            view! {
                <Title text=text::title_with_error(text::CARD_SIGN_IN_TITLE, true)/>
                <h1>{text::CARD_SIGN_IN_TITLE}</h1>
                <p class="message error-message" role="alert">{message}</p>
                <p><a class="button primary" href="/connexion">{text::CARD_TYPE_CODE}</a></p>
            }
            .into_any()
        }
    })
}
