//! What travels between the step and the exercises: the parameters of a step's URL or of an
//! exercise's form, the file chosen, the attempt and the next screen.

use crate::ssr::content::exercise::FileKind;

/// Parameters of the step's URL (or of a form), in order.
pub type Params = [(String, String)];

pub(super) fn get<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

pub(super) fn text(params: &Params, name: &str) -> String {
    get(params, name).unwrap_or_default().to_string()
}

pub(super) fn p(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// A file chosen by the learner: its name and its kind (`None`: not a kind accepted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub kind: Option<FileKind>,
    /// Over [`super::MAX_UPLOAD_BYTES`]: refused whatever its kind.
    pub too_big: bool,
}

/// One attempt, recorded in the learner's progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Recorded as the answer's `question`: the exercise id, or `id:geste`.
    pub key: String,
    /// What happened, as codes (`sans-piece-jointe`, `montant:format`…).
    pub outcome: String,
    pub correct: bool,
}

impl Attempt {
    /// An attempt recorded under `key`.
    pub(super) fn of(key: &str, outcome: &str, correct: bool) -> Option<Self> {
        Some(Attempt {
            key: key.to_string(),
            outcome: outcome.to_string(),
            correct,
        })
    }
}

/// What "Envoyer", "Valider"… lead to: the next screen's URL parameters and the attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub params: Vec<(String, String)>,
    pub attempt: Option<Attempt>,
}
