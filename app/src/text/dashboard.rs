//! The words of the volunteer's dashboard (`/benevole`): my appointments, who needs
//! attention and why, the others' progress in one line, the search and its result.

use super::plural::{self, Noun};
use super::{agenda, dates};
use crate::model::agenda::{AppointmentItem, Kind, RecallReason};
use crate::model::{ProgressSummary, RecallNote};

pub const TODAY: &str = "Aujourd'hui";
/// A coordinator's dashboard: learners who follow nobody yet.
pub const UNASSIGNED: &str = "Personnes sans bénévole";
pub const UNASSIGNED_GIVE: &str = "Leur choisir un bénévole";
pub const THIS_WEEK: &str = "Cette semaine";
pub const NO_APPOINTMENT_TODAY: &str = "Aucun rendez-vous aujourd'hui.";
pub const NO_APPOINTMENT_WEEK: &str = "Aucun autre rendez-vous d'ici dimanche.";
pub const SEE_AGENDA: &str = "Voir l'agenda partagé";
pub const SEARCH_TITLE: &str = "Chercher parmi mes apprenants";
pub const SEARCH_NAME: &str = "Prénom";
pub const ZONE: &str = "Zone";
pub const ALL_ZONES: &str = "Toutes les zones";
pub const ONLY_RECALL: &str = "À rappeler";
pub const ONLY_STUCK: &str = "Semble bloqué(e)";
pub const SEARCH: &str = "Chercher";
pub const SHOW_ALL: &str = "Tout afficher";
pub const ATTENTION_TITLE: &str = "À suivre";
pub const ATTENTION_NONE: &str = "Personne n'attend d'aide en ce moment.";
pub const OTHERS_TITLE: &str = "Les autres apprenants";
pub const ALL_TITLE: &str = "Tous mes apprenants";
pub const NOTHING_FOUND: &str = "Aucun de vos apprenants ne correspond à cette recherche.";
pub const TO_RECALL: &str = "À rappeler";
pub const RECALL_LIST: &str = "Voir la liste « à rappeler »";
pub const COLUMN_NAME: &str = "Prénom";
pub const COLUMN_LAST_ACTIVE: &str = "Dernière activité";
pub const COLUMN_PROGRESS: &str = "Avancement";
pub const NEVER: &str = "jamais";

const LEARNERS: Noun = Noun {
    one: "apprenant",
    many: "apprenants",
};

/// "Vous suivez 12 apprenants.", or what the search found: "2 apprenants sur 12
/// correspondent à la recherche." (`None`: nothing to say, the page says nobody is
/// followed or nothing was found).
pub fn result(shown: usize, total: usize, filtered: bool) -> Option<String> {
    match (filtered, shown, total) {
        (_, _, 0) | (true, 0, _) => None,
        (false, _, _) => Some(format!("Vous suivez {}.", plural::count(total, LEARNERS))),
        (true, _, _) => Some(format!(
            "{} sur {total} {} à la recherche.",
            plural::count(shown, LEARNERS),
            if plural::is_plural(shown) {
                "correspondent"
            } else {
                "correspond"
            }
        )),
    }
}

/// "A demandé de l'aide (2)".
pub fn help_requested(open: usize) -> String {
    format!("{} ({open})", super::DASHBOARD_NEEDS_HELP)
}

/// Why someone is to call back: "Absent au rendez-vous du mardi 1er décembre 2026".
pub fn recall(note: &RecallNote) -> String {
    let day = dates::day_with_weekday_fr(&note.day);
    match note.reason {
        RecallReason::Absent => format!("Absent au rendez-vous du {day}."),
        RecallReason::Cancelled => format!("Rendez-vous du {day} annulé."),
        RecallReason::Waiting => format!("Attend un créneau depuis son appel du {day}."),
        RecallReason::Recontact => format!("À recontacter à partir du {day}."),
    }
}

/// When an appointment is: "9 h – 10 h" today, "mardi 8 décembre 2026, 9 h – 10 h" later.
pub fn appointment_when(a: &AppointmentItem, with_day: bool) -> String {
    let hours = agenda::hours(a.start, a.end);
    if with_day {
        format!("{}, {hours}", dates::day_with_weekday_fr(&a.day))
    } else {
        hours
    }
}

/// What follows the learner's name: "Médiathèque · à venir", "à domicile, Morlaàs ·
/// annulé", "Atelier collectif · Médiathèque · 3 inscrits sur 8 places · à venir".
pub fn appointment_rest(a: &AppointmentItem) -> String {
    let status = agenda::status(a.status);
    match (a.kind, a.capacity) {
        (Kind::Group, Some(capacity)) => format!(
            "{} · {} · {} · {status}",
            agenda::kind(a.kind),
            agenda::where_(a),
            agenda::seats(a.seats_taken, capacity)
        ),
        _ => format!("{} · {status}", agenda::where_(a)),
    }
}

/// "Zone : Nord".
pub fn zone(name: &str) -> String {
    agenda::zone_found(name)
}

/// A learner's progress in one line: "En cours : « L'adresse, c'est l'enveloppe » (2 / 5
/// étapes faites) · 3 leçons terminées · 1 leçon conseillée à faire".
pub fn progress(p: &ProgressSummary) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &p.current {
        parts.push(format!(
            "En cours : « {} » ({})",
            c.title,
            plural::steps_done(c.done, c.total)
        ));
    }
    if p.lessons_done > 0 {
        parts.push(format!(
            "{} {}",
            plural::count(p.lessons_done, plural::LESSONS),
            if plural::is_plural(p.lessons_done) {
                "terminées"
            } else {
                "terminée"
            }
        ));
    }
    if p.advised_left > 0 {
        parts.push(if plural::is_plural(p.advised_left) {
            format!("{} leçons conseillées à faire", p.advised_left)
        } else {
            format!("{} leçon conseillée à faire", p.advised_left)
        });
    }
    if parts.is_empty() {
        super::DASHBOARD_NO_PROGRESS.to_string()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CurrentLesson;

    #[test]
    fn the_result_sentence_agrees_with_its_numbers() {
        assert_eq!(
            result(30, 30, false).as_deref(),
            Some("Vous suivez 30 apprenants.")
        );
        assert_eq!(
            result(1, 1, false).as_deref(),
            Some("Vous suivez 1 apprenant.")
        );
        assert_eq!(
            result(1, 30, true).as_deref(),
            Some("1 apprenant sur 30 correspond à la recherche.")
        );
        assert_eq!(
            result(2, 30, true).as_deref(),
            Some("2 apprenants sur 30 correspondent à la recherche.")
        );
        assert_eq!(result(0, 30, true), None);
        assert_eq!(result(0, 0, false), None);
    }

    #[test]
    fn progress_in_one_line() {
        assert_eq!(
            progress(&ProgressSummary::default()),
            "Aucune leçon commencée."
        );
        let p = ProgressSummary {
            current: Some(CurrentLesson {
                title: "La souris".into(),
                done: 2,
                total: 5,
            }),
            lessons_done: 1,
            advised_left: 2,
        };
        assert_eq!(
            progress(&p),
            "En cours : « La souris » (2 / 5 étapes faites) · 1 leçon terminée · 2 leçons conseillées à faire"
        );
    }
}
