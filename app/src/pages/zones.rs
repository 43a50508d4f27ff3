//! `/benevole/equipe/zones` (coordinators): the structure's zones, the communes each
//! covers, the volunteers of each zone, and the structure's places. Every form posts
//! without JavaScript; a refused form comes back with what was typed and its message.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::zones::{
    AddCommune, AddPlace, AddZone, RemoveCommune, RemovePlace, RemoveZone, get_zones,
};
use crate::components::load::loaded;
use crate::model::zones::{ZoneOutcome, ZoneView, ZonesView};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, zones as words};

/// What the page's address says: the outcome of the last form, and what was typed.
#[derive(Clone, Debug, Default)]
struct Said {
    outcome: Option<ZoneOutcome>,
    taken_by: Option<String>,
    /// The zone whose commune form was refused.
    zone: Option<String>,
    name: String,
    address: String,
    postcode: String,
    commune: String,
}

impl Said {
    fn message(&self) -> Option<String> {
        self.outcome
            .map(|o| words::outcome(o, self.taken_by.as_deref()))
    }

    fn error(&self) -> bool {
        self.outcome.is_some_and(ZoneOutcome::is_error)
    }

    /// The error of the commune form of zone `id`, if it is that one.
    fn commune_error(&self, id: i32) -> Option<String> {
        let about_commune = matches!(
            self.outcome,
            Some(ZoneOutcome::BadPostcode | ZoneOutcome::NoCommune | ZoneOutcome::CommuneTaken)
        );
        (about_commune && self.zone.as_deref() == Some(&id.to_string()))
            .then(|| self.message())
            .flatten()
    }
}

#[component]
pub fn ZonesPage() -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked();
    let get = |k: &str| q.get(k).unwrap_or_default();
    let said = Said {
        outcome: q
            .get("erreur")
            .or_else(|| q.get("fait"))
            .and_then(|c| ZoneOutcome::from_code(&c)),
        taken_by: q.get("pris"),
        zone: q.get("zone"),
        name: get("nom"),
        address: get("adresse"),
        postcode: get("cp"),
        commune: get("commune"),
    };
    drop(q);
    let data = Resource::new(|| (), |_| get_zones());
    loaded(data, move |view: ZonesView| {
        let said = said.clone();
        let error = said.error();
        let done = (!error).then(|| said.message()).flatten();
        let zone_form_error = matches!(
            said.outcome,
            Some(ZoneOutcome::NoName | ZoneOutcome::ZoneExists)
        ) && said.zone.is_none()
            && said.address.is_empty();
        let place_error = matches!(
            said.outcome,
            Some(ZoneOutcome::NoName | ZoneOutcome::NoAddress | ZoneOutcome::PlaceExists)
        ) && !zone_form_error;
        let zone_names: Vec<(i32, String)> =
            view.zones.iter().map(|z| (z.id, z.name.clone())).collect();
        // In pieces whose types are erased (`into_any`): one view of it all is a type too
        // deep for the release compiler.
        let head = view! {
            <Title text=text::title_with_error(words::TITLE, error)/>
            <VolunteerNav coordinator=true/>
            <h1>{format!("{} — {}", words::TITLE, view.structure)}</h1>
            <p><a href=paths::TEAM>{text::TEAM_TITLE}</a></p>
            <p>{words::INTRO}</p>
            {done.map(|m| view! { <p class="message success" role="status">{m}</p> })}
        }
        .into_any();
        let zones = view! {
            <section aria-labelledby="zones-titre" id="zones">
                <h2 id="zones-titre">{words::ZONES}</h2>
                {view.zones.is_empty().then(|| view! { <p>{words::NO_ZONE}</p> })}
                <ul class="card-list">
                    {view.zones.iter().cloned().map(|z| view! {
                        <ZoneCard zone=z volunteers=view.volunteers.clone() said=said.clone()/>
                    }).collect_view()}
                </ul>
                <h3 id="nouvelle-zone">{words::ADD_ZONE}</h3>
                {zone_form_error.then(|| view! {
                    <p class="message error-message" role="alert" id="zone-erreur">{said.message()}</p>
                })}
                <form class="form" method="post" action=AddZone::url()>
                    <div class="field">
                        <label for="zone-nom">{words::ZONE_NAME}</label>
                        <input type="text" id="zone-nom" name="name" required maxlength="80"
                            value=zone_form_error.then(|| said.name.clone())
                            aria-invalid=zone_form_error.then_some("true")
                            aria-describedby=zone_form_error.then_some("zone-erreur")/>
                    </div>
                    <button type="submit" class="button">{words::ADD_ZONE_SUBMIT}</button>
                </form>
            </section>
        }
        .into_any();
        let places = view! {
            <section aria-labelledby="lieux-titre" id="lieux">
                <h2 id="lieux-titre">{words::PLACES}</h2>
                <p class="hint">{words::PLACES_INTRO}</p>
                {view.places.is_empty().then(|| view! { <p>{words::NO_PLACE}</p> })}
                <ul class="card-list">
                    {view.places.iter().map(|p| view! {
                        <li class="card">
                            <h3>{p.name.clone()}</h3>
                            <p>{p.address.clone()}</p>
                            <p class="meta">{words::place_zone(p.zone.as_deref())}</p>
                            <form method="post" action=RemovePlace::url()>
                                <input type="hidden" name="id" value=p.id.to_string()/>
                                <button type="submit" class="button">
                                    {words::REMOVE_PLACE}<span class="visually-hidden">{format!(" : {}", p.name)}</span>
                                </button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
                <h3 id="nouveau-lieu">{words::ADD_PLACE}</h3>
                {place_error.then(|| view! {
                    <p class="message error-message" role="alert" id="lieu-erreur">{said.message()}</p>
                })}
                <form class="form" method="post" action=AddPlace::url()>
                    <div class="field">
                        <label for="lieu-nom">{words::PLACE_NAME}</label>
                        <input type="text" id="lieu-nom" name="name" required maxlength="80"
                            value=place_error.then(|| said.name.clone())
                            aria-invalid=(place_error && said.outcome != Some(ZoneOutcome::NoAddress)).then_some("true")
                            aria-describedby=place_error.then_some("lieu-erreur")/>
                    </div>
                    <div class="field">
                        <label for="lieu-adresse">{words::PLACE_ADDRESS}</label>
                        <input type="text" id="lieu-adresse" name="address" required maxlength="200"
                            autocomplete="street-address"
                            value=place_error.then(|| said.address.clone())
                            aria-invalid=(said.outcome == Some(ZoneOutcome::NoAddress)).then_some("true")
                            aria-describedby=place_error.then_some("lieu-erreur")/>
                    </div>
                    <div class="field">
                        <label for="lieu-zone">{words::PLACE_ZONE}</label>
                        <select id="lieu-zone" name="zone">
                            <option value="">{words::PLACE_NO_ZONE}</option>
                            {zone_names.into_iter().map(|(id, name)| {
                                let chosen = place_error && said.zone.as_deref() == Some(&id.to_string());
                                view! { <option value=id.to_string() selected=chosen>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{words::ADD_PLACE_SUBMIT}</button>
                </form>
            </section>
        }
        .into_any();
        view! { {head} {zones} {places} }
    })
}

/// A zone: its communes (each removable), the form adding one, who covers it.
#[component]
fn ZoneCard(zone: ZoneView, volunteers: Vec<(i32, String)>, said: Said) -> impl IntoView {
    let id = zone.id;
    let anchor = format!("zone-{id}");

    let error = said.commune_error(id);
    let error_id = format!("zone-{id}-erreur");
    let (postcode, commune) = if error.is_some() {
        (said.postcode.clone(), said.commune.clone())
    } else {
        (String::new(), String::new())
    };
    let invalid_postcode = error.is_some() && said.outcome == Some(ZoneOutcome::BadPostcode);
    let invalid_commune = error.is_some() && said.outcome != Some(ZoneOutcome::BadPostcode);
    let count = u32::try_from(zone.communes.len()).unwrap_or(u32::MAX);
    // In pieces whose types are erased, like the page.
    let communes = view! {
            <h3>{zone.name.clone()}</h3>
            <h4>{format!("{} ({})", words::COMMUNES, words::communes(count))}</h4>
            {zone.communes.is_empty().then(|| view! { <p>{words::NO_COMMUNE}</p> })}
            <ul class="zone-communes">
                {zone.communes.iter().map(|c| view! {
                    <li>
                        {format!("{} {}", c.postcode, c.name)}
                        " "
                        <form class="inline" method="post" action=RemoveCommune::url()>
                            <input type="hidden" name="id" value=c.id.to_string()/>
                            <input type="hidden" name="zone" value=id.to_string()/>
                            <button type="submit" class="link-button">
                                {words::REMOVE}<span class="visually-hidden">{format!(" : {} {}", c.postcode, c.name)}</span>
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
    }
    .into_any();
    let add_commune = view! {
            {error.clone().map(|m| view! { <p class="message error-message" role="alert" id=error_id.clone()>{m}</p> })}
            <form class="form" method="post" action=AddCommune::url()>
                <input type="hidden" name="zone" value=id.to_string()/>
                <div class="field">
                    <label for=format!("zone-{id}-cp")>{words::POSTCODE}</label>
                    <p class="hint" id=format!("zone-{id}-cp-aide")>{words::POSTCODE_HINT}</p>
                    <input type="text" id=format!("zone-{id}-cp") name="postcode" required
                        inputmode="numeric" autocomplete="postal-code" maxlength="6" value=postcode
                        aria-invalid=invalid_postcode.then_some("true")
                        aria-describedby=if error.is_some() { format!("zone-{id}-cp-aide {error_id}") } else { format!("zone-{id}-cp-aide") }/>
                </div>
                <div class="field">
                    <label for=format!("zone-{id}-commune")>{words::COMMUNE}</label>
                    <input type="text" id=format!("zone-{id}-commune") name="commune" required
                        maxlength="80" value=commune
                        aria-invalid=invalid_commune.then_some("true")
                        aria-describedby=error.is_some().then(|| error_id.clone())/>
                </div>
                <button type="submit" class="button">
                    {words::ADD_COMMUNE_SUBMIT}<span class="visually-hidden">{format!(" : {}", zone.name)}</span>
                </button>
            </form>
    }
    .into_any();
    let covering = view! {
            <form class="form" method="post" action=paths::ZONE_VOLUNTEERS>
                <input type="hidden" name="zone" value=id.to_string()/>
                <fieldset>
                    <legend>{words::VOLUNTEERS}</legend>
                    {volunteers.is_empty().then(|| view! { <p>{words::NO_VOLUNTEER}</p> })}
                    <div class="choices">
                        {volunteers.into_iter().map(|(v, name)| {
                            let box_id = format!("zone-{id}-benevole-{v}");
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=box_id.clone() name="volunteer" value=v.to_string()
                                        checked=zone.volunteers.contains(&v)/>
                                    <label for=box_id>{name}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="button">
                    {words::SAVE_VOLUNTEERS}<span class="visually-hidden">{format!(" : {}", zone.name)}</span>
                </button>
            </form>
    }
    .into_any();
    let remove = view! {
            <form method="post" action=RemoveZone::url()>
                <input type="hidden" name="id" value=id.to_string()/>
                <p class="hint">{words::REMOVE_ZONE_HINT}</p>
                <button type="submit" class="button">
                    {words::REMOVE_ZONE}<span class="visually-hidden">{format!(" : {}", zone.name)}</span>
                </button>
            </form>
    }
    .into_any();
    view! { <li class="card" id=anchor>{communes} {add_commune} {covering} {remove}</li> }
}
