//! `/benevole/apprenants/{id}`: everything about one learner: progress step by step with
//! answers, advised lessons, help requests, sessions with notes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use super::dashboard::{HelpRequestCard, help_notice};
use crate::api::volunteer::{DeleteLearner, UnassignLesson, get_learner};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::model::{LearnerDetail, LessonStatus};
use crate::text::{self, plural};

#[component]
pub fn LearnerPage() -> impl IntoView {
    let route = RouteParams::current();
    let data = Resource::new(move || route.id(), get_learner);
    let notice = help_notice();
    let need_confirm =
        use_query_map().read_untracked().get("erreur").as_deref() == Some("confirmer");
    loaded(data, move |l: LearnerDetail| {
        let back = format!("/benevole/apprenants/{}", l.id);
        view! {
            <Title text=text::title_with_error(&l.first_name, need_confirm)/>
            <VolunteerNav/>
            <h1>{l.first_name.clone()}</h1>
            {notice.clone().map(|(ok, m)| view! {
                <p class=if ok { "message success" } else { "message notice" } role="status">{m}</p>
            })}
            <p class="meta">
                {format!("{} : ", text::DASHBOARD_CODE)}<span class="code">{l.code.clone()}</span>
                {l.referent.clone().map(|r| format!(" · {} {r}", text::LEARNERS_REFERENT))}
                {format!(" · {} : {}", text::DASHBOARD_LAST_ACTIVE, l.last_active.map_or_else(|| text::DASHBOARD_NEVER.to_string(), text::dates::ago))}
            </p>
            <div class="actions">
                <a class="button primary" href=format!("{back}/seance")>{text::DASHBOARD_LOG}</a>
                <a class="button" href=format!("{back}/carte")>{text::LEARNER_CARD}</a>
                <a class="button" href=crate::paths::learner_diagnostic(l.id)>{text::diagnostic::LINK}</a>
                <a class="button" href=crate::paths::book_for(l.id)>{text::agenda::BOOK_APPOINTMENT}</a>
                {l.can_move.then(|| view! {
                    <a class="button" href=crate::paths::learner_move(l.id)>{text::moves::LINK}</a>
                })}
            </div>

            {(!l.help_requests.is_empty()).then(|| view! {
                <section aria-labelledby="demandes">
                    <h2 id="demandes">{text::DASHBOARD_HELP_TITLE}</h2>
                    <ul class="card-list">
                        {l.help_requests.into_iter().rev().map(|r| view! {
                            <li><HelpRequestCard request=r back=back.clone()/></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section aria-labelledby="conseils-titre" id="conseils">
                <h2 id="conseils-titre">{text::DASHBOARD_ADVISED}</h2>
                {if l.assigned.is_empty() {
                    view! { <p>{text::BOOKLET_NOTHING_YET}</p> }.into_any()
                } else {
                    let learner_id = l.id;
                    view! {
                        <ul class="compact-list">
                            {l.assigned.into_iter().map(|a| {
                                let state = match a.status {
                                    LessonStatus::Done => text::LESSON_DONE,
                                    LessonStatus::InProgress { .. } => text::LESSON_IN_PROGRESS,
                                    LessonStatus::NotStarted => text::LESSON_NOT_STARTED,
                                };
                                view! {
                                    <li>
                                        {format!("{} — {} — {state}", a.module_title, a.lesson_title)}
                                        {a.by.map(|b| format!(" ({} {b})", text::HOME_ADVISED))}
                                        <form class="inline-form" method="post" action=UnassignLesson::url()>
                                            <input type="hidden" name="learner" value=learner_id.to_string()/>
                                            <input type="hidden" name="module" value=a.module.clone()/>
                                            <input type="hidden" name="lesson" value=a.lesson.clone()/>
                                            " "
                                            <button type="submit" class="button link-button">
                                                {text::LEARNER_REMOVE_ADVICE}
                                                <span class="visually-hidden">{format!(" : {}", a.lesson_title)}</span>
                                            </button>
                                        </form>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            {(!l.competences.is_empty()).then(|| view! {
                <section aria-labelledby="competences">
                    <h2 id="competences">{text::competences::VOLUNTEER_WORKED}</h2>
                    <ul class="compact-list competences">
                        {l.competences.iter().map(|c| view! {
                            <li>{text::competences::label(*c)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!l.modules_done.is_empty() || !l.confidence.is_empty()).then(|| view! {
                <section aria-labelledby="bilan">
                    <h2 id="bilan">{text::DASHBOARD_CONFIDENCE}</h2>
                    {(!l.modules_done.is_empty()).then(|| view! {
                        <p>{format!("{} : {}", text::DASHBOARD_MODULES_DONE, l.modules_done.join(", "))}</p>
                    })}
                    <ul class="compact-list">
                        {l.confidence.into_iter().map(|c| view! {
                            <li>{format!(
                                "{} {}",
                                c.question,
                                text::learning::confidence_start_end(c.start, c.end)
                            )}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section aria-labelledby="progression">
                <h2 id="progression">{text::LEARNER_PROGRESS}</h2>
                {if l.lessons.is_empty() {
                    view! { <p>{text::DASHBOARD_NO_PROGRESS}</p> }.into_any()
                } else {
                    view! {
                        {l.lessons.into_iter().map(|lesson| view! {
                            <details class="lesson-detail">
                                <summary>
                                    {format!("{} — {} : {}", lesson.module_title, lesson.lesson_title, plural::steps_done(lesson.done, lesson.total))}
                                </summary>
                                <ol class="steps-detail">
                                    {lesson.steps.into_iter().map(|s| {
                                        let state = if s.done { text::LEARNER_STEP_DONE } else if s.seen { text::LEARNER_STEP_SEEN } else { text::LEARNER_STEP_NOT_YET };
                                        view! {
                                            <li>
                                                {format!("{} — {state}", s.title)}
                                                {s.minutes.map(|m| format!(" ({m} min)"))}
                                                {(!s.answers.is_empty()).then(|| view! {
                                                    <ul class="compact-list">
                                                        {s.answers.into_iter().map(|a| view! {
                                                            <li class=if a.correct { "answer-right" } else { "answer-wrong" }>
                                                                {format!(
                                                                    "{} → {} : {} ({})",
                                                                    a.question, a.chosen,
                                                                    if a.correct { text::LEARNER_ANSWER_RIGHT } else { text::LEARNER_ANSWER_WRONG },
                                                                    a.when
                                                                )}
                                                            </li>
                                                        }).collect_view()}
                                                    </ul>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            </details>
                        }).collect_view()}
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="seances">
                <h2 id="seances">{text::LEARNER_SESSIONS}</h2>
                {match l.notes_consent {
                    Some(false) => Some(view! { <p class="message notice">{text::LEARNER_NOTES_REFUSED}</p> }),
                    None => Some(view! { <p class="message notice">{text::LEARNER_NOTES_UNKNOWN}</p> }),
                    Some(true) => None,
                }}
                {if l.visits.is_empty() {
                    view! { <p>{text::LEARNER_NO_SESSION}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {l.visits.into_iter().map(|v| view! {
                                <li class="card">
                                    <h3>{format!("{} — {}", v.date, v.kind)}</h3>
                                    <p class="meta">
                                        {format!("{} {}", v.minutes, text::VISIT_MINUTES_SHORT)}
                                        {(!v.place.is_empty()).then(|| format!(" · {}", v.place))}
                                        {v.by.map(|b| format!(" · {b}"))}
                                        {(v.others > 0).then(|| text::visit_others(v.others))}
                                    </p>
                                    {(!v.themes.is_empty()).then(|| view! { <p>{v.themes}</p> })}
                                    {(!v.topics.is_empty()).then(|| view! { <p>{v.topics}</p> })}
                                    {v.note.map(|n| view! { <blockquote class="note">{n}</blockquote> })}
                                    <p><a href=format!("/benevole/seances/{}/fiche/{}", v.id, l.id)>{format!("{} {}", text::VISIT_HAND_OFF, text::of_name(&l.first_name))}</a></p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="donnees" id="supprimer">
                <h2 id="donnees">{text::LEARNER_DATA}</h2>
                <p><a href=crate::paths::learner_profile(l.id)>{text::sessions::PROFILE_LINK}</a></p>
                <p><a href=crate::paths::learner_follow_up(l.id)>{text::outcomes::STAFF_LINK}</a></p>
                <div class="actions">
                    <a class="button" href=format!("{back}/donnees.json") download="">{text::MY_DATA_JSON}</a>
                    <a class="button" href=format!("{back}/donnees.csv") download="">{text::MY_DATA_CSV}</a>
                </div>
                <h3>{text::LEARNER_DELETE}</h3>
                <p>{text::LEARNER_DELETE_WARNING}</p>
                {need_confirm.then(|| view! {
                    <p class="message error-message" role="alert" id="supprimer-erreur">{text::LEARNER_DELETE_NEED_CONFIRM}</p>
                })}
                <form class="form" method="post" action=DeleteLearner::url()>
                    <input type="hidden" name="id" value=l.id.to_string()/>
                    <div class="choice">
                        <input type="checkbox" name="confirm" value="oui" id="confirmer"
                            aria-describedby=need_confirm.then_some("supprimer-erreur")
                            aria-invalid=need_confirm.then_some("true")/>
                        <label for="confirmer">{text::LEARNER_DELETE_CONFIRM}</label>
                    </div>
                    <p><button type="submit" class="button danger">{text::LEARNER_DELETE}</button></p>
                </form>
            </section>
        }
    })
}
