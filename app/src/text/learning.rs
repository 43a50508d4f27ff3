//! Learners' words built from what the services return: a module's level, confidence
//! answers, where a step is, and the labels of a learner's data as a table.

use crate::model::{ConfidenceLevel, Level, StepPlace};

/// "Débutant", "Intermédiaire": who a module is for.
pub fn level(level: Level) -> &'static str {
    match level {
        Level::Beginner => "Débutant",
        Level::Intermediate => "Intermédiaire",
    }
}

/// An answer about confidence, inside a sentence ("Au début : un peu").
/// The form shows them capitalised: `text::CONFIDENCE_LEVELS`.
pub fn confidence_level(level: ConfidenceLevel) -> &'static str {
    match level {
        ConfidenceLevel::NotAtAll => "pas du tout",
        ConfidenceLevel::ALittle => "un peu",
        ConfidenceLevel::Fully => "oui, tout à fait",
    }
}

/// "Au début : un peu ; À la fin : —": a module's confidence answers, as volunteers see them.
pub fn confidence_start_end(
    start: Option<ConfidenceLevel>,
    end: Option<ConfidenceLevel>,
) -> String {
    let word = |l: Option<ConfidenceLevel>| l.map_or("—", confidence_level);
    format!(
        "{} : {} ; {} : {}",
        super::BOOKLET_START,
        word(start),
        super::BOOKLET_END,
        word(end)
    )
}

/// "Envoyer une pièce jointe — étape 3", or the lesson alone when its step is gone.
pub fn step_place(place: &StepPlace) -> String {
    match place.step_number {
        Some(n) => format!("{} — {}", place.lesson_title, super::plural::step_number(n)),
        None => place.lesson_title.clone(),
    }
}

/// A learner's data as a spreadsheet (`/mes-donnees.csv`): the kind of each line, and how
/// its detail is written. The headers are `text::CSV_HEADERS`.
pub mod export {
    pub const ACCOUNT: &str = "compte";
    pub const STEP_SEEN: &str = "étape vue";
    pub const STEP_DONE: &str = "étape faite";
    pub const ANSWER: &str = "réponse";
    pub const LESSON_DONE: &str = "leçon finie";
    pub const MODULE_DONE: &str = "thème fini";
    pub const CONFIDENCE: &str = "confiance";
    pub const ADVISED: &str = "leçon conseillée";
    pub const HELP: &str = "demande d'aide";
    pub const SESSION: &str = "séance";
    pub const CALL: &str = "appel";
    pub const APPOINTMENT: &str = "rendez-vous";
    pub const DIAGNOSTIC: &str = "diagnostic";
    pub const DIAGNOSTIC_PATH: &str = "leçon proposée au diagnostic";
    pub const FOLLOW_UP: &str = "questionnaire de suivi";
    pub const RECONTACT: &str = "à rappeler";

    /// "téléphone : 06… / commune : Morlaàs / disponibilités : le matin / note : …"
    pub fn call(phone: &str, commune: &str, availability: &str, note: &str) -> String {
        [
            ("téléphone", phone),
            ("commune", commune),
            ("disponibilités", availability),
            ("note", note),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k} : {v}"))
        .collect::<Vec<_>>()
        .join(" / ")
    }

    /// "9 h – 10 h, Visite à domicile (Morlaàs) : à venir"
    pub fn appointment(start: &str, end: &str, kind: &str, status: &str, commune: &str) -> String {
        let place = if commune.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} ({commune})")
        };
        format!("{start} – {end}, {place} : {status}")
    }

    /// "A-t-elle un ordinateur ? : Oui (un portable)"
    pub fn diagnostic_answer(question: &str, answer: &str, typed: &str) -> String {
        if typed.is_empty() {
            format!("{question} : {answer}")
        } else {
            format!("{question} : {answer} ({typed})")
        }
    }

    /// "3 mois après la première séance, avec un bénévole au téléphone / question : Oui / …"
    pub fn follow_up(wave: &str, how: &str, replies: &[(&str, &str)], changed: &str) -> String {
        let mut parts = vec![format!("{wave}, {how}")];
        parts.extend(replies.iter().map(|(q, r)| format!("{q} {r}")));
        if !changed.is_empty() {
            parts.push(format!("ce qui a changé : {changed}"));
        }
        parts.join(" / ")
    }

    /// "Quelle touche ? : Entrée (juste)"
    pub fn answer(question: &str, choices: &str, right: bool) -> String {
        let verdict = if right { "juste" } else { "faux" };
        format!("{question} : {choices} ({verdict})")
    }

    /// "Je ne trouve pas / réponse : Regardez en haut"
    pub fn help(message: &str, reply: &str) -> String {
        format!("{message} / réponse : {reply}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_names_its_step_when_it_has_one() {
        let place = |step_number| StepPlace {
            lesson_title: "La souris".into(),
            step_number,
        };
        assert_eq!(step_place(&place(Some(3))), "La souris — étape 3");
        assert_eq!(step_place(&place(None)), "La souris");
    }

    #[test]
    fn confidence_words_match_the_form_in_lower_case() {
        let levels = [
            ConfidenceLevel::NotAtAll,
            ConfidenceLevel::ALittle,
            ConfidenceLevel::Fully,
        ];
        for (level, form) in levels.into_iter().zip(crate::text::CONFIDENCE_LEVELS) {
            assert_eq!(confidence_level(level), form.to_lowercase());
        }
    }
}
