//! The volunteer's area (`/benevole`).

pub mod card;
pub mod dashboard;
pub mod learner;
pub mod learners;
pub mod move_learner;
pub mod training;

use leptos::prelude::*;

use crate::text;

/// The volunteer area's own menu.
#[component]
pub fn VolunteerNav(#[prop(optional)] coordinator: bool) -> impl IntoView {
    view! {
        <nav class="sub-nav no-print" aria-label=text::NAV_VOLUNTEER>
            <ul>
                <li><a href="/benevole">{text::NAV_DASHBOARD}</a></li>
                <li><a href="/benevole/apprenants">{text::NAV_ALL_LEARNERS}</a></li>
                <li><a href="/benevole/apprenants/nouveau">{text::DASHBOARD_ADD}</a></li>
                <li><a href="/benevole/atelier">{text::NAV_WORKSHOP}</a></li>
                <li><a href=crate::paths::SESSIONS>{text::sessions::LIST_TITLE}</a></li>
                <li><a href=crate::paths::AGENDA>{text::agenda::NAV}</a></li>
                <li><a href="/benevole/formation">{text::training::NAV}</a></li>
                {coordinator.then(|| view! { <li><a href="/benevole/equipe">{text::NAV_TEAM}</a></li> })}
                {coordinator.then(|| view! { <li><a href=crate::paths::STATS>{text::stats::NAV}</a></li> })}
            </ul>
        </nav>
    }
}
