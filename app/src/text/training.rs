//! The words of the volunteers' own training (`/benevole/formation`, and the catalogue's
//! section for volunteers).

use crate::model::LessonStatus;

use super::plural;

pub const TITLE: &str = "Ma formation";
pub const NAV: &str = "Ma formation";
pub const INTRO: &str = "Des leçons courtes pour accompagner les personnes éloignées du numérique : les rassurer, expliquer simplement, faire avec elles, animer un atelier et utiliser Pas à Pas. Vous avancez à votre rythme ; chaque étape finie est enregistrée.";
pub const NONE: &str = "Aucune leçon de formation n'est en ligne pour l'instant.";
pub const MY_PATH: &str = "Mon parcours";
pub const TEAM: &str = "La formation de l'équipe";
pub const TEAM_INTRO: &str = "Les leçons faites par chaque bénévole de votre structure.";
pub const TEAM_EMPTY: &str = "La structure n'a pas encore de bénévole.";
pub const TEAM_CAPTION: &str = "Leçons de formation faites, par bénévole";
pub const MEMBER: &str = "Bénévole";
pub const TOTAL: &str = "Faites";
pub const CATALOGUE_SECTION: &str = "Pour les bénévoles";
pub const CATALOGUE_SECTION_INTRO: &str =
    "Votre formation : les apprenants ne voient pas ces leçons.";
pub const CATALOGUE_LEARNERS_SECTION: &str = "Pour les apprenants";
pub const CATALOGUE_PATH_LINK: &str = "Voir mon parcours de formation";

/// A lesson's state in a volunteer's path.
pub fn status(status: &LessonStatus, step_count: usize) -> String {
    match status {
        LessonStatus::Done => "Faite".into(),
        LessonStatus::InProgress { done } => {
            format!("En cours ({})", plural::steps_done(*done, step_count))
        }
        LessonStatus::NotStarted => "À faire".into(),
    }
}

/// A lesson's state in the team's table (short: one cell).
pub fn cell(status: &LessonStatus) -> &'static str {
    match status {
        LessonStatus::Done => "Faite",
        LessonStatus::InProgress { .. } => "En cours",
        LessonStatus::NotStarted => "À faire",
    }
}

/// "3 leçons faites sur 7".
pub fn done_of(done: usize, total: usize) -> String {
    let word = if done > 1 {
        "leçons faites"
    } else {
        "leçon faite"
    };
    format!("{done} {word} sur {total}")
}

/// The action of a lesson's link.
pub fn action(status: &LessonStatus) -> &'static str {
    match status {
        LessonStatus::Done => super::LESSON_OPEN_REVIEW,
        LessonStatus::InProgress { .. } => super::LESSON_OPEN_RESUME,
        LessonStatus::NotStarted => super::LESSON_OPEN_START,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_counts_are_french_sentences() {
        assert_eq!(status(&LessonStatus::Done, 4), "Faite");
        assert_eq!(
            status(&LessonStatus::InProgress { done: 2 }, 5),
            "En cours (2 / 5 étapes faites)"
        );
        assert_eq!(status(&LessonStatus::NotStarted, 3), "À faire");
        assert_eq!(done_of(0, 7), "0 leçon faite sur 7");
        assert_eq!(done_of(1, 7), "1 leçon faite sur 7");
        assert_eq!(done_of(3, 7), "3 leçons faites sur 7");
    }
}
