//! The words of the statistics page (`/benevole/statistiques`).

use crate::model::stats::{DurationBand, HelpDelay, Share};
use crate::text::dates;

pub const NAV: &str = "Statistiques";
pub const TITLE: &str = "Statistiques";
pub const INTRO: &str = "Les chiffres de l'association pour la période choisie. Aucun nom n'y figure, et un groupe de moins de 5 personnes n'est jamais compté à part : il est écrit « moins de 5 ».";
pub const PERIOD_LEGEND: &str = "Période";
pub const FROM: &str = "Du";
pub const TO: &str = "Au";
pub const SHOW: &str = "Afficher";
pub const BAD_PERIOD: &str = "La période n'est pas juste : une date n'existe pas, ou la fin est avant le début. Corrigez les dates puis appuyez sur « Afficher ».";
pub const PRINT: &str = "Imprimer le rapport";
pub const FEWER_THAN_FIVE: &str = "moins de 5";
pub const NOT_TOLD: &str = "Non communiqué";
pub const OTHER_COMMUNES: &str = "Autres communes, ou non communiquée";
pub const NO_ZONE: &str = "Hors des zones, ou commune non communiquée";
pub const DELETED_ACCOUNT: &str = "Compte supprimé";
pub const NOTHING: &str = "Rien pour cette période.";
pub const CHART_DESC: &str = "Diagramme en barres. Les nombres sont dans le tableau qui suit.";

pub const PEOPLE_TITLE: &str = "Personnes accompagnées";
pub const SESSIONS_TITLE: &str = "Séances";
pub const BY_TYPE: &str = "Séances par type d'accompagnement";
pub const BY_PLACE: &str = "Séances par lieu";
pub const BY_THEME: &str = "Séances par thématique (une séance peut en avoir plusieurs)";
pub const BY_DURATION: &str = "Séances par durée";
pub const LEARNING_TITLE: &str = "Leçons et pratique seul";
pub const LEARNING_ALONE_WHY: &str = "Une étape « pratiquée seul » est une étape terminée un jour sans séance avec la personne : elle a pratiqué sans son bénévole.";
pub const HELP_TITLE: &str = "Demandes d'aide";
pub const HELP_BY_DELAY: &str = "Demandes d'aide selon le délai de réponse";
pub const VOLUNTEERS_TITLE: &str = "Par bénévole";
pub const TERRITORY_TITLE: &str = "Par territoire";
pub const BY_ZONE: &str = "Personnes accompagnées par zone";
pub const BY_COMMUNE: &str = "Personnes accompagnées par commune";
pub const PROFILE_TITLE: &str = "Qui sont les personnes accompagnées";
pub const BY_AGE: &str = "Personnes accompagnées par tranche d'âge";
pub const BY_STATUS: &str = "Personnes accompagnées par situation";
pub const BY_GENDER: &str = "Personnes accompagnées par genre";
pub const COL_TYPE: &str = "Type";
pub const COL_PLACE: &str = "Lieu";
pub const COL_THEME: &str = "Thématique";
pub const COL_DURATION: &str = "Durée";
pub const COL_SESSIONS: &str = "Séances";
pub const COL_PEOPLE: &str = "Personnes";
pub const COL_REQUESTS: &str = "Demandes";
pub const COL_DELAY: &str = "Délai de réponse";
pub const COL_VOLUNTEER: &str = "Bénévole";
pub const COL_TIME: &str = "Temps d'accompagnement";
pub const COL_ZONE: &str = "Zone";
pub const COL_COMMUNE: &str = "Commune";
pub const COL_AGE: &str = "Tranche d'âge";
pub const COL_STATUS: &str = "Situation";
pub const COL_GENDER: &str = "Genre";
pub const COL_FIGURE: &str = "Chiffre";
pub const COL_WHAT: &str = "Ce qui est compté";

pub const PEOPLE: &str = "Personnes accompagnées (nommées, chacune comptée une fois)";
pub const PEOPLE_NEW: &str = "dont nouvelles (première séance dans la période)";
pub const PEOPLE_RETURNING: &str = "dont déjà accompagnées avant";
pub const ANONYMOUS: &str = "Participants sans nom aux ateliers";
pub const ANONYMOUS_RETURNING: &str = "dont déjà venus";
pub const SESSIONS: &str = "Séances";
pub const HOURS: &str = "Temps d'accompagnement";
pub const WORKSHOPS: &str = "Ateliers collectifs";
pub const WORKSHOP_PARTICIPANTS: &str =
    "Participants aux ateliers (une personne venue à deux ateliers compte deux fois)";
pub const LESSONS_STARTED: &str = "Leçons commencées";
pub const LESSONS_FINISHED: &str = "Leçons terminées";
pub const STEPS_ALONE: &str = "Étapes pratiquées seul, entre deux séances";
pub const PEOPLE_ALONE: &str = "Personnes ayant pratiqué seules";
pub const HELP_REQUESTS: &str = "Demandes d'aide faites";
pub const CSV_LINK: &str = "Télécharger les séances de la période (tableur, CSV)";
pub const CSV_BAD_PERIOD: &str =
    "La période demandée n'est pas juste : une date n'existe pas, ou la fin est avant le début.";

pub const STATS_CSV_LINK: &str = "Télécharger ces statistiques (tableur, CSV)";
pub const STATS_XLSX_LINK: &str = "Télécharger ces statistiques (Excel, XLSX)";
pub const XLSX_LINK: &str = "Télécharger les séances de la période (Excel, XLSX)";
pub const DOWNLOADS: &str = "Téléchargements";

// The statistics as a spreadsheet (`/benevole/statistiques.csv` and `.xlsx`): one table per
// section, under its title.
/// The sheet of the statistics, and of the sessions.
pub const SHEET: &str = "Statistiques";
pub const SESSIONS_SHEET: &str = "Séances";
pub const EXPORT_STRUCTURE: &str = "Structure";
pub const EXPORT_FROM: &str = "Du";
pub const EXPORT_TO: &str = "Au";
pub const EXPORT_RULE: &str = "Aucun nom de personne accompagnée. Un groupe de moins de 5 personnes n'est jamais compté à part : il est écrit « moins de 5 ».";
pub const EXPORT_HOURS: &str = "Temps d'accompagnement (heures)";
pub const EXPORT_SHARE: &str = "Part (%)";
pub const EXPORT_HELP_TOTAL: &str = "Toutes les demandes";
pub const EXPORT_DUE: &str = "Personnes attendues";
pub const EXPORT_ANSWERED: &str = "Personnes qui ont répondu";
pub const EXPORT_RESPONSE_RATE: &str = "Taux de réponse (%)";
pub const EXPORT_ALONE: &str = "Réponses seul·e sur Pas à Pas";
pub const EXPORT_AT_VISIT: &str = "Réponses lors d'une visite";
pub const EXPORT_BY_PHONE: &str = "Réponses au téléphone";
pub const EXPORT_QUESTION: &str = "Question";
pub const EXPORT_ANSWERS: &str = "Réponses";
pub const EXPORT_YES_SHARE: &str = "Oui (%)";
pub const EXPORT_MODULE: &str = "Module";
pub const EXPORT_PAIRS: &str = "Personnes qui ont répondu au début et à la fin";
pub const EXPORT_HIGHER: &str = "Plus capables à la fin";
pub const EXPORT_SAME: &str = "Autant";
pub const EXPORT_LOWER: &str = "Moins";
pub const EXPORT_HIGHER_SHARE: &str = "Plus capables à la fin (%)";

/// The columns of the sessions' CSV file: La Coop's fields, its values in the cells.
pub const CSV_HEADERS: [&str; 15] = [
    "date",
    "type_accompagnement",
    "type_lieu",
    "commune",
    "duree_minutes",
    "materiel",
    "thematiques",
    "autonomie",
    "orientation",
    "titre_atelier",
    "niveau_atelier",
    "participants_nommes",
    "participants_sans_nom",
    "participants_deja_venus",
    "benevole",
];

/// "Statistiques — Association du quartier, du 1er janvier 2026 au 31 décembre 2026".
pub fn heading(structure: &str, from: &str, to: &str) -> String {
    let period = period(from, to);
    if structure.is_empty() {
        format!("{TITLE} — {period}")
    } else {
        format!("{TITLE} — {structure}, {period}")
    }
}

/// "du 1er janvier 2026 au 31 décembre 2026".
pub fn period(from: &str, to: &str) -> String {
    format!(
        "du {} au {}",
        dates::iso_date_fr(from),
        dates::iso_date_fr(to)
    )
}

/// "12 h 30", "45 min", "0 h".
pub fn hours(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, 0) => "0 h".into(),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// A group of people as written: "12 (40 %)" or "moins de 5".
pub fn share(s: Share) -> String {
    match s {
        Share::Shown { count, percent } => format!("{count} ({percent} %)"),
        Share::FewerThanFive => FEWER_THAN_FIVE.into(),
    }
}

pub fn duration_band(b: DurationBand) -> &'static str {
    match b {
        DurationBand::Short => "Moins de 30 minutes",
        DurationBand::HalfHour => "De 30 minutes à moins d'une heure",
        DurationBand::Hour => "D'une heure à moins de deux heures",
        DurationBand::Long => "Deux heures ou plus",
    }
}

pub fn help_delay(d: HelpDelay) -> &'static str {
    match d {
        HelpDelay::SameDay => "Répondues en moins de 24 heures",
        HelpDelay::FewDays => "Répondues en 1 à 3 jours",
        HelpDelay::Later => "Répondues après plus de 3 jours",
        HelpDelay::Waiting => "Pas encore répondues",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_worded() {
        assert_eq!(hours(0), "0 h");
        assert_eq!(hours(45), "45 min");
        assert_eq!(hours(120), "2 h");
        assert_eq!(hours(185), "3 h 05");
        assert_eq!(share(Share::FewerThanFive), "moins de 5");
        assert_eq!(
            share(Share::Shown {
                count: 6,
                percent: 50
            }),
            "6 (50 %)"
        );
        assert_eq!(
            heading("Le Relais", "2026-01-01", "2026-12-31"),
            "Statistiques — Le Relais, du 1er janvier 2026 au 31 décembre 2026"
        );
    }
}
