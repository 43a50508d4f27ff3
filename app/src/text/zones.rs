//! The words of the zones and places page (`/benevole/equipe/zones`).

use crate::model::zones::ZoneOutcome;

pub const TITLE: &str = "Zones et lieux";
pub const INTRO: &str = "Le territoire est partagé en zones. Une personne qui appelle est rattachée à la zone de sa commune, et les bénévoles de cette zone lui rendent visite : les trajets restent courts.";
pub const LINK: &str = "Les zones et les lieux du territoire";
pub const ZONES: &str = "Les zones";
pub const NO_ZONE: &str = "Aucune zone pour l'instant. Commencez par en créer une, par exemple « Nord » ou « Autour de Morlaàs ».";
pub const ADD_ZONE: &str = "Créer une zone";
pub const ZONE_NAME: &str = "Nom de la zone";
pub const ADD_ZONE_SUBMIT: &str = "Créer la zone";
pub const REMOVE_ZONE: &str = "Supprimer cette zone";
pub const REMOVE_ZONE_HINT: &str =
    "Ses communes sont retirées avec elle ; ses lieux restent, sans zone.";
pub const COMMUNES: &str = "Communes";
pub const NO_COMMUNE: &str = "Aucune commune dans cette zone.";
pub const ADD_COMMUNE: &str = "Ajouter une commune";
pub const POSTCODE: &str = "Code postal";
pub const POSTCODE_HINT: &str = "5 chiffres, par exemple 64160.";
pub const COMMUNE: &str = "Commune";
pub const ADD_COMMUNE_SUBMIT: &str = "Ajouter la commune";
pub const REMOVE: &str = "Retirer";
pub const VOLUNTEERS: &str = "Bénévoles de la zone";
pub const NO_VOLUNTEER: &str = "La structure n'a pas encore de bénévole.";
pub const SAVE_VOLUNTEERS: &str = "Enregistrer les bénévoles";
pub const PLACES: &str = "Les lieux";
pub const PLACES_INTRO: &str = "Les lieux où se passent les ateliers et les permanences : médiathèque, mairie, France Services…";
pub const NO_PLACE: &str = "Aucun lieu pour l'instant.";
pub const ADD_PLACE: &str = "Ajouter un lieu";
pub const PLACE_NAME: &str = "Nom du lieu";
pub const PLACE_ADDRESS: &str = "Adresse";
pub const PLACE_ZONE: &str = "Zone";
pub const PLACE_NO_ZONE: &str = "Sans zone";
pub const ADD_PLACE_SUBMIT: &str = "Ajouter le lieu";
pub const REMOVE_PLACE: &str = "Retirer ce lieu";

/// "Zone : Nord" under a place.
pub fn place_zone(zone: Option<&str>) -> String {
    match zone {
        Some(z) => format!("Zone : {z}"),
        None => PLACE_NO_ZONE.to_string(),
    }
}

const COMMUNE_NOUN: super::plural::Noun = super::plural::Noun {
    one: "commune",
    many: "communes",
};

/// "3 communes" / "1 commune".
pub fn communes(n: u32) -> String {
    super::plural::count(n, COMMUNE_NOUN)
}

/// What a form did, or why it did nothing; `taken_by`: the zone that has the commune.
pub fn outcome(outcome: ZoneOutcome, taken_by: Option<&str>) -> String {
    match outcome {
        ZoneOutcome::ZoneAdded => "La zone est créée.".into(),
        ZoneOutcome::ZoneRemoved => "La zone est supprimée.".into(),
        ZoneOutcome::CommuneAdded => "La commune est ajoutée.".into(),
        ZoneOutcome::CommuneRemoved => "La commune est retirée.".into(),
        ZoneOutcome::VolunteersSaved => "Les bénévoles de la zone sont enregistrés.".into(),
        ZoneOutcome::PlaceAdded => "Le lieu est ajouté.".into(),
        ZoneOutcome::PlaceRemoved => "Le lieu est retiré.".into(),
        ZoneOutcome::NoName => "Écrivez un nom (80 caractères au plus).".into(),
        ZoneOutcome::ZoneExists => "Une zone porte déjà ce nom. Choisissez un autre nom.".into(),
        ZoneOutcome::BadPostcode => "Le code postal a 5 chiffres, par exemple 64160.".into(),
        ZoneOutcome::NoCommune => "Écrivez le nom de la commune.".into(),
        ZoneOutcome::CommuneTaken => match taken_by {
            Some(zone) => format!(
                "Cette commune est déjà dans la zone « {zone} ». Une commune est dans une seule zone : retirez-la d'abord de « {zone} »."
            ),
            None => "Cette commune est déjà dans une zone.".into(),
        },
        ZoneOutcome::NoAddress => "Écrivez l'adresse du lieu (200 caractères au plus).".into(),
        ZoneOutcome::PlaceExists => "Un lieu porte déjà ce nom. Choisissez un autre nom.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_words_and_a_code_that_comes_back() {
        for o in ZoneOutcome::ALL {
            assert!(!outcome(o, None).is_empty());
            assert_eq!(ZoneOutcome::from_code(o.code()), Some(o));
        }
        assert!(outcome(ZoneOutcome::CommuneTaken, Some("Nord")).contains("« Nord »"));
        assert_eq!(communes(1), "1 commune");
        assert_eq!(communes(3), "3 communes");
    }
}
