//! The lesson player: one step per screen, the resume redirect, and the end of a lesson.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learning::{CompleteStep, get_lesson_end, get_step, resume_lesson};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{LessonEnd, StepPage as Step};
use crate::text;

#[component]
pub fn StepPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
                p.get("step").unwrap_or_default(),
            )
        },
        |(module, lesson, step)| get_step(module, lesson, step),
    );
    loaded(data, |s: Step| {
        let progress = format!("{} {} {} {}", text::STEP, s.number, text::STEP_OF, s.count);
        view! {
            <Title text=format!("{progress} — {}", s.lesson_title)/>
            <p class="breadcrumb">
                <a href=format!("/modules/{}", s.module_slug)>
                    <span aria-hidden="true">"← "</span>{format!("{} : {}", text::BACK_TO_MODULE, s.module_title)}
                </a>
            </p>
            <h1>{s.lesson_title.clone()}</h1>
            <div class="step-progress">
                <p id="etape-numero">{progress}</p>
                <progress
                    max=s.count.to_string()
                    value=s.number.to_string()
                    aria-labelledby="etape-numero"
                ></progress>
            </div>
            {(!s.signed_in).then(|| view! {
                <p class="message notice">
                    {format!("{} ", text::NOT_SIGNED_IN_NOTICE)}
                    <a href="/connexion">{text::NAV_SIGN_IN}</a>
                </p>
            })}
            <article class="step" inner_html=s.html></article>
            <SubmitOnce>
                <form method="post" action=CompleteStep::url()>
                <input type="hidden" name="module" value=s.module_slug/>
                <input type="hidden" name="lesson" value=s.lesson_slug/>
                <input type="hidden" name="step" value=s.step_slug/>
                <div class="step-nav">
                    {s.previous_href.map(|href| view! {
                        <a class="button" href=href rel="prev">
                            <span aria-hidden="true">"← "</span>{text::PREVIOUS}
                        </a>
                    })}
                    <button type="submit" class="button primary next">
                        {text::NEXT}<span aria-hidden="true">" →"</span>
                    </button>
                </div>
                </form>
            </SubmitOnce>
        }
    })
}

/// `/modules/{module}/{lesson}`: sends the learner to where they left the lesson.
#[component]
pub fn LessonResumePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
            )
        },
        |(module, lesson)| resume_lesson(module, lesson),
    );
    loaded(data, |href: String| {
        view! {
            <Title text=text::LOADING/>
            <h1>{text::LOADING}</h1>
            <p><a class="button primary" href=href>{text::LESSON_OPEN_RESUME}</a></p>
        }
    })
}

#[component]
pub fn LessonEndPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("module").unwrap_or_default(),
                p.get("lesson").unwrap_or_default(),
            )
        },
        |(module, lesson)| get_lesson_end(module, lesson),
    );
    loaded(data, |e: LessonEnd| {
        view! {
            <Title text=format!("{} — {}", text::LESSON_END_TITLE, e.lesson_title)/>
            <h1>{text::LESSON_END_TITLE}</h1>
            <p class="lead">{format!("{} « {} ».", text::LESSON_END_DONE, e.lesson_title)}</p>
            {(!e.learned.is_empty()).then(|| view! {
                <section aria-labelledby="appris">
                    <h2 id="appris">{text::LESSON_END_LEARNED}</h2>
                    <ul>{e.learned.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!e.signed_in).then(|| view! {
                <p class="message notice">
                    {format!("{} ", text::NOT_SIGNED_IN_NOTICE)} <a href="/connexion">{text::NAV_SIGN_IN}</a>
                </p>
            })}
            <div class="actions">
                {match e.next {
                    Some(next) => view! {
                        <a class="button primary" href=next.href>
                            {format!("{} : {}", text::LESSON_END_NEXT, next.title)}
                        </a>
                    }.into_any(),
                    None => view! { <p>{text::LESSON_END_MODULE_DONE}</p> }.into_any(),
                }}
                <a class="button" href=format!("/modules/{}", e.module_slug)>
                    {format!("{} : {}", text::BACK_TO_MODULE, e.module_title)}
                </a>
                <a class="button" href="/modules">{text::LESSON_END_BACK}</a>
            </div>
        }
    })
}
