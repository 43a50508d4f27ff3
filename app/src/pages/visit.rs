//! Logging a help session: the form (one learner, or a group workshop), the page after
//! saving, and the printable hand-off sheet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

mod coop;
mod next;

use crate::api::volunteer::{get_hand_off, get_visit_form, get_visit_saved};
use crate::components::load::loaded;
use crate::components::route::RouteParams;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{HandOff, NextAppointment, VisitForm, VisitSaved};
use crate::pages::volunteer::VolunteerNav;
use crate::paths::{VISIT, VISIT_DELETE};
use crate::text;

fn error_for(form: &VisitForm, field: &str) -> Option<String> {
    form.errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| text::staff::field_problem(&e.problem))
}

/// The form of a session, with errors tied to their fields.
#[component]
fn VisitFormView(form: VisitForm) -> impl IntoView {
    let editing = form.draft.visit;
    let title = if editing.is_some() {
        text::sessions::EDIT_TITLE
    } else if form.learner.is_some() {
        text::VISIT_TITLE
    } else {
        text::VISIT_WORKSHOP_TITLE
    };
    let heading = match &form.learner {
        Some(l) => format!("{title} — {}", l.first_name),
        None => title.to_string(),
    };
    let no_notes = match &form.learner {
        Some(l) => l.no_notes,
        None => form
            .candidates
            .iter()
            .any(|c| c.no_notes && form.draft.learners.contains(&c.id)),
    };
    // In a workshop form, before anything is ticked: who refused written notes.
    let refused: Option<String> = {
        let names: Vec<&str> = form
            .candidates
            .iter()
            .filter(|c| c.no_notes)
            .map(|c| c.first_name.as_str())
            .collect();
        (!names.is_empty()).then(|| text::staff::notes_refused(&names))
    };
    let field = |name: &'static str, err: Option<String>| {
        let id = format!("{name}-erreur");
        (
            err.clone().map(
                |e| view! { <p class="message error-message field-error" id=id.clone()>{e}</p> },
            ),
            err.map(|_| id),
        )
    };
    let (date_err, date_desc) = field("date", error_for(&form, "date"));
    let (kind_err, _) = field("kind", error_for(&form, "kind"));
    let (topics_err, topics_desc) = field("topics", error_for(&form, "topics"));
    let (note_err, note_desc) = field("note", error_for(&form, "note"));
    let (lessons_err, lessons_desc) = field("lessons", error_for(&form, "lessons"));
    let (learners_err, learners_desc) = field("learners", error_for(&form, "learners"));
    let d = form.draft.clone();
    let after = editing.map(|id| corrections(id, &form));
    view! {
        <Title text=heading.clone()/>
        <VolunteerNav/>
        <h1>{heading}</h1>
        {(!form.errors.is_empty()).then(|| view! {
            <div class="message error-message" role="alert" id="erreurs" tabindex="-1">
                <p>{text::VISIT_ERRORS}</p>
                <ul>{form.errors.iter().map(|e| view! { <li>{text::staff::field_problem(&e.problem)}</li> }).collect_view()}</ul>
            </div>
        })}
        <SubmitOnce>
            <form class="form visit-form" method="post" action=VISIT>
                <input type="hidden" name="once" value=form.once.clone()/>
                {editing.map(|id| view! { <input type="hidden" name="visit" value=id.to_string()/> })}
                {match &form.learner {
                    Some(l) => view! {
                        <input type="hidden" name="learner" value=l.id.to_string()/>
                        <input type="hidden" name="single" value=l.id.to_string()/>
                    }.into_any(),
                    None => view! {
                        <fieldset aria-describedby=learners_desc>
                            <legend>{text::VISIT_WHO}</legend>
                            {learners_err}
                            <div class="choices">
                                {form.candidates.iter().map(|c| {
                                    let id = format!("personne-{}", c.id);
                                    view! {
                                        <div class="choice">
                                            <input type="checkbox" name="learner" value=c.id.to_string() id=id.clone()
                                                checked=d.learners.contains(&c.id)/>
                                            <label for=id>{c.first_name.clone()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }.into_any(),
                }}
                <div class="field">
                    <label for="date">{text::VISIT_DATE}</label>
                    {date_err}
                    <input type="date" id="date" name="date" value=d.date.clone() max=form.today.clone()
                        min="2020-01-01" required aria-describedby=date_desc.clone()
                        aria-invalid=date_desc.is_some().then_some("true")/>
                </div>
                {kind_err}
                {coop::type_and_place(&form)}
                {coop::duration(&form)}
                {coop::themes(&form)}
                {if form.learner.is_some() { coop::individual(&form) } else { coop::workshop(&form) }}
                {coop::equipment(&form)}
                <div class="field">
                    <label for="topics">{text::sessions::TOPICS}</label>
                    {topics_err}
                    <textarea id="topics" name="topics" rows="3" maxlength="2000" aria-describedby=topics_desc>{crate::components::text_area::escaped(&d.topics)}</textarea>
                </div>
                {if no_notes && d.note.trim().is_empty() {
                    view! { <p class="message notice">{text::VISIT_NO_NOTES}</p> }.into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="note">{text::VISIT_NOTE}</label>
                            <p class="hint" id="note-aide">{text::VISIT_NOTE_HINT}</p>
                            {refused.clone().map(|refused| view! {
                                <p class="message notice">{refused}</p>
                            })}
                            {note_err}
                            <textarea id="note" name="note" rows="4" maxlength="4000"
                                aria-describedby=note_desc.map_or("note-aide".to_string(), |e| format!("note-aide {e}"))>{crate::components::text_area::escaped(&d.note)}</textarea>
                        </div>
                    }.into_any()
                }}
                <fieldset id="lecons" aria-describedby=lessons_desc>
                    <legend>{text::VISIT_LESSONS}</legend>
                    {lessons_err}
                    <div class="search-row">
                        <label for="search">{text::VISIT_SEARCH}</label>
                        <input type="search" id="search" name="search" value=d.search.clone()/>
                        <button type="submit" name="action" value="chercher" class="button" formnovalidate>
                            {text::VISIT_SEARCH_BUTTON}
                        </button>
                    </div>
                    {
                        // Lessons already ticked stay in the form even when the search hides them.
                        let shown: Vec<String> = form.lessons.iter().map(|l| l.key.clone()).collect();
                        d.lessons.iter().filter(|k| !shown.contains(k)).map(|k| view! {
                            <input type="hidden" name="lesson" value=k.clone()/>
                        }).collect_view()
                    }
                    {if form.lessons.is_empty() {
                        view! { <p>{text::VISIT_NO_LESSON}</p> }.into_any()
                    } else {
                        view! {
                            <div class="choices">
                                {form.lessons.iter().map(|l| {
                                    let id = format!("lecon-{}", l.key.replace('/', "-"));
                                    view! {
                                        <div class="choice">
                                            <input type="checkbox" name="lesson" value=l.key.clone() id=id.clone()
                                                checked=d.lessons.contains(&l.key)/>
                                            <label for=id>{format!("{} — {}", l.lesson_title, l.module_title)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }}
                </fieldset>
                {next::help_requests(&form)}
                {next::next_visit(&form)}
                <button type="submit" class="button primary">
                    {if editing.is_some() { text::sessions::EDIT_SAVE } else { text::VISIT_SAVE }}
                </button>
            </form>
        </SubmitOnce>
        {after}
    }
}

/// Under the form of a saved session: its history, and deleting it.
fn corrections(id: i32, form: &VisitForm) -> AnyView {
    let confirm = form.confirm_delete;
    view! {
        {(!form.history.is_empty()).then(|| view! {
            <section aria-labelledby="historique">
                <h2 id="historique">{text::sessions::HISTORY}</h2>
                <ul>
                    {form.history.iter().map(|h| view! {
                        <li>
                            <p>{format!("{} — {}", h.at, text::sessions::changed_by(h.deleted, h.by.as_deref()))}</p>
                            <ul>{h.fields.iter().map(|c| view! { <li>{text::sessions::change(c)}</li> }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="supprimer" class="danger-zone">
            <h2 id="supprimer">{text::sessions::DELETE_TITLE}</h2>
            <p>{text::sessions::DELETE_HINT}</p>
            {confirm.then(|| view! { <p class="message error-message" role="alert">{text::sessions::DELETE_NEED_CONFIRM}</p> })}
            <form class="form" method="post" action=VISIT_DELETE>
                <input type="hidden" name="visit" value=id.to_string()/>
                <div class="choice">
                    <input type="checkbox" name="confirm" value="oui" id="confirmer" required/>
                    <label for="confirmer">{text::sessions::DELETE_CONFIRM}</label>
                </div>
                <button type="submit" class="button">{text::sessions::DELETE_BUTTON}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
pub fn VisitFormPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let data = Resource::new(
        move || (route.number("id"), query.read().get("brouillon")),
        |(learner, draft)| get_visit_form(learner, draft, None),
    );
    loaded(data, |form: VisitForm| view! { <VisitFormView form/> })
}

/// `/benevole/atelier`: a group workshop.
#[component]
pub fn WorkshopFormPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("brouillon"),
        |draft| get_visit_form(None, draft, None),
    );
    loaded(data, |form: VisitForm| view! { <VisitFormView form/> })
}

/// `/benevole/seances/{id}/modifier`: correcting a saved session (its author or a
/// coordinator), its history, and deleting it.
#[component]
pub fn VisitEditPage() -> impl IntoView {
    let route = RouteParams::current();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (route.id(), q.get("brouillon"), q.get("confirmer").is_some())
        },
        |(id, draft, confirm)| async move {
            let mut form = get_visit_form(None, draft, Some(id)).await?;
            form.confirm_delete = confirm;
            Ok::<_, crate::error::AppError>(form)
        },
    );
    loaded(data, |form: VisitForm| view! { <VisitFormView form/> })
}

#[component]
pub fn VisitSavedPage() -> impl IntoView {
    let route = RouteParams::current();
    let data = Resource::new(move || route.id(), get_visit_saved);
    loaded(data, |v: VisitSaved| {
        view! {
            <Title text=text::VISIT_SAVED/>
            <VolunteerNav/>
            <h1>{text::VISIT_SAVED}</h1>
            <p class="message success" role="status">{format!("{} — {}", text::VISIT_SAVED, v.date)}</p>
            <ul class="card-list">
                {v.learners.into_iter().zip(v.planned.into_iter().chain(std::iter::repeat((None, None)))).map(|(l, (next, recontact))| view! {
                    <li class="card">
                        <h2>{l.first_name.clone()}</h2>
                        <p>{text::next_visit::planned_line(next.as_ref(), recontact.as_deref())}</p>
                        {next.is_none().then(|| view! {
                            <p><a class="button" href=crate::paths::book_for(l.id)>{text::agenda::book_link(&l.first_name)}</a></p>
                        })}
                        <div class="actions">
                            <a class="button primary" href=format!("/benevole/seances/{}/fiche/{}", v.visit_id, l.id)>
                                {format!("{} {}", text::VISIT_HAND_OFF, text::of_name(&l.first_name))}
                            </a>
                            <a class="button" href=format!("/benevole/apprenants/{}", l.id)>
                                {text::DASHBOARD_SEE}<span class="visually-hidden">{format!(" : {}", l.first_name)}</span>
                            </a>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn HandOffPage() -> impl IntoView {
    let route = RouteParams::current();
    let data = Resource::new(
        move || (route.id(), route.number("learner").unwrap_or(0)),
        |(visit, learner)| get_hand_off(visit, learner),
    );
    loaded(data, |h: HandOff| {
        view! {
            <Title text=format!("{} — {}", text::HAND_OFF_TITLE, h.first_name)/>
            <div class="hand-off">
                <h1>{format!("{} — {}", text::HAND_OFF_TITLE, h.first_name)}</h1>
                <p class="lead">{format!("{} — {}", h.date, h.kind)}</p>
                <section aria-labelledby="fait">
                    <h2 id="fait">{text::HAND_OFF_DONE}</h2>
                    <p>{if h.topics.is_empty() { "—".to_string() } else { h.topics.clone() }}</p>
                </section>
                <section aria-labelledby="pratiquer">
                    <h2 id="pratiquer">{text::HAND_OFF_PRACTISE}</h2>
                    {if h.to_practise.is_empty() {
                        view! { <p>{text::HAND_OFF_NOTHING}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="booklet-list">
                                {h.to_practise.into_iter().map(|a| view! {
                                    <li><strong>{a.lesson_title}</strong>{format!(" — {}", a.module_title)}</li>
                                }).collect_view()}
                            </ol>
                            <p>{text::HAND_OFF_HOW}</p>
                        }.into_any()
                    }}
                </section>
                {next_on_sheet(h.next.clone(), h.recontact.clone())}
                <section aria-labelledby="rappel" class="hand-off-reminder">
                    <h2 id="rappel">{text::HAND_OFF_CODE}</h2>
                    <p class="card-code">{h.code}</p>
                    <p>{format!("{} : {}", text::HAND_OFF_SITE, h.site)}</p>
                    {h.volunteer.map(|v| view! { <p>{format!("{} : {v}", text::HAND_OFF_VOLUNTEER)}</p> })}
                    <p>{h.structure}</p>
                    {h.phone.map(|p| view! { <p>{format!("{} : {p}", text::HAND_OFF_PHONE)}</p> })}
                </section>
                <p class="hint no-print">{text::BOOKLET_PRINT}</p>
                <p class="no-print"><a href=format!("/benevole/apprenants/{}", h.learner_id)>{text::DASHBOARD_SEE}</a></p>
            </div>
        }
    })
}

/// The next appointment on the hand-off sheet and the learner's booklet, or that none is
/// planned (and when someone will call back, if said).
pub fn next_on_sheet(next: Option<NextAppointment>, recontact: Option<String>) -> AnyView {
    use crate::text::next_visit as words;
    view! {
        <section aria-labelledby="prochain" class="hand-off-next">
            <h2 id="prochain">{words::HAND_OFF_NEXT}</h2>
            {match next {
                Some(n) => words::appointment(&n)
                    .into_iter()
                    .filter(|line| !line.is_empty())
                    .map(|line| view! { <p>{line}</p> })
                    .collect_view()
                    .into_any(),
                None => view! {
                    <p>{words::HAND_OFF_NONE}</p>
                    {recontact.map(|day| view! { <p>{words::recontact(&day)}</p> })}
                }
                .into_any(),
            }}
        </section>
    }
    .into_any()
}
