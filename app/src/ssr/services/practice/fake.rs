//! `exercice arnaque`: the message or address to judge, and the learner's answer.

use super::params::{Attempt, Params, Submitted, get, p};
use crate::model::{ExerciseScreen, FakeAnswer, FakeView};
use crate::ssr::content::exercise::Fake;

/// The question as the step shows it.
pub(super) fn view(f: &Fake, params: &Params) -> ExerciseScreen {
    ExerciseScreen::Fake(FakeView {
        question: f
            .consigne
            .clone()
            .unwrap_or_else(|| crate::text::FAKE_QUESTION.into()),
        from: f.de.clone(),
        subject: f.objet.clone(),
        text: f.texte.clone(),
        address: f.adresse.clone(),
        answer: match get(params, "verdict") {
            Some(r @ ("vrai" | "arnaque")) => FakeAnswer::Answered {
                right: (r == "arnaque") == f.arnaque,
                scam: f.arnaque,
                clues: f.indices.clone(),
            },
            _ => FakeAnswer::Asked,
        },
    })
}

/// The learner's answer: "vrai" or "arnaque".
pub(super) fn submit(
    f: &Fake,
    fields: &Params,
    mut params: Vec<(String, String)>,
    id: &str,
) -> Submitted {
    let attempt = |outcome: &str, correct: bool| Attempt::of(id, outcome, correct);
    match get(fields, "reponse") {
        Some(answer @ ("vrai" | "arnaque")) => {
            params.push(p("verdict", answer));
            Submitted {
                params,
                attempt: attempt(answer, (answer == "arnaque") == f.arnaque),
            }
        }
        _ => Submitted {
            params,
            attempt: None,
        },
    }
}
