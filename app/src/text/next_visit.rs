//! The words of "Prochaine visite" (issue 20, item 6): the end of the session form (the next
//! appointment, "à recontacter", the learner's open help requests) and the next appointment
//! printed on the hand-off sheet.

use super::{agenda, dates};
use crate::model::NextAppointment;
use crate::model::agenda::SlotView;

pub const TITLE: &str = "Prochaine visite";
pub const NO_SLOT: &str = "Aucun créneau libre dans les six semaines. Choisissez « À recontacter » avec une date : la personne sera dans la liste « à rappeler ».";
pub const RECONTACT: &str = "À recontacter";
pub const RECONTACT_DAY: &str = "À partir du";
pub const RECONTACT_HINT: &str = "La personne sera dans la liste « à rappeler » à cette date.";
pub const NOTHING: &str = "Rien de prévu pour l'instant";

pub const HELP_TITLE: &str = "Ses demandes d'aide en attente";
pub const HELP_HINT: &str =
    "Cochez celles que vous avez réglées pendant la séance : elles seront notées comme traitées.";
pub const HELP_HANDLED: &str = "Traitée pendant cette séance";

pub const HAND_OFF_NEXT: &str = "Votre prochain rendez-vous";
pub const HAND_OFF_NONE: &str = "Pas de prochain rendez-vous prévu pour l'instant.";

/// Above the slots: whose they are.
pub fn slots_intro(zone: Option<&str>) -> String {
    match zone {
        Some(z) => format!("Les prochains créneaux libres de la zone {z} :"),
        None => "La commune de la personne n'est dans aucune zone connue : voici les prochains créneaux libres de toute l'équipe.".into(),
    }
}

/// A slot to choose: "mardi 8 décembre 2026, 10 h – 11 h : Camille · Médiathèque".
pub fn slot(s: &SlotView) -> String {
    agenda::slot_choice(s)
}

/// The sheet's lines for the next appointment: when, where, with whom.
pub fn appointment(next: &NextAppointment) -> [String; 3] {
    [
        agenda::slip_when(&next.day, next.start),
        agenda::slip_where(next.kind, next.place.as_ref()),
        if next.volunteer.is_empty() {
            String::new()
        } else {
            format!("Avec {}.", next.volunteer)
        },
    ]
}

/// After a session, for each learner: what is planned next, in one line.
pub fn planned_line(next: Option<&NextAppointment>, recontact: Option<&str>) -> String {
    match (next, recontact) {
        (Some(next), _) => format!(
            "{TITLE} : {}",
            appointment(next)
                .iter()
                .filter(|l| !l.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        (None, Some(day)) => format!("{RECONTACT} à partir du {}.", dates::iso_date_fr(day)),
        (None, None) => format!("{TITLE} : {}.", NOTHING.to_lowercase()),
    }
}

/// No appointment yet, but a day to call back.
pub fn recontact(day: &str) -> String {
    format!(
        "Nous vous appellerons à partir du {} pour fixer le prochain rendez-vous.",
        dates::iso_date_fr(day)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::agenda::Kind;

    #[test]
    fn the_sheet_says_when_where_and_with_whom() {
        let next = NextAppointment {
            day: "2026-12-08".into(),
            start: 600,
            kind: Kind::Home,
            place: None,
            volunteer: "Camille".into(),
        };
        let [when, place, who] = appointment(&next);
        assert!(when.contains("8 décembre 2026"), "{when}");
        assert!(place.starts_with("À domicile"), "{place}");
        assert_eq!(who, "Avec Camille.");
        let at_place = NextAppointment {
            kind: Kind::Place,
            place: Some(("Médiathèque".into(), "1 rue Neuve".into())),
            ..next
        };
        assert!(appointment(&at_place)[1].contains("Médiathèque, 1 rue Neuve"));
        assert!(recontact("2026-12-15").contains("15 décembre 2026"));
    }
}
