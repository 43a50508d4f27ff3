//! `/benevole/agenda/reserver`: an appointment for someone already followed. The search by
//! first name is a GET form; the kind of appointment and the zone are another GET form
//! (the slots change with them); booking posts the slot chosen. No JavaScript needed.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::{links, said, slot_fieldset};
use crate::api::agenda::{BookLearner, get_booking};
use crate::components::load::loaded;
use crate::model::agenda::{BookingFor, BookingView};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, agenda as words};

#[component]
pub fn BookingPage() -> impl IntoView {
    let said = said();
    let query = use_query_map().read_untracked().clone();
    let cherche = query.get("cherche");
    let apprenant = query.get("apprenant").and_then(|a| a.parse::<i32>().ok());
    let mode = query.get("mode");
    let zone = query.get("zone");
    let data = Resource::new(
        move || (cherche.clone(), apprenant, mode.clone(), zone.clone()),
        |(c, a, m, z)| get_booking(c, a, m, z),
    );
    loaded(data, move |view: BookingView| {
        let error = said.is_some_and(|(_, e)| e);
        let message = said.map(|(o, e)| {
            if e {
                view! { <p class="message error-message" role="alert" id="erreur">{words::booking_outcome(o)}</p> }
                    .into_any()
            } else {
                view! { <p class="message success" role="status">{words::outcome(o)}</p> }.into_any()
            }
        });
        let (title, body) = match view.learner {
            Some(b) => (words::book_for(&b.first_name), slots(b)),
            None => (
                words::BOOK_TITLE.to_string(),
                search(view.search, view.found),
            ),
        };
        view! {
            <Title text=text::title_with_error(&title, error)/>
            <VolunteerNav/>
            <h1>{title}</h1>
            {links()}
            {message}
            {body}
        }
    })
}

/// Finding the person by first name.
fn search(typed: String, found: Vec<crate::model::agenda::LearnerChoice>) -> AnyView {
    let searched = !typed.is_empty();
    view! {
        <p>{words::BOOK_INTRO}</p>
        <form class="form" method="get" action=paths::BOOK role="search">
            <div class="field">
                <label for="reserver-prenom">{words::BOOK_SEARCH}</label>
                <p class="hint" id="reserver-prenom-aide">{words::BOOK_SEARCH_HINT}</p>
                <input type="search" id="reserver-prenom" name="cherche" maxlength="60"
                    autocomplete="off" value=typed.clone() aria-describedby="reserver-prenom-aide"/>
            </div>
            <button type="submit" class="button primary">{words::BOOK_SEARCH_SUBMIT}</button>
        </form>
        {(searched && found.is_empty()).then(|| view! { <p role="status">{words::nobody_found(&typed)}</p> })}
        {(!found.is_empty()).then(|| view! {
            <section aria-labelledby="trouves">
                <h2 id="trouves">{words::BOOK_FOUND}</h2>
                <ul class="card-list">
                    {found.into_iter().map(|p| view! {
                        <li class="card">
                            <p>{words::found_person(&p.first_name, &p.commune)}</p>
                            <a class="button" href=paths::book_for(p.id)>{words::book_link(&p.first_name)}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <p class="aside-note">{words::BOOK_NEW_PERSON}" "<a href=paths::CALL>{words::TAKE_CALL}</a></p>
    }
    .into_any()
}

/// What is planned already, the kind and zone wanted, and the slots to choose from.
fn slots(b: BookingFor) -> AnyView {
    let planned = b
        .planned
        .as_ref()
        .map(|next| text::next_visit::appointment(next).join(" "))
        .or_else(|| {
            b.recontact
                .as_deref()
                .map(|day| words::recall_line(crate::model::agenda::RecallReason::Recontact, day))
        });
    let zone_value = b.zone.map(|z| z.to_string()).unwrap_or_default();
    let choose = view! {
        {planned.map(|line| view! {
            <section class="card" aria-labelledby="deja-prevu">
                <h2 id="deja-prevu">{words::BOOK_ALREADY}</h2>
                <p>{line}</p>
            </section>
        })}
        <p>{match &b.own_zone {
            Some(z) => words::own_zone(z),
            None => words::BOOK_UNKNOWN_ZONE.to_string(),
        }}</p>
        <form class="form" method="get" action=paths::BOOK>
            <input type="hidden" name="apprenant" value=b.id.to_string()/>
            <div class="field">
                <label for="reserver-mode">{words::MODE}</label>
                <select id="reserver-mode" name="mode">
                    {["", "domicile", "lieu", "telephone"].into_iter().map(|m| view! {
                        <option value=m selected=b.mode == m>{words::mode(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="reserver-zone">{words::BOOK_ZONE}</label>
                <select id="reserver-zone" name="zone">
                    <option value="" selected=b.zone.is_none()>{words::ALL_ZONES}</option>
                    {b.zones.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=b.zone == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{words::SEARCH}</button>
        </form>
    }
    .into_any();
    let book = view! {
        <form class="form" method="post" action=BookLearner::url()>
            <input type="hidden" name="apprenant" value=b.id.to_string()/>
            <input type="hidden" name="mode" value=b.mode.clone()/>
            <input type="hidden" name="zone" value=zone_value/>
            <input type="hidden" name="once" value=b.once.clone()/>
            {slot_fieldset(&b.slots, words::BOOK_NO_SLOT)}
            {(!b.slots.is_empty()).then(|| view! {
                <p class="hint">{words::BOOK_CALLED_BACK}</p>
                <button type="submit" class="button primary">{words::BOOK}</button>
            })}
        </form>
        <p><a href=paths::BOOK>{words::BOOK_OTHER_PERSON}</a></p>
    }
    .into_any();
    view! { {choose} {book} }.into_any()
}
