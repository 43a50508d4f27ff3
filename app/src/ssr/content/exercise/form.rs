//! `exercice formulaire`: the block's schema, its authoring checks and the learner's
//! mistakes in a field (amounts, dates, choices).

use serde::Deserialize;

use super::common::{ExerciseProblem, err, yes};
use crate::model::{FieldKind, FieldMistake, FileKind};
use crate::ssr::content::slug;
use crate::text::exercises as words;

/// `exercice formulaire`: a pretend public-service site: a sign-in page, then a form in
/// several screens, then a summary to confirm.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// A made-up name for the service, e.g. `"Mon compte santé"`. Required.
    pub service: String,
    /// What the learner must do. Required.
    pub consigne: String,
    /// The identifier to type on the sign-in page (given in the instructions). Default:
    /// none, and no sign-in page (a form to create an account starts at its first screen).
    #[serde(default)]
    pub identifiant: Option<String>,
    /// The password to type on the sign-in page. Required with `identifiant`, refused
    /// without it.
    #[serde(default)]
    pub mot_de_passe: Option<String>,
    /// The form creates an account: its summary and last button say so ("Créer mon
    /// compte"), as real sign-up forms do. Default: `false` (a request: "Envoyer ma
    /// demande").
    #[serde(default)]
    pub creation_de_compte: bool,
    /// The screens of the form, in order. At least one.
    pub etapes: Vec<FormStep>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormStep {
    /// The screen's title. Required.
    pub titre: String,
    /// A sentence shown above the fields. Default: none.
    #[serde(default)]
    pub texte: Option<String>,
    /// The fields of the screen. At least one.
    pub champs: Vec<Field>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Identifier, unique in the form: lower-case letters, digits and dashes. Required.
    pub nom: String,
    /// The field's label. Required.
    pub libelle: String,
    /// `"texte"`, `"montant"` (euros), `"date"` (JJ/MM/AAAA), `"choix"` (a list),
    /// `"fichier"` (a document to attach) or `"mot-de-passe"` (a password field: dots,
    /// emptied after a mistake, hidden in the summary). Default: `"texte"`.
    #[serde(rename = "type", default)]
    pub kind: FieldKind,
    /// The options of a `"choix"` field. Required for it.
    #[serde(default)]
    pub choix: Vec<String>,
    /// The value the learner must give (for a `"fichier"`: none). Default: any value.
    #[serde(default)]
    pub attendu: Option<String>,
    /// Said kindly when the value is not the expected one. Default: a general sentence.
    #[serde(default)]
    pub aide: Option<String>,
    /// Default: `true`.
    #[serde(default = "yes")]
    pub obligatoire: bool,
}

/// The authoring checks of a form block.
pub(super) fn check(f: &Form, problems: &mut Vec<ExerciseProblem>) {
    if f.identifiant.is_some() != f.mot_de_passe.is_some() {
        err(problems, words::SIGN_IN_PAIR.into());
    }
    if f.etapes.is_empty() {
        err(
            problems,
            "le formulaire n'a pas d'étape : ajoutez [[etapes]]".into(),
        );
    }
    let mut names = std::collections::HashSet::new();
    for step in &f.etapes {
        if step.champs.is_empty() {
            err(
                problems,
                format!("l'étape « {} » n'a pas de champ", step.titre),
            );
        }
        for field in &step.champs {
            if !slug::is_valid(&field.nom) {
                err(
                    problems,
                    format!(
                        "nom de champ « {} » invalide : lettres minuscules sans accent, \
                         chiffres et tirets",
                        field.nom
                    ),
                );
            }
            if !names.insert(field.nom.as_str()) {
                err(
                    problems,
                    format!("deux champs s'appellent « {} »", field.nom),
                );
            }
            check_field(field, problems);
        }
    }
}

fn check_field(field: &Field, problems: &mut Vec<ExerciseProblem>) {
    if field.kind == FieldKind::Choix && field.choix.is_empty() {
        err(
            problems,
            format!(
                "le champ « {} » est un choix sans choix = [\"…\"]",
                field.nom
            ),
        );
    }
    let Some(expected) = &field.attendu else {
        return;
    };
    let fine = match field.kind {
        FieldKind::Choix => field.choix.contains(expected),
        FieldKind::Montant => parse_amount(expected).is_some(),
        FieldKind::Date => parse_date(expected).is_some(),
        FieldKind::Texte | FieldKind::MotDePasse => !expected.trim().is_empty(),
        FieldKind::Fichier => false,
    };
    if !fine {
        err(
            problems,
            format!(
                "la valeur attendue « {expected} » du champ « {} » n'est pas possible pour \
                 ce genre de champ",
                field.nom
            ),
        );
    }
}

impl Form {
    /// Does the pretend site open on a sign-in page?
    pub fn signs_in(&self) -> bool {
        self.identifiant.is_some()
    }
}

impl FieldMistake {
    /// What a real site would say, then what it means in simple words (worded by the text
    /// module).
    pub fn messages(self, field: &Field) -> (String, String) {
        words::field_messages(self, field.kind, field.aide.as_deref())
    }
}

/// Checks one field's value; `file` is the kind of the uploaded file for a `fichier` field.
pub fn check_field_value(
    field: &Field,
    value: &str,
    file: Option<FileKind>,
) -> Option<FieldMistake> {
    let value = value.trim();
    if field.kind == FieldKind::Fichier {
        return match file {
            None if field.obligatoire => Some(FieldMistake::Missing),
            Some(FileKind::Fichier) => Some(FieldMistake::WrongFile),
            _ => None,
        };
    }
    if value.is_empty() {
        return field.obligatoire.then_some(FieldMistake::Missing);
    }
    let same = match field.kind {
        FieldKind::Montant => match parse_amount(value) {
            None => return Some(FieldMistake::Format),
            Some(cents) => field
                .attendu
                .as_deref()
                .is_none_or(|e| parse_amount(e) == Some(cents)),
        },
        FieldKind::Date => match parse_date(value) {
            None => return Some(FieldMistake::Format),
            Some(d) => field
                .attendu
                .as_deref()
                .is_none_or(|e| parse_date(e) == Some(d)),
        },
        FieldKind::Choix => {
            if !field.choix.iter().any(|c| c == value) {
                return Some(FieldMistake::Format);
            }
            field.attendu.as_deref().is_none_or(|e| e == value)
        }
        // A password is exact: capitals count, as on a real site.
        FieldKind::MotDePasse => field.attendu.as_deref().is_none_or(|e| e.trim() == value),
        _ => field
            .attendu
            .as_deref()
            .is_none_or(|e| normalise(e) == normalise(value)),
    };
    (!same).then_some(FieldMistake::Unexpected)
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `25`, `25,50`, `25.5`, `1 200,00` → cents.
pub fn parse_amount(s: &str) -> Option<u64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (euros, cents) = match s.split_once([',', '.']) {
        Some((e, c)) => (e, c),
        None => (s.as_str(), "0"),
    };
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    if !digits(euros) || !digits(cents) || cents.len() > 2 || euros.len() > 9 {
        return None;
    }
    let cents = if cents.len() == 1 {
        cents.parse::<u64>().ok()? * 10
    } else {
        cents.parse::<u64>().ok()?
    };
    Some(euros.parse::<u64>().ok()? * 100 + cents)
}

/// `JJ/MM/AAAA` → (year, month, day), a real date.
pub fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let parts: Vec<&str> = s.trim().split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (u8, u8, u16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    if y < 1900 || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d > days {
        return None;
    }
    Some((y, m, d))
}
