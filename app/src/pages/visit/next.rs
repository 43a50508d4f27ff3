//! The end of a new session's form of one learner (issue 20, item 6): their open help
//! requests, each to tick if handled during the session, and "Prochaine visite" (a free
//! slot of their zone, "à recontacter" from a day, or nothing planned). One radio group:
//! one Tab stop, the arrows choose. Each piece returns an `AnyView`.

use leptos::prelude::*;

use crate::model::{NextChoice, VisitForm};
use crate::text::{self, next_visit as words};

/// The learner's open help requests, each with "Traitée pendant cette séance".
pub fn help_requests(form: &VisitForm) -> AnyView {
    if !form.plan_next || form.open_help.is_empty() {
        return ().into_any();
    }
    let ticked = form.draft.handled.clone();
    view! {
        <fieldset id="demandes-aide" aria-describedby="demandes-aide-aide">
            <legend>{words::HELP_TITLE}</legend>
            <p class="hint" id="demandes-aide-aide">{words::HELP_HINT}</p>
            <ul class="card-list">
                {form.open_help.iter().map(|r| {
                    let id = format!("aide-{}", r.id);
                    let about = format!("aide-{}-quoi", r.id);
                    view! {
                        <li>
                            <p id=about.clone()>
                                <strong>{text::learning::step_place(&r.place)}</strong>
                                {format!(" — {}", text::dates::ago(r.when))}
                                {r.message.clone().map(|m| format!(" — « {m} »"))}
                            </p>
                            <div class="choice">
                                <input type="checkbox" name="handled" value=r.id.to_string() id=id.clone()
                                    checked=ticked.contains(&r.id) aria-describedby=about/>
                                <label for=id>{words::HELP_HANDLED}</label>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
    .into_any()
}

/// "Prochaine visite": the next free slots, "à recontacter" with a day, or nothing.
pub fn next_visit(form: &VisitForm) -> AnyView {
    if !form.plan_next {
        return ().into_any();
    }
    let problem = form
        .errors
        .iter()
        .find(|e| e.field == "next")
        .map(|e| text::staff::field_problem(&e.problem));
    let chosen = form.draft.next.trim().to_string();
    let (recontact, nothing_code) = (NextChoice::RECONTACT, NextChoice::NOTHING);
    let nothing = chosen.is_empty() || chosen == NextChoice::NOTHING;
    let described = if problem.is_some() {
        "prochaine-visite-erreur prochaine-visite-aide"
    } else {
        "prochaine-visite-aide"
    };
    let intro = if form.next_slots.is_empty() {
        words::NO_SLOT.to_string()
    } else {
        words::slots_intro(form.next_zone.as_deref())
    };
    view! {
        <fieldset id="prochaine-visite" aria-describedby=described>
            <legend>{words::TITLE}</legend>
            {problem.map(|p| view! { <p class="message error-message field-error" id="prochaine-visite-erreur">{p}</p> })}
            <p id="prochaine-visite-aide">{intro}</p>
            <div class="choices">
                {form.next_slots.iter().enumerate().map(|(i, s)| {
                    let id = format!("creneau-{i}");
                    let key = s.key();
                    view! {
                        <div class="choice">
                            <input type="radio" name="next" value=key.clone() id=id.clone() checked=chosen == key/>
                            <label for=id>{words::slot(s)}</label>
                        </div>
                    }
                }).collect_view()}
                <div class="choice">
                    <input type="radio" name="next" value=recontact id="prochaine-recontacter"
                        checked=chosen == recontact/>
                    <label for="prochaine-recontacter">{words::RECONTACT}</label>
                </div>
                <div class="choice">
                    <input type="radio" name="next" value=nothing_code id="prochaine-rien" checked=nothing/>
                    <label for="prochaine-rien">{words::NOTHING}</label>
                </div>
            </div>
            <div class="field">
                <label for="recontact_day">{format!("{} — {}", words::RECONTACT, words::RECONTACT_DAY)}</label>
                <p class="hint" id="recontact-aide">{words::RECONTACT_HINT}</p>
                <input type="date" id="recontact_day" name="recontact_day" value=form.draft.recontact_day.clone()
                    min=form.today.clone() aria-describedby="recontact-aide"/>
            </div>
        </fieldset>
    }
    .into_any()
}
