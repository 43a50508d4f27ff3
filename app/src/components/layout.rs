//! Header, skip link, main landmark and footer around every page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::auth::{SignOut, get_me};
use crate::model::Me;
use crate::text;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <a class="skip-link" href="#contenu">{text::SKIP_LINK}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">{text::SITE_NAME}</a>
                <nav aria-label=text::NAV_LABEL>
                    <ul class="nav-list">
                        <li><a href="/">{text::NAV_HOME}</a></li>
                        <li><a href="/modules">{text::NAV_LESSONS}</a></li>
                        <Suspense>
                            {move || Suspend::new(async move {
                                match me.await.unwrap_or(Me::Nobody) {
                                    Me::Nobody | Me::Expired => view! {
                                        <li><a href="/connexion">{text::NAV_SIGN_IN}</a></li>
                                    }.into_any(),
                                    Me::Learner { first_name } => view! {
                                        <li><a href="/carnet">{text::NAV_BOOKLET}</a></li>
                                        <li><a href="/mes-donnees">{text::NAV_MY_DATA}</a></li>
                                        <li class="who">{first_name}</li>
                                        <li><SignOutButton label=text::SIGN_OUT_LEARNER/></li>
                                    }.into_any(),
                                    Me::Staff { display_name } => view! {
                                        <li><a href="/benevole">{text::NAV_VOLUNTEER}</a></li>
                                        <li class="who">{display_name}</li>
                                        <li><SignOutButton label=text::SIGN_OUT_STAFF/></li>
                                    }.into_any(),
                                }
                            })}
                        </Suspense>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="contenu" class="wrap" tabindex="-1">
            <Suspense>
                {move || Suspend::new(async move {
                    (me.await == Ok(Me::Expired)).then(|| view! {
                        <p class="message notice" role="status">
                            {format!("{} ", text::SESSION_EXPIRED)}
                            <a href="/connexion">{text::NAV_SIGN_IN}</a>
                        </p>
                    })
                })}
            </Suspense>
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
