//! The fields of La Coop de la médiation numérique's activity report in the session form:
//! type and place, duration, themes, equipment, and the individual or workshop details.
//! Each piece returns an `AnyView` (the release compiler's query depth on large views).

use leptos::prelude::*;

use crate::model::{
    Autonomy, CoopTheme, DURATIONS, Equipment, Orientation, PlaceType, SessionType, VisitForm,
    WorkshopLevel,
};
use crate::text::{self, sessions as words};

fn problem(form: &VisitForm, field: &str) -> Option<String> {
    form.errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| text::staff::field_problem(&e.problem))
}

/// The message under a field's label, and the id its input is described by.
fn message(form: &VisitForm, field: &'static str) -> (Option<AnyView>, Option<String>) {
    let id = format!("{field}-erreur");
    match problem(form, field) {
        Some(e) => (
            Some(
                view! { <p class="message error-message field-error" id=id.clone()>{e}</p> }
                    .into_any(),
            ),
            Some(id),
        ),
        None => (None, None),
    }
}

/// A group of radio buttons for one Coop value; `none`: a first choice "not said" (empty).
#[allow(clippy::too_many_arguments)]
fn radios<T: Copy + Send + Sync + 'static>(
    form: &VisitForm,
    name: &'static str,
    legend: &'static str,
    values: &'static [T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
    none: Option<&'static str>,
) -> AnyView {
    let (err, desc) = message(form, name);
    let chosen = chosen.to_string();
    view! {
        <fieldset aria-describedby=desc>
            <legend>{legend}</legend>
            {err}
            <div class="choices">
                {none.map(|words| {
                    let id = format!("{name}-aucun");
                    view! {
                        <div class="choice">
                            <input type="radio" name=name value="" id=id.clone() checked=chosen.is_empty()/>
                            <label for=id>{words}</label>
                        </div>
                    }
                })}
                {values.iter().map(|v| {
                    let c = code(*v);
                    let id = format!("{name}-{c}");
                    view! {
                        <div class="choice">
                            <input type="radio" name=name value=c id=id.clone() checked=chosen == c/>
                            <label for=id>{label(*v)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// Type, place type, commune and the place's details.
pub fn type_and_place(form: &VisitForm) -> AnyView {
    let d = &form.draft;
    let (commune_err, commune_desc) = message(form, "commune");
    let (place_err, place_desc) = message(form, "place");
    let commune_desc = Some(match commune_desc {
        Some(e) => format!("commune-aide {e}"),
        None => "commune-aide".to_string(),
    });
    view! {
        {radios(form, "session_type", words::TYPE, SessionType::ALL, SessionType::code, words::session_type, &d.session_type, None)}
        {radios(form, "place_type", words::PLACE_TYPE, PlaceType::ALL, PlaceType::code, words::place_type, &d.place_type, None)}
        <div class="field">
            <label for="commune">{words::COMMUNE}</label>
            <p class="hint" id="commune-aide">{words::COMMUNE_HINT}</p>
            {commune_err}
            <input type="text" id="commune" name="commune" value=d.commune.clone() maxlength="100"
                autocomplete="address-level2" aria-describedby=commune_desc/>
        </div>
        <div class="field">
            <label for="place">{words::PLACE_DETAIL}</label>
            {place_err}
            <input type="text" id="place" name="place" value=d.place.clone() maxlength="200"
                aria-describedby=place_desc/>
        </div>
    }
    .into_any()
}

/// The preset durations, or another typed in minutes.
pub fn duration(form: &VisitForm) -> AnyView {
    let d = &form.draft;
    let (err, desc) = message(form, "minutes");
    let chosen = d.duration.clone();
    view! {
        <fieldset aria-describedby=desc.clone()>
            <legend>{words::DURATION}</legend>
            {err}
            <div class="choices">
                {DURATIONS.into_iter().map(|m| {
                    let value = m.to_string();
                    let id = format!("duree-{m}");
                    view! {
                        <div class="choice">
                            <input type="radio" name="duration" value=value.clone() id=id.clone() checked=chosen == value/>
                            <label for=id>{format!("{m} {}", text::VISIT_MINUTES_SHORT)}</label>
                        </div>
                    }
                }).collect_view()}
                <div class="choice">
                    <input type="radio" name="duration" value="autre" id="duree-autre" checked=chosen == "autre"/>
                    <label for="duree-autre">{words::DURATION_OTHER}</label>
                </div>
            </div>
            <div class="field">
                <label for="minutes">{words::DURATION_OTHER_MINUTES}</label>
                <input type="number" id="minutes" name="minutes" value=d.minutes.clone() min="5" max="600"
                    step="5" inputmode="numeric" aria-describedby=desc.clone()
                    aria-invalid=desc.is_some().then_some("true")/>
            </div>
        </fieldset>
    }
    .into_any()
}

fn theme_box(form: &VisitForm, t: CoopTheme) -> AnyView {
    let d = &form.draft;
    let proposed = form.proposed_themes.contains(&t);
    let checked = d.themes.iter().any(|c| c == t.code()) || (d.themes.is_empty() && proposed);
    let id = format!("theme-{}", t.code());
    let label = if proposed {
        format!("{} ({})", words::theme(t), words::THEME_PROPOSED)
    } else {
        words::theme(t).to_string()
    };
    view! {
        <div class="choice">
            <input type="checkbox" name="themes" value=t.code() id=id.clone() checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// The Coop's themes, then the families of administrative procedures (folded unless one
/// is chosen).
pub fn themes(form: &VisitForm) -> AnyView {
    let (err, desc) = message(form, "themes");
    let desc = Some(match desc {
        Some(e) => format!("themes-aide {e}"),
        None => "themes-aide".to_string(),
    });
    let general: Vec<_> = CoopTheme::ALL
        .iter()
        .filter(|t| !t.is_procedure())
        .map(|t| theme_box(form, *t))
        .collect();
    let procedures: Vec<_> = CoopTheme::ALL
        .iter()
        .filter(|t| t.is_procedure())
        .map(|t| theme_box(form, *t))
        .collect();
    let open = CoopTheme::ALL
        .iter()
        .filter(|t| t.is_procedure())
        .any(|t| form.draft.themes.iter().any(|c| c == t.code()));
    view! {
        <fieldset id="themes" aria-describedby=desc>
            <legend>{words::THEMES}</legend>
            <p class="hint" id="themes-aide">{words::THEMES_HINT}</p>
            {err}
            <div class="choices">{general}</div>
            <details open=open>
                <summary>{words::THEMES_PROCEDURES}</summary>
                <div class="choices">{procedures}</div>
            </details>
        </fieldset>
    }
    .into_any()
}

/// Equipment used, several at once.
pub fn equipment(form: &VisitForm) -> AnyView {
    let (err, desc) = message(form, "equipment");
    view! {
        <fieldset aria-describedby=desc>
            <legend>{words::EQUIPMENT}</legend>
            {err}
            <div class="choices">
                {Equipment::ALL.iter().map(|e| {
                    let id = format!("materiel-{}", e.code());
                    view! {
                        <div class="choice">
                            <input type="checkbox" name="equipment" value=e.code() id=id.clone()
                                checked=form.draft.equipment.iter().any(|c| c == e.code())/>
                            <label for=id>{words::equipment(*e)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// For one person: autonomy observed and orientation, with the rule "faire avec, pas à la
/// place".
pub fn individual(form: &VisitForm) -> AnyView {
    let d = &form.draft;
    view! {
        {radios(form, "autonomy", words::AUTONOMY, Autonomy::ALL, Autonomy::code, words::autonomy, &d.autonomy, Some(words::NOT_SAID))}
        <div class="orientation">
            <p class="hint" id="orientation-aide">{words::ORIENTATION_HINT}</p>
            {radios(form, "orientation", words::ORIENTATION, Orientation::ALL, Orientation::code, words::orientation, &d.orientation, Some(words::ORIENTATION_NONE))}
        </div>
    }
    .into_any()
}

/// For a workshop: title, level, and the participants counted without a name.
pub fn workshop(form: &VisitForm) -> AnyView {
    let d = &form.draft;
    let (title_err, title_desc) = message(form, "workshop_title");
    let (count_err, count_desc) = message(form, "anonymous");
    let (followed_err, followed_desc) = message(form, "anonymous_followed");
    view! {
        <div class="field">
            <label for="workshop_title">{words::WORKSHOP_TITLE}</label>
            {title_err}
            <input type="text" id="workshop_title" name="workshop_title" value=d.workshop_title.clone()
                maxlength="200" aria-describedby=title_desc/>
        </div>
        {radios(form, "workshop_level", words::WORKSHOP_LEVEL, WorkshopLevel::ALL, WorkshopLevel::code, words::workshop_level, &d.workshop_level, Some(words::NOT_SAID))}
        <div class="field">
            <label for="anonymous">{words::ANONYMOUS}</label>
            {count_err}
            <input type="number" id="anonymous" name="anonymous" value=d.anonymous.clone() min="0" max="500"
                inputmode="numeric" aria-describedby=count_desc/>
        </div>
        <div class="field">
            <label for="anonymous_followed">{words::ANONYMOUS_FOLLOWED}</label>
            {followed_err}
            <input type="number" id="anonymous_followed" name="anonymous_followed" value=d.anonymous_followed.clone()
                min="0" max="500" inputmode="numeric" aria-describedby=followed_desc/>
        </div>
    }
    .into_any()
}
