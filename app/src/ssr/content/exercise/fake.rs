//! `exercice arnaque`: the block's schema and its authoring checks.

use serde::Deserialize;

use super::common::{ExerciseProblem, err};

/// `exercice arnaque`: a message or a page address; the learner says "vrai" or "arnaque".
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fake {
    /// The question. Default: `"Vrai message, ou arnaque ?"`.
    #[serde(default)]
    pub consigne: Option<String>,
    /// The sender, e.g. `"La Poste <info@colis-laposte.top>"`. Default: none.
    #[serde(default)]
    pub de: Option<String>,
    /// The subject of the message. Default: none.
    #[serde(default)]
    pub objet: Option<String>,
    /// The text of the message. Required unless `adresse` is given.
    #[serde(default)]
    pub texte: Option<String>,
    /// A page address to judge, e.g. `"https://ameli-remboursement.info"`. Default: none.
    #[serde(default)]
    pub adresse: Option<String>,
    /// Is it a scam? Required.
    pub arnaque: bool,
    /// The clues, explained after the answer. At least one.
    pub indices: Vec<String>,
}

/// The authoring checks of a "vrai ou arnaque ?" block.
pub(super) fn check(f: &Fake, problems: &mut Vec<ExerciseProblem>) {
    if f.texte.is_none() && f.adresse.is_none() {
        err(
            problems,
            "montrez un message (texte = \"…\") ou une adresse (adresse = \"…\")".into(),
        );
    }
    if f.indices.is_empty() {
        err(
            problems,
            "ajoutez au moins un indice : indices = [\"…\"]".into(),
        );
    }
}
