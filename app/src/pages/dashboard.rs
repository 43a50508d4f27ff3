//! `/benevole`: the volunteer's learners and their progress per lesson.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::volunteer::get_dashboard;
use crate::components::load::loaded;
use crate::model::{Dashboard, DashboardLearner};
use crate::text;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_dashboard());
    loaded(data, |d: Dashboard| {
        view! {
            <Title text=text::DASHBOARD_TITLE/>
            <h1>{text::DASHBOARD_TITLE}</h1>
            {if d.learners.is_empty() {
                view! { <p>{text::DASHBOARD_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {d.learners.into_iter().map(|l| view! { <li><LearnerCard learner=l/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    })
}

#[component]
fn LearnerCard(learner: DashboardLearner) -> impl IntoView {
    let heading = format!("apprenant-{}", learner.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card learner" aria-labelledby=labelled_by>
            <h2 id=heading>{learner.first_name}</h2>
            <p class="meta">
                {format!("{} : ", text::DASHBOARD_CODE)}
                <span class="code">{learner.code}</span>
                {format!(
                    " · {} : {}",
                    text::DASHBOARD_LAST_ACTIVE,
                    learner.last_active.as_deref().unwrap_or(text::DASHBOARD_NEVER)
                )}
            </p>
            {if learner.lessons.is_empty() {
                view! { <p>{text::DASHBOARD_NO_PROGRESS}</p> }.into_any()
            } else {
                view! {
                    <ul class="progress-list">
                        {learner.lessons.into_iter().map(|row| {
                            let finished = row.done == row.total;
                            view! {
                                <li class:finished=finished>
                                    <span class="lesson-name">{format!("{} — {}", row.module_title, row.lesson_title)}</span>
                                    {format!(" : {} / {} {}", row.done, row.total, text::DASHBOARD_STEPS_DONE)}
                                    <progress max=row.total.to_string() value=row.done.to_string() aria-hidden="true"></progress>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
