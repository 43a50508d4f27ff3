//! `/benevole/formation`: a volunteer's own training path (done, in progress, to do), and
//! for a coordinator the training of the structure's volunteers.

use leptos::prelude::*;
use leptos_meta::Title;

use super::VolunteerNav;
use crate::api::training::get_training;
use crate::components::load::loaded;
use crate::model::{TrainingMember, TrainingModule, TrainingView};
use crate::text::training as words;

#[component]
pub fn TrainingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_training());
    loaded(data, |t: TrainingView| {
        let headings: Vec<String> = t
            .modules
            .iter()
            .flat_map(|m| m.lessons.iter().map(|l| l.title.clone()))
            .collect();
        let path = if t.modules.is_empty() {
            view! { <p>{words::NONE}</p> }.into_any()
        } else {
            t.modules
                .into_iter()
                .map(|m| view! { <PathModule module=m/> })
                .collect_view()
                .into_any()
        };
        let team = t
            .team
            .map(|members| view! { <TeamTraining members headings/> }.into_any());
        view! {
            <Title text=words::TITLE/>
            <VolunteerNav coordinator=t.coordinator/>
            <h1>{words::TITLE}</h1>
            <p class="lead">{words::INTRO}</p>
            <section aria-labelledby="mon-parcours">
                <h2 id="mon-parcours">{words::MY_PATH}</h2>
                {path}
            </section>
            {team}
        }
    })
}

#[component]
fn PathModule(module: TrainingModule) -> impl IntoView {
    view! {
        <h3><a href=crate::paths::module(&module.slug)>{module.title}</a></h3>
        <ul class="card-list">
            {module.lessons.into_iter().map(|l| view! {
                <li class="card">
                    <h4>{l.title.clone()}</h4>
                    <p class="meta"><strong>{words::status(&l.status, l.step_count)}</strong></p>
                    <a class="button" href=l.href>
                        {words::action(&l.status)}
                        <span class="visually-hidden">{format!(" : {}", l.title)}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn TeamTraining(members: Vec<TrainingMember>, headings: Vec<String>) -> impl IntoView {
    let total = headings.len();
    let table = if members.is_empty() {
        view! { <p>{words::TEAM_EMPTY}</p> }.into_any()
    } else {
        view! {
            <table>
                    <caption>{words::TEAM_CAPTION}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{words::MEMBER}</th>
                            <th scope="col">{words::TOTAL}</th>
                            {headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {members.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row">{m.name}</th>
                                <td>{words::done_of(m.done, total)}</td>
                                {m.lessons.iter().map(|s| view! { <td>{words::cell(s)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="formation-equipe">
            <h2 id="formation-equipe">{words::TEAM}</h2>
            <p>{words::TEAM_INTRO}</p>
            {table}
        </section>
    }
}
