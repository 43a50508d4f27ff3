//! `/benevole`: the volunteer's dashboard (issue 20 item 7). My appointments of today and of
//! the rest of the week first, then the learners who need attention with every reason (open
//! help requests, stuck, to call back), then the others in a compact table; a search by
//! first name and filters (zone, "à rappeler", stuck) in a GET form, so they work without
//! JavaScript. The view is cut into pieces whose types are erased (`into_any`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::VolunteerNav;
use crate::api::volunteer::{HandleHelpRequest, get_dashboard};
use crate::components::load::loaded;
use crate::islands::submit_once::SubmitOnce;
use crate::model::agenda::Status;
use crate::model::{Dashboard, DashboardAppointment, DashboardLearner, HelpRequestView};
use crate::paths;
use crate::text::{self, dashboard as words};

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

#[component]
pub fn DashboardPage() -> impl IntoView {
    let q = use_query_map().read_untracked();
    let name = q.get("nom").filter(|n| !n.trim().is_empty());
    let zone = q.get("zone").and_then(|z| z.parse::<i32>().ok());
    let recall = q.get("rappeler").is_some_and(|v| !v.is_empty());
    let stuck = q.get("bloque").is_some_and(|v| !v.is_empty());
    let deleted = q.get("supprime").is_some();
    let welcome = q.get("bienvenue").is_some();
    drop(q);
    let notice = help_notice();
    let data = Resource::new(
        move || (name.clone(), zone, recall, stuck),
        |(n, z, r, s)| get_dashboard(n, z, r, s),
    );
    loaded(data, move |d: Dashboard| {
        let head = view! {
            <Title text=text::DASHBOARD_TITLE/>
            <VolunteerNav coordinator=d.is_coordinator/>
            <h1>{text::DASHBOARD_TITLE}</h1>
            {welcome.then(|| view! { <p class="message success" role="status">{text::DASHBOARD_WELCOME_STAFF}</p> })}
            {deleted.then(|| view! { <p class="message success" role="status">{text::DASHBOARD_DELETED}</p> })}
            {notice.clone().map(|(ok, m)| view! {
                <p class=if ok { "message success" } else { "message notice" } role="status">{m}</p>
            })}
            {(!d.unassigned.is_empty()).then(|| view! {
                <section class="message notice" aria-labelledby="sans-benevole">
                    <h2 id="sans-benevole">{words::UNASSIGNED}</h2>
                    <ul class="compact-list">
                        {d.unassigned.iter().map(|(id, name)| view! {
                            <li><a href=paths::learner(*id)>{name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                    <p><a href=format!("{}#confier", paths::TEAM)>{words::UNASSIGNED_GIVE}</a></p>
                </section>
            })}
        }
        .into_any();
        let today = appointments(
            "aujourdhui",
            words::TODAY,
            words::NO_APPOINTMENT_TODAY,
            &d.today_appointments,
            false,
        );
        let week = appointments(
            "semaine",
            words::THIS_WEEK,
            words::NO_APPOINTMENT_WEEK,
            &d.week_appointments,
            true,
        );
        let search = search_form(&d);
        let lists = learner_lists(d);
        view! {
            <div class="dashboard">
                {head}
                {today}
                {week}
                <p class="no-print"><a href=paths::AGENDA>{words::SEE_AGENDA}</a></p>
                {search}
                {lists}
            </div>
        }
    })
}

/// "Aujourd'hui" or "Cette semaine": my appointments, one line each.
fn appointments(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    items: &[DashboardAppointment],
    with_day: bool,
) -> AnyView {
    let list = if items.is_empty() {
        view! { <p class="meta">{empty}</p> }.into_any()
    } else {
        view! {
            <ul class="agenda-list">
                {items.iter().map(|a| {
                    let crossed = matches!(a.item.status, Status::Cancelled | Status::Excused);
                    let who = match (a.learner_id, &a.item.first_name) {
                        (Some(id), Some(name)) => view! {
                            " · "<a href=paths::learner(id)>{name.clone()}</a>
                        }.into_any(),
                        _ => ().into_any(),
                    };
                    view! {
                        <li class=if crossed { "agenda-item cancelled" } else { "agenda-item" }>
                            <a class="agenda-time" href=paths::appointment(a.item.id)>
                                {words::appointment_when(&a.item, with_day)}
                            </a>
                            {who}
                            {format!(" · {}", words::appointment_rest(&a.item))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {list}
        </section>
    }
    .into_any()
}

/// The search by first name and the filters: a GET form back to this page (its results'
/// heading as the anchor), then what it found.
fn search_form(d: &Dashboard) -> AnyView {
    if d.total == 0 {
        return ().into_any();
    }
    let f = &d.filter;
    let zones = (!d.zones.is_empty()).then(|| {
        view! {
            <div class="field">
                <label for="filtre-zone">{words::ZONE}</label>
                <select id="filtre-zone" name="zone">
                    <option value="">{words::ALL_ZONES}</option>
                    {d.zones.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=f.zone == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    });
    let found = words::result(d.shown(), d.total, f.is_active());
    view! {
        <section class="no-print" aria-labelledby="recherche">
            <h2 id="recherche" class="visually-hidden">{words::SEARCH_TITLE}</h2>
            <form class="form filters dashboard-search" role="search" aria-labelledby="recherche" method="get"
                action=format!("{}#apprenants", paths::DASHBOARD)>
                <div class="field">
                    <label for="filtre-nom">{words::SEARCH_NAME}</label>
                    <input id="filtre-nom" type="search" name="nom" value=f.name.clone() maxlength="60" autocomplete="off"/>
                </div>
                {zones}
                <div class="field">
                    <div class="choice">
                        <input id="filtre-rappeler" type="checkbox" name="rappeler" value="1" checked=f.recall/>
                        <label for="filtre-rappeler">{words::ONLY_RECALL}</label>
                    </div>
                    <div class="choice">
                        <input id="filtre-bloque" type="checkbox" name="bloque" value="1" checked=f.stuck/>
                        <label for="filtre-bloque">{words::ONLY_STUCK}</label>
                    </div>
                </div>
                <div class="field">
                    <button type="submit" class="button">{words::SEARCH}</button>
                </div>
            </form>
        </section>
        <p id="apprenants" class="search-result" tabindex="-1">
            {found}
            {f.is_active().then(|| view! { " "<a href=paths::DASHBOARD>{words::SHOW_ALL}</a> })}
        </p>
    }
    .into_any()
}

/// "À suivre", then the others (everyone when nobody needs attention).
fn learner_lists(d: Dashboard) -> AnyView {
    let filtered = d.filter.is_active();
    let shown = d.shown();
    if d.total == 0 {
        return view! {
            <p>{text::DASHBOARD_EMPTY}</p>
            <p><a class="button" href=paths::NEW_LEARNER>{text::DASHBOARD_ADD}</a></p>
        }
        .into_any();
    }
    if filtered && shown == 0 {
        return view! {
            <p class="message notice" role="status">{words::NOTHING_FOUND}</p>
        }
        .into_any();
    }
    let attention = if d.attention.is_empty() {
        (!filtered)
            .then(|| {
                view! {
                    <section aria-labelledby="a-suivre">
                        <h2 id="a-suivre">{words::ATTENTION_TITLE}</h2>
                        <p class="meta">{words::ATTENTION_NONE}</p>
                    </section>
                }
            })
            .into_any()
    } else {
        view! {
            <section aria-labelledby="a-suivre">
                <h2 id="a-suivre">{words::ATTENTION_TITLE}</h2>
                <ul class="card-list">
                    {d.attention.into_iter().map(|l| view! { <li>{attention_card(l)}</li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    };
    let others_title = if d.others.len() == shown {
        words::ALL_TITLE
    } else {
        words::OTHERS_TITLE
    };
    let others = (!d.others.is_empty()).then(|| {
        view! {
            <section aria-labelledby="les-autres">
                <h2 id="les-autres">{others_title}</h2>
                {others_table(d.others)}
            </section>
        }
    });
    view! {
        {attention}
        {others}
        <p class="no-print"><a class="button" href=paths::NEW_LEARNER>{text::DASHBOARD_ADD}</a></p>
    }
    .into_any()
}

/// A learner who needs attention: every reason (help requests with their answer form,
/// stuck, to call back), and the ways to act.
fn attention_card(l: DashboardLearner) -> AnyView {
    let heading = format!("apprenant-{}", l.id);
    let labelled_by = heading.clone();
    let help = (!l.help.is_empty()).then(|| {
        view! {
            <li>
                <p class="badge badge-help">{words::help_requested(l.help.len())}</p>
                <ul class="card-list">
                    {l.help.iter().cloned().map(|r: HelpRequestView| view! {
                        <li><HelpRequestCard request=r back=paths::DASHBOARD.to_string()/></li>
                    }).collect_view()}
                </ul>
            </li>
        }
        .into_any()
    });
    let stuck = (!l.stuck.is_empty()).then(|| {
        view! {
            <li>
                <p class="badge badge-stuck">{text::DASHBOARD_STUCK}</p>
                <ul class="compact-list">
                    {l.stuck.iter().map(|r| view! { <li>{text::staff::stuck_reason(r)}</li> }).collect_view()}
                </ul>
            </li>
        }
        .into_any()
    });
    let recall = (!l.recall.is_empty()).then(|| {
        view! {
            <li>
                <p class="badge badge-recall">{words::TO_RECALL}</p>
                <ul class="compact-list">
                    {l.recall.iter().map(|r| view! { <li>{words::recall(r)}</li> }).collect_view()}
                </ul>
                <p><a href=paths::TO_RECALL>{words::RECALL_LIST}</a></p>
            </li>
        }
        .into_any()
    });
    let meta = format!(
        "{} : {}{}",
        text::DASHBOARD_LAST_ACTIVE,
        l.last_active
            .map_or_else(|| words::NEVER.to_string(), text::dates::ago),
        l.zone
            .as_deref()
            .map(|z| format!(" · {}", words::zone(z)))
            .unwrap_or_default()
    );
    let actions = view! {
        <div class="actions">
            <a class="button" href=paths::learner(l.id)>
                {text::DASHBOARD_SEE}<span class="visually-hidden">{format!(" : {}", l.first_name)}</span>
            </a>
            <a class="button" href=format!("{}/seance", paths::learner(l.id))>
                {text::DASHBOARD_LOG}<span class="visually-hidden">{format!(" : {}", l.first_name)}</span>
            </a>
        </div>
    }
    .into_any();
    view! {
        <section class="card learner" aria-labelledby=labelled_by>
            <h3 id=heading><a href=paths::learner(l.id)>{l.first_name.clone()}</a></h3>
            <p class="meta">{meta}</p>
            <ul class="reasons">{help}{stuck}{recall}</ul>
            <p>{words::progress(&l.progress)}</p>
            {actions}
        </section>
    }
    .into_any()
}

/// The learners with nothing to look at first: one row each.
fn others_table(learners: Vec<DashboardLearner>) -> AnyView {
    view! {
        <div class="table-scroll">
            <table class="learners-table">
                <thead>
                    <tr>
                        <th scope="col">{words::COLUMN_NAME}</th>
                        <th scope="col">{words::COLUMN_LAST_ACTIVE}</th>
                        <th scope="col">{words::COLUMN_PROGRESS}</th>
                    </tr>
                </thead>
                <tbody>
                    {learners.into_iter().map(|l| {
                        let last = l.last_active.map_or_else(|| words::NEVER.to_string(), text::dates::ago);
                        view! {
                            <tr>
                                <th scope="row"><a href=paths::learner(l.id)>{l.first_name.clone()}</a></th>
                                <td>{last}</td>
                                <td>{words::progress(&l.progress)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
