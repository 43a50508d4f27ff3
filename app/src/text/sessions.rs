//! The words of a session as La Coop de la médiation numérique records it (its labels, in
//! its order), of "Mes séances", of a session's history, and of a learner's optional
//! attributes for statistics.

use crate::model::{
    AgeBand, Autonomy, ChangedField, CoopTheme, Equipment, Gender, Orientation, PlaceType,
    SessionType, SocialStatus, WorkshopLevel,
};

pub const TYPE: &str = "Type d'accompagnement";
pub const PLACE_TYPE: &str = "Lieu de l'accompagnement";
pub const COMMUNE: &str = "Commune";
pub const COMMUNE_HINT: &str =
    "Pour une séance à domicile ou dans un autre lieu : la commune, ou son code postal.";
pub const PLACE_DETAIL: &str = "Précision sur le lieu (facultatif)";
pub const DURATION: &str = "Durée";
pub const DURATION_OTHER: &str = "Autre durée";
pub const DURATION_OTHER_MINUTES: &str = "Autre durée, en minutes";
pub const EQUIPMENT: &str = "Matériel utilisé (facultatif)";
pub const THEMES: &str = "Thématiques";
pub const THEMES_HINT: &str =
    "Cochez tout ce qui a été travaillé. Les thèmes des leçons conseillées sont proposés.";
pub const THEMES_PROCEDURES: &str = "Pour les démarches administratives : le domaine";
pub const THEME_PROPOSED: &str = "proposé par une leçon conseillée";
pub const AUTONOMY: &str = "Autonomie de la personne (facultatif)";
pub const ORIENTATION: &str = "Orientation vers une autre structure (facultatif)";
pub const ORIENTATION_HINT: &str = "Nous faisons avec la personne, jamais à sa place. Nous ne gardons aucun mot de passe, ni aucun code. Si quelqu'un doit agir pour elle, orientez-la vers un professionnel qui peut le faire (France Services, un travailleur social, l'organisme concerné).";
pub const ORIENTATION_NONE: &str = "Pas d'orientation";
pub const WORKSHOP_TITLE: &str = "Titre de l'atelier (facultatif)";
pub const WORKSHOP_LEVEL: &str = "Niveau de l'atelier (facultatif)";
pub const NOT_SAID: &str = "Non renseigné";
pub const ANONYMOUS: &str = "Autres participants, sans nom : combien ?";
pub const ANONYMOUS_FOLLOWED: &str = "Parmi eux, combien étaient déjà venus ?";
pub const TOPICS: &str = "Ce que nous avons travaillé (précisions, facultatif)";
pub const EDIT_TITLE: &str = "Corriger une séance";
pub const EDIT_SAVE: &str = "Enregistrer les corrections";
pub const DELETE_TITLE: &str = "Supprimer cette séance";
pub const DELETE_CONFIRM: &str = "Oui, je veux supprimer cette séance";
pub const DELETE_BUTTON: &str = "Supprimer la séance";
pub const DELETE_HINT: &str =
    "Les leçons conseillées restent conseillées. La suppression est notée dans l'historique.";
pub const DELETE_NEED_CONFIRM: &str = "Cochez la case pour confirmer la suppression.";
pub const HISTORY: &str = "Historique des corrections";
pub const CORRECT: &str = "Corriger";
pub const LIST_TITLE: &str = "Mes séances";
pub const LIST_ALL_TITLE: &str = "Les séances de la structure";
pub const LIST_FROM: &str = "Du";
pub const LIST_TO: &str = "Au";
pub const LIST_ALL_TYPES: &str = "Tous les types";
pub const LIST_LEARNER: &str = "Personne accompagnée";
pub const LIST_ALL_LEARNERS: &str = "Toutes les personnes";
pub const LIST_ALL: &str = "Les séances de toute l'équipe";
pub const LIST_FILTER: &str = "Filtrer";
pub const LIST_EMPTY: &str = "Aucune séance pour ces filtres.";
pub const LIST_BAD_FILTER: &str =
    "Une des dates n'existe pas. Écrivez-la comme 2026-11-24 (l'année, le mois, le jour).";
pub const LIST_DELETED: &str = "La séance est supprimée.";
pub const LIST_NEW_WORKSHOP: &str = "Noter un atelier collectif";
pub const CORRECTED: &str = "Les corrections sont enregistrées.";
/// After a correction: to the session's page, with each participant's next visit.
pub const SEE_NEXT_VISITS: &str = "Voir la prochaine visite de chaque personne";

pub const PROFILE_TITLE: &str = "Informations pour les statistiques";
pub const PROFILE_WHY: &str = "Ces informations sont facultatives. Elles servent seulement à compter, sans nom, les personnes aidées par l'association (par exemple pour un financeur). Vous pouvez toujours choisir « Non communiqué ».";
pub const PROFILE_AGE: &str = "Tranche d'âge";
pub const PROFILE_GENDER: &str = "Genre";
pub const PROFILE_STATUS: &str = "Situation";
pub const PROFILE_COMMUNE: &str = "Commune de résidence (facultatif)";
pub const PROFILE_SAVE: &str = "Enregistrer";
pub const PROFILE_SAVED: &str = "Les informations sont enregistrées.";
pub const PROFILE_LINK: &str = "Informations pour les statistiques (âge, situation…)";
pub const NOT_TOLD: &str = "Non communiqué";
pub const PROFILE_COMMUNE_TOO_LONG: &str = "La commune est trop longue : 100 caractères au plus.";

/// What the learner is told about these attributes (welcome page and "Mes données").
pub const PRIVACY_STATISTICS: &str = "Si vous le voulez, votre bénévole peut aussi noter votre tranche d'âge, votre genre, votre situation (retraité, en emploi…) et votre commune. C'est facultatif : vous pouvez répondre « Non communiqué ». Cela sert seulement à compter les personnes aidées, sans nom, pour les comptes de l'association.";

pub fn session_type(t: SessionType) -> &'static str {
    match t {
        SessionType::Individual => "Accompagnement individuel",
        SessionType::Collective => "Atelier collectif",
    }
}

pub fn place_type(p: PlaceType) -> &'static str {
    match p {
        PlaceType::ActivityPlace => "Dans un lieu de l'association",
        PlaceType::Home => "À domicile",
        PlaceType::Remote => "À distance",
        PlaceType::Other => "Autre lieu",
    }
}

pub fn equipment(e: Equipment) -> &'static str {
    match e {
        Equipment::Computer => "Ordinateur",
        Equipment::Phone => "Téléphone",
        Equipment::Tablet => "Tablette",
        Equipment::Other => "Autre matériel",
        Equipment::NoDevice => "Aucun matériel",
    }
}

pub fn theme(t: CoopTheme) -> &'static str {
    match t {
        CoopTheme::DigitalDiagnosis => "Diagnostic numérique",
        CoopTheme::HandleDevices => "Prendre en main du matériel",
        CoopTheme::DeviceMaintenance => "Maintenance de matériel",
        CoopTheme::ManageContents => "Gérer ses contenus numériques",
        CoopTheme::Browsing => "Navigation sur internet",
        CoopTheme::Email => "E-mail",
        CoopTheme::Office => "Bureautique",
        CoopTheme::SocialNetworks => "Réseaux sociaux, communication",
        CoopTheme::Health => "Santé",
        CoopTheme::BankingShopping => "Banque et achats en ligne",
        CoopTheme::Entrepreneurship => "Accompagner un professionnel",
        CoopTheme::Employment => "Insertion professionnelle",
        CoopTheme::Security => "Sécurité numérique",
        CoopTheme::Parenting => "Parentalité",
        CoopTheme::Schooling => "Scolarité et numérique",
        CoopTheme::Creating => "Créer avec le numérique",
        CoopTheme::DigitalCulture => "Culture numérique",
        CoopTheme::ArtificialIntelligence => "Intelligence artificielle",
        CoopTheme::Procedures => "Aide aux démarches administratives",
        CoopTheme::PapersCitizenship => "Papiers, élections, citoyenneté",
        CoopTheme::FamilySchool => "Famille, scolarité",
        CoopTheme::SocialHealth => "Social, santé",
        CoopTheme::WorkTraining => "Travail, formation",
        CoopTheme::Housing => "Logement",
        CoopTheme::Transport => "Transports, mobilité",
        CoopTheme::MoneyTaxes => "Argent, impôts",
        CoopTheme::Justice => "Justice",
        CoopTheme::ForeignersEurope => "Étrangers, Europe",
        CoopTheme::Leisure => "Loisirs, sports, culture",
        CoopTheme::Associations => "Associations",
    }
}

pub fn autonomy(a: Autonomy) -> &'static str {
    match a {
        Autonomy::FullyAccompanied => "Entièrement accompagnée",
        Autonomy::PartlyAutonomous => "Autonome avec de l'aide si besoin",
        Autonomy::Autonomous => "Autonome",
    }
}

pub fn orientation(o: Orientation) -> &'static str {
    match o {
        Orientation::Administration => "Une administration",
        Orientation::OtherMediation => "Un autre lieu de médiation numérique",
        Orientation::Operator => "L'opérateur ou l'organisme concerné",
        Orientation::SocialHelp => "Une aide sociale (travailleur social, CCAS…)",
        Orientation::Employment => "L'insertion professionnelle",
        Orientation::ProcedureHelp => "France Services, une aide aux démarches",
        Orientation::Other => "Autre structure",
    }
}

pub fn workshop_level(l: WorkshopLevel) -> &'static str {
    match l {
        WorkshopLevel::Beginner => "Débutant",
        WorkshopLevel::Intermediate => "Intermédiaire",
        WorkshopLevel::Advanced => "Avancé",
    }
}

pub fn age_band(a: AgeBand) -> &'static str {
    match a {
        AgeBand::Under12 => "Moins de 12 ans",
        AgeBand::From12To17 => "12 à 17 ans",
        AgeBand::From18To24 => "18 à 24 ans",
        AgeBand::From25To39 => "25 à 39 ans",
        AgeBand::From40To59 => "40 à 59 ans",
        AgeBand::From60To69 => "60 à 69 ans",
        AgeBand::From70 => "70 ans et plus",
    }
}

pub fn gender(g: Gender) -> &'static str {
    match g {
        Gender::Female => "Femme",
        Gender::Male => "Homme",
    }
}

pub fn status(s: SocialStatus) -> &'static str {
    match s {
        SocialStatus::Student => "Élève ou étudiant",
        SocialStatus::JobSeeker => "Sans emploi",
        SocialStatus::Employed => "En emploi",
        SocialStatus::Retired => "Retraité",
    }
}

/// "Accompagnement individuel — À domicile", or the type alone.
pub fn type_and_place(t: Option<SessionType>, p: Option<PlaceType>) -> String {
    match (t, p) {
        (Some(t), Some(p)) => format!("{} — {}", session_type(t), place_type(p)),
        (Some(t), None) => session_type(t).to_string(),
        (None, Some(p)) => place_type(p).to_string(),
        (None, None) => "Séance".to_string(),
    }
}

/// "E-mail, Santé".
pub fn themes(themes: &[CoopTheme]) -> String {
    themes
        .iter()
        .map(|t| theme(*t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a field of the form, in a session's history.
pub fn field_name(field: &str) -> &'static str {
    match field {
        "date" => "Date",
        "session_type" => TYPE,
        "place_type" => PLACE_TYPE,
        "commune" => COMMUNE,
        "place" => "Précision sur le lieu",
        "minutes" => DURATION,
        "equipment" => "Matériel",
        "themes" => THEMES,
        "autonomy" => "Autonomie",
        "orientation" => "Orientation",
        "workshop_title" => "Titre de l'atelier",
        "workshop_level" => "Niveau de l'atelier",
        "anonymous" => "Participants sans nom",
        "anonymous_followed" => "Déjà venus",
        "topics" => "Ce que nous avons travaillé",
        "note" => "Note",
        "learners" => "Personnes présentes",
        "lessons" => "Leçons conseillées",
        _ => "Autre",
    }
}

/// "Durée : 60 → 90".
pub fn change(c: &ChangedField) -> String {
    let shown = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    format!(
        "{} : {} → {}",
        field_name(&c.field),
        shown(&c.before),
        shown(&c.after)
    )
}

/// "Corrigée par Camille" / "Supprimée par Sacha" / "Corrigée".
pub fn changed_by(deleted: bool, by: Option<&str>) -> String {
    let what = if deleted { "Supprimée" } else { "Corrigée" };
    match by {
        Some(name) => format!("{what} par {name}"),
        None => what.to_string(),
    }
}

/// "3 séances", "1 séance", "Aucune séance".
pub fn count(n: usize) -> String {
    match n {
        0 => "Aucune séance".into(),
        1 => "1 séance".into(),
        n => format!("{n} séances"),
    }
}

/// "et 3 personnes sans nom".
pub fn anonymous(n: i32) -> String {
    if n == 1 {
        "1 personne sans nom".into()
    } else {
        format!("{n} personnes sans nom")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_words_and_changes_read_well() {
        for t in CoopTheme::ALL {
            assert!(!theme(*t).is_empty());
        }
        assert_eq!(
            type_and_place(Some(SessionType::Individual), Some(PlaceType::Home)),
            "Accompagnement individuel — À domicile"
        );
        assert_eq!(
            change(&ChangedField {
                field: "minutes".into(),
                before: "60".into(),
                after: String::new()
            }),
            "Durée : 60 → —"
        );
        assert_eq!(count(1), "1 séance");
        assert_eq!(count(2), "2 séances");
        assert_eq!(changed_by(true, Some("Sacha")), "Supprimée par Sacha");
    }
}
