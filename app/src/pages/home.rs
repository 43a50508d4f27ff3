use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learning::get_home;
use crate::components::load::loaded;
use crate::components::outcomes::{FollowUpInvitation, follow_up_invitation};
use crate::model::{AssignedLesson, HomeView, LessonStatus, ResumeItem};
use crate::text::{self, plural};
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    let wave = follow_up_invitation();
    let deleted = use_query_map().read_untracked().get("compte").as_deref() == Some("supprime");
    loaded(data, move |home: HomeView| {
        match home.first_name {
        None => view! {
            <Title text=""/>
            {deleted.then(|| view! { <p class="message success" role="status">{text::HOME_ACCOUNT_DELETED}</p> })}
            <h1>{text::HOME_TITLE}</h1>
            <p class="lead">{text::HOME_INTRO}</p>
            <div class="actions">
                <a class="button primary" href="/connexion">{text::HOME_HAVE_CODE}</a>
                <a class="button" href="/modules">{text::HOME_SEE_LESSONS}</a>
            </div>
            <p class="aside-note">
                {format!("{} ", text::HOME_VOLUNTEER)}
                <a href="/benevole/connexion">{text::STAFF_SIGN_IN_TITLE}</a>
            </p>
        }
        .into_any(),
        Some(first_name) => view! {
            <Title text=""/>
            <h1>{format!("{} {first_name}", text::HOME_HELLO)}</h1>
            {home.volunteer.as_deref().map(|name| view! {
                <p class="lead">{text::your_volunteer(name, home.volunteer_since.as_deref().map(text::dates::iso_date_fr).as_deref())}</p>
            })}
            {home.moved_to.as_deref().map(|name| view! {
                <p class="lead">{text::moves::will_call(name)}</p>
            })}
            <FollowUpInvitation wave/>
            {home.resume.map(|r| view! {
                <section class="card resume" aria-labelledby="reprendre">
                    <h2 id="reprendre">
                        {format!("{} : {}, {}", text::HOME_RESUME, r.lesson_title, plural::step_number(r.step_number))}
                    </h2>
                    <p>{r.module_title.clone()}</p>
                    <a class="button primary" href=r.href.clone()>{text::HOME_RESUME}</a>
                </section>
            })}
            {(!home.replies.is_empty()).then(|| view! {
                <section aria-labelledby="reponses">
                    <h2 id="reponses">{text::HOME_REPLIES}</h2>
                    <ul class="card-list">
                        {home.replies.into_iter().map(|r| view! {
                            <li class="card reply">
                                <p class="meta">{format!("{} — {}", r.by.unwrap_or_default(), text::learning::step_place(&r.place))}</p>
                                <p>{r.reply}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!home.assigned.is_empty()).then(|| view! {
                <section aria-labelledby="conseillees">
                    <h2 id="conseillees">{text::HOME_ADVISED_TITLE}</h2>
                    <ul class="card-list">
                        {home.assigned.into_iter().map(|a| view! { <li><AdvisedLesson item=a/></li> }).collect_view()}
                    </ul>
                </section>
            })}
            {(!home.next.is_empty()).then(|| view! {
                <section aria-labelledby="prochaines">
                    <h2 id="prochaines">{text::HOME_NEXT_LESSONS}</h2>
                    <ul class="card-list">
                        {home.next.into_iter().map(|r| view! { <li><NextLesson item=r/></li> }).collect_view()}
                    </ul>
                </section>
            })}
            <div class="actions">
                <a class="button" href="/modules">{text::HOME_SEE_LESSONS}</a>
                <a class="button" href="/carnet">{text::NAV_BOOKLET}</a>
            </div>
        }
        .into_any(),
    }
    })
}

#[component]
fn AdvisedLesson(item: AssignedLesson) -> impl IntoView {
    let label = match item.status {
        LessonStatus::InProgress { .. } => text::LESSON_OPEN_RESUME,
        _ => text::HOME_START,
    };
    view! {
        <div class="card advised">
            {item.by.map(|by| view! { <p class="badge">{format!("{} {by}", text::HOME_ADVISED)}</p> })}
            <h3>{item.lesson_title.clone()}</h3>
            <p>{item.module_title}</p>
            <a class="button primary" href=item.href>
                {label}<span class="visually-hidden">{format!(" : {}", item.lesson_title)}</span>
            </a>
        </div>
    }
}

#[component]
fn NextLesson(item: ResumeItem) -> impl IntoView {
    let label = if item.step_number > 1 {
        text::LESSON_OPEN_RESUME
    } else {
        text::HOME_START
    };
    view! {
        <div class="card">
            <h3>{item.lesson_title}</h3>
            <p>{item.module_title}</p>
            <a class="button" href=item.href>{label}</a>
        </div>
    }
}
