//! Moving a learner who moves house to another structure of the programme, with their
//! consent: the coordinator's form, and what the learner's home page says after.

/// The link on the learner's page, and the form's title.
pub const LINK: &str = "Déménagement : confier à une autre structure";

pub fn title(first_name: &str) -> String {
    format!("{first_name} déménage")
}

pub const INTRO: &str = "Quand une personne déménage, une autre structure du programme peut continuer à l'accompagner. Son parcours la suit : ses progrès, ses leçons conseillées, ses demandes d'aide.";
pub const STAYS: &str = "Ce qui reste ici : les séances déjà faites et leurs notes (elles restent dans vos statistiques). Ses rendez-vous à venir chez vous sont annulés. La nouvelle structure lui choisira un bénévole.";
pub const TO: &str = "Nouvelle structure";

/// A structure of the list, with its territory if it has one.
pub fn choice(name: &str, territory: Option<&str>) -> String {
    match territory {
        Some(t) => format!("{name} ({t})"),
        None => name.to_string(),
    }
}

/// The consent box, ticked by the coordinator after asking the person.
pub fn consent(first_name: &str) -> String {
    format!(
        "{first_name} est d'accord pour que la nouvelle structure voie son parcours. Je lui ai demandé (de vive voix ou au téléphone)."
    )
}

pub const NO_CONSENT: &str =
    "Rien n'a changé : cochez la case seulement si la personne est d'accord. Demandez-lui d'abord.";
pub const SUBMIT: &str = "Confier à cette structure";
pub const NO_OTHER_STRUCTURE: &str =
    "Il n'y a pas d'autre structure dans le programme pour l'instant.";
pub const BACK: &str = "Retour à sa page";

/// On the list of learners, after a move.
pub const DONE: &str =
    "C'est fait : la personne est maintenant suivie par sa nouvelle structure, avec son parcours.";

/// The learner's home page, after a move, before a volunteer is chosen (easy French).
pub fn will_call(structure: &str) -> String {
    format!(
        "Vous avez changé de lieu d'accompagnement. C'est maintenant {structure}. Quelqu'un va vous appeler bientôt."
    )
}
