//! `/benevole/connexion`: volunteers, trainers and coordinators sign in.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::StaffSignIn;
use crate::pages::sign_in::wait_message;
use crate::text;

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked();
    let error = match q.get("erreur").as_deref() {
        Some("identifiants") => Some(text::STAFF_BAD_CREDENTIALS.to_string()),
        Some("vide") => Some(text::STAFF_EMPTY.to_string()),
        Some("attendre") => Some(wait_message(q.get("minutes").as_deref())),
        Some("occupe") => Some(text::sign_in_site_busy(
            q.get("minutes").and_then(|m| m.parse().ok()),
        )),
        _ => None,
    };
    let signed_out = q.get("deconnecte").is_some();
    let described = error.is_some().then_some("connexion-erreur");
    view! {
        <Title text=text::title_with_error(text::STAFF_SIGN_IN_TITLE, error.is_some())/>
        <h1>{text::STAFF_SIGN_IN_TITLE}</h1>
        {signed_out.then(|| view! { <p class="message success" role="status">{text::SIGNED_OUT}</p> })}
        {error.map(|e| view! {
            <p id="connexion-erreur" class="message error-message" role="alert">{e}</p>
        })}
        <form class="form" method="post" action=StaffSignIn::url()>
            <div class="field">
                <label for="username">{text::STAFF_USERNAME}</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-describedby=described
                />
            </div>
            <div class="field">
                <label for="password">{text::STAFF_PASSWORD}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-describedby=described
                />
            </div>
            <button type="submit" class="button primary">{text::STAFF_SUBMIT}</button>
        </form>
    }
}
