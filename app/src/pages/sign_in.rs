//! `/connexion`: a learner signs in with the code on their card.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::LearnerSignIn;
use crate::text;

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked();
    let error = match q.get("erreur").as_deref() {
        Some("inconnu") => Some(text::SIGN_IN_UNKNOWN_CODE.to_string()),
        Some("vide") => Some(text::SIGN_IN_EMPTY_CODE.to_string()),
        Some("remplace") => Some(text::SIGN_IN_REPLACED_CODE.to_string()),
        Some("attendre") => Some(wait_message(q.get("minutes").as_deref())),
        Some("occupe") => Some(text::sign_in_site_busy(
            q.get("minutes").and_then(|m| m.parse().ok()),
        )),
        _ => None,
    };
    // The code typed before a refusal, to correct rather than type again.
    let typed = q
        .get(crate::paths::TYPED_CODE_KEY)
        .filter(|_| error.is_some())
        .map(|c| {
            c.chars()
                .take(crate::paths::TYPED_CODE_MAX)
                .collect::<String>()
        });
    let signed_out = q.get("deconnecte").is_some();
    let ended = q.get("fin").as_deref() == Some("session");
    let suite = q.get("suite").filter(|s| crate::paths::is_local_path(s));
    let described = if error.is_some() {
        "code-aide code-erreur"
    } else {
        "code-aide"
    };
    view! {
        <Title text=text::title_with_error(text::SIGN_IN_TITLE, error.is_some())/>
        <h1>{text::SIGN_IN_TITLE}</h1>
        {signed_out.then(|| view! { <p class="message success" role="status">{text::SIGNED_OUT}</p> })}
        {ended.then(|| view! { <p class="message notice" role="status">{text::SIGN_IN_TO_CONTINUE}</p> })}
        <p class="lead">{text::SIGN_IN_INTRO}</p>
        <form class="form" method="post" action=LearnerSignIn::url()>
            {suite.map(|s| view! { <input type="hidden" name="suite" value=s/> })}
            <div class="field">
                <label for="code">{text::SIGN_IN_CODE_LABEL}</label>
                <p id="code-aide" class="hint">{text::SIGN_IN_CODE_HINT}</p>
                {error.clone().map(|e| view! {
                    <p id="code-erreur" class="message error-message" role="alert">{e}</p>
                })}
                <input
                    id="code"
                    name="code"
                    type="text"
                    class="code-input"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    required
                    aria-describedby=described
                    aria-invalid=error.is_some().then_some("true")
                    value=typed
                />
            </div>
            <button type="submit" class="button primary">{text::SIGN_IN_SUBMIT}</button>
        </form>
        <p>{text::SIGN_IN_NO_CODE}</p>
    }
}

/// "Attendez N minutes", from the `minutes` query parameter.
pub fn wait_message(minutes: Option<&str>) -> String {
    match minutes.and_then(|m| m.parse::<u32>().ok()) {
        Some(m) if m > 1 => text::sign_in_wait_minutes(m),
        _ => text::SIGN_IN_TOO_MANY.to_string(),
    }
}
