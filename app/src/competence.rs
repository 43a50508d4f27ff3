//! The CRCN competences (Cadre de référence des compétences numériques), which Pix
//! certifies: five domains, sixteen competences. Modules name them by code in their front
//! matter (`competences = ["2.1"]`); the words are in `text::competences`.

use serde::{Deserialize, Serialize};

/// A CRCN domain: the first digit of a competence's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Domain {
    /// 1. Informations et données.
    Information,
    /// 2. Communication et collaboration.
    Communication,
    /// 3. Création de contenus.
    Creation,
    /// 4. Protection et sécurité.
    Protection,
    /// 5. Environnement numérique.
    Environment,
}

/// One of the sixteen CRCN competences, in the order of their codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Competence {
    /// 1.1
    SearchInformation,
    /// 1.2
    ManageData,
    /// 1.3
    ProcessData,
    /// 2.1
    Interact,
    /// 2.2
    SharePublish,
    /// 2.3
    Collaborate,
    /// 2.4
    DigitalSociety,
    /// 3.1
    TextDocuments,
    /// 3.2
    MultimediaDocuments,
    /// 3.3
    AdaptDocuments,
    /// 3.4
    Program,
    /// 4.1
    SecureEnvironment,
    /// 4.2
    PersonalData,
    /// 4.3
    HealthWellbeing,
    /// 5.1
    TechnicalProblems,
    /// 5.2
    BuildEnvironment,
}

impl Competence {
    pub const ALL: [Competence; 16] = [
        Competence::SearchInformation,
        Competence::ManageData,
        Competence::ProcessData,
        Competence::Interact,
        Competence::SharePublish,
        Competence::Collaborate,
        Competence::DigitalSociety,
        Competence::TextDocuments,
        Competence::MultimediaDocuments,
        Competence::AdaptDocuments,
        Competence::Program,
        Competence::SecureEnvironment,
        Competence::PersonalData,
        Competence::HealthWellbeing,
        Competence::TechnicalProblems,
        Competence::BuildEnvironment,
    ];

    /// The CRCN code: "2.1".
    pub fn code(self) -> &'static str {
        match self {
            Competence::SearchInformation => "1.1",
            Competence::ManageData => "1.2",
            Competence::ProcessData => "1.3",
            Competence::Interact => "2.1",
            Competence::SharePublish => "2.2",
            Competence::Collaborate => "2.3",
            Competence::DigitalSociety => "2.4",
            Competence::TextDocuments => "3.1",
            Competence::MultimediaDocuments => "3.2",
            Competence::AdaptDocuments => "3.3",
            Competence::Program => "3.4",
            Competence::SecureEnvironment => "4.1",
            Competence::PersonalData => "4.2",
            Competence::HealthWellbeing => "4.3",
            Competence::TechnicalProblems => "5.1",
            Competence::BuildEnvironment => "5.2",
        }
    }

    /// The competence of a CRCN code, `None` for an unknown code.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn domain(self) -> Domain {
        match self.code().as_bytes()[0] {
            b'1' => Domain::Information,
            b'2' => Domain::Communication,
            b'3' => Domain::Creation,
            b'4' => Domain::Protection,
            _ => Domain::Environment,
        }
    }

    /// The competences of a list of codes (unknown codes are left out; the content checker
    /// reports them), in code order, each once.
    pub fn from_codes<'a>(codes: impl IntoIterator<Item = &'a String>) -> Vec<Self> {
        let mut out: Vec<Self> = codes
            .into_iter()
            .filter_map(|c| Self::from_code(c))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_codes_in_five_domains_each_read_back() {
        for c in Competence::ALL {
            assert_eq!(Competence::from_code(c.code()), Some(c));
        }
        let mut codes: Vec<&str> = Competence::ALL.iter().map(|c| c.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 16);
        assert_eq!(Competence::from_code("6.1"), None);
        assert_eq!(Competence::from_code("2.5"), None);
        assert_eq!(Competence::TechnicalProblems.domain(), Domain::Environment);
        assert_eq!(Competence::Interact.domain(), Domain::Communication);
        let codes = ["4.2".to_string(), "2.1".into(), "4.2".into(), "9.9".into()];
        assert_eq!(
            Competence::from_codes(&codes),
            vec![Competence::Interact, Competence::PersonalData]
        );
    }
}
