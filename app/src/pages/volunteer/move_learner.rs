//! `/benevole/apprenants/{id}/demenagement`: a coordinator moves a learner who moves house
//! to another structure of the programme, with their history, once the learner said yes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use crate::api::team::{MoveToStructure, get_move};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::islands::submit_once::SubmitOnce;
use crate::model::MoveView;
use crate::text::{self, moves as words};

#[component]
pub fn MoveLearnerPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                route.id(),
                q.get("vers").and_then(|v| v.parse::<i32>().ok()),
                q.get("erreur"),
            )
        },
        |(id, vers, erreur)| get_move(id, vers, erreur),
    );
    loaded(data, |v: MoveView| {
        let title = words::title(&v.first_name);
        let back = crate::paths::learner(v.learner_id);
        let no_consent = v.no_consent;
        let chosen = v.chosen;
        view! {
            <Title text=text::title_with_error(&title, no_consent)/>
            <VolunteerNav/>
            <h1>{title}</h1>
            <p>{words::INTRO}</p>
            <p>{words::STAYS}</p>
            {if v.choices.is_empty() {
                view! { <p class="message notice">{words::NO_OTHER_STRUCTURE}</p> }.into_any()
            } else {
                view! {
                    <SubmitOnce>
                        <form class="form" method="post" action=MoveToStructure::url()>
                            <input type="hidden" name="learner" value=v.learner_id.to_string()/>
                            <input type="hidden" name="once" value=v.once.clone()/>
                            <div class="field">
                                <label for="demenagement-structure">{words::TO}</label>
                                <select id="demenagement-structure" name="structure" required>
                                    {v.choices.iter().map(|c| view! {
                                        <option value=c.id.to_string() selected=chosen == Some(c.id)>
                                            {words::choice(&c.name, c.territory.as_deref())}
                                        </option>
                                    }).collect_view()}
                                </select>
                            </div>
                            {no_consent.then(|| view! {
                                <p class="message error-message" role="alert" id="accord-erreur">{words::NO_CONSENT}</p>
                            })}
                            <div class="choice" id="accord">
                                <input type="checkbox" name="consent" value="oui" id="demenagement-accord" required
                                    aria-describedby=no_consent.then_some("accord-erreur")
                                    aria-invalid=no_consent.then_some("true")/>
                                <label for="demenagement-accord">{words::consent(&v.first_name)}</label>
                            </div>
                            <p><button type="submit" class="button primary">{words::SUBMIT}</button></p>
                        </form>
                    </SubmitOnce>
                }.into_any()
            }}
            <p><a href=back>{words::BACK}</a></p>
        }
    })
}
