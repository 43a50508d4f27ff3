//! `/programme` (administrators of the programme): territories, structures, their
//! coordinators, forms to create them, and the programme's report; and
//! `/programme/territoires/{id}` (the territory's coordinators and the administrators): the
//! territory's structures and report. Server-rendered forms (no JavaScript needed); the
//! report is tables, a period chosen in a GET form as on the statistics page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::network::{
    CreateStructure, CreateTerritory, InviteStructureCoordinator, NameTerritoryCoordinator,
    RemoveTerritoryCoordinator, get_programme, get_territory,
};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::islands::submit_once::SubmitOnce;
use crate::model::network::{
    NetworkFigures, NetworkReport, ProgrammeView, Setting, StructureRow, TerritoryView,
};
use crate::paths;
use crate::text::network as words;
use crate::text::stats as stats_words;

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("du"), q.get("au"), q.get("lien"))
        },
        |(from, to, lien)| get_programme(from, to, lien),
    );
    // A form's error: which form (`dans`) and what (`erreur`).
    let error: FormError = {
        let q = query.read_untracked();
        q.get("dans").zip(q.get("erreur"))
    };
    let done = query
        .read_untracked()
        .get("fait")
        .and_then(|d| words::done(&d));
    loaded(data, move |v: ProgrammeView| {
        view! {
            <Title text=crate::text::title_with_error(words::PROGRAMME_TITLE, error.is_some())/>
            <h1>{words::PROGRAMME_TITLE}</h1>
            <p>{words::PROGRAMME_INTRO}</p>
            {done.map(|m| view! { <p class="message success" role="status">{m}</p> })}
            {v.link.clone().map(|l| view! {
                <div class="message success" id="lien" role="status">
                    <p>{format!("{} {}", words::LINK_FOR, l.for_name)}</p>
                    <p><code class="invitation-url">{l.url}</code></p>
                    <p>{format!("{} {}.", words::LINK_INTRO, l.expires)}</p>
                </div>
            })}
            {territories(&v, &error)}
            {structures(&v, &error)}
            {report(&v.report, paths::PROGRAMME)}
        }
    })
}

/// The form (`territoires`, `structures`, `inviter`, `nommer`) and the code of a refused
/// form's error.
type FormError = Option<(String, String)>;

/// The message of `error` if it is about field `codes` of form `form`.
fn field_error(error: &FormError, form: &str, codes: &[&str]) -> Option<&'static str> {
    error
        .as_ref()
        .filter(|(f, code)| f == form && codes.contains(&code.as_str()))
        .and_then(|(_, code)| words::form_error(code))
}

/// The message of a form's error, tied to its field by `id`.
fn error_message(id: String, message: Option<&'static str>) -> AnyView {
    match message {
        Some(m) => view! { <p class="message error-message" role="alert" id=id>{m}</p> }.into_any(),
        None => ().into_any(),
    }
}

/// `aria-describedby` of a field: its error's id when it has one, else its hint's.
fn described_by(error_id: &str, message: Option<&str>, hint: Option<&str>) -> Option<String> {
    if message.is_some() {
        Some(error_id.to_string())
    } else {
        hint.map(str::to_string)
    }
}

/// A one-line field of a form: its label, its error (`{id}-erreur`, before the input and
/// tied to it) and its hint (`{id}-aide`, after it).
#[component]
fn TextField(
    /// The input's id.
    id: &'static str,
    /// The name the form sends.
    name: &'static str,
    label: &'static str,
    /// The message when the form was refused because of this field.
    error: Option<&'static str>,
    /// The input's type: `text` or `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-erreur");
    let hint_id = format!("{id}-aide");
    let described = described_by(&error_id, error, hint.map(|_| hint_id.as_str()));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {error_message(error_id, error)}
            <input type=kind id=id name=name required=required maxlength=maxlength autocomplete="off"
                aria-invalid=error.map(|_| "true")
                aria-describedby=described/>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        </div>
    }
}

fn territories(v: &ProgrammeView, error: &FormError) -> AnyView {
    let once = v.once.clone();
    let name_error = field_error(error, "territoires", &["nom", "nom-pris"]);
    view! {
        <section aria-labelledby="territoires-titre" id="territoires">
            <h2 id="territoires-titre">{words::TERRITORIES}</h2>
            {if v.territories.is_empty() {
                view! { <p>{words::NO_TERRITORY_YET}</p> }.into_any()
            } else {
                view! {
                    <table class="comparison">
                        <caption class="visually-hidden">{words::TERRITORIES}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{words::TERRITORY}</th>
                                <th scope="col">{words::STRUCTURES}</th>
                                <th scope="col">{words::COORDINATORS}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.territories.iter().map(|t| view! {
                                <tr>
                                    <th scope="row"><a href=paths::territory(t.id)>{t.name.clone()}</a></th>
                                    <td>{if t.structures.is_empty() { words::NONE.to_string() } else { t.structures.join(", ") }}</td>
                                    <td>{coordinators(&t.name, &t.coordinators)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>{words::NEW_TERRITORY}</h3>
            <SubmitOnce>
                <form class="form" method="post" action=CreateTerritory::url()>
                    <input type="hidden" name="once" value=once/>
                    <TextField id="territoire-nom" name="name" label=words::TERRITORY_NAME error=name_error
                        required=true maxlength="100"/>
                    <button type="submit" class="button">{words::CREATE}</button>
                </form>
            </SubmitOnce>
            {name_territory_coordinator(v, error)}
        </section>
    }
    .into_any()
}

/// A territory's coordinators, each with a button to remove them.
fn coordinators(territory: &str, who: &[(i32, String)]) -> AnyView {
    if who.is_empty() {
        return words::NOBODY.into_any();
    }
    view! {
        <ul>
            {who.iter().map(|(id, name)| view! {
                <li>
                    {name.clone()}" "
                    <form class="inline-form" method="post" action=RemoveTerritoryCoordinator::url()>
                        <input type="hidden" name="member" value=id.to_string()/>
                        <button type="submit" class="link-button">
                            {words::REMOVE_COORDINATOR}
                            <span class="visually-hidden">{format!(" : {name}, {territory}")}</span>
                        </button>
                    </form>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn name_territory_coordinator(v: &ProgrammeView, error: &FormError) -> AnyView {
    if v.territories.is_empty() {
        return ().into_any();
    }
    let member_error = field_error(error, "nommer", &["membre"]);
    view! {
        <h3 id="nommer">{words::NAME_TERRITORY_COORDINATOR}</h3>
        {if v.members.is_empty() {
            view! { <p>{words::NO_MEMBER_YET}</p> }.into_any()
        } else {
            view! {
                <p class="hint" id="nommer-aide">{words::NAME_TERRITORY_HINT}</p>
                <form class="form" method="post" action=NameTerritoryCoordinator::url() aria-describedby="nommer-aide">
                    <div class="field">
                        <label for="nommer-territoire">{words::TERRITORY}</label>
                        <select id="nommer-territoire" name="territory" required>
                            {v.territories.iter().map(|t| view! {
                                <option value=t.id.to_string()>{t.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="nommer-membre">{words::NAME_TERRITORY_MEMBER}</label>
                        {error_message("nommer-membre-erreur".into(), member_error)}
                        <select id="nommer-membre" name="member" required
                            aria-invalid=member_error.map(|_| "true")
                            aria-describedby=described_by("nommer-membre-erreur", member_error, None)>
                            {v.members.iter().map(|m| view! {
                                <option value=m.id.to_string()>{format!("{} ({}, {})", m.name, m.username, m.structure)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{words::NAME_TERRITORY_SUBMIT}</button>
                </form>
            }.into_any()
        }}
    }
    .into_any()
}

fn structure_table(rows: &[StructureRow], with_territory: bool) -> AnyView {
    if rows.is_empty() {
        return view! { <p>{words::NO_STRUCTURE_YET}</p> }.into_any();
    }
    view! {
        <table class="comparison">
            <caption class="visually-hidden">{words::STRUCTURES}</caption>
            <thead>
                <tr>
                    <th scope="col">{words::STRUCTURE}</th>
                    {with_territory.then(|| view! { <th scope="col">{words::TERRITORY}</th> })}
                    <th scope="col">{words::SETTING}</th>
                    <th scope="col">{words::PHONE}</th>
                    <th scope="col">{words::COORDINATORS}</th>
                </tr>
            </thead>
            <tbody>
                {rows.iter().map(|s| view! {
                    <tr>
                        <th scope="row">{s.name.clone()}</th>
                        {with_territory.then(|| view! { <td>{s.territory.clone().unwrap_or_else(|| words::NONE.to_string())}</td> })}
                        <td>{words::setting(s.setting)}</td>
                        <td>{s.phone.clone().unwrap_or_default()}</td>
                        <td>{words::names(&s.coordinators)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn structures(v: &ProgrammeView, error: &FormError) -> AnyView {
    let once = v.once.clone();
    let name_error = field_error(error, "structures", &["nom", "nom-pris"]);
    let phone_error = field_error(error, "structures", &["telephone"]);
    let invite_error = field_error(error, "inviter", &["prenom"]);
    let invite_once = v.once.clone();
    let territories: Vec<(i32, String)> = v
        .territories
        .iter()
        .map(|t| (t.id, t.name.clone()))
        .collect();
    let choices: Vec<(i32, String)> = v
        .structures
        .iter()
        .map(|s| (s.id, s.name.clone()))
        .collect();
    view! {
        <section aria-labelledby="structures-titre" id="structures">
            <h2 id="structures-titre">{words::STRUCTURES}</h2>
            {structure_table(&v.structures, true)}
            <h3>{words::NEW_STRUCTURE}</h3>
            <SubmitOnce>
                <form class="form" method="post" action=CreateStructure::url()>
                    <input type="hidden" name="once" value=once/>
                    <TextField id="structure-nom" name="name" label=words::STRUCTURE_NAME error=name_error
                        required=true maxlength="100"/>
                    <div class="field">
                        <label for="structure-territoire">{words::STRUCTURE_TERRITORY}</label>
                        <select id="structure-territoire" name="territory">
                            <option value="">{words::NONE}</option>
                            {territories.into_iter().map(|(id, name)| view! {
                                <option value=id.to_string()>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="structure-milieu">{words::STRUCTURE_SETTING}</label>
                        <select id="structure-milieu" name="setting">
                            <option value="">{words::NOT_SAID}</option>
                            {Setting::ALL.iter().map(|s| view! {
                                <option value=s.code()>{words::setting(Some(*s))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextField id="structure-telephone" name="phone" label=words::STRUCTURE_PHONE error=phone_error
                        kind="tel" hint=words::STRUCTURE_PHONE_HINT/>
                    <button type="submit" class="button">{words::CREATE}</button>
                </form>
            </SubmitOnce>
            {(!v.structures.is_empty()).then(move || view! {
                <h3 id="inviter">{words::INVITE_COORDINATOR}</h3>
                <p class="hint" id="inviter-aide">{words::INVITE_HINT}</p>
                <SubmitOnce>
                    <form class="form" method="post" action=InviteStructureCoordinator::url() aria-describedby="inviter-aide">
                        <input type="hidden" name="once" value=invite_once/>
                        <div class="field">
                            <label for="inviter-structure">{words::INVITE_STRUCTURE}</label>
                            <select id="inviter-structure" name="structure" required>
                                {choices.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string()>{name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <TextField id="inviter-prenom" name="name" label=words::INVITE_NAME error=invite_error
                            required=true maxlength="60"/>
                        <button type="submit" class="button">{words::INVITE_SUBMIT}</button>
                    </form>
                </SubmitOnce>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub fn TerritoryPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (route.id(), q.get("du"), q.get("au"))
        },
        |(id, from, to)| get_territory(id, from, to),
    );
    loaded(data, move |v: TerritoryView| {
        let title = words::territory_title(&v.name);
        let action = paths::territory(v.id);
        view! {
            <Title text=title.clone()/>
            {v.admin.then(|| view! { <p class="no-print"><a href=paths::PROGRAMME>{words::BACK_TO_PROGRAMME}</a></p> })}
            <h1>{title}</h1>
            <p>{words::TERRITORY_INTRO}</p>
            <section aria-labelledby="structures-titre" id="structures">
                <h2 id="structures-titre">{words::STRUCTURES}</h2>
                {structure_table(&v.structures, false)}
            </section>
            <section aria-labelledby="coordination-titre">
                <h2 id="coordination-titre">{words::COORDINATORS}</h2>
                <p>{words::names(&v.coordinators)}</p>
            </section>
            {report(&v.report, &action)}
        }
    })
}

/// The report: the period's form, then the structures side by side, the settings and the
/// whole, in tables.
fn report(r: &NetworkReport, action: &str) -> AnyView {
    let heading = words::report_heading(&r.from, &r.to);
    view! {
        <section aria-labelledby="rapport-titre" id="rapport">
            <h2 id="rapport-titre">{heading}</h2>
            <p>{words::REPORT_RULE}</p>
            <form class="form filters no-print" method="get" action=action.to_string()>
                {r.bad_period.then(|| view! { <p class="message error-message" role="alert">{stats_words::BAD_PERIOD}</p> })}
                <fieldset>
                    <legend>{stats_words::PERIOD_LEGEND}</legend>
                    <div class="field">
                        <label for="du">{stats_words::FROM}</label>
                        <input type="date" id="du" name="du" value=r.from.clone() required=true/>
                    </div>
                    <div class="field">
                        <label for="au">{stats_words::TO}</label>
                        <input type="date" id="au" name="au" value=r.to.clone() required=true/>
                    </div>
                </fieldset>
                <button type="submit" class="button">{stats_words::SHOW}</button>
            </form>
            {(!r.bad_period).then(|| {
                if r.structures.is_empty() {
                    return view! { <p>{words::NOTHING_TO_REPORT}</p> }.into_any();
                }
                let mut by_structure: Vec<(String, NetworkFigures)> = r.structures.clone();
                by_structure.push((words::TOTAL.to_string(), r.total.clone()));
                let by_setting: Vec<(String, NetworkFigures)> = r
                    .by_setting
                    .iter()
                    .map(|(s, f)| (words::setting(*s).to_string(), f.clone()))
                    .collect();
                view! {
                    {figures_table("rapport-structures", words::BY_STRUCTURE, words::STRUCTURE, by_structure)}
                    {figures_table("rapport-milieux", words::BY_SETTING, words::SETTING, by_setting)}
                }
                .into_any()
            })}
        </section>
    }
    .into_any()
}

/// One row per structure (or setting), one column per figure.
fn figures_table(
    id: &'static str,
    title: &'static str,
    first: &'static str,
    rows: Vec<(String, NetworkFigures)>,
) -> AnyView {
    let heads = [
        words::PEOPLE,
        words::PEOPLE_NEW,
        words::SESSIONS,
        words::TIME,
        words::WORKSHOPS,
        words::WORKSHOP_PARTICIPANTS,
        words::LESSONS_FINISHED,
        words::PEOPLE_ALONE,
        words::HELP_REQUESTS,
    ];
    view! {
        <div class="table-scroll" role="region" aria-labelledby=id tabindex="0">
            <table class="comparison">
                <caption id=id>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        {heads.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(name, f)| {
                        let cells = [
                            stats_words::share(f.people),
                            words::people(f.people_new),
                            f.sessions.to_string(),
                            stats_words::hours(f.minutes),
                            f.workshops.to_string(),
                            words::people(f.workshop_participants),
                            f.lessons_finished.to_string(),
                            words::people(f.people_alone),
                            f.help_requests.to_string(),
                        ];
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
