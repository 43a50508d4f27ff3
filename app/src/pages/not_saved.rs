//! `/pas-enregistre`: a learner's form came from a page made for someone else (a tab left
//! open on a shared PC by the previous learner). Nothing was saved; this page says so and
//! leads to the signed-in learner's own place.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::model::Me;
use crate::text;

#[component]
pub fn NotSavedPage() -> impl IntoView {
    let who = match crate::response::frame().me {
        Me::Learner { first_name } => Some(first_name),
        _ => None,
    };
    view! {
        <Title text=text::NOT_SAVED_TITLE/>
        <h1>{text::NOT_SAVED_TITLE}</h1>
        <p class="lead">{text::NOT_SAVED_WHY}</p>
        {who.map(|name| view! { <p>{text::not_saved_who(&name)}</p> })}
        <p><a class="button primary" href="/">{text::NOT_SAVED_WAY_OUT}</a></p>
    }
}
