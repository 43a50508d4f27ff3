//! `/benevole`: the volunteer's learners, who needs attention first, and open help requests.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use crate::api::volunteer::{HandleHelpRequest, get_dashboard};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{
    AssignedLesson, Attention, Dashboard, DashboardLearner, HelpRequestView, LessonStatus,
};
use crate::text::{self, plural};

/// The notice after a help request was handled, from the query string.
pub fn help_notice() -> Option<(bool, String)> {
    let q = use_query_map().read_untracked();
    match q.get("aide").as_deref() {
        Some("traitee") => Some((true, text::HELP_DONE.to_string())),
        Some("deja") => Some((
            false,
            format!(
                "{} {}.",
                text::HELP_ALREADY,
                q.get("par").unwrap_or_default()
            ),
        )),
        _ => None,
    }
}

#[component]
pub fn HelpRequestCard(request: HelpRequestView, back: String) -> impl IntoView {
    let reply_id = format!("reponse-{}", request.id);
    view! {
        <div class="card help-request">
            <p>
                <strong>{request.learner_name.clone()}</strong>
                {format!(" — {} — ", text::dates::ago(request.when))}
                <a href=request.href.clone()>{text::learning::step_place(&request.place)}</a>
            </p>
            {request.message.clone().map(|m| view! { <blockquote class="learner-words">{m}</blockquote> })}
            {if request.handled {
                view! {
                    <p class="meta">
                        {text::HELP_HANDLED}
                        {request.reply.clone().map(|r| format!(" — « {r} »"))}
                    </p>
                }.into_any()
            } else {
                view! {
                    <SubmitOnce>
                        <form method="post" action=HandleHelpRequest::url()>
                            <input type="hidden" name="id" value=request.id.to_string()/>
                            <input type="hidden" name="back" value=back.clone()/>
                            <div class="field">
                                <label for=reply_id.clone()>{text::HELP_REPLY_LABEL}</label>
                                <textarea id=reply_id name="reply" rows="2" maxlength="1000"></textarea>
                            </div>
                            <button type="submit" class="button">
                                {text::HELP_MARK_DONE}
                                <span class="visually-hidden">{format!(" : {}", request.learner_name)}</span>
                            </button>
                        </form>
                    </SubmitOnce>
                }.into_any()
            }}
        </div>
    }
}

pub fn advised_list(items: Vec<AssignedLesson>) -> impl IntoView {
    view! {
        <ul class="compact-list">
            {items.into_iter().map(|a| {
                let state = match a.status {
                    LessonStatus::Done => text::LESSON_DONE.to_string(),
                    LessonStatus::InProgress { done } => format!("{} ({})", text::LESSON_IN_PROGRESS, plural::count(done, plural::STEPS)),
                    LessonStatus::NotStarted => text::LESSON_NOT_STARTED.to_string(),
                };
                view! { <li>{format!("{} — {state}", a.lesson_title)}</li> }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_dashboard());
    let notice = help_notice();
    let q = use_query_map().read_untracked();
    let deleted = q.get("supprime").is_some();
    let welcome = q.get("bienvenue").is_some();
    loaded(data, move |d: Dashboard| {
        view! {
            <Title text=text::DASHBOARD_TITLE/>
            <VolunteerNav coordinator=d.is_coordinator/>
            <h1>{text::DASHBOARD_TITLE}</h1>
            {welcome.then(|| view! { <p class="message success" role="status">{text::DASHBOARD_WELCOME_STAFF}</p> })}
            {deleted.then(|| view! { <p class="message success" role="status">{text::DASHBOARD_DELETED}</p> })}
            {notice.clone().map(|(ok, m)| view! {
                <p class=if ok { "message success" } else { "message notice" } role="status">{m}</p>
            })}
            <section aria-labelledby="demandes">
                <h2 id="demandes">{text::DASHBOARD_HELP_TITLE}</h2>
                {if d.help_requests.is_empty() {
                    view! { <p>{text::DASHBOARD_HELP_NONE}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {d.help_requests.into_iter().map(|r| view! {
                                <li><HelpRequestCard request=r back="/benevole".to_string()/></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="apprenants">
                <h2 id="apprenants">{text::DASHBOARD_TITLE}</h2>
                <p><a class="button" href="/benevole/apprenants/nouveau">{text::DASHBOARD_ADD}</a></p>
                {if d.learners.is_empty() {
                    view! { <p>{text::DASHBOARD_EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {d.learners.into_iter().map(|l| view! { <li><LearnerCard learner=l/></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    })
}

#[component]
fn LearnerCard(learner: DashboardLearner) -> impl IntoView {
    let heading = format!("apprenant-{}", learner.id);
    let labelled_by = heading.clone();
    let attention = match &learner.attention {
        Attention::HelpRequested(n) => Some(view! {
            <p class="badge badge-help">{format!("{} ({n})", text::DASHBOARD_NEEDS_HELP)}</p>
        }.into_any()),
        Attention::Stuck(reasons) => Some(view! {
            <div class="badge-block">
                <p class="badge badge-stuck">{text::DASHBOARD_STUCK}</p>
                <ul class="compact-list">{reasons.iter().map(|r| view! { <li>{text::staff::stuck_reason(r)}</li> }).collect_view()}</ul>
            </div>
        }.into_any()),
        Attention::None => None,
    };
    view! {
        <section class="card learner" aria-labelledby=labelled_by>
            <h3 id=heading>{learner.first_name.clone()}</h3>
            {attention}
            <p class="meta">
                {format!("{} : ", text::DASHBOARD_CODE)}
                <span class="code">{learner.code}</span>
                {format!(
                    " · {} : {}",
                    text::DASHBOARD_LAST_ACTIVE,
                    learner.last_active.map_or_else(|| text::DASHBOARD_NEVER.to_string(), text::dates::ago)
                )}
            </p>
            {(!learner.assigned.is_empty()).then(|| view! {
                <h4>{text::DASHBOARD_ADVISED}</h4>
                {advised_list(learner.assigned)}
            })}
            {(!learner.modules_done.is_empty()).then(|| view! {
                <p>{format!("{} : {}", text::DASHBOARD_MODULES_DONE, learner.modules_done.join(", "))}</p>
            })}
            {(!learner.confidence.is_empty()).then(|| view! {
                <h4>{text::DASHBOARD_CONFIDENCE}</h4>
                <ul class="compact-list">
                    {learner.confidence.into_iter().map(|c| view! {
                        <li>{format!(
                            "{} — {}",
                            c.module_title,
                            text::learning::confidence_start_end(c.start, c.end)
                        )}</li>
                    }).collect_view()}
                </ul>
            })}
            {if learner.lessons.is_empty() {
                view! { <p>{text::DASHBOARD_NO_PROGRESS}</p> }.into_any()
            } else {
                view! {
                    <h4>{text::DASHBOARD_STARTED}</h4>
                    <ul class="progress-list">
                        {learner.lessons.into_iter().map(|row| {
                            view! {
                                <li>
                                    <span class="lesson-name">{format!("{} — {}", row.module_title, row.lesson_title)}</span>
                                    {format!(" : {}", plural::steps_done(row.done, row.total))}
                                    <progress max=row.total.to_string() value=row.done.to_string() aria-hidden="true"></progress>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <div class="actions">
                <a class="button" href=format!("/benevole/apprenants/{}", learner.id)>
                    {text::DASHBOARD_SEE}<span class="visually-hidden">{format!(" : {}", learner.first_name)}</span>
                </a>
                <a class="button" href=format!("/benevole/apprenants/{}/seance", learner.id)>
                    {text::DASHBOARD_LOG}<span class="visually-hidden">{format!(" : {}", learner.first_name)}</span>
                </a>
            </div>
        </section>
    }
}
