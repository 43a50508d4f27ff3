use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learning::get_catalogue;
use crate::components::load::loaded;
use crate::model::ModuleCard;
use crate::text::{self, plural};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_catalogue());
    loaded(data, |modules: Vec<ModuleCard>| {
        view! {
            <Title text=text::CATALOGUE_TITLE/>
            <h1>{text::CATALOGUE_TITLE}</h1>
            <p class="lead">{text::CATALOGUE_INTRO}</p>
            {if modules.is_empty() {
                view! { <p>{text::CATALOGUE_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {modules.into_iter().map(|m| view! {
                            <li class="card">
                                <h2><a href=crate::paths::module(&m.slug)>{m.title}</a></h2>
                                <p>{m.summary}</p>
                                <p class="meta">
                                    {format!(
                                        "{} · {} · {}",
                                        text::learning::level(m.level),
                                        plural::count(m.lesson_count, plural::LESSONS),
                                        plural::count(m.minutes, plural::MINUTES)
                                    )}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    })
}
