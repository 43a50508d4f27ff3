//! `exercice souris`: the gestures to practise, and each gesture tried.

use super::params::{Attempt, Params, Submitted, get, p, text};
use crate::model::{ExerciseScreen, GestureOutcome, GestureView, MouseView};
use crate::ssr::content::exercise::{Gesture, Mouse};

/// The outcome of a mouse gesture that could not be tried (no JavaScript): not a miss.
pub const NOT_TRIED: &str = "sans-js";

/// The gestures as the step shows them (the token is left empty, for
/// [`super::issue_tokens`]).
pub(super) fn view(m: &Mouse, params: &Params) -> ExerciseScreen {
    let done: Vec<&str> = get(params, "fait").unwrap_or_default().split(',').collect();
    let message = match (get(params, "essai"), get(params, "reussi")) {
        (Some(_), Some("perime")) => Some(GestureOutcome::Stale),
        (Some(_), Some("sans-js")) => Some(GestureOutcome::NeedsJavaScript),
        (Some(code), Some(ok)) => Gesture::from_code(code).map(|gesture| GestureOutcome::Tried {
            gesture,
            ok: ok == "1",
        }),
        _ => None,
    };
    ExerciseScreen::Mouse(MouseView {
        token: String::new(),
        gestures: m
            .gestes
            .iter()
            .map(|g| GestureView {
                code: g.code().to_string(),
                done: done.contains(&g.code()),
            })
            .collect(),
        word: m.mot.clone(),
        message,
    })
}

/// A gesture tried; `shown`: the page it was tried on is one the server rendered.
pub(super) fn submit(
    m: &Mouse,
    fields: &Params,
    mut params: Vec<(String, String)>,
    id: &str,
    shown: bool,
) -> Submitted {
    let mut done: Vec<String> = get(fields, "fait")
        .unwrap_or_default()
        .split(',')
        .filter(|c| Gesture::from_code(c).is_some())
        .map(str::to_string)
        .collect();
    let Some(gesture) = get(fields, "geste")
        .and_then(Gesture::from_code)
        .filter(|g| m.gestes.contains(g))
    else {
        return Submitted {
            params,
            attempt: None,
        };
    };
    // Only a gesture tried on a page the server rendered counts.
    if !shown {
        params.push(p("fait", done.join(",")));
        params.push(p("essai", gesture.code()));
        params.push(p("reussi", "perime"));
        return Submitted {
            params,
            attempt: None,
        };
    }
    // Without JavaScript a double-click or a drag cannot be seen: "not tried", which
    // is no miss (the volunteer sees it as such).
    if matches!(gesture, Gesture::DoubleClic | Gesture::Glisser)
        && get(fields, "sans-js") == Some("1")
    {
        params.push(p("fait", done.join(",")));
        params.push(p("essai", gesture.code()));
        params.push(p("reussi", "sans-js"));
        return Submitted {
            params,
            attempt: Some(Attempt {
                key: format!("{id}:{}", gesture.code()),
                outcome: NOT_TRIED.into(),
                correct: false,
            }),
        };
    }
    let ok = match gesture {
        Gesture::Taper => normalise_word(&text(fields, "mot")) == normalise_word(&m.mot),
        // Clicks and scrolls reach the server only when done; double-clicks and drags
        // are judged in the page (they need JavaScript), which says how it went.
        Gesture::Clic | Gesture::Defiler => true,
        Gesture::DoubleClic | Gesture::Glisser => get(fields, "reussi") == Some("1"),
    };
    if ok && !done.iter().any(|d| d == gesture.code()) {
        done.push(gesture.code().to_string());
    }
    params.push(p("fait", done.join(",")));
    params.push(p("essai", gesture.code()));
    params.push(p("reussi", if ok { "1" } else { "0" }));
    Submitted {
        params,
        attempt: Some(Attempt {
            key: format!("{id}:{}", gesture.code()),
            outcome: if ok { "reussi" } else { "rate" }.into(),
            correct: ok,
        }),
    }
}

fn normalise_word(s: &str) -> String {
    s.trim().to_lowercase()
}
