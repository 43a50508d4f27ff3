//! The words of the follow-up questionnaire (in easy French for learners) and of the
//! outcomes a structure reports (issue 21, part 2, item 5).

use super::plural::{self, Noun};
use crate::model::{AnsweredHow, FollowUpQuestion, FollowUpRefused, Reply, Share, Wave};

// The learner's questionnaire, `/suivi`.
pub const TITLE: &str = "Quelques questions";
pub const INTRO: &str = "Vous apprenez avec Pas à Pas depuis quelque temps. Dites-nous ce que cela a changé pour vous. Il y a 5 questions. Ce n'est pas un examen.";
pub const NOTHING_DUE: &str = "Il n'y a pas de questions pour vous en ce moment. Merci !";
pub const SEND: &str = "Envoyer mes réponses";
pub const LATER: &str = "Pas maintenant";
pub const LATER_HINT: &str =
    "Si vous choisissez « Pas maintenant », nous vous reposerons la question plus tard.";
pub const THANKS: &str = "Merci ! Vos réponses sont enregistrées.";
pub const POSTPONED: &str = "D'accord. Nous vous reposerons la question plus tard.";
pub const BACK_HOME: &str = "Revenir à l'accueil";
pub const WHAT_CHANGED: &str = "Qu'est-ce qui a changé pour vous ? (si vous voulez)";
pub const INVITE_TITLE: &str = "Quelques questions pour nous";
pub const INVITE_TEXT: &str = "Cela prend 2 minutes. Vos réponses nous aident à mieux aider.";
pub const INVITE_BUTTON: &str = "Répondre aux questions";

/// A closed question, as the learner reads it.
pub fn question(q: FollowUpQuestion) -> &'static str {
    match q {
        FollowUpQuestion::Learned => "Avez-vous appris quelque chose de nouveau ?",
        FollowUpQuestion::LessApprehensive => "Avez-vous moins peur d'Internet qu'avant ?",
        FollowUpQuestion::DidAlone => {
            "Avez-vous fait une chose seul ou seule sur Internet depuis ? (un message, une démarche…)"
        }
        FollowUpQuestion::Recommend => {
            "Conseilleriez-vous Pas à Pas à une personne que vous connaissez ?"
        }
    }
}

pub fn reply(r: Reply) -> &'static str {
    match r {
        Reply::Yes => "Oui",
        Reply::No => "Non",
        Reply::DontKnow => "Je ne sais pas",
    }
}

pub fn refused(r: FollowUpRefused) -> &'static str {
    match r {
        FollowUpRefused::Empty => "Rien n'est enregistré : choisissez au moins une réponse.",
        FollowUpRefused::TooLong => {
            "Rien n'est enregistré : le texte est trop long (1 000 lettres au plus). Raccourcissez-le un peu."
        }
        FollowUpRefused::HowMissing => {
            "Rien n'est enregistré : dites si les réponses ont été prises lors d'une visite ou au téléphone."
        }
    }
}

pub fn wave(w: Wave) -> &'static str {
    match w {
        Wave::ThreeMonths => "3 mois après la première séance",
        Wave::TwelveMonths => "12 mois après la première séance",
    }
}

pub fn how(h: AnsweredHow) -> &'static str {
    match h {
        AnsweredHow::Alone => "seul·e sur Pas à Pas",
        AnsweredHow::Visit => "avec un bénévole, lors d'une visite",
        AnsweredHow::Phone => "avec un bénévole, au téléphone",
    }
}

// The volunteer's page, `/benevole/apprenants/{id}/suivi`.
pub const STAFF_TITLE: &str = "Questionnaire de suivi";
pub const STAFF_LINK: &str = "Questionnaire de suivi (3 mois, 12 mois)";
pub const STAFF_INTRO: &str = "Posez les questions à la personne, avec ses mots à elle. Cochez ses réponses ; elle peut ne pas répondre à une question.";
pub const STAFF_NOTHING_DUE: &str = "Aucun questionnaire n'est à faire en ce moment : il vient 3 mois, puis 12 mois après la première séance notée.";
pub const STAFF_HOW: &str = "Les réponses ont été prises";
pub const STAFF_SAVE: &str = "Enregistrer les réponses";
pub const STAFF_SAVED: &str = "Les réponses sont enregistrées.";
pub const STAFF_ANSWERED: &str = "Déjà répondu :";

/// "Questionnaire à faire : 3 mois après la première séance".
pub fn due(w: Wave) -> String {
    format!("Questionnaire à faire : {}", wave(w))
}

/// "12 mois après la première séance : répondu avec un bénévole, au téléphone".
pub fn answered(w: Wave, h: AnsweredHow) -> String {
    format!("{} : répondu {}", wave(w), how(h))
}

// The outcomes a structure reports.
pub const REPORT_TITLE: &str = "Ce que les personnes en disent";
pub const REPORT_INTRO: &str = "Le questionnaire de suivi est posé 3 mois puis 12 mois après la première séance. Une personne compte dans la période si son questionnaire y tombe. Aucun pourcentage n'est donné pour moins de 5 personnes.";
pub const REPORT_CONFIDENCE_TITLE: &str =
    "Se sentir capable, au début et à la fin de chaque module";
pub const REPORT_CONFIDENCE_NONE: &str =
    "Personne n'a encore répondu au début et à la fin d'un module dans cette période.";
pub const FEWER_THAN_FIVE: &str = "moins de 5";

const ANSWERS: Noun = Noun {
    one: "réponse",
    many: "réponses",
};
const PEOPLE: Noun = Noun {
    one: "personne",
    many: "personnes",
};

/// "42 %", or "moins de 5" (people) when the group is too small.
pub fn share(s: Share) -> String {
    match s {
        Share::Percent(p) => format!("{p} %"),
        Share::FewerThanFive => format!("{FEWER_THAN_FIVE} {}", PEOPLE.many),
    }
}

/// The statement of a question's "oui", for the report.
pub fn says_yes(q: FollowUpQuestion) -> &'static str {
    match q {
        FollowUpQuestion::Learned => "disent avoir appris quelque chose",
        FollowUpQuestion::LessApprehensive => "disent avoir moins d'appréhension face à Internet",
        FollowUpQuestion::DidAlone => "ont fait seules une démarche ou une tâche depuis",
        FollowUpQuestion::Recommend => "recommanderaient Pas à Pas",
    }
}

/// "80 % disent avoir appris quelque chose (sur 10 réponses)", or, below 5 answers,
/// "Disent avoir appris quelque chose : moins de 5 personnes ont répondu (3 réponses)".
pub fn question_line(q: FollowUpQuestion, share_: Share, answers: u32) -> String {
    match share_ {
        Share::Percent(p) => format!(
            "{p} % {} (sur {})",
            says_yes(q),
            plural::count(answers, ANSWERS)
        ),
        Share::FewerThanFive => {
            let statement = says_yes(q);
            let mut first = statement.chars();
            let capital: String = first
                .next()
                .map(|c| c.to_uppercase().chain(first).collect())
                .unwrap_or_default();
            format!(
                "{capital} : pas de pourcentage, {FEWER_THAN_FIVE} {} ont répondu ({})",
                PEOPLE.many,
                plural::count(answers, ANSWERS)
            )
        }
    }
}

/// "Taux de réponse : 60 % (6 réponses sur 10 personnes attendues)".
pub fn response_rate(rate: Share, answered: u32, due: u32) -> String {
    format!(
        "Taux de réponse : {} ({} sur {} {})",
        share(rate),
        plural::count(answered, ANSWERS),
        due,
        if plural::is_plural(due) {
            "personnes attendues"
        } else {
            "personne attendue"
        }
    )
}

/// "Réponses seul·e : 3, lors d'une visite : 2, au téléphone : 1".
pub fn by_how(alone: u32, visit: u32, phone: u32) -> String {
    format!("Seul·e sur Pas à Pas : {alone} · lors d'une visite : {visit} · au téléphone : {phone}")
}

/// "Questionnaire à 3 mois".
pub fn wave_heading(w: Wave) -> &'static str {
    match w {
        Wave::ThreeMonths => "Questionnaire à 3 mois",
        Wave::TwelveMonths => "Questionnaire à 12 mois",
    }
}

/// "Oui : 8 · Non : 1 · Je ne sais pas : 1".
pub fn counts(yes: u32, no: u32, dont_know: u32) -> String {
    format!(
        "{} : {yes} · {} : {no} · {} : {dont_know}",
        reply(Reply::Yes),
        reply(Reply::No),
        reply(Reply::DontKnow)
    )
}

/// "60 % se sentent plus capables à la fin (sur 5 personnes) — autant : 2, moins : 0".
pub fn confidence_line(share_: Share, pairs: u32, same: u32, lower: u32) -> String {
    let people = plural::count(pairs, PEOPLE);
    match share_ {
        Share::Percent(p) => format!(
            "{p} % se sentent plus capables à la fin (sur {people}) — autant : {same}, moins : {lower}"
        ),
        Share::FewerThanFive => format!(
            "Pas de pourcentage : {FEWER_THAN_FIVE} {} ont répondu au début et à la fin ({people})",
            PEOPLE.many
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_come_with_their_number_of_answers_and_small_groups_are_hidden() {
        assert_eq!(
            question_line(FollowUpQuestion::Learned, Share::Percent(80), 10),
            "80 % disent avoir appris quelque chose (sur 10 réponses)"
        );
        assert_eq!(
            question_line(FollowUpQuestion::Learned, Share::FewerThanFive, 1),
            "Disent avoir appris quelque chose : pas de pourcentage, moins de 5 personnes ont répondu (1 réponse)"
        );
        assert_eq!(
            response_rate(Share::FewerThanFive, 1, 1),
            "Taux de réponse : moins de 5 personnes (1 réponse sur 1 personne attendue)"
        );
        assert_eq!(
            response_rate(Share::Percent(50), 3, 6),
            "Taux de réponse : 50 % (3 réponses sur 6 personnes attendues)"
        );
    }
}
