//! The words of the first-visit diagnostic (`/benevole/apprenants/{id}/diagnostic`). The
//! questions themselves are content (`content/diagnostic.toml`).

use crate::model::diagnostic::{DiagnosticOutcome, GivenAnswer};

pub const TITLE: &str = "Diagnostic";
pub const LINK: &str = "Diagnostic du premier rendez-vous";
pub const NO_QUESTIONNAIRE: &str = "Le questionnaire du diagnostic n'est pas disponible pour l'instant. Prévenez la personne qui écrit les leçons : le fichier content/diagnostic.toml manque ou contient une erreur.";
pub const NEW: &str = "Faire un nouveau diagnostic";
pub const FORM_TITLE: &str = "Les questions";
pub const FORM_HINT: &str =
    "Posez les questions avec la personne. Vous pouvez laisser une question sans réponse.";
pub const SUBMIT: &str = "Enregistrer le diagnostic";
pub const PRINT: &str = "Imprimer le questionnaire";
pub const HISTORY: &str = "Les diagnostics faits";
pub const SEE: &str = "Voir";
pub const ANSWERS: &str = "Les réponses";
pub const NO_ANSWER: &str = "Pas de réponse";
pub const PATH_PROPOSED: &str = "Le parcours proposé";
pub const PATH_PROPOSED_HINT: &str = "Les leçons à conseiller d'abord, dans l'ordre. Changez l'ordre avec les numéros, décochez une leçon pour la retirer, ajoutez-en une, puis enregistrez : les leçons apparaîtront sur la page d'accueil et dans le carnet de la personne.";
pub const PATH_SAVED: &str = "Le parcours enregistré";
pub const PATH_EMPTY: &str =
    "Les réponses ne demandent pas de leçon en particulier. Ajoutez-en une ci-dessous si besoin.";
pub const ADDED_BY_VOLUNTEER: &str = "Ajoutée par le ou la bénévole.";
pub const KEEP: &str = "Garder";
pub const RANK: &str = "Rang";
pub const ADD: &str = "Ajouter une leçon";
pub const ADD_NONE: &str = "Aucune";
pub const SAVE_PATH: &str = "Enregistrer le parcours";
pub const COMPARE: &str = "Avant / après";
pub const COMPARE_QUESTION: &str = "Question";
pub const CHANGED: &str = "Changé";
pub const SAME: &str = "Pareil";
pub const COMPARE_WITH: &str = "Comparer avec ce diagnostic";

/// "Diagnostic du 6 décembre 2026, par Camille".
pub fn taken(date: &str, by: Option<&str>) -> String {
    match by {
        Some(by) => format!("Diagnostic du {date}, par {by}"),
        None => format!("Diagnostic du {date}"),
    }
}

/// "Parcours enregistré le 6 décembre 2026."
pub fn path_saved_on(date: &str) -> String {
    format!("Parcours enregistré le {date}.")
}

/// "Parcours pas encore enregistré."
pub fn path_state(saved: bool) -> &'static str {
    if saved {
        "parcours enregistré"
    } else {
        "parcours pas encore enregistré"
    }
}

/// "Diagnostic de Jeanne" (title).
pub fn title_of(first_name: &str) -> String {
    format!("{TITLE} {}", super::of_name(first_name))
}

/// The rank field's label for one lesson, read by screen readers.
pub fn rank_of(lesson: &str) -> String {
    format!("{RANK} de « {lesson} »")
}

/// The keep box's label for one lesson.
pub fn keep_of(lesson: &str) -> String {
    format!("{KEEP} « {lesson} »")
}

/// One answer, as the page says it.
pub fn answer(answer: &GivenAnswer) -> String {
    match answer {
        GivenAnswer::Option(label) => label.clone(),
        GivenAnswer::Confidence(level) => {
            let word = super::learning::confidence_level(*level);
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        }
        GivenAnswer::Typed(text) => format!("« {text} »"),
        GivenAnswer::Gone(id) => format!("{id} (réponse retirée du questionnaire)"),
    }
}

/// A question's answers on one line ("Pas de réponse" when there is none).
pub fn answers(given: &[GivenAnswer]) -> String {
    if given.is_empty() {
        return NO_ANSWER.to_string();
    }
    given.iter().map(answer).collect::<Vec<_>>().join(" ; ")
}

/// What a form did, or why it did nothing.
pub fn outcome(outcome: DiagnosticOutcome) -> &'static str {
    match outcome {
        DiagnosticOutcome::Recorded => {
            "Le diagnostic est enregistré. Voici le parcours proposé : ajustez-le, puis enregistrez-le."
        }
        DiagnosticOutcome::PathSaved => {
            "Le parcours est enregistré. Les leçons sont conseillées à la personne."
        }
        DiagnosticOutcome::Empty => {
            "Aucune réponse n'est cochée ni écrite : rien n'a été enregistré. Répondez à au moins une question."
        }
        DiagnosticOutcome::TooLong => {
            "Un texte est trop long (1000 caractères au plus) : rien n'a été enregistré. Raccourcissez-le."
        }
        DiagnosticOutcome::NoLesson => {
            "Le parcours est vide : gardez ou ajoutez au moins une leçon."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ConfidenceLevel;

    #[test]
    fn every_outcome_has_words_and_a_code_that_comes_back() {
        for o in DiagnosticOutcome::ALL {
            assert!(!outcome(o).is_empty());
            assert_eq!(DiagnosticOutcome::from_code(o.code()), Some(o));
        }
    }

    #[test]
    fn answers_are_said_in_words() {
        assert_eq!(answers(&[]), "Pas de réponse");
        assert_eq!(
            answers(&[
                GivenAnswer::Option("Un ordinateur".into()),
                GivenAnswer::Confidence(ConfidenceLevel::ALittle),
                GivenAnswer::Typed("écrire".into()),
            ]),
            "Un ordinateur ; Un peu ; « écrire »"
        );
        assert_eq!(title_of("Anne"), "Diagnostic d'Anne");
        assert_eq!(
            taken("6 décembre 2026", None),
            "Diagnostic du 6 décembre 2026"
        );
    }
}
