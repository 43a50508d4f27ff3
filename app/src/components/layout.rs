//! Header, skip link, main landmark and footer around every page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use leptos_meta::Html;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::auth::SignOut;
use crate::model::Me;
use crate::paths::encode_component;
use crate::response;
use crate::text;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Known at once on the server (no database query): no waiting, no suspense.
    let frame = response::frame();
    let location = use_location();
    let here = {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let comfort_href = format!("/confort?retour={}", encode_component(&here));
    let comfort_saved = use_query_map().read_untracked().get("confort").as_deref() == Some("ok");
    view! {
        <Html attr:class=frame.comfort.classes()/>
        <a class="skip-link" href="#contenu">{text::SKIP_LINK}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">{text::SITE_NAME}</a>
                <nav aria-label=text::NAV_LABEL>
                    <ul class="nav-list">
                        <li><a href="/">{text::NAV_HOME}</a></li>
                        <li><a href="/modules">{text::NAV_LESSONS}</a></li>
                        <li><a href=comfort_href>{text::NAV_COMFORT}</a></li>
                        {match frame.me.clone() {
                            Me::Nobody | Me::Expired => view! {
                                <li><a href="/connexion">{text::NAV_SIGN_IN}</a></li>
                            }.into_any(),
                            Me::Learner { first_name } => view! {
                                <li><a href="/carnet">{text::NAV_BOOKLET}</a></li>
                                <li><a href="/mes-donnees">{text::NAV_MY_DATA}</a></li>
                                <li class="who">{first_name}</li>
                                <li><SignOutButton label=text::SIGN_OUT_LEARNER/></li>
                            }.into_any(),
                            Me::Staff { display_name, follows_learners, trainer, network } => view! {
                                {network.map(|href| view! { <li><a href=href>{text::network::NAV}</a></li> })}
                                {follows_learners.then(|| view! { <li><a href="/benevole">{text::NAV_VOLUNTEER}</a></li> })}
                                {trainer.then(|| view! { <li><a href="/formateur">{text::NAV_TRAINER}</a></li> })}
                                <li class="who">{display_name}</li>
                                <li><SignOutButton label=text::SIGN_OUT_STAFF/></li>
                            }.into_any(),
                        }}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="contenu" class="wrap" tabindex="-1">
            {(frame.me == Me::Expired).then(|| view! {
                <p class="message notice" role="status">
                    {format!("{} ", text::SESSION_EXPIRED)}
                    <a href="/connexion">{text::NAV_SIGN_IN}</a>
                </p>
            })}
            {comfort_saved.then(|| view! { <p class="message success" role="status">{text::COMFORT_SAVED}</p> })}
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{text::FOOTER}</p>
            </div>
        </footer>
    }
}

#[component]
fn SignOutButton(label: &'static str) -> impl IntoView {
    view! {
        <form class="inline-form" method="post" action=SignOut::url()>
            <button type="submit" class="button link-button">{label}</button>
        </form>
    }
}
