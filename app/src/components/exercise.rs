//! Practice exercises inside a step: the pretend mailbox, the pretend public-service site,
//! "vrai ou arnaque ?" and mouse practice. Every screen is server-rendered; every action is
//! a plain form posted to [`crate::paths::EXERCISE`] (multipart, so a real file can be attached)
//! that answers with the step's URL carrying the next screen. A small script
//! (`/exercices.js`) adds what needs JavaScript: the double-click and the drag.

mod action;
mod browser;
mod fake;
mod mailbox;
mod mouse;
mod public_form;

use leptos::prelude::*;

use fake::Fake;
use mailbox::Mailbox;
use mouse::Mouse;
use public_form::PublicForm;

use crate::model::{ExerciseScreen, ExerciseView};
use crate::paths::StepTarget;
use crate::text;

#[component]
pub fn ExerciseBlock(exercise: ExerciseView, target: StepTarget) -> impl IntoView {
    // Where the exercise lives: the step and the exercise's id (a learner), or nowhere (a
    // trainer's preview, where the exercise is shown but not played).
    let place = match target {
        StepTarget::Player(step) => Some((step, exercise.id.clone())),
        StepTarget::Preview { .. } | StepTarget::Editor { .. } => None,
    };
    let section_id = format!("exercice-{}", exercise.id);
    let preview = place.is_none();
    let body = match exercise.screen {
        ExerciseScreen::Mailbox(m) => view! { <Mailbox m place/> }.into_any(),
        ExerciseScreen::Form(f) => view! { <PublicForm f place/> }.into_any(),
        ExerciseScreen::Fake(f) => view! { <Fake f place/> }.into_any(),
        ExerciseScreen::Mouse(m) => view! { <Mouse m place/> }.into_any(),
    };
    view! {
        <section class="exercise" id=section_id aria-label=text::EXERCISE>
            {preview.then(|| view! { <p class="hint">{text::EXERCISE_PREVIEW}</p> })}
            <fieldset class="exercise-body" disabled=preview>
                <legend class="visually-hidden">{text::EXERCISE}</legend>
                {body}
            </fieldset>
        </section>
    }
}
