//! What every exercise's screens share: the form an action posts.

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
