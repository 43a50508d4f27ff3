//! `/benevole/apprenants`: every learner of the structure; `/benevole/apprenants/nouveau`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use crate::api::volunteer::{CreateLearner, get_structure_learners, new_learner_form};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::LearnerListItem;
use crate::text;

#[component]
pub fn LearnersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_structure_learners());
    let moved = use_query_map().read_untracked().get("fait").as_deref() == Some("demenage");
    loaded(data, move |learners: Vec<LearnerListItem>| {
        view! {
            <Title text=text::LEARNERS_TITLE/>
            <VolunteerNav/>
            <h1>{text::LEARNERS_TITLE}</h1>
            {moved.then(|| view! { <p class="message success" role="status">{text::moves::DONE}</p> })}
            <p><a class="button" href="/benevole/apprenants/nouveau">{text::DASHBOARD_ADD}</a></p>
            <ul class="card-list">
                {learners.into_iter().map(|l| view! {
                    <li class="card">
                        <h2><a href=format!("/benevole/apprenants/{}", l.id)>{l.first_name}</a></h2>
                        <p class="meta">
                            {format!("{} : ", text::DASHBOARD_CODE)}<span class="code">{l.code}</span>
                            {l.referent.map(|r| format!(" · {} {r}", text::LEARNERS_REFERENT))}
                            {format!(" · {} : {}", text::DASHBOARD_LAST_ACTIVE, l.last_active.map_or_else(|| text::DASHBOARD_NEVER.to_string(), text::dates::ago))}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn NewLearnerPage() -> impl IntoView {
    let bad = use_query_map().read_untracked().get("erreur").is_some();
    // The form's one-time token: sent twice, it creates one learner. Refused (the whole
    // page) to an account that cannot add learners.
    let token = Resource::new(|| (), |_| new_learner_form());
    loaded(token, move |once: String| {
        view! {
            <Title text=text::title_with_error(text::NEW_LEARNER_TITLE, bad)/>
            <VolunteerNav/>
            <h1>{text::NEW_LEARNER_TITLE}</h1>
            <p class="lead">{text::NEW_LEARNER_INTRO}</p>
            <SubmitOnce>
                <form class="form" method="post" action=CreateLearner::url()>
                    <input type="hidden" name="once" value=once/>
                    <div class="field">
                        <label for="first_name">{text::NEW_LEARNER_NAME}</label>
                        {bad.then(|| view! {
                            <p class="message error-message" id="prenom-erreur" role="alert">{text::NEW_LEARNER_BAD_NAME}</p>
                        })}
                        <input id="first_name" name="first_name" type="text" required maxlength="60"
                            autocomplete="off" aria-describedby=bad.then_some("prenom-erreur")
                            aria-invalid=bad.then_some("true")/>
                    </div>
                    <button type="submit" class="button primary">{text::NEW_LEARNER_SUBMIT}</button>
                </form>
            </SubmitOnce>
        }
    })
}
