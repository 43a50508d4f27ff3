//! The follow-up questionnaire: the learner's own (`/suivi`), and the one a volunteer fills
//! in with a learner at a visit or on the phone (`/benevole/apprenants/{id}/suivi`). Plain
//! POST forms; a refused send comes back with what was chosen and typed.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::outcomes::{
    SaveFollowUp, SaveLearnerFollowUp, get_follow_up, get_learner_follow_up,
};
use crate::components::load::loaded;
use crate::components::outcomes::questions;
use crate::components::owner::OwnerField;
use crate::components::route::RouteParams;
use crate::model::{AnsweredHow, FollowUpForm, FollowUpQuery, FollowUpQuestion};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, outcomes as words};

/// What the address brings back (see `api::outcomes`).
fn query() -> Memo<FollowUpQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        FollowUpQuery {
            saved: q.get("merci").is_some(),
            postponed: q.get("plus_tard").is_some(),
            refused: q.get("erreur"),
            replies: FollowUpQuestion::ALL
                .iter()
                .map(|x| q.get(x.code()).unwrap_or_default())
                .collect(),
            what_changed: q.get("changement").unwrap_or_default(),
            how: q.get("comment").unwrap_or_default(),
        }
    })
}

fn refused(f: &FollowUpForm) -> Option<AnyView> {
    f.refused.map(|r| {
        view! { <p class="message error-message" role="alert">{words::refused(r)}</p> }.into_any()
    })
}

/// `/suivi`: the learner answers the questionnaire due, or "Pas maintenant".
#[component]
pub fn FollowUpPage() -> impl IntoView {
    let query = query();
    let data = Resource::new(move || query.get(), get_follow_up);
    loaded(data, |f: FollowUpForm| {
        view! {
            <Title text=words::TITLE/>
            <h1>{words::TITLE}</h1>
            {learner_body(f)}
        }
    })
}

fn learner_body(f: FollowUpForm) -> AnyView {
    if f.saved || f.postponed {
        let said = if f.saved {
            words::THANKS
        } else {
            words::POSTPONED
        };
        return view! {
            <p class="message success" role="status">{said}</p>
            <p><a class="button primary" href=paths::HOME>{words::BACK_HOME}</a></p>
        }
        .into_any();
    }
    let Some(wave) = f.wave else {
        return view! {
            <p>{words::NOTHING_DUE}</p>
            <p><a class="button primary" href=paths::HOME>{words::BACK_HOME}</a></p>
        }
        .into_any();
    };
    view! {
        {refused(&f)}
        <p class="lead">{words::INTRO}</p>
        <form class="form follow-up" method="post" action=SaveFollowUp::url()>
            <input type="hidden" name="wave" value=wave.code()/>
            <OwnerField/>
            {questions(&f.replies, &f.what_changed)}
            <div class="actions">
                <button type="submit" class="button primary">{words::SEND}</button>
                <button type="submit" class="button" name="plus_tard" value="1">{words::LATER}</button>
            </div>
            <p class="hint">{words::LATER_HINT}</p>
        </form>
    }
    .into_any()
}

/// `/benevole/apprenants/{id}/suivi`: a volunteer takes the learner's answers.
#[component]
pub fn LearnerFollowUpPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = query();
    let data = Resource::new(
        move || (route.id(), query.get()),
        |(id, q)| get_learner_follow_up(id, q),
    );
    loaded(data, |f: FollowUpForm| {
        let heading = format!("{} — {}", words::STAFF_TITLE, f.first_name);
        view! {
            <Title text=heading.clone()/>
            <VolunteerNav/>
            <h1>{heading}</h1>
            {f.saved.then(|| view! { <p class="message success" role="status">{words::STAFF_SAVED}</p> })}
            {staff_answered(&f)}
            {staff_form(f.clone())}
            <p><a href=paths::learner(f.learner_id)>{text::DASHBOARD_SEE}</a></p>
        }
    })
}

fn staff_answered(f: &FollowUpForm) -> Option<AnyView> {
    (!f.answered.is_empty()).then(|| {
        view! {
            <p>{words::STAFF_ANSWERED}</p>
            <ul>
                {f.answered.iter().map(|(w, h)| view! { <li>{words::answered(*w, *h)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    })
}

fn staff_form(f: FollowUpForm) -> AnyView {
    let Some(wave) = f.wave else {
        return view! { <p>{words::STAFF_NOTHING_DUE}</p> }.into_any();
    };
    view! {
        {refused(&f)}
        <h2>{words::due(wave)}</h2>
        <p class="hint">{words::STAFF_INTRO}</p>
        <form class="form follow-up" method="post" action=SaveLearnerFollowUp::url()>
            <input type="hidden" name="id" value=f.learner_id.to_string()/>
            <input type="hidden" name="wave" value=wave.code()/>
            <fieldset>
                <legend>{words::STAFF_HOW}</legend>
                <div class="choices">
                    {[AnsweredHow::Visit, AnsweredHow::Phone].into_iter().map(|h| {
                        let id = format!("comment-{}", h.code());
                        view! {
                            <div class="choice">
                                <input type="radio" name="comment" value=h.code() id=id.clone() checked=f.how == Some(h)/>
                                <label for=id>{words::how(h)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {questions(&f.replies, &f.what_changed)}
            <button type="submit" class="button primary">{words::STAFF_SAVE}</button>
        </form>
    }
    .into_any()
}
