//! Volunteers' and coordinators' words built from what the services return: kinds of
//! session, what is wrong with a form, roles, and why a learner seems stuck.

use crate::model::{AuthoringProblem, FieldProblem, PasswordProblem, StuckReason, VisitKind};

/// "À domicile", "Atelier collectif", "Permanence".
pub fn visit_kind(kind: VisitKind) -> &'static str {
    match kind {
        VisitKind::Home => "À domicile",
        VisitKind::Workshop => "Atelier collectif",
        VisitKind::DropIn => "Permanence",
    }
}

/// A kind as stored; "Séance" for one this version does not know.
pub fn visit_kind_code(code: &str) -> &'static str {
    VisitKind::from_code(code).map_or("Séance", visit_kind)
}

/// "Marcel ne veut pas de notes écrites. Si cette personne est dans l'atelier, …": in a
/// workshop form, the participants who refused written notes.
pub fn notes_refused<S: AsRef<str>>(names: &[S]) -> String {
    let names = names.iter().map(AsRef::as_ref).collect::<Vec<_>>();
    if names.len() > 1 {
        format!(
            "{} ne veulent pas de notes écrites. Si ces personnes sont dans l'atelier, \
             la note ne peut pas être gardée : effacez la note, ou retirez-les de l'atelier.",
            names.join(", ")
        )
    } else {
        format!(
            "{} {}. {}",
            names.join(", "),
            super::VISIT_GROUP_NO_NOTES,
            super::VISIT_GROUP_NO_NOTES_DO
        )
    }
}

/// What to do about a field of a staff form.
pub fn field_problem(problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::NoLearner => "Choisissez au moins une personne.".into(),
        FieldProblem::NoDate => "Indiquez la date de la séance.".into(),
        FieldProblem::BadDate => {
            "Cette date n'existe pas. Écrivez-la comme 2026-11-24 (l'année, le mois, le jour)."
                .into()
        }
        FieldProblem::FutureDate => {
            "Cette date est dans le futur. Indiquez le jour de la séance.".into()
        }
        FieldProblem::OldDate => "Cette date est trop ancienne. Vérifiez l'année.".into(),
        FieldProblem::NoKind => "Choisissez le type de séance.".into(),
        FieldProblem::PlaceTooLong { max } => {
            format!("Le lieu est trop long : {max} caractères au plus.")
        }
        FieldProblem::BadMinutes { min, max } => format!(
            "La durée doit être entre {min} minutes et {max} minutes ({} heures).",
            max / 60
        ),
        FieldProblem::NotMinutes => "Indiquez la durée en minutes, par exemple 60.".into(),
        FieldProblem::TopicsTooLong { max } => {
            format!("Ce texte est trop long : {max} caractères au plus.")
        }
        FieldProblem::NoteTooLong { max, has } => {
            format!("La note est trop longue : {max} caractères au plus. Elle en a {has}.")
        }
        FieldProblem::LessonGone { key } => format!(
            "La leçon « {key} » n'existe plus. Elle est retirée de la séance : \
             vérifiez le reste, puis enregistrez."
        ),
        FieldProblem::NotesRefused { names } => notes_refused(names),
        FieldProblem::NoPlaceType => "Choisissez le lieu de l'accompagnement.".into(),
        FieldProblem::NoCommune => {
            "Indiquez la commune : la séance a eu lieu à domicile ou dans un autre lieu.".into()
        }
        FieldProblem::CommuneTooLong { max } => {
            format!("La commune est trop longue : {max} caractères au plus.")
        }
        FieldProblem::NoTheme => {
            "Cochez au moins une thématique, ou conseillez une leçon (ses thèmes seront pris)."
                .into()
        }
        FieldProblem::UnknownChoice => {
            "Un choix de ce formulaire n'est pas reconnu. Vérifiez les cases cochées.".into()
        }
        FieldProblem::BadCount { max } => {
            format!("Indiquez un nombre de participants entre 0 et {max}, par exemple 6.")
        }
        FieldProblem::FollowedOverCount => {
            "Il ne peut pas y avoir plus de personnes déjà venues que de participants.".into()
        }
        FieldProblem::TitleTooLong { max } => {
            format!("Le titre est trop long : {max} caractères au plus.")
        }
        FieldProblem::NoRecontactDay => {
            "Indiquez la date à partir de laquelle rappeler la personne, par exemple 2026-12-20."
                .into()
        }
        FieldProblem::PastRecontactDay => {
            "Cette date est passée. Indiquez aujourd'hui ou un jour à venir.".into()
        }
        FieldProblem::SlotTaken => {
            "Ce créneau vient d'être pris par un autre bénévole. Rien n'est perdu : choisissez \
             un des prochains créneaux libres ci-dessous, puis enregistrez."
                .into()
        }
        FieldProblem::Password(p) => password_problem(*p),
        FieldProblem::BadUsername => {
            "L'identifiant doit avoir de 3 à 40 caractères : lettres minuscules sans accent, \
             chiffres, points ou tirets (par exemple « marie.dupont »)."
                .into()
        }
        FieldProblem::UsernameTaken => {
            "Cet identifiant est déjà pris. Choisissez-en un autre.".into()
        }
    }
}

/// Why a new password is refused, and what to choose instead.
pub fn password_problem(problem: PasswordProblem) -> String {
    match problem {
        PasswordProblem::OnlySpaces => "Le mot de passe ne peut pas être fait que d'espaces. \
             Choisissez une phrase de plusieurs mots que vous retenez bien."
            .into(),
        PasswordProblem::TooShort { min } => {
            format!("Le mot de passe est trop court : {min} caractères au moins.")
        }
        PasswordProblem::Common => {
            "Ce mot de passe est trop courant : il est dans les listes des pirates. \
             Choisissez-en un autre, par exemple trois mots que vous retenez bien."
                .into()
        }
        PasswordProblem::IsUsername => "Le mot de passe ne doit pas être votre identifiant.".into(),
        PasswordProblem::Guessable => {
            "Ce mot de passe est trop facile à deviner (une suite de touches ou de chiffres, \
             un mot courant, votre nom…). Choisissez une phrase de plusieurs mots \
             sans lien entre eux, que vous retenez bien."
                .into()
        }
    }
}

/// "bénévole, coordinateur": a team member's roles.
pub fn roles(volunteer: bool, trainer: bool, coordinator: bool) -> String {
    [
        (volunteer, "bénévole"),
        (trainer, "formateur"),
        (coordinator, "coordinateur"),
    ]
    .into_iter()
    .filter_map(|(has, word)| has.then_some(word))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Why a trainer's new lesson, module or image was not created.
pub fn authoring_problem(problem: AuthoringProblem) -> &'static str {
    match problem {
        AuthoringProblem::NoModule => "Ce module n'existe pas.",
        AuthoringProblem::NoLessonTitle => "Écrivez le titre de la leçon.",
        AuthoringProblem::NoModuleTitle => "Écrivez le titre du module.",
        AuthoringProblem::NoLesson => "Cette leçon n'existe pas.",
        AuthoringProblem::NoAlt => {
            "Décrivez l'image : ce texte est lu aux personnes qui ne la voient pas."
        }
        AuthoringProblem::ImageTooBig => {
            "L'image est trop lourde : 2 Mo au plus. Réduisez-la avant de l'envoyer."
        }
        AuthoringProblem::NotAnImage => "Ce fichier n'est pas une image PNG, JPEG, GIF ou WebP.",
    }
}

/// Why a learner seems stuck, in one sentence.
pub fn stuck_reason(reason: &StuckReason) -> String {
    match reason {
        StuckReason::Gesture { gesture, misses } => format!(
            "A du mal avec {} : raté {misses} fois de suite.",
            super::exercises::gesture_words(*gesture)
        ),
        StuckReason::Exercise { what, misses } => format!(
            "S'est trompé {misses} fois de suite à l'exercice « {} ».",
            super::exercises::practised(what)
        ),
        StuckReason::Question { prompt, misses } => {
            format!("S'est trompé {misses} fois de suite à la question « {prompt} ».")
        }
        StuckReason::Idle {
            seconds,
            lesson_title,
        } => format!(
            "Rien depuis {} sur la leçon conseillée « {lesson_title} ».",
            super::dates::for_how_long(*seconds)
        ),
    }
}

/// Why a page or action was refused: the role it needs.
pub fn role_required(role: crate::error::Role) -> &'static str {
    use crate::error::Role;
    match role {
        Role::Volunteer => super::ERROR_FOR_VOLUNTEERS,
        Role::Trainer => super::ERROR_FOR_TRAINERS,
        Role::Coordinator => super::ERROR_FOR_COORDINATORS,
        Role::ProgrammeAdmin => super::network::ERROR_FOR_PROGRAMME_ADMINS,
        Role::TerritoryCoordinator => super::network::ERROR_FOR_TERRITORY_COORDINATORS,
    }
}

/// Why a module cannot be deleted: `learners` learners have started it.
pub fn module_has_progress(learners: usize) -> String {
    if crate::text::plural::is_plural(learners) {
        format!(
            "Ce module ne peut pas être supprimé : {learners} apprenants l'ont déjà commencé. \
             Le supprimer effacerait leur travail. Vous pouvez l'archiver à la place : il ne \
             sera plus proposé, et leur travail restera dans leur carnet."
        )
    } else {
        "Ce module ne peut pas être supprimé : un apprenant l'a déjà commencé. Le supprimer \
         effacerait son travail. Vous pouvez l'archiver à la place : il ne sera plus \
         proposé, et son travail restera dans son carnet."
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_words_and_an_unknown_one_is_a_session() {
        let words: Vec<_> = VisitKind::ALL.into_iter().map(visit_kind).collect();
        assert_eq!(words, ["À domicile", "Atelier collectif", "Permanence"]);
        assert_eq!(visit_kind_code("atelier"), "Atelier collectif");
        assert_eq!(visit_kind_code("fête"), "Séance");
    }

    #[test]
    fn refused_notes_agree_with_the_number_of_people() {
        let said = |names: &[&str]| {
            field_problem(&FieldProblem::NotesRefused {
                names: names.iter().map(|n| n.to_string()).collect(),
            })
        };
        assert!(
            said(&["Marcel"]).starts_with("Marcel ne veut pas de notes écrites. Si cette personne")
        );
        assert!(
            said(&["Marcel", "Albert"])
                .starts_with("Marcel, Albert ne veulent pas de notes écrites. Si ces personnes")
        );
    }

    #[test]
    fn roles_are_listed_in_order() {
        assert_eq!(roles(true, false, true), "bénévole, coordinateur");
        assert_eq!(roles(false, true, false), "formateur");
    }

    #[test]
    fn the_duration_limits_are_said_in_minutes_and_hours() {
        assert_eq!(
            field_problem(&FieldProblem::BadMinutes { min: 5, max: 600 }),
            "La durée doit être entre 5 minutes et 600 minutes (10 heures)."
        );
    }
}
