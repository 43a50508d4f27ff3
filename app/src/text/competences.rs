//! The CRCN (Pix) competences and domains in words, for learners, volunteers and exports.

use crate::competence::{Competence, Domain};

/// The domain's name, as Pix writes it.
pub fn domain(d: Domain) -> &'static str {
    match d {
        Domain::Information => "Informations et données",
        Domain::Communication => "Communication et collaboration",
        Domain::Creation => "Création de contenus",
        Domain::Protection => "Protection et sécurité",
        Domain::Environment => "Environnement numérique",
    }
}

/// The competence's name, as the CRCN writes it.
pub fn name(c: Competence) -> &'static str {
    match c {
        Competence::SearchInformation => "Mener une recherche et une veille d'information",
        Competence::ManageData => "Gérer des données",
        Competence::ProcessData => "Traiter des données",
        Competence::Interact => "Interagir",
        Competence::SharePublish => "Partager et publier",
        Competence::Collaborate => "Collaborer",
        Competence::DigitalSociety => "S'insérer dans le monde numérique",
        Competence::TextDocuments => "Développer des documents textuels",
        Competence::MultimediaDocuments => "Développer des documents multimédia",
        Competence::AdaptDocuments => "Adapter les documents à leur finalité",
        Competence::Program => "Programmer",
        Competence::SecureEnvironment => "Sécuriser l'environnement numérique",
        Competence::PersonalData => "Protéger les données personnelles et la vie privée",
        Competence::HealthWellbeing => "Protéger la santé, le bien-être et l'environnement",
        Competence::TechnicalProblems => "Résoudre des problèmes techniques",
        Competence::BuildEnvironment => "Construire un environnement numérique",
    }
}

/// "Compétence Pix 2.1 — Interagir"
pub fn label(c: Competence) -> String {
    format!("Compétence Pix {} — {}", c.code(), name(c))
}

/// "Compétence Pix 2.1 — Interagir (Communication et collaboration)", for a list where the
/// domain helps (the module page).
pub fn label_with_domain(c: Competence) -> String {
    format!("{} ({})", label(c), domain(c.domain()))
}

/// The heading of a module's competences.
pub const MODULE_HEADING: &str = "Les compétences Pix de ce thème";
/// What the module page says under that heading.
pub const MODULE_INTRO: &str =
    "Pix est le service public pour évaluer et certifier ses compétences numériques.";
/// The booklet's heading.
pub const BOOKLET_HEADING: &str = "Mes compétences Pix";
/// "Vous avez travaillé : …" in the booklet.
pub const BOOKLET_WORKED: &str = "Vous avez travaillé :";
/// When no lesson is finished yet.
pub const BOOKLET_NONE_YET: &str =
    "Finissez une leçon : les compétences Pix travaillées s'afficheront ici.";
/// The volunteer's learner page: the competences worked.
pub const VOLUNTEER_WORKED: &str = "Compétences Pix travaillées";
/// The type of a CSV line: one per competence worked.
pub const CSV_KIND: &str = "compétence Pix";

/// Several competences on one line, for a CSV cell: "Pix 2.1 Interagir ; Pix 4.1 …".
pub fn short_list(list: &[Competence]) -> String {
    list.iter()
        .map(|c| format!("Pix {} {}", c.code(), name(*c)))
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_competence_has_a_name_and_a_label() {
        assert_eq!(
            label(Competence::Interact),
            "Compétence Pix 2.1 — Interagir"
        );
        assert_eq!(
            label_with_domain(Competence::SecureEnvironment),
            "Compétence Pix 4.1 — Sécuriser l'environnement numérique (Protection et sécurité)"
        );
        let mut names: Vec<&str> = Competence::ALL.iter().map(|c| name(*c)).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 16);
        assert_eq!(
            short_list(&[Competence::Interact, Competence::PersonalData]),
            "Pix 2.1 Interagir ; Pix 4.2 Protéger les données personnelles et la vie privée"
        );
    }
}
