//! `/bienvenue`: at first sign-in, who sees the learner's progress, and whether the
//! volunteer may keep written notes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::learner::{SavePrivacy, get_welcome};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::text;

#[component]
pub fn WelcomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_welcome());
    loaded(data, |first_name: String| {
        view! {
            <Title text=text::WELCOME_TITLE/>
            <h1>{format!("{} {first_name}", text::WELCOME_TITLE)}</h1>
            <p class="lead">{text::WELCOME_WHO_SEES}</p>
            <SubmitOnce>
                <form class="form" method="post" action=SavePrivacy::url()>
                    <input type="hidden" name="back" value="/"/>
                    <fieldset>
                        <legend>{text::WELCOME_NOTES_QUESTION}</legend>
                        <div class="choices">
                            <div class="choice">
                                <input type="radio" name="notes" value="oui" id="notes-oui" checked/>
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
