//! "Mes séances" (`/benevole/seances`): a volunteer's sessions with filters (period, type,
//! learner), each to correct or delete; and a learner's optional attributes for statistics
//! (`/benevole/apprenants/{id}/profil`). Forms are plain GET and POST forms.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{SaveLearnerProfile, get_learner_profile, get_sessions};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::model::{
    AgeBand, Gender, LearnerProfile, LearnerProfileTyped, SessionLine, SessionType, SessionsView,
    SocialStatus,
};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, sessions as words};

#[component]
pub fn SessionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("du"),
                q.get("au"),
                q.get("type"),
                q.get("apprenant"),
                q.get("tous"),
                q.get("supprimee"),
                q.get("corrigee"),
            )
        },
        |(from, to, session_type, learner, all, deleted, corrected)| {
            get_sessions(from, to, session_type, learner, all, deleted, corrected)
        },
    );
    let corrected_id = query
        .read_untracked()
        .get("corrigee")
        .and_then(|id| id.parse::<i32>().ok());
    loaded(data, move |v: SessionsView| {
        let title = if v.filter.all {
            words::LIST_ALL_TITLE
        } else {
            words::LIST_TITLE
        };
        view! {
            <Title text=title/>
            <VolunteerNav coordinator=v.coordinator/>
            <h1>{title}</h1>
            {v.deleted.then(|| view! { <p class="message success" role="status">{words::LIST_DELETED}</p> })}
            {v.corrected.then(|| view! {
                <p class="message success" role="status">
                    {words::CORRECTED}
                    {corrected_id.map(|id| view! { " "<a href=paths::visit(id)>{words::SEE_NEXT_VISITS}</a> })}
                </p>
            })}
            {filters(&v)}
            {csv_link(&v)}
            {lines(&v)}
        }
    })
}

fn filters(v: &SessionsView) -> AnyView {
    let f = &v.filter;
    view! {
        <form class="form filters" method="get" action=paths::SESSIONS>
            {v.bad_filter.then(|| view! { <p class="message error-message" role="alert">{words::LIST_BAD_FILTER}</p> })}
            <div class="field">
                <label for="du">{words::LIST_FROM}</label>
                <input type="date" id="du" name="du" value=f.from.clone()/>
            </div>
            <div class="field">
                <label for="au">{words::LIST_TO}</label>
                <input type="date" id="au" name="au" value=f.to.clone()/>
            </div>
            <div class="field">
                <label for="type">{words::TYPE}</label>
                <select id="type" name="type">
                    <option value="" selected=f.session_type.is_empty()>{words::LIST_ALL_TYPES}</option>
                    {SessionType::ALL.iter().map(|t| view! {
                        <option value=t.code() selected=f.session_type == t.code()>{words::session_type(*t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="apprenant">{words::LIST_LEARNER}</label>
                <select id="apprenant" name="apprenant">
                    <option value="" selected=f.learner.is_empty()>{words::LIST_ALL_LEARNERS}</option>
                    {v.learners.iter().map(|(id, name)| {
                        let value = id.to_string();
                        view! { <option value=value.clone() selected=f.learner == value>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {v.coordinator.then(|| view! {
                <div class="choice">
                    <input type="checkbox" id="tous" name="tous" value="1" checked=f.all/>
                    <label for="tous">{words::LIST_ALL}</label>
                </div>
            })}
            <button type="submit" class="button">{words::LIST_FILTER}</button>
        </form>
    }
    .into_any()
}

/// The sessions of the period typed (the last twelve months without one) as a CSV or XLSX file: a
/// coordinator's whole structure's, a volunteer's own.
fn csv_link(v: &SessionsView) -> AnyView {
    let period = |path: &str| {
        format!(
            "{path}?du={}&au={}",
            url_value(&v.filter.from),
            url_value(&v.filter.to)
        )
    };
    view! {
        <ul class="downloads no-print">
            <li><a href=period(paths::SESSIONS_CSV)>{text::stats::CSV_LINK}</a></li>
            <li><a href=period(paths::SESSIONS_XLSX)>{text::stats::XLSX_LINK}</a></li>
        </ul>
    }
    .into_any()
}

/// A date typed in the filter, kept only if it looks like one (digits and dashes).
fn url_value(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect()
}

fn line(l: &SessionLine) -> AnyView {
    let who = {
        let mut who = l.learners.join(", ");
        if l.anonymous > 0 {
            if !who.is_empty() {
                who.push_str(", ");
            }
            who.push_str(&words::anonymous(l.anonymous));
        }
        who
    };
    let id = l.id;
    view! {
        <li class="card">
            <h2>{format!("{} — {}", l.date, words::type_and_place(l.session_type, l.place_type))}</h2>
            {l.workshop_title.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
            <p>{format!("{} {} — {}", l.minutes, text::VISIT_MINUTES_SHORT, who)}</p>
            {(!l.themes.is_empty()).then(|| view! { <p>{words::themes(&l.themes)}</p> })}
            {l.by.clone().map(|by| view! { <p class="hint">{format!("{} : {by}", text::HAND_OFF_VOLUNTEER)}</p> })}
            {l.editable.then(|| view! {
                <div class="actions">
                    <a class="button" href=paths::visit_edit(id)>
                        {words::CORRECT}<span class="visually-hidden">{format!(" : {}", l.date)}</span>
                    </a>
                </div>
            })}
        </li>
    }
    .into_any()
}

fn lines(v: &SessionsView) -> AnyView {
    view! {
        <p role="status">{words::count(v.lines.len())}</p>
        {if v.lines.is_empty() {
            view! { <p>{words::LIST_EMPTY}</p> }.into_any()
        } else {
            view! { <ul class="card-list">{v.lines.iter().map(line).collect_view()}</ul> }.into_any()
        }}
    }
    .into_any()
}

/// `/benevole/apprenants/{id}/profil`: age band, gender, situation, commune; each
/// "Non communiqué" unless the learner says.
#[component]
pub fn LearnerProfilePage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let typed = q.get("erreur").map(|_| LearnerProfileTyped {
                age_band: q.get("age").unwrap_or_default(),
                gender: q.get("genre").unwrap_or_default(),
                status: q.get("situation").unwrap_or_default(),
                commune: q.get("commune").unwrap_or_default(),
            });
            (route.id(), q.get("fait"), typed)
        },
        |(id, saved, typed)| get_learner_profile(id, saved, typed),
    );
    loaded(data, |p: LearnerProfile| {
        let heading = format!("{} — {}", words::PROFILE_TITLE, p.first_name);
        view! {
            <Title text=heading.clone()/>
            <VolunteerNav/>
            <h1>{heading}</h1>
            {p.saved.then(|| view! { <p class="message success" role="status">{words::PROFILE_SAVED}</p> })}
            {p.commune_too_long.then(|| view! { <p class="message error-message" role="alert">{words::PROFILE_COMMUNE_TOO_LONG}</p> })}
            <p>{words::PROFILE_WHY}</p>
            {profile_form(&p)}
            <p><a href=paths::learner(p.id)>{text::DASHBOARD_SEE}</a></p>
        }
    })
}

fn choice<T: Copy + PartialEq + 'static>(
    name: &'static str,
    legend: &'static str,
    values: &'static [T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: Option<T>,
) -> AnyView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <div class="choices">
                <div class="choice">
                    <input type="radio" name=name value="" id=format!("{name}-nc") checked=chosen.is_none()/>
                    <label for=format!("{name}-nc")>{words::NOT_TOLD}</label>
                </div>
                {values.iter().map(|v| {
                    let id = format!("{name}-{}", code(*v));
                    view! {
                        <div class="choice">
                            <input type="radio" name=name value=code(*v) id=id.clone() checked=chosen == Some(*v)/>
                            <label for=id>{label(*v)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

fn profile_form(p: &LearnerProfile) -> AnyView {
    view! {
        <form class="form" method="post" action=SaveLearnerProfile::url()>
            <input type="hidden" name="id" value=p.id.to_string()/>
            {choice("age_band", words::PROFILE_AGE, AgeBand::ALL, AgeBand::code, words::age_band, p.age_band)}
            {choice("gender", words::PROFILE_GENDER, Gender::ALL, Gender::code, words::gender, p.gender)}
            {choice("status", words::PROFILE_STATUS, SocialStatus::ALL, SocialStatus::code, words::status, p.status)}
            <div class="field">
                <label for="commune">{words::PROFILE_COMMUNE}</label>
                <input type="text" id="commune" name="commune" value=p.commune.clone() maxlength="100"/>
            </div>
            <button type="submit" class="button primary">{words::PROFILE_SAVE}</button>
        </form>
    }
    .into_any()
}
