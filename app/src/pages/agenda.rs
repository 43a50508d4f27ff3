//! The shared agenda's pages (issue 20, items 2 to 4): the week (`/benevole/agenda`), my
//! availability (`…/disponibilites`), an appointment (`…/rdv/{id}`) and its slip, the "à
//! rappeler" list, taking a call (`/benevole/appel`) and booking for someone already
//! followed (`…/reserver`, in `booking`). Every form posts without
//! JavaScript; views are cut into pieces whose types are erased (`into_any`).

mod booking;
mod parts;

pub use booking::BookingPage;
use parts::{links, message, said, slot_fieldset};

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::agenda::{
    CreateGroup, JoinGroup, LeaveGroup, MarkRecalled, RemoveAvailability, RenewFeed, RevokeFeed,
    SetStatus, get_appointment, get_call, get_mine, get_slip, get_to_recall, get_week,
};
use crate::components::load::loaded;
use crate::components::print::PrintButton;
use crate::components::route::RouteParams;
use crate::model::agenda::{
    AgendaDay, AgendaWeekView, AppointmentView, CallProblem, CallView, MyAgendaView, NEEDS, Reach,
    RecallItem, SlipView, Status,
};
use crate::pages::volunteer::VolunteerNav;
use crate::paths;
use crate::text::{self, agenda as words, dates};

// ---------------------------------------------------------------- the week

#[component]
pub fn AgendaPage() -> impl IntoView {
    let q = use_query_map().read_untracked();
    let week = q.get("semaine");
    let zone = q.get("zone").and_then(|z| z.parse::<i32>().ok());
    let volunteer = q.get("benevole").and_then(|v| v.parse::<i32>().ok());
    drop(q);
    let data = Resource::new(
        move || (week.clone(), zone, volunteer),
        |(w, z, v)| get_week(w, z, v),
    );
    loaded(data, |view: AgendaWeekView| {
        let filters = |semaine: &str| {
            let mut query = format!("{}?semaine={semaine}", paths::AGENDA);
            if let Some(z) = view.zone {
                query.push_str(&format!("&zone={z}"));
            }
            if let Some(v) = view.volunteer {
                query.push_str(&format!("&benevole={v}"));
            }
            query
        };
        let head = view! {
            <Title text=words::TITLE/>
            <VolunteerNav/>
            <h1>{words::TITLE}</h1>
            <p class="no-print">{words::INTRO}</p>
            {links()}
            <h2 class="agenda-week">{words::week_of(&view.monday)}</h2>
            <p class="week-nav no-print">
                <a href=filters(&view.previous) rel="prev">{format!("← {}", words::PREVIOUS_WEEK)}</a>" "
                <a href=paths::AGENDA>{words::THIS_WEEK}</a>" "
                <a href=filters(&view.next) rel="next">{format!("{} →", words::NEXT_WEEK)}</a>
            </p>
        }
        .into_any();
        let filter = view! {
            <form class="form filters no-print" method="get" action=paths::AGENDA>
                <input type="hidden" name="semaine" value=view.monday.clone()/>
                <div class="field">
                    <label for="filtre-zone">{words::FILTER_ZONE}</label>
                    <select id="filtre-zone" name="zone">
                        <option value="">{words::ALL_ZONES}</option>
                        {view.zones.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=view.zone == Some(*id)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-benevole">{words::FILTER_VOLUNTEER}</label>
                    <select id="filtre-benevole" name="benevole">
                        <option value="">{words::ALL_VOLUNTEERS}</option>
                        {view.volunteers.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=view.volunteer == Some(*id)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{words::FILTER}</button>
            </form>
            <PrintButton label=words::PRINT/>
        }
        .into_any();
        let days = view
            .days
            .iter()
            .cloned()
            .map(|d| view! { <Day day=d/> })
            .collect_view()
            .into_any();
        view! { {head} {filter} <div class="agenda-days">{days}</div> }
    })
}

#[component]
fn Day(day: AgendaDay) -> impl IntoView {
    let empty = day.appointments.is_empty() && day.free.is_empty();
    let appointments = view! {
        {(!day.appointments.is_empty()).then(|| view! {
            <ul class="agenda-list">
                {day.appointments.iter().map(|a| {
                    let crossed = matches!(a.status, Status::Cancelled | Status::Excused);
                    view! {
                        <li class=if crossed { "agenda-item cancelled" } else { "agenda-item" }>
                            <span class="agenda-time">{words::hours(a.start, a.end)}</span>" "
                            <a href=paths::appointment(a.id)>{words::appointment_line(a)}</a>
                            {(a.status != Status::Upcoming).then(|| format!(" — {}", words::status(a.status)))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
    .into_any();
    let free = view! {
        {(!day.free.is_empty()).then(|| view! {
            <p class="agenda-free-title">{words::FREE}</p>
            <ul class="agenda-list agenda-free">
                {day.free.iter().map(|s| view! {
                    <li><span class="agenda-time">{words::hours(s.start, s.end)}</span>" "{words::slot_line(s)}</li>
                }).collect_view()}
            </ul>
        })}
    }
    .into_any();
    view! {
        <section class="agenda-day" aria-label=dates::day_with_weekday_fr(&day.day)>
            <h3>{dates::day_with_weekday_fr(&day.day)}</h3>
            {empty.then(|| view! { <p class="meta">{words::NOTHING_THIS_DAY}</p> })}
            {appointments}
            {free}
        </section>
    }
}

// ---------------------------------------------------------------- my availability

#[component]
pub fn MyAvailabilityPage() -> impl IntoView {
    let said = said();
    let q = use_query_map().read_untracked();
    let typed = |k: &str| q.get(k).unwrap_or_default();
    let kept: [String; 6] = [
        typed("jour"),
        typed("date"),
        typed("debut"),
        typed("fin"),
        typed("lieu"),
        typed("places"),
    ];
    let fresh_link = q.get("lien");
    // An availability of mine being changed, and the zones ticked when a change came back.
    let editing: Option<i32> = q.get("modifier").and_then(|id| id.parse().ok());
    let typed_zones: Option<Vec<i32>> = q
        .get_all("zone")
        .map(|zones| zones.iter().filter_map(|z| z.parse().ok()).collect());
    drop(q);
    let data = Resource::new(move || fresh_link.clone(), get_mine);
    loaded(data, move |view: MyAgendaView| {
        let [
            mut weekday,
            mut day,
            mut start,
            mut end,
            mut place,
            capacity,
        ] = kept.clone();
        let changing = editing.and_then(|id| view.availability.iter().find(|a| a.id == id));
        // The form shows the availability being changed, unless it came back as typed.
        let came_back = said.is_some_and(|s| s.1);
        if let (Some(a), false) = (changing, came_back) {
            weekday = a.weekday.map(|w| w.to_string()).unwrap_or_default();
            day = a.day.clone().unwrap_or_default();
            start = dates::hhmm(a.start);
            end = dates::hhmm(a.end);
            place = a
                .place_id
                .map_or_else(|| "d".to_string(), |p| p.to_string());
        }
        let ticked: Vec<i32> = match (&typed_zones, changing) {
            (Some(z), _) => z.clone(),
            (None, Some(a)) => a.zone_ids.clone(),
            (None, None) => Vec::new(),
        };
        let error = said.is_some_and(|s| s.1);
        let head = view! {
            <Title text=text::title_with_error(words::MINE_TITLE, error)/>
            <VolunteerNav/>
            <h1>{words::MINE_TITLE}</h1>
            {links()}
            <p>{words::MINE_INTRO}</p>
            {message(said)}
            {view.availability.is_empty().then(|| view! { <p>{words::NO_AVAILABILITY}</p> })}
            <ul class="card-list">
                {view.availability.iter().map(|a| view! {
                    <li class="card">
                        <p>{words::availability_when(a.weekday, a.day.as_deref(), a.start, a.end)}</p>
                        <p class="meta">{words::availability_where(a.place.as_deref(), &a.zones)}</p>
                        <p class="actions">
                            <a class="button" href=format!("{}?modifier={}#ajouter", paths::MY_AVAILABILITY, a.id)
                                aria-label=words::change_availability(&words::availability_when(a.weekday, a.day.as_deref(), a.start, a.end))>
                                {words::CHANGE}
                            </a>
                        </p>
                        <form method="post" action=RemoveAvailability::url()>
                            <input type="hidden" name="id" value=a.id.to_string()/>
                            <button type="submit" class="button">{words::REMOVE}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any();
        let add = view! {
            <h2 id="ajouter">{if changing.is_some() { words::CHANGE_AVAILABILITY } else { words::ADD_AVAILABILITY }}</h2>
            {changing.map(|a| view! {
                <p>{words::availability_when(a.weekday, a.day.as_deref(), a.start, a.end)}</p>
                <p class="hint">{words::CHANGE_AVAILABILITY_HINT}</p>
            })}
            <form class="form" method="post" action=paths::AVAILABILITY_FORM>
                {changing.map(|a| view! { <input type="hidden" name="id" value=a.id.to_string()/> })}
                <div class="field">
                    <label for="dispo-jour">{words::EVERY_WEEK}</label>
                    <select id="dispo-jour" name="weekday">
                        <option value="">{words::NO_WEEKDAY}</option>
                        {(1..=7).map(|w| view! {
                            <option value=w.to_string() selected=weekday == w.to_string()>{dates::weekday_fr(w)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dispo-date">{words::OR_ONE_DAY}</label>
                    <p class="hint" id="dispo-date-aide">{words::ONE_DAY_HINT}</p>
                    <input type="date" id="dispo-date" name="day" value=day.clone() aria-describedby="dispo-date-aide"/>
                </div>
                <div class="field">
                    <label for="dispo-debut">{words::FROM}</label>
                    <input type="time" id="dispo-debut" name="start" required value=start.clone() step="1800"/>
                </div>
                <div class="field">
                    <label for="dispo-fin">{words::TO}</label>
                    <input type="time" id="dispo-fin" name="end" required value=end.clone() step="1800"/>
                </div>
                <div class="field">
                    <label for="dispo-lieu">{words::WHERE}</label>
                    <select id="dispo-lieu" name="place">
                        <option value="d">{words::AT_HOME}</option>
                        {view.places.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=place == id.to_string()>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset>
                    <legend>{words::HOME_ZONES}</legend>
                    <div class="choices">
                        {view.zones.iter().map(|(id, name)| {
                            let box_id = format!("dispo-zone-{id}");
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=box_id.clone() name="zone" value=id.to_string()
                                        checked=ticked.contains(id)/>
                                    <label for=box_id>{name.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="button primary">
                    {if changing.is_some() { words::CHANGE_AVAILABILITY_SUBMIT } else { words::ADD_AVAILABILITY_SUBMIT }}
                </button>
                {changing.is_some().then(|| view! {
                    <a class="button" href=format!("{}#ajouter", paths::MY_AVAILABILITY)>{words::CHANGE_CANCEL}</a>
                })}
            </form>
        }
        .into_any();
        let group = view! {
            <h2 id="atelier">{words::GROUP_TITLE}</h2>
            {view.places.is_empty().then(|| view! { <p>{words::NO_PLACE}</p> })}
            {(!view.places.is_empty()).then(|| view! {
                <form class="form" method="post" action=CreateGroup::url()>
                    <div class="field">
                        <label for="atelier-lieu">{words::GROUP_PLACE}</label>
                        <select id="atelier-lieu" name="place">
                            {view.places.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=place == id.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="atelier-jour">{words::GROUP_DAY}</label>
                        <input type="date" id="atelier-jour" name="day" required value=day.clone()/>
                    </div>
                    <div class="field">
                        <label for="atelier-debut">{words::FROM}</label>
                        <input type="time" id="atelier-debut" name="start" required value=start.clone()/>
                    </div>
                    <div class="field">
                        <label for="atelier-fin">{words::TO}</label>
                        <input type="time" id="atelier-fin" name="end" required value=end.clone()/>
                    </div>
                    <div class="field">
                        <label for="atelier-places">{words::GROUP_CAPACITY}</label>
                        <input type="number" id="atelier-places" name="capacity" required min="1" max="99" value=capacity.clone()/>
                    </div>
                    <button type="submit" class="button">{words::GROUP_SUBMIT}</button>
                </form>
            })}
        }
        .into_any();
        let feed = view! {
            <h2 id="lien">{words::FEED_TITLE}</h2>
            <p>{words::FEED_INTRO}</p>
            {match (view.feed_link.clone(), view.feed_since.as_deref()) {
                (Some(link), _) => view! {
                    <p><code class="feed-link">{link}</code></p>
                    <p class="hint">{words::FEED_SHOWN_ONCE}</p>
                }.into_any(),
                (None, Some(day)) => view! { <p>{words::feed_active_since(day)}</p> }.into_any(),
                (None, None) => ().into_any(),
            }}
            <form method="post" action=RenewFeed::url()>
                <button type="submit" class="button">
                    {if view.feed_since.is_some() { words::FEED_RENEW } else { words::FEED_MAKE }}
                </button>
            </form>
            {view.feed_since.is_some().then(|| view! {
                <form method="post" action=RevokeFeed::url()>
                    <button type="submit" class="button">{words::FEED_REVOKE}</button>
                </form>
            })}
        }
        .into_any();
        view! { {head} {add} {group} {feed} }
    })
}

// ---------------------------------------------------------------- one appointment

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let said = said();
    let route = RouteParams::current();
    let data = Resource::new(move || route.id(), get_appointment);
    loaded(data, move |view: AppointmentView| {
        let a = view.item.clone();
        let id = a.id;
        let error = said.is_some_and(|s| s.1);
        let head = view! {
            <Title text=text::title_with_error(words::APPOINTMENT_TITLE, error)/>
            <VolunteerNav/>
            {links()}
            <h1>{format!("{} — {}", words::kind(a.kind), a.first_name.clone().unwrap_or_default())}</h1>
            {message(said)}
            <p>{format!("{}, {}", dates::day_with_weekday_fr(&a.day), words::hours(a.start, a.end))}</p>
            <p>{format!("{} · {}", a.volunteer, words::where_(&a))}</p>
            {view.address.clone().map(|ad| view! { <p class="meta">{ad}</p> })}
            {view.reach.map(|r| view! { <p>{words::recall_reach(Some(r), &view.phone)}</p> })}
            {(!view.needs.is_empty()).then(|| view! {
                <ul>{view.needs.iter().map(|n| view! { <li>{words::need(n)}</li> }).collect_view()}</ul>
            })}
            {(!view.note.is_empty()).then(|| view! { <p class="note">{view.note.clone()}</p> })}
            {view.learner_id.map(|_| view! {
                <p><a class="button" href=paths::appointment_slip(id, None)>{words::SLIP_LINK}</a></p>
            })}
        }
        .into_any();
        let status = view! {
            <form class="form" method="post" action=SetStatus::url()>
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="statut">{words::STATUS}</label>
                    <select id="statut" name="status">
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == a.status>{words::status(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{words::SAVE_STATUS}</button>
            </form>
        }
        .into_any();
        let group = match a.capacity {
            None => ().into_any(),
            Some(capacity) => view! {
                <h2>{format!("{} ({})", words::COMING, words::seats(a.seats_taken, capacity))}</h2>
                {view.coming.is_empty().then(|| view! { <p>{words::NOBODY_COMING}</p> })}
                <ul class="card-list">
                    {view.coming.iter().map(|(l, name)| view! {
                        <li class="card">
                            {name.clone()}" "
                            <a href=paths::appointment_slip(id, Some(*l))>{words::SLIP_LINK}</a>
                            <form class="inline" method="post" action=LeaveGroup::url()>
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="learner" value=l.to_string()/>
                                <button type="submit" class="link-button">
                                    {words::UNREGISTER}<span class="visually-hidden">{format!(" : {name}")}</span>
                                </button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
                <form class="form" method="post" action=JoinGroup::url()>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="inscrire">{words::LEARNER}</label>
                        <select id="inscrire" name="learner">
                            {view.learners.iter().map(|(l, name)| view! {
                                <option value=l.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{words::ADD_LEARNER}</button>
                </form>
            }
            .into_any(),
        };
        view! { {head} {status} {group} }
    })
}

#[component]
pub fn SlipPage() -> impl IntoView {
    let route = RouteParams::current();
    let learner = use_query_map()
        .read_untracked()
        .get("apprenant")
        .and_then(|l| l.parse::<i32>().ok());
    let data = Resource::new(move || (route.id(), learner), |(id, l)| get_slip(id, l));
    loaded(data, |slip: SlipView| {
        view! {
            <Title text=words::SLIP_TITLE/>
            <VolunteerNav/>
            <PrintButton label=words::SLIP_PRINT/>
            <article class="slip">
                <h1>{format!("{} — {}", words::SLIP_TITLE, slip.first_name)}</h1>
                <p class="slip-when">{words::slip_when(&slip.day, slip.start)}</p>
                <p>{words::slip_where(slip.kind, slip.place.as_ref())}</p>
                <p>{words::slip_who(&slip.volunteer)}</p>
                <p>{words::slip_phone(&slip.structure, slip.phone.as_deref())}</p>
                <p class="meta">{words::SLIP_KEEP}</p>
            </article>
        }
    })
}

// ---------------------------------------------------------------- à rappeler

#[component]
pub fn ToRecallPage() -> impl IntoView {
    let said = said();
    let data = Resource::new(|| (), |_| get_to_recall());
    loaded(data, move |list: Vec<RecallItem>| {
        view! {
            <Title text=words::RECALL_TITLE/>
            <VolunteerNav/>
            <h1>{words::RECALL_TITLE}</h1>
            {links()}
            <p>{words::RECALL_INTRO}</p>
            {message(said)}
            {list.is_empty().then(|| view! { <p>{words::RECALL_EMPTY}</p> })}
            <ul class="card-list">
                {list.iter().map(|r| view! {
                    <li class="card">
                        <h2>{r.first_name.clone()}</h2>
                        <p>{words::recall_line(r.reason, &r.day)}</p>
                        <p>{words::recall_reach(r.reach, &r.phone)}</p>
                        <p class="meta">{r.commune.clone()}</p>
                        {r.appointment.map(|id| view! { <p><a href=paths::appointment(id)>{words::OPEN}</a></p> })}
                        {r.learner.map(|id| view! { <p><a class="button" href=paths::book_for(id)>{words::book_link(&r.first_name)}</a></p> })}
                        <form method="post" action=MarkRecalled::url()>
                            {r.appointment.map(|id| view! { <input type="hidden" name="appointment" value=id.to_string()/> })}
                            {r.call.map(|id| view! { <input type="hidden" name="call" value=id.to_string()/> })}
                            {r.recontact.map(|id| view! { <input type="hidden" name="recontact" value=id.to_string()/> })}
                            <button type="submit" class="button">
                                {words::RECALL_DONE}<span class="visually-hidden">{format!(" : {}", r.first_name)}</span>
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

// ---------------------------------------------------------------- taking a call

#[component]
pub fn CallPage() -> impl IntoView {
    let key = use_query_map().read_untracked().get("brouillon");
    let data = Resource::new(move || key.clone(), get_call);
    loaded(data, |view: CallView| {
        let d = view.draft.clone();
        let has = |p: CallProblem| view.problems.contains(&p);
        let error = !view.problems.is_empty();
        let head = view! {
            <Title text=text::title_with_error(words::CALL_TITLE, error)/>
            <VolunteerNav/>
            <h1>{words::CALL_TITLE}</h1>
            {links()}
            <p>{words::CALL_INTRO}</p>
            {error.then(|| view! {
                <div class="message error-message" role="alert" id="erreurs">
                    <ul>{view.problems.iter().map(|p| view! { <li>{words::problem(*p)}</li> }).collect_view()}</ul>
                </div>
            })}
        }
        .into_any();
        let person = view! {
            <input type="hidden" name="once" value=view.once.clone()/>
            <div class="field">
                <label for="appel-prenom">{words::FIRST_NAME}</label>
                <input type="text" id="appel-prenom" name="first_name" required maxlength="60"
                    autocomplete="off" value=d.first_name.clone()
                    aria-invalid=has(CallProblem::NoFirstName).then_some("true")/>
            </div>
            <fieldset>
                <legend>{words::REACH}</legend>
                <div class="choices">
                    {Reach::ALL.into_iter().map(|r| {
                        let box_id = format!("appel-joindre-{}", r.code());
                        view! {
                            <div class="choice">
                                <input type="radio" id=box_id.clone() name="reach" value=r.code()
                                    checked=d.reach == r.code()/>
                                <label for=box_id>{words::reach(r)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="appel-telephone">{words::PHONE}</label>
                <p class="hint" id="appel-telephone-aide">{words::PHONE_HINT}</p>
                <input type="tel" id="appel-telephone" name="phone" autocomplete="off"
                    value=d.phone.clone() aria-describedby="appel-telephone-aide"
                    aria-invalid=has(CallProblem::NoPhone).then_some("true")/>
            </div>
            <div class="field">
                <label for="appel-cp">{words::POSTCODE}</label>
                <input type="text" id="appel-cp" name="postcode" required inputmode="numeric"
                    maxlength="6" value=d.postcode.clone()
                    aria-invalid=has(CallProblem::BadPostcode).then_some("true")/>
            </div>
            <div class="field">
                <label for="appel-commune">{words::COMMUNE}</label>
                <input type="text" id="appel-commune" name="commune" required maxlength="80"
                    value=d.commune.clone()
                    aria-invalid=has(CallProblem::UnknownCommune).then_some("true")/>
                {view.zone.clone().map(|z| view! { <p class="hint">{words::zone_found(&z)}</p> })}
                {(!view.suggestions.is_empty()).then(|| view! {
                    <p class="hint">{words::SUGGESTIONS}" "
                        {view.suggestions.iter().map(|(cp, name)| format!("{cp} {name}")).collect::<Vec<_>>().join(", ")}
                    </p>
                })}
            </div>
        }
        .into_any();
        let needs = view! {
            <fieldset>
                <legend>{words::NEEDS}</legend>
                <div class="choices">
                    {NEEDS.into_iter().map(|n| {
                        let box_id = format!("appel-besoin-{n}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=box_id.clone() name="need" value=n
                                    checked=d.needs.iter().any(|x| x == n)/>
                                <label for=box_id>{words::need(n)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="appel-note">{words::NOTE}</label>
                <textarea id="appel-note" name="note" rows="2" maxlength="1000">{d.note.clone()}</textarea>
            </div>
            <div class="field">
                <label for="appel-dispo">{words::AVAILABILITY}</label>
                <p class="hint" id="appel-dispo-aide">{words::AVAILABILITY_HINT}</p>
                <input type="text" id="appel-dispo" name="availability" maxlength="200"
                    value=d.availability.clone() aria-describedby="appel-dispo-aide"/>
            </div>
            <div class="field">
                <label for="appel-mode">{words::MODE}</label>
                <select id="appel-mode" name="mode">
                    {["", "domicile", "lieu", "telephone"].into_iter().map(|m| view! {
                        <option value=m selected=d.mode == m>{words::mode(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button" name="action" value="chercher">{words::SEARCH}</button>
        }
        .into_any();
        let slots = view! {
            {view.searched.then(|| view! {
                {slot_fieldset(&view.slots, words::NO_SLOT)}
                {(!view.slots.is_empty()).then(|| view! {
                    <button type="submit" class="button primary" name="action" value="reserver">{words::BOOK}</button>
                })}
                " "
                <button type="submit" class="button" name="action" value="attente">{words::WAIT}</button>
            })}
        }
        .into_any();
        view! {
            {head}
            <form class="form" method="post" action=paths::CALL_FORM>
                {person} {needs} {slots}
            </form>
        }
    })
}
