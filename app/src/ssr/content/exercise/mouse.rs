//! `exercice souris`: the block's schema and its authoring checks.

use serde::Deserialize;

use super::common::{ExerciseProblem, err};
use crate::model::Gesture;

/// `exercice souris`: gestures to practise; each success or failure is recorded.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Mouse {
    /// Among `"clic"`, `"double-clic"`, `"glisser"`, `"defiler"`, `"taper"`, in order.
    /// At least one.
    pub gestes: Vec<Gesture>,
    /// The word to type for `"taper"`. Default: `"bonjour"`.
    #[serde(default = "default_word")]
    pub mot: String,
}

fn default_word() -> String {
    "bonjour".into()
}

/// The authoring checks of a mouse block.
pub(super) fn check(m: &Mouse, problems: &mut Vec<ExerciseProblem>) {
    if m.gestes.is_empty() {
        err(
            problems,
            "ajoutez au moins un geste : gestes = [\"clic\"]".into(),
        );
    }
    if m.mot.trim().is_empty() {
        err(problems, "le mot à taper est vide".into());
    }
}
