//! `/aide`: "J'ai besoin d'aide", from a step.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::learner::AskHelp;
use crate::api::learning::get_step;
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::StepView;
use crate::text;

#[component]
pub fn HelpPage() -> impl IntoView {
    let query = use_query_map();
    // What the learner typed before their session ended comes back with them.
    let typed = query.read_untracked().get("message").unwrap_or_default();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("module").unwrap_or_default(),
                q.get("lesson").unwrap_or_default(),
                q.get("step").unwrap_or_default(),
            )
        },
        |(module, lesson, step)| get_step(module, lesson, step, None, None),
    );
    loaded(data, move |s: StepView| {
        let typed = typed.clone();
        view! {
            <Title text=text::HELP_TITLE/>
            <h1>{text::HELP_TITLE}</h1>
            <crate::pages::step::NotSavedNote/>
            <p class="lead">{text::HELP_INTRO}</p>
            <p>{format!("{} : {} — {} {}", text::HELP_FROM, s.lesson_title, text::STEP, s.number)}</p>
            <SubmitOnce>
                <form class="form" method="post" action=AskHelp::url()>
                    <input type="hidden" name="module" value=s.module_slug.clone()/>
                    <input type="hidden" name="lesson" value=s.lesson_slug.clone()/>
                    <input type="hidden" name="step" value=s.step_slug.clone()/>
                    <crate::components::owner::OwnerField/>
                    <div class="field">
                        <label for="message">{text::HELP_MESSAGE_LABEL}</label>
                        <textarea id="message" name="message" rows="4" maxlength="1000">{crate::components::text_area::escaped(&typed)}</textarea>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button primary">{text::HELP_SEND}</button>
                        <a class="button" href=crate::paths::step(&s.module_slug, &s.lesson_slug, &s.step_slug)>
                            {text::BACK_TO_LESSON}
                        </a>
                    </div>
                </form>
            </SubmitOnce>
        }
    })
}
