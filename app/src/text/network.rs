//! The programme's network: `/programme` and `/programme/territoires/{id}`.

use crate::model::network::Setting;
use crate::model::stats::Share;

pub const ERROR_FOR_PROGRAMME_ADMINS: &str =
    "Cette page est réservée aux administrateurs du programme.";
pub const ERROR_FOR_TERRITORY_COORDINATORS: &str = "Cette page est réservée aux coordinateurs de ce territoire et aux administrateurs du programme.";

/// The header's link to the network's page.
pub const NAV: &str = "Réseau";

pub const PROGRAMME_TITLE: &str = "Le programme";
pub const PROGRAMME_INTRO: &str = "Les territoires du programme, leurs structures et leurs coordinateurs, et le rapport d'impact. Chaque structure garde ses apprenants : ici, aucun nom de personne accompagnée.";

pub const TERRITORIES: &str = "Territoires";
pub const NO_TERRITORY_YET: &str = "Aucun territoire pour l'instant.";
pub const TERRITORY: &str = "Territoire";
pub const STRUCTURES: &str = "Structures";
pub const NO_STRUCTURE_YET: &str = "Aucune structure pour l'instant.";
pub const STRUCTURE: &str = "Structure";
pub const COORDINATORS: &str = "Coordinateurs";
pub const SETTING: &str = "Milieu";
pub const PHONE: &str = "Téléphone";
pub const NOBODY: &str = "Personne";
pub const NONE: &str = "Aucun";
pub const NOT_SAID: &str = "Non précisé";

pub const NEW_TERRITORY: &str = "Créer un territoire";
pub const TERRITORY_NAME: &str = "Nom du territoire";
pub const CREATE: &str = "Créer";

pub const NEW_STRUCTURE: &str = "Créer une structure";
pub const STRUCTURE_NAME: &str = "Nom de la structure";
pub const STRUCTURE_TERRITORY: &str = "Son territoire";
pub const STRUCTURE_SETTING: &str = "Son milieu";
pub const STRUCTURE_PHONE: &str = "Son téléphone (facultatif)";
pub const STRUCTURE_PHONE_HINT: &str = "Imprimé sur les fiches remises aux personnes.";

pub const INVITE_COORDINATOR: &str = "Inviter le coordinateur d'une structure";
pub const INVITE_HINT: &str = "Un lien personnel est créé. Donnez-le à la personne : elle choisit son identifiant et son mot de passe, et devient coordinatrice de la structure.";
pub const INVITE_STRUCTURE: &str = "Structure";
pub const INVITE_NAME: &str = "Prénom de la personne";
pub const INVITE_SUBMIT: &str = "Créer le lien";

pub const NAME_TERRITORY_COORDINATOR: &str = "Nommer le coordinateur d'un territoire";
pub const NAME_TERRITORY_HINT: &str = "Choisissez un membre d'une structure du territoire. Il verra les structures du territoire et leur rapport, jamais leurs apprenants.";
pub const NAME_TERRITORY_MEMBER: &str = "Membre";
pub const NAME_TERRITORY_SUBMIT: &str = "Nommer";
pub const NO_MEMBER_YET: &str = "Pour nommer le coordinateur d'un territoire, il faut d'abord un membre dans une de ses structures : invitez le coordinateur d'une structure du territoire.";

pub const TERRITORY_CREATED: &str = "Le territoire est créé.";
pub const STRUCTURE_CREATED: &str = "La structure est créée.";
pub const COORDINATOR_NAMED: &str = "Le coordinateur du territoire est nommé.";
pub const COORDINATOR_REMOVED: &str =
    "Cette personne ne coordonne plus le territoire. Elle reste membre de sa structure.";
/// The button beside a territory's coordinator (then, hidden, their name).
pub const REMOVE_COORDINATOR: &str = "Retirer";
pub const LINK_FOR: &str = "Lien pour devenir coordinateur de la structure :";
pub const LINK_INTRO: &str =
    "Donnez ce lien à la personne. Il ne sert qu'une fois et marche jusqu'au";

pub const BAD_NAME: &str = "Écrivez un nom (100 caractères au plus).";
pub const NAME_TAKEN: &str = "Ce nom est déjà pris. Choisissez-en un autre.";
pub const BAD_PHONE: &str = "Ce téléphone n'est pas un numéro français. Écrivez 10 chiffres, par exemple 01 23 45 67 89, ou laissez vide.";
pub const BAD_PERSON_NAME: &str = "Écrivez le prénom de la personne (60 caractères au plus).";
pub const BAD_MEMBER: &str = "Ce membre n'est pas dans une structure de ce territoire. Choisissez un membre d'une de ses structures.";

pub const BACK_TO_PROGRAMME: &str = "Retour au programme";
pub const TERRITORY_INTRO: &str = "Les structures du territoire et leur rapport d'impact. Chaque structure garde ses apprenants : ici, aucun nom de personne accompagnée.";

// The report.
pub const REPORT: &str = "Rapport d'impact";
pub const REPORT_RULE: &str = "Aucun nom de personne accompagnée. Un groupe de moins de 5 personnes n'est jamais compté à part : il est écrit « moins de 5 ».";
pub const BY_STRUCTURE: &str = "Structure par structure";
pub const BY_SETTING: &str = "Par milieu : urbain, périurbain, rural";
pub const TOTAL: &str = "Ensemble";
pub const PEOPLE: &str = "Personnes accompagnées";
pub const PEOPLE_NEW: &str = "Dont nouvelles";
pub const SESSIONS: &str = "Séances";
pub const TIME: &str = "Temps";
pub const WORKSHOPS: &str = "Ateliers";
pub const WORKSHOP_PARTICIPANTS: &str = "Participants aux ateliers";
pub const LESSONS_FINISHED: &str = "Leçons terminées";
pub const PEOPLE_ALONE: &str = "Personnes qui pratiquent seules";
pub const HELP_REQUESTS: &str = "Demandes d'aide";
pub const NOTHING_TO_REPORT: &str = "Aucune structure : rien à compter.";

/// The report's heading for a period.
pub fn report_heading(from: &str, to: &str) -> String {
    format!("{REPORT} {}", super::stats::period(from, to))
}

/// A territory's page's title.
pub fn territory_title(name: &str) -> String {
    format!("{TERRITORY} — {name}")
}

pub fn setting(s: Option<Setting>) -> &'static str {
    match s {
        Some(Setting::Urban) => "Urbain",
        Some(Setting::PeriUrban) => "Périurbain",
        Some(Setting::Rural) => "Rural",
        None => NOT_SAID,
    }
}

/// A group of people as a count alone: "12" or "moins de 5".
pub fn people(s: Share) -> String {
    match s {
        Share::Shown { count, .. } => count.to_string(),
        Share::FewerThanFive => super::stats::FEWER_THAN_FIVE.into(),
    }
}

/// Names, or "Personne".
pub fn names(names: &[String]) -> String {
    if names.is_empty() {
        NOBODY.to_string()
    } else {
        names.join(", ")
    }
}

/// The message of a form's error (`erreur=…`).
pub fn form_error(code: &str) -> Option<&'static str> {
    match code {
        "nom" => Some(BAD_NAME),
        "nom-pris" => Some(NAME_TAKEN),
        "telephone" => Some(BAD_PHONE),
        "prenom" => Some(BAD_PERSON_NAME),
        "membre" => Some(BAD_MEMBER),
        _ => None,
    }
}

/// The message of a form's success (`fait=…`).
pub fn done(code: &str) -> Option<&'static str> {
    match code {
        "territoire" => Some(TERRITORY_CREATED),
        "structure" => Some(STRUCTURE_CREATED),
        "coordination" => Some(COORDINATOR_NAMED),
        "retire" => Some(COORDINATOR_REMOVED),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_are_written_moins_de_5() {
        assert_eq!(people(Share::FewerThanFive), "moins de 5");
        assert_eq!(
            people(Share::Shown {
                count: 12,
                percent: 40
            }),
            "12"
        );
        assert_eq!(setting(Some(Setting::PeriUrban)), "Périurbain");
        assert_eq!(names(&[]), "Personne");
    }
}
