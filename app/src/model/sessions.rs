//! The values of La Coop de la médiation numérique's "compte rendu d'activité" (ANCT), as
//! enums whose `code()` is the Coop's own value: what is stored, what a form sends and what
//! an export writes, so an export can be imported there. The pages word them
//! (`text::sessions`).

use serde::{Deserialize, Serialize};

/// Declares an enum of Coop values: `ALL` in the form's order, `code()` and `from_code()`.
macro_rules! coop_values {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The Coop's value: stored, sent by the form, exported.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(code: String) -> Result<Self, String> {
                Self::from_code(&code).ok_or_else(|| {
                    let known: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    format!("unknown value `{code}`, expected one of: {}", known.join(", "))
                })
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.code().to_string()
            }
        }
    };
}

coop_values! {
    /// Individual support or a group workshop (`TypeActivite`).
    SessionType {
        Individual => "individuel",
        Collective => "collectif",
    }
}

coop_values! {
    /// Where the session took place (`TypeLieu`).
    PlaceType {
        ActivityPlace => "lieu_activite",
        Home => "domicile",
        Remote => "a_distance",
        Other => "autre",
    }
}

impl PlaceType {
    /// At home and "other place" need the commune.
    pub fn needs_commune(self) -> bool {
        matches!(self, PlaceType::Home | PlaceType::Other)
    }
}

coop_values! {
    /// Equipment used (`Materiel`), several at once.
    Equipment {
        Computer => "ordinateur",
        Phone => "telephone",
        Tablet => "tablette",
        Other => "autre",
        NoDevice => "aucun",
    }
}

coop_values! {
    /// What the session was about (`Thematique`): the general themes, then the families of
    /// administrative procedures ("démarches").
    CoopTheme {
        DigitalDiagnosis => "diagnostic_numerique",
        HandleDevices => "prendre_en_main_du_materiel",
        DeviceMaintenance => "maintenance_de_materiel",
        ManageContents => "gere_ses_contenus_numeriques",
        Browsing => "navigation_sur_internet",
        Email => "email",
        Office => "bureautique",
        SocialNetworks => "reseaux_sociaux",
        Health => "sante",
        BankingShopping => "banque_et_achats_en_ligne",
        Entrepreneurship => "entrepreneuriat",
        Employment => "insertion_professionnelle",
        Security => "securite_numerique",
        Parenting => "parentalite",
        Schooling => "scolarite_et_numerique",
        Creating => "creer_avec_le_numerique",
        DigitalCulture => "culture_numerique",
        ArtificialIntelligence => "intelligence_artificielle",
        Procedures => "aide_aux_demarches_administratives",
        PapersCitizenship => "papiers_elections_citoyennete",
        FamilySchool => "famille_scolarite",
        SocialHealth => "social_sante",
        WorkTraining => "travail_formation",
        Housing => "logement",
        Transport => "transports_mobilite",
        MoneyTaxes => "argent_impots",
        Justice => "justice",
        ForeignersEurope => "etrangers_europe",
        Leisure => "loisirs_sports_culture",
        Associations => "associations",
    }
}

impl CoopTheme {
    /// A family of administrative procedures (shown under "Aide aux démarches").
    pub fn is_procedure(self) -> bool {
        self >= CoopTheme::PapersCitizenship
    }
}

coop_values! {
    /// How autonomous the person was seen to be (`Autonomie`).
    Autonomy {
        FullyAccompanied => "entierement_accompagne",
        PartlyAutonomous => "partiellement_autonome",
        Autonomous => "autonome",
    }
}

coop_values! {
    /// Where the person was sent on (`StructureDeRedirection`).
    Orientation {
        Administration => "administration",
        OtherMediation => "mediation_numerique",
        Operator => "operateur_ou_organisme_en_charge",
        SocialHelp => "aide_sociale",
        Employment => "insertion_professionnelle",
        ProcedureHelp => "aide_aux_demarches_administratives",
        Other => "autre",
    }
}

coop_values! {
    /// A workshop's level (`NiveauAtelier`).
    WorkshopLevel {
        Beginner => "debutant",
        Intermediate => "intermediaire",
        Advanced => "avance",
    }
}

coop_values! {
    /// A learner's age band (the Coop's `TrancheAge`); not told: `None`.
    AgeBand {
        Under12 => "moins_de_douze",
        From12To17 => "douze_dix_huit",
        From18To24 => "dix_huit_vingt_quatre",
        From25To39 => "vingt_cinq_trente_neuf",
        From40To59 => "quarante_cinquante_neuf",
        From60To69 => "soixante_soixante_neuf",
        From70 => "soixante_dix_plus",
    }
}

coop_values! {
    /// A learner's gender (`Genre`); not told: `None`.
    Gender {
        Female => "feminin",
        Male => "masculin",
    }
}

coop_values! {
    /// A learner's situation (`StatutSocial`); not told: `None`.
    SocialStatus {
        Student => "scolarise",
        JobSeeker => "sans_emploi",
        Employed => "en_emploi",
        Retired => "retraite",
    }
}

/// The code exported for an attribute the learner did not give.
pub const NOT_TOLD: &str = "non_communique";

/// The preset durations of the form, in minutes (any other is typed).
pub const DURATIONS: [i32; 6] = [15, 30, 45, 60, 90, 120];

/// Codes joined by commas, as stored in one column (`email,sante`).
pub fn join_codes<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| code(*v))
        .collect::<Vec<_>>()
        .join(",")
}

/// The values of a column of codes joined by commas, unknown ones skipped.
pub fn split_codes<T>(stored: &str, from: impl Fn(&str) -> Option<T>) -> Vec<T> {
    stored.split(',').filter_map(|c| from(c.trim())).collect()
}

/// A learner's optional attributes, for statistics only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerProfile {
    pub id: i32,
    pub first_name: String,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub status: Option<SocialStatus>,
    pub commune: String,
    /// Just saved.
    pub saved: bool,
    /// Refused: the commune typed is too long (the form shows what was typed).
    pub commune_too_long: bool,
}

/// What was typed in a learner's attributes form, sent back after a refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerProfileTyped {
    pub age_band: String,
    pub gender: String,
    pub status: String,
    pub commune: String,
}

/// Who may see what a session changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitChangeView {
    /// "24 novembre 2026 à 10 h 05"
    pub at: String,
    pub by: Option<String>,
    pub deleted: bool,
    /// The fields changed, by their form name (`date`, `themes`…), with before and after.
    pub fields: Vec<ChangedField>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedField {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A line of "Mes séances".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: i32,
    /// "24 novembre 2026"
    pub date: String,
    pub session_type: Option<SessionType>,
    pub place_type: Option<PlaceType>,
    pub minutes: i32,
    pub themes: Vec<CoopTheme>,
    pub learners: Vec<String>,
    pub anonymous: i32,
    pub workshop_title: Option<String>,
    pub by: Option<String>,
    /// The signed-in staff member may correct or delete it.
    pub editable: bool,
}

/// The filters of "Mes séances", as typed (kept in the form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFilter {
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// `individuel`, `collectif` or empty.
    pub session_type: String,
    /// A learner id, or empty.
    pub learner: String,
    /// A coordinator's "all the structure's sessions".
    pub all: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsView {
    pub filter: SessionFilter,
    pub lines: Vec<SessionLine>,
    pub learners: Vec<(i32, String)>,
    pub coordinator: bool,
    /// The filter typed is wrong (a date that does not exist).
    pub bad_filter: bool,
    /// "La séance est supprimée." after a deletion.
    pub deleted: bool,
    /// "Les corrections sont enregistrées." after a correction.
    pub corrected: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_the_coop_s() {
        for t in CoopTheme::ALL {
            assert_eq!(CoopTheme::from_code(t.code()), Some(*t));
        }
        assert_eq!(CoopTheme::ALL.len(), 30);
        assert_eq!(CoopTheme::Email.code(), "email");
        assert!(CoopTheme::Housing.is_procedure());
        assert!(!CoopTheme::Procedures.is_procedure());
        assert_eq!(PlaceType::Remote.code(), "a_distance");
        assert_eq!(AgeBand::ALL.len(), 7);
        assert_eq!(
            split_codes("email,,nope, sante", CoopTheme::from_code),
            [CoopTheme::Email, CoopTheme::Health]
        );
        assert_eq!(
            join_codes(&[Equipment::Computer, Equipment::Phone], Equipment::code),
            "ordinateur,telephone"
        );
        let e = CoopTheme::try_from("mail".to_string()).unwrap_err();
        assert!(e.contains("unknown value `mail`"), "{e}");
    }
}
