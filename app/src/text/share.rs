//! The words of share links for a funder: the part of the statistics page that makes and
//! revokes them, and the public page a link opens (`/partage/{token}`).

use super::plural::{self, Noun};
use super::{dates, outcomes, stats};
use crate::model::FollowUpQuestion;
use crate::model::share::ShareRefused;

// On the statistics page (coordinators).
pub const TITLE: &str = "Partager ces chiffres avec un financeur";
pub const INTRO: &str = "Vous pouvez créer un lien secret vers les chiffres de cette période, par exemple pour un financeur. La personne qui ouvre le lien voit les chiffres d'ensemble, calculés au moment où elle l'ouvre : aucun nom, et « moins de 5 » pour un groupe de moins de 5 personnes. Vous pouvez retirer le lien à tout moment.";
pub const LABEL: &str = "Pour qui ? (facultatif, par exemple le nom du financeur)";
pub const MAKE: &str = "Créer le lien";
pub const FRESH: &str = "Voici le lien. Copiez-le maintenant : il ne sera plus affiché.";
pub const FRESH_EXPLAIN: &str = "Toute personne qui a ce lien voit les chiffres d'ensemble de la période, sans aucun nom. Retirez-le quand il ne doit plus servir.";
pub const LINKS_TITLE: &str = "Liens créés";
pub const NO_LINKS: &str = "Aucun lien pour le moment.";
pub const COL_LABEL: &str = "Pour";
pub const COL_PERIOD: &str = "Période";
pub const COL_MADE: &str = "Créé";
pub const COL_STATE: &str = "État";
pub const NO_LABEL: &str = "Sans nom";
pub const ACTIVE: &str = "Actif";
pub const REVOKE: &str = "Retirer ce lien";
pub const REVOKED_DONE: &str = "Le lien est retiré : il ne fonctionne plus.";

/// Why the link was not made.
pub fn refused(r: ShareRefused) -> String {
    match r {
        ShareRefused::LabelTooLong => format!(
            "Le nom est trop long : {} caractères au plus. Raccourcissez-le puis appuyez sur « {MAKE} ».",
            crate::model::share::MAX_LABEL
        ),
        ShareRefused::BadPeriod => stats::BAD_PERIOD.to_string(),
    }
}

/// "par Marie Dupont, le 6 décembre 2026".
pub fn made(by: Option<&str>, at: i64) -> String {
    format!(
        "par {}, le {}",
        by.unwrap_or(stats::DELETED_ACCOUNT),
        dates::date_fr(at)
    )
}

/// "Retiré le 6 décembre 2026".
pub fn revoked(at: i64) -> String {
    format!("Retiré le {}", dates::date_fr(at))
}

/// The revoke button's full name for screen readers: "Retirer ce lien : Fondation X".
pub fn revoke_label(label: Option<&str>) -> String {
    format!("{REVOKE} : {}", label.unwrap_or(NO_LABEL))
}

// The public page.
pub const PUBLIC_INTRO: &str = "Ces chiffres sont calculés au moment où vous ouvrez cette page. Aucun nom n'y figure, et un groupe de moins de 5 personnes n'est jamais compté à part : il est écrit « moins de 5 ».";
pub const GONE_TITLE: &str = "Ce lien ne fonctionne plus";
pub const GONE_TEXT: &str = "L'association a retiré ce lien de partage, ou il n'a jamais existé. Demandez un nouveau lien à la personne qui vous l'a envoyé.";
pub const OUTCOMES_INTRO: &str = "Le questionnaire de suivi est posé 3 mois puis 12 mois après la première séance. Aucun nombre ni pourcentage n'est donné pour moins de 5 personnes.";

/// "Chiffres de Le Relais, du 1er janvier 2026 au 31 décembre 2026".
pub fn heading(structure: &str, from: &str, to: &str) -> String {
    stats::heading(structure, from, to)
}

/// A number of people or of things that may be hidden: "12" or "moins de 5".
pub fn count<N: std::fmt::Display>(n: Option<N>) -> String {
    n.map_or_else(|| stats::FEWER_THAN_FIVE.to_string(), |n| n.to_string())
}

/// A row of a breakdown: "12 (40 %)", "12" or "moins de 5".
pub fn row(count: Option<u64>, percent: Option<u32>) -> String {
    match (count, percent) {
        (Some(n), Some(p)) => format!("{n} ({p} %)"),
        (Some(n), None) => n.to_string(),
        (None, _) => stats::FEWER_THAN_FIVE.to_string(),
    }
}

const ANSWERS: Noun = Noun {
    one: "réponse",
    many: "réponses",
};
const PEOPLE: Noun = Noun {
    one: "personne",
    many: "personnes",
};

fn hidden_count(n: Option<u32>, noun: Noun) -> String {
    match n {
        Some(n) => plural::count(n, noun),
        None => format!("{} {}", stats::FEWER_THAN_FIVE, noun.many),
    }
}

/// "Taux de réponse : 60 % (6 réponses sur 10 personnes attendues)", or without a
/// percentage when fewer than 5 people were expected.
pub fn response_rate(percent: Option<u32>, answered: Option<u32>, due: Option<u32>) -> String {
    let rate = percent.map_or_else(|| NO_PERCENT.to_string(), |p| format!("{p} %"));
    format!(
        "Taux de réponse : {rate} ({} sur {} {})",
        hidden_count(answered, ANSWERS),
        count(due),
        if due.is_some_and(|d| !plural::is_plural(d)) {
            "personne attendue"
        } else {
            "personnes attendues"
        }
    )
}

const NO_PERCENT: &str = "pas de pourcentage";

/// "80 % disent avoir appris quelque chose (sur 10 réponses)", or "Disent avoir appris
/// quelque chose : pas de pourcentage (moins de 5 réponses)".
pub fn question_line(q: FollowUpQuestion, yes: Option<u32>, answers: Option<u32>) -> String {
    let says = outcomes::says_yes(q);
    match yes {
        Some(p) => format!("{p} % {says} (sur {})", hidden_count(answers, ANSWERS)),
        None => {
            let mut first = says.chars();
            let capital: String = first
                .next()
                .map(|c| c.to_uppercase().chain(first).collect())
                .unwrap_or_default();
            format!(
                "{capital} : {NO_PERCENT} ({})",
                hidden_count(answers, ANSWERS)
            )
        }
    }
}

/// "60 % se sentent plus capables à la fin (sur 5 personnes)", or "Pas de pourcentage
/// (moins de 5 personnes ont répondu au début et à la fin)".
pub fn confidence_line(higher: Option<u32>, pairs: Option<u32>) -> String {
    match higher {
        Some(p) => format!(
            "{p} % se sentent plus capables à la fin (sur {})",
            hidden_count(pairs, PEOPLE)
        ),
        None => format!(
            "Pas de pourcentage ({} ont répondu au début et à la fin)",
            hidden_count(pairs, PEOPLE)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_numbers_are_worded() {
        assert_eq!(count::<u64>(None), "moins de 5");
        assert_eq!(count(Some(7u64)), "7");
        assert_eq!(row(Some(6), Some(50)), "6 (50 %)");
        assert_eq!(row(None, None), "moins de 5");
        assert_eq!(
            response_rate(None, None, None),
            "Taux de réponse : pas de pourcentage (moins de 5 réponses sur moins de 5 personnes attendues)"
        );
        assert_eq!(
            response_rate(Some(60), Some(6), Some(10)),
            "Taux de réponse : 60 % (6 réponses sur 10 personnes attendues)"
        );
        assert_eq!(
            question_line(FollowUpQuestion::Learned, None, None),
            "Disent avoir appris quelque chose : pas de pourcentage (moins de 5 réponses)"
        );
    }
}
