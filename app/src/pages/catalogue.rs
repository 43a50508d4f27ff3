use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learning::{get_catalogue, get_training_catalogue};
use crate::components::load::loaded;
use crate::model::ModuleCard;
use crate::text::{self, plural, training};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            // The volunteers' training modules come for a member of staff only (the server
            // answers an empty list to anyone else).
            let learners = get_catalogue().await?;
            let volunteers = get_training_catalogue().await?;
            Ok::<_, crate::error::AppError>((learners, volunteers))
        },
    );
    loaded(
        data,
        |(modules, training_modules): (Vec<ModuleCard>, Vec<ModuleCard>)| {
            let nested = !training_modules.is_empty();
            let staff_section = (!training_modules.is_empty()).then(|| {
                view! {
                    <section aria-labelledby="pour-les-benevoles">
                        <h2 id="pour-les-benevoles">{training::CATALOGUE_SECTION}</h2>
                        <p>
                            {format!("{} ", training::CATALOGUE_SECTION_INTRO)}
                            <a href="/benevole/formation">{training::CATALOGUE_PATH_LINK}</a>
                        </p>
                        <Cards modules=training_modules nested=true/>
                    </section>
                    <h2>{training::CATALOGUE_LEARNERS_SECTION}</h2>
                }
                .into_any()
            });
            view! {
                <Title text=text::CATALOGUE_TITLE/>
                <h1>{text::CATALOGUE_TITLE}</h1>
                <p class="lead">{text::CATALOGUE_INTRO}</p>
                {staff_section}
                {if modules.is_empty() {
                    view! { <p>{text::CATALOGUE_EMPTY}</p> }.into_any()
                } else {
                    view! { <Cards modules nested/> }.into_any()
                }}
            }
        },
    )
}

/// The modules' cards; `nested`: under a section's heading (`h3`), else under the page's
/// (`h2`).
#[component]
fn Cards(modules: Vec<ModuleCard>, nested: bool) -> impl IntoView {
    view! {
        <ul class="card-list">
            {modules.into_iter().map(|m| {
                let link = view! { <a href=crate::paths::module(&m.slug)>{m.title}</a> };
                let title = if nested {
                    view! { <h3>{link}</h3> }.into_any()
                } else {
                    view! { <h2>{link}</h2> }.into_any()
                };
                view! {
                <li class="card">
                    {title}
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
                }
            }).collect_view()}
        </ul>
    }
}
