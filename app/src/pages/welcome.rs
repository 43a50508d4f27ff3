//! `/bienvenue`: at first sign-in, who sees the learner's progress, and whether the
//! volunteer may keep written notes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::learner::{SavePrivacy, get_welcome};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::text;

#[component]
pub fn WelcomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_welcome());
    let query = use_query_map();
    let q = query.read_untracked();
    let back = q
        .get("suite")
        .filter(|s| crate::paths::is_local_path(s))
        .unwrap_or_else(|| "/".to_string());
    let no_choice = q.get("erreur").as_deref() == Some("choix");
    loaded(data, move |first_name: String| {
        let described = no_choice.then_some("notes-erreur");
        let back = back.clone();
        view! {
            <Title text=text::WELCOME_TITLE/>
            <h1>{format!("{} {first_name}", text::WELCOME_TITLE)}</h1>
            <p class="lead">{text::WELCOME_WHO_SEES}</p>
            <p>{text::sessions::PRIVACY_STATISTICS}</p>
            <SubmitOnce>
                <form class="form" method="post" action=SavePrivacy::url()>
                    <input type="hidden" name="back" value=back/>
                    <crate::components::owner::OwnerField/>
                    <fieldset aria-describedby=described>
                        <legend>{text::WELCOME_NOTES_QUESTION}</legend>
                        {no_choice.then(|| view! {
                            <p id="notes-erreur" class="message error-message" role="alert">{text::WELCOME_NOTES_CHOOSE}</p>
                        })}
                        <div class="choices">
                            <div class="choice">
                                <input type="radio" name="notes" value="oui" id="notes-oui" required/>
                                <label for="notes-oui">{text::WELCOME_NOTES_YES}</label>
                            </div>
                            <div class="choice">
                                <input type="radio" name="notes" value="non" id="notes-non"/>
                                <label for="notes-non">{text::WELCOME_NOTES_NO}</label>
                            </div>
                        </div>
                    </fieldset>
                    <p class="hint">{text::WELCOME_CHANGE_LATER}</p>
                    <button type="submit" class="button primary">{text::WELCOME_CONTINUE}</button>
                </form>
            </SubmitOnce>
        }
    })
}
