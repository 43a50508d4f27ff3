use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learning::get_module;
use crate::components::confidence::ConfidenceForm;
use crate::components::load::loaded;
use crate::model::{LessonItem, LessonStatus, ModuleView};
use crate::text::{self, plural};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ModulePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("module").unwrap_or_default(),
        get_module,
    );
    let empty = use_query_map().read_untracked().get("confiance").as_deref() == Some("vide");
    loaded(data, move |m: ModuleView| {
        view! {
            <Title text=m.title.clone()/>
            <p class="breadcrumb"><a href="/modules">{text::NAV_LESSONS}</a></p>
            <h1>{m.title}</h1>
            <crate::pages::step::NotSavedNote/>
            <p class="lead">{m.summary}</p>
            <p class="meta">{format!("{} · {}", text::learning::level(m.level), plural::count(m.minutes, plural::MINUTES))}</p>
            <div class="intro" inner_html=m.intro_html></div>
        {m.confidence.map(|prompt| view! { <ConfidenceForm prompt empty/> })}
            <section aria-labelledby="objectifs">
                <h2 id="objectifs">{text::MODULE_OBJECTIVES}</h2>
                <ul>{m.objectives.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
            </section>
            {(!m.competences.is_empty()).then(|| view! {
                <section aria-labelledby="competences">
                    <h2 id="competences">{text::competences::MODULE_HEADING}</h2>
                    <ul class="competences">
                        {m.competences.iter().map(|c| view! {
                            <li>{text::competences::label_with_domain(*c)}</li>
                        }).collect_view()}
                    </ul>
                    <p class="meta">{text::competences::MODULE_INTRO}</p>
                </section>
            })}
            <section aria-labelledby="lecons">
                <h2 id="lecons">{text::MODULE_LESSONS}</h2>
                <ol class="card-list lessons">
                    {m.lessons.into_iter().map(|l| view! { <li><LessonCard lesson=l/></li> }).collect_view()}
                </ol>
            </section>
            {m.verified.map(|v| view! { <p class="meta">{format!("{} {v}.", text::MODULE_VERIFIED)}</p> })}
        }
    })
}

#[component]
fn LessonCard(lesson: LessonItem) -> impl IntoView {
    let (status, action) = match &lesson.status {
        None => (None, text::LESSON_OPEN_START),
        Some(LessonStatus::NotStarted) => (Some(text::LESSON_NOT_STARTED), text::LESSON_OPEN_START),
        Some(LessonStatus::InProgress { .. }) => {
            (Some(text::LESSON_IN_PROGRESS), text::LESSON_OPEN_RESUME)
        }
        Some(LessonStatus::Done) => (Some(text::LESSON_DONE), text::LESSON_OPEN_REVIEW),
    };
    view! {
        <div class="card">
            <h3>{lesson.title.clone()}</h3>
            {lesson.summary.map(|s| view! { <p>{s}</p> })}
            <p class="meta">
                {plural::count(lesson.step_count, plural::STEPS)}
                {lesson.minutes.map(|m| format!(" · {}", plural::count(m, plural::MINUTES)))}
                {status.map(|s| view! { " · " <strong>{s}</strong> })}
            </p>
            <a class="button" href=lesson.href>
                {action}<span class="visually-hidden">{format!(" : {}", lesson.title)}</span>
            </a>
        </div>
    }
}
