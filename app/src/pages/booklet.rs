//! `/carnet`: what the learner has done, in large type; printable.

use crate::components::print::PrintButton;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::get_booklet;
use crate::components::load::loaded;
use crate::model::{AssignedLesson, Booklet, DatedItem, LessonStatus};
use crate::text::{self, plural};

fn dated(items: Vec<DatedItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p>{text::BOOKLET_NOTHING_YET}</p> }.into_any();
    }
    view! {
        <ul class="booklet-list">
            {items.into_iter().map(|i| view! {
                <li>
                    <strong>{i.title}</strong>
                    {(!i.detail.is_empty()).then(|| format!(" — {}", i.detail))}
                    <span class="meta">{format!(" — {}", i.date)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn status(a: &AssignedLesson) -> &'static str {
    match a.status {
        LessonStatus::Done => text::LESSON_DONE,
        LessonStatus::InProgress { .. } => text::LESSON_IN_PROGRESS,
        LessonStatus::NotStarted => text::LESSON_NOT_STARTED,
    }
}

#[component]
pub fn BookletPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_booklet());
    loaded(data, |b: Booklet| {
        view! {
            <Title text=text::BOOKLET_TITLE/>
            <div class="booklet">
                <h1>{format!("{} — {}", text::BOOKLET_TITLE, b.first_name)}</h1>
                <PrintButton label=text::BOOKLET_PRINT_BUTTON/>
                {crate::pages::visit::next_on_sheet(b.next.clone(), b.recontact.clone())}
                <section aria-labelledby="carnet-themes">
                    <h2 id="carnet-themes">{text::BOOKLET_MODULES_DONE}</h2>
                    {dated(b.modules_done)}
                </section>
                <section aria-labelledby="carnet-competences">
                    <h2 id="carnet-competences">{text::competences::BOOKLET_HEADING}</h2>
                    {if b.competences.is_empty() {
                        view! { <p>{text::competences::BOOKLET_NONE_YET}</p> }.into_any()
                    } else {
                        view! {
                            <p>{text::competences::BOOKLET_WORKED}</p>
                            <ul class="booklet-list competences">
                                {b.competences.into_iter().map(|c| view! {
                                    <li>{text::competences::label(c)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="carnet-lecons">
                    <h2 id="carnet-lecons">{text::BOOKLET_LESSONS_DONE}</h2>
                    {dated(b.lessons_done)}
                </section>
                <section aria-labelledby="carnet-en-cours">
                    <h2 id="carnet-en-cours">{text::BOOKLET_IN_PROGRESS}</h2>
                    {if b.in_progress.is_empty() {
                        view! { <p>{text::BOOKLET_NOTHING_YET}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="booklet-list">
                                {b.in_progress.into_iter().map(|r| view! {
                                    <li>
                                        <a href=r.href>{r.lesson_title}</a>
                                        {format!(" — {}", plural::step_of(r.step_number, r.step_count))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="carnet-conseils">
                    <h2 id="carnet-conseils">{text::BOOKLET_RECOMMENDED}</h2>
                    {if b.recommended.is_empty() {
                        view! { <p>{text::BOOKLET_NOTHING_YET}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="booklet-list">
                                {b.recommended.into_iter().map(|a| {
                                    let s = status(&a);
                                    view! {
                                        <li>
                                            <a href=a.href.clone()>{a.lesson_title.clone()}</a>
                                            {format!(" — {}", a.module_title)}
                                            {a.by.map(|by| format!(" — {} {by}", text::HOME_ADVISED))}
                                            <strong>{format!(" — {s}")}</strong>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="carnet-confiance">
                    <h2 id="carnet-confiance">{text::BOOKLET_CONFIDENCE}</h2>
                    {if b.confidence.is_empty() {
                        view! { <p>{text::BOOKLET_NOTHING_YET}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="booklet-list">
                                {b.confidence.into_iter().map(|c| view! {
                                    <li>
                                        <strong>{c.question}</strong>
                                        {c.start.map(|s| view! { <br/>{format!("{} : {}", text::BOOKLET_START, text::learning::confidence_level(s))} })}
                                        {c.end.map(|e| view! { <br/>{format!("{} : {}", text::BOOKLET_END, text::learning::confidence_level(e))} })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            </div>
        }
    })
}
