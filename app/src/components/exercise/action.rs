//! What every exercise's screens share: the form an action posts, the links between screens.

use leptos::prelude::*;

use crate::paths::{EXERCISE, StepRef};

/// The opening of an exercise form: where it posts and which exercise it is.
#[component]
pub(super) fn ExerciseForm(place: Option<(StepRef, String)>, children: Children) -> impl IntoView {
    let hidden = place.map(|p| {
        view! {
            <input type="hidden" name="module" value=p.0.module/>
            <input type="hidden" name="lesson" value=p.0.lesson/>
            <input type="hidden" name="step" value=p.0.step/>
            <input type="hidden" name="ex" value=p.1/>
            <crate::components::owner::OwnerField/>
        }
    });
    view! {
        <form method="post" action=EXERCISE enctype="multipart/form-data" class="form">
            {hidden}
            {children()}
        </form>
    }
}

/// A link to another screen of the exercise (a plain label in a preview).
pub(super) fn link(place: &Option<(StepRef, String)>, query: &str, label: String) -> AnyView {
    match place {
        Some(p) => {
            view! { <a class="button" href=p.0.exercise_href(&p.1, query)>{label}</a> }.into_any()
        }
        None => view! { <span class="button">{label}</span> }.into_any(),
    }
}
