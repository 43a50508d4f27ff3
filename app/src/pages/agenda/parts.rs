//! What every agenda page shows: the message of the form just sent, and the links between
//! the agenda's pages.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::model::agenda::{AgendaOutcome, SlotView};
use crate::paths;
use crate::text::agenda as words;

/// The message of `?fait=…` or `?erreur=…`: (words, is an error).
pub(super) fn said() -> Option<(AgendaOutcome, bool)> {
    let q = use_query_map().read_untracked();
    q.get("erreur")
        .or_else(|| q.get("fait"))
        .and_then(|c| AgendaOutcome::from_code(&c))
        .map(|o| (o, o.is_error()))
}

pub(super) fn message(said: Option<(AgendaOutcome, bool)>) -> AnyView {
    match said {
        Some((o, true)) => {
            view! { <p class="message error-message" role="alert" id="erreur">{words::outcome(o)}</p> }
                .into_any()
        }
        Some((o, false)) => {
            view! { <p class="message success" role="status">{words::outcome(o)}</p> }.into_any()
        }
        None => ().into_any(),
    }
}

pub(super) fn links() -> AnyView {
    view! {
        <p class="actions no-print">
            <a class="button" href=paths::AGENDA>{words::TITLE}</a>" "
            <a class="button primary" href=paths::CALL>{words::TAKE_CALL}</a>" "
            <a class="button" href=paths::BOOK>{words::BOOK_LINK}</a>" "
            <a class="button" href=paths::TO_RECALL>{words::TO_RECALL_LINK}</a>" "
            <a class="button" href=paths::MY_AVAILABILITY>{words::MY_AVAILABILITY_LINK}</a>
        </p>
    }
    .into_any()
}

/// The slots to choose from (`#creneaux`, the first one ticked), or `none` when there is
/// none.
pub(super) fn slot_fieldset(slots: &[SlotView], none: &'static str) -> AnyView {
    view! {
        <fieldset id="creneaux">
            <legend>{words::SLOTS}</legend>
            {slots.is_empty().then(|| view! { <p>{none}</p> })}
            <div class="choices">
                {slots.iter().enumerate().map(|(i, s)| {
                    let box_id = format!("creneau-{i}");
                    view! {
                        <div class="choice">
                            <input type="radio" id=box_id.clone() name="slot" value=s.key() checked=i == 0/>
                            <label for=box_id>{words::slot_choice(s)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}
