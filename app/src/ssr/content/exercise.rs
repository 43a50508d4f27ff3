//! Practice exercises, written by trainers in a fenced block whose first word is
//! `exercice`, then the kind, then an optional `{#identifiant}`; the body is TOML:
//!
//! ````text
//! ```exercice courriel {#envoyer-une-photo}
//! consigne = "Envoyez une photo à Marie. Écrivez un objet."
//! [but]
//! a = "marie.dupont@exemple.fr"
//! piece_jointe = "image"
//! ```
//! ````
//!
//! Kinds: `courriel` (a pretend mailbox), `formulaire` (a pretend public-service site),
//! `arnaque` (vrai ou arnaque ?), `souris` (mouse and keyboard gestures). The goal of each
//! exercise is checked on the server by the functions of this module.

use serde::Deserialize;

pub use crate::model::{FieldKind, FieldMistake, FileKind, Gesture, MAX_UPLOAD_MB, MailMistake};
use crate::text::exercises as words;

use super::problem::Severity;
use super::slug;

/// A problem at a 0-based line of the block's body (or of the fence line if `None`).
pub type ExerciseProblem = (Option<usize>, Severity, String);

/// A practice exercise of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// Stable within the lesson: attempts are recorded under it.
    pub id: String,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Mailbox(Mailbox),
    Form(Form),
    Fake(Fake),
    Mouse(Mouse),
}

/// `exercice courriel`: an inbox and a compose screen; nothing is ever sent.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Mailbox {
    /// What the learner must do, in one or two short sentences. Required.
    pub consigne: String,
    /// The messages of the inbox, newest first. Default: none.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// The message the learner must send. Default: none (the inbox only).
    #[serde(default)]
    pub but: Option<MailGoal>,
}

/// A message of the pretend inbox.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The sender's name, e.g. `"Marie Dupont"`. Required.
    pub de: String,
    /// The sender's address, e.g. `"marie.dupont@exemple.fr"`. Required.
    pub adresse: String,
    /// The subject. Required.
    pub objet: String,
    /// The text of the message. Required.
    pub texte: String,
    /// A document attached to the message, that the learner can open. Default: none.
    #[serde(default)]
    pub piece_jointe: Option<Attachment>,
    /// Set it to ask "vrai ou arnaque ?" about this message: `true` if it is a scam.
    /// Default: not asked.
    #[serde(default)]
    pub arnaque: Option<bool>,
    /// The clues, explained once the learner has answered. Required with `arnaque`.
    #[serde(default)]
    pub indices: Vec<String>,
}

/// A pretend attached document.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name, e.g. `"invitation.pdf"`. Required.
    pub nom: String,
    /// What the document says, shown when it is opened. Required.
    pub contenu: String,
}

/// What the message sent by the learner must be.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MailGoal {
    /// The address to write in « À ». Required.
    pub a: String,
    /// Must the message have a subject? Default: `true`.
    #[serde(default = "yes")]
    pub objet: bool,
    /// Must the message have a text? Default: `false`.
    #[serde(default)]
    pub message: bool,
    /// The kind of file to attach: `"image"` (a photo), `"document"` (PDF, text, office
    /// document) or `"fichier"` (any). Default: no file expected.
    #[serde(default)]
    pub piece_jointe: Option<FileKind>,
}

fn yes() -> bool {
    true
}

/// `exercice formulaire`: a pretend public-service site: a sign-in page, then a form in
/// several screens, then a summary to confirm.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// A made-up name for the service, e.g. `"Mon compte santé"`. Required.
    pub service: String,
    /// What the learner must do. Required.
    pub consigne: String,
    /// The identifier to type on the sign-in page (given in the instructions). Required.
    pub identifiant: String,
    /// The password to type on the sign-in page. Required.
    pub mot_de_passe: String,
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
    /// `"texte"`, `"montant"` (euros), `"date"` (JJ/MM/AAAA), `"choix"` (a list) or
    /// `"fichier"` (a document to attach). Default: `"texte"`.
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

/// `exercice arnaque`: a message or a page address; the learner says "vrai" or "arnaque".
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fake {
    /// The question. Default: `"Vrai message, ou arnaque ?"`.
    #[serde(default)]
    pub consigne: Option<String>,
    /// The sender, e.g. `"La Poste <info@colis-laposte.top>"`. Default: none.
    #[serde(default)]
    pub de: Option<String>,
    /// The subject of the message. Default: none.
    #[serde(default)]
    pub objet: Option<String>,
    /// The text of the message. Required unless `adresse` is given.
    #[serde(default)]
    pub texte: Option<String>,
    /// A page address to judge, e.g. `"https://ameli-remboursement.info"`. Default: none.
    #[serde(default)]
    pub adresse: Option<String>,
    /// Is it a scam? Required.
    pub arnaque: bool,
    /// The clues, explained after the answer. At least one.
    pub indices: Vec<String>,
}

/// `exercice souris`: gestures to practise; each success or failure is recorded.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Mouse {
    /// Among `"clic"`, `"double-clic"`, `"glisser"`, `"defiler"`, `"taper"`, in order.
    /// At least one.
    pub gestes: Vec<Gesture>,
    /// The word to type for `"taper"`. Default: `"bonjour"`.
    #[serde(default = "default_word")]
    pub mot: String,
}

fn default_word() -> String {
    "bonjour".into()
}

/// Is this fenced block's info string an exercise?
pub fn is_exercise_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("exercice")
}

const KINDS: &str = "courriel, formulaire, arnaque ou souris";

/// Parses an exercise block. `info` is the text after the opening fence.
pub fn parse(info: &str, body: &str) -> (Option<Exercise>, Vec<ExerciseProblem>) {
    let mut problems: Vec<ExerciseProblem> = Vec::new();
    let mut words = info.split_whitespace().skip(1);
    let Some(kind) = words.next() else {
        problems.push((
            None,
            Severity::Error,
            format!("écrivez le genre d'exercice après « exercice » : {KINDS}"),
        ));
        return (None, problems);
    };
    let mut id = kind.to_string();
    for word in words {
        match word.strip_prefix("{#").and_then(|w| w.strip_suffix('}')) {
            Some(given) if slug::is_valid(given) => id = given.to_string(),
            Some(given) => problems.push((
                None,
                Severity::Error,
                format!(
                    "identifiant d'exercice « {given} » invalide : lettres minuscules sans \
                     accent, chiffres et tirets"
                ),
            )),
            None => problems.push((
                None,
                Severity::Error,
                format!("mot inconnu « {word} » après « exercice {kind} »"),
            )),
        }
    }
    let kind = match kind {
        "courriel" => from_toml(body, &mut problems).map(Kind::Mailbox),
        "formulaire" => from_toml(body, &mut problems).map(Kind::Form),
        "arnaque" => from_toml(body, &mut problems).map(Kind::Fake),
        "souris" => from_toml(body, &mut problems).map(Kind::Mouse),
        other => {
            problems.push((
                None,
                Severity::Error,
                format!("genre d'exercice inconnu « {other} » : {KINDS}"),
            ));
            None
        }
    };
    let Some(kind) = kind else {
        return (None, problems);
    };
    check(&kind, &mut problems);
    let ok = !problems.iter().any(|(_, s, _)| *s == Severity::Error);
    (ok.then_some(Exercise { id, kind }), problems)
}

fn from_toml<T: serde::de::DeserializeOwned>(
    body: &str,
    problems: &mut Vec<ExerciseProblem>,
) -> Option<T> {
    match toml::from_str(body) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e
                .span()
                .map(|s| body[..s.start.min(body.len())].lines().count());
            // `lines().count()` of the text before the error is the 0-based line, except at
            // the very start of a line.
            let line = line.map(|l| {
                let start = e.span().map_or(0, |s| s.start.min(body.len()));
                if start == 0 || body[..start].ends_with('\n') {
                    l
                } else {
                    l.saturating_sub(1)
                }
            });
            problems.push((
                line,
                Severity::Error,
                format!("exercice mal écrit : {}", e.message()),
            ));
            None
        }
    }
}

fn err(problems: &mut Vec<ExerciseProblem>, message: String) {
    problems.push((None, Severity::Error, message));
}

fn check(kind: &Kind, problems: &mut Vec<ExerciseProblem>) {
    match kind {
        Kind::Mailbox(m) => {
            if m.messages.is_empty() && m.but.is_none() {
                err(
                    problems,
                    "la boîte aux lettres est vide : ajoutez des [[messages]] ou un [but]".into(),
                );
            }
            if let Some(goal) = &m.but
                && !looks_like_address(&goal.a)
            {
                err(
                    problems,
                    format!(
                        "l'adresse du but « {} » n'est pas une adresse e-mail",
                        goal.a
                    ),
                );
            }
            for msg in &m.messages {
                if msg.arnaque.is_some() && msg.indices.is_empty() {
                    err(
                        problems,
                        format!(
                            "le message « {} » demande « vrai ou arnaque ? » sans indices : \
                             ajoutez indices = [\"…\"]",
                            msg.objet
                        ),
                    );
                }
            }
        }
        Kind::Form(f) => {
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
        Kind::Fake(f) => {
            if f.texte.is_none() && f.adresse.is_none() {
                err(
                    problems,
                    "montrez un message (texte = \"…\") ou une adresse (adresse = \"…\")".into(),
                );
            }
            if f.indices.is_empty() {
                err(
                    problems,
                    "ajoutez au moins un indice : indices = [\"…\"]".into(),
                );
            }
        }
        Kind::Mouse(m) => {
            if m.gestes.is_empty() {
                err(
                    problems,
                    "ajoutez au moins un geste : gestes = [\"clic\"]".into(),
                );
            }
            if m.mot.trim().is_empty() {
                err(problems, "le mot à taper est vide".into());
            }
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
        FieldKind::Texte => !expected.trim().is_empty(),
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

/// `name@domain.tld`, loosely: what a learner can type by mistake is checked by
/// [`check_mail`], one mistake at a time.
pub fn looks_like_address(a: &str) -> bool {
    let a = a.trim();
    match a.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !a.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// What a learner's pretend message holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The attached file: its name and kind, if any (the bytes are never kept).
    pub attachment: Option<(String, FileKind)>,
}

impl MailMistake {
    /// A precise, kind hint (worded by the text module).
    pub fn hint(self, goal: &MailGoal) -> String {
        words::mail_hint(self, &goal.a, goal.piece_jointe)
    }
}

/// Checks a pretend message against the goal; every mistake, in the order to fix them.
pub fn check_mail(goal: &MailGoal, draft: &Draft) -> Vec<MailMistake> {
    let mut mistakes = Vec::new();
    let to = draft.to.trim();
    if to.is_empty() {
        mistakes.push(MailMistake::NoRecipient);
    } else if !to.contains('@') {
        mistakes.push(MailMistake::NoAt);
    } else if !looks_like_address(to) {
        mistakes.push(MailMistake::BadAddress);
    } else if !to.eq_ignore_ascii_case(goal.a.trim()) {
        mistakes.push(MailMistake::WrongRecipient);
    }
    if goal.objet && draft.subject.trim().is_empty() {
        mistakes.push(MailMistake::NoSubject);
    }
    if goal.message && draft.text.trim().is_empty() {
        mistakes.push(MailMistake::NoText);
    }
    match (goal.piece_jointe, &draft.attachment) {
        (Some(_), None) => mistakes.push(MailMistake::NoAttachment),
        (Some(FileKind::Image), Some((_, k))) if *k != FileKind::Image => {
            mistakes.push(MailMistake::WrongAttachment)
        }
        (Some(FileKind::Document), Some((_, k))) if *k != FileKind::Document => {
            mistakes.push(MailMistake::WrongAttachment)
        }
        _ => {}
    }
    mistakes
}

/// The kind of an uploaded file, from its first bytes (never from its name alone);
/// `None` if it is not a kind accepted in exercises.
pub fn sniff(name: &str, bytes: &[u8]) -> Option<FileKind> {
    let image = bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || (bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP");
    if image {
        return Some(FileKind::Image);
    }
    let lower = name.to_lowercase();
    let document = bytes.starts_with(b"%PDF")
        // Office documents are zip files; plain text has no NUL byte.
        || (bytes.starts_with(b"PK\x03\x04")
            && [".docx", ".odt", ".xlsx", ".ods"].iter().any(|e| lower.ends_with(e)))
        || ([".txt", ".csv"].iter().any(|e| lower.ends_with(e)) && !bytes.contains(&0));
    document.then_some(FileKind::Document)
}

/// The `accept` attribute of a file input: the kinds [`sniff`] recognises, so that the file
/// dialog shows them first (it is only a hint: every file is checked on the server).
/// `None`: any file.
pub fn accept(kind: Option<FileKind>) -> &'static str {
    const IMAGES: &str = "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp";
    const DOCUMENTS: &str = "application/pdf,.pdf,.docx,.odt,.xlsx,.ods,.txt,.csv";
    match kind {
        Some(FileKind::Image) => IMAGES,
        Some(FileKind::Document) => DOCUMENTS,
        Some(FileKind::Fichier) | None => "",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(body: &str) -> Mailbox {
        match parse("exercice courriel {#envoi}", body).0.unwrap().kind {
            Kind::Mailbox(m) => m,
            other => panic!("{other:?}"),
        }
    }

    const MAIL: &str = "consigne = \"Envoyez une photo à Marie.\"\n[but]\na = \"marie.dupont@exemple.fr\"\npiece_jointe = \"image\"\n";

    #[test]
    fn a_mailbox_block_is_parsed_with_its_defaults() {
        let m = mailbox(MAIL);
        let goal = m.but.unwrap();
        assert!(goal.objet && !goal.message);
        assert_eq!(goal.piece_jointe, Some(FileKind::Image));
        let (e, _) = parse("exercice courriel", MAIL);
        assert_eq!(e.unwrap().id, "courriel");
    }

    #[test]
    fn unknown_keys_kinds_and_bad_toml_are_errors_with_their_line() {
        let (e, p) = parse(
            "exercice courriel",
            "consigne = \"x\"\ncouleur = \"rouge\"\n",
        );
        assert!(e.is_none());
        assert_eq!(p[0].0, Some(1), "{p:?}");
        assert!(p[0].2.contains("couleur"), "{p:?}");
        let (e, p) = parse("exercice jeu", "");
        assert!(e.is_none() && p[0].2.contains("genre d'exercice inconnu"));
        let (_, p) = parse("exercice", "");
        assert!(p[0].2.contains("écrivez le genre"));
        let (e, p) = parse("exercice arnaque", "arnaque = true\nindices = []\n");
        assert!(e.is_none());
        assert!(p.iter().any(|x| x.2.contains("montrez un message")));
        assert!(p.iter().any(|x| x.2.contains("au moins un indice")));
        let (e, p) = parse(
            "exercice courriel",
            "consigne = \"x\"\n[but]\na = \"marie.exemple.fr\"\n",
        );
        assert!(
            e.is_none() && p[0].2.contains("n'est pas une adresse"),
            "{p:?}"
        );
    }

    #[test]
    fn each_mail_mistake_is_found_in_order() {
        let goal = mailbox(MAIL).but.unwrap();
        let photo = Some(("chat.jpg".to_string(), FileKind::Image));
        let right = Draft {
            to: " Marie.Dupont@exemple.fr ".into(),
            subject: "Une photo".into(),
            text: String::new(),
            attachment: photo.clone(),
        };
        assert_eq!(check_mail(&goal, &right), []);
        let with = |f: &dyn Fn(&mut Draft)| {
            let mut d = right.clone();
            f(&mut d);
            check_mail(&goal, &d)
        };
        use MailMistake::*;
        assert_eq!(with(&|d| d.to.clear()), [NoRecipient]);
        assert_eq!(with(&|d| d.to = "marie.dupont.exemple.fr".into()), [NoAt]);
        assert_eq!(
            with(&|d| d.to = "marie dupont@exemple.fr".into()),
            [BadAddress]
        );
        assert_eq!(
            with(&|d| d.to = "marie.dupond@exemple.fr".into()),
            [WrongRecipient]
        );
        assert_eq!(with(&|d| d.subject = "  ".into()), [NoSubject]);
        assert_eq!(with(&|d| d.attachment = None), [NoAttachment]);
        assert_eq!(
            with(&|d| d.attachment = Some(("a.pdf".into(), FileKind::Document))),
            [WrongAttachment]
        );
        assert_eq!(
            with(&|d| {
                d.subject.clear();
                d.attachment = None;
            }),
            [NoSubject, NoAttachment]
        );
        assert!(NoAttachment.hint(&goal).contains("Joindre un fichier"));
        assert!(NoAttachment.hint(&goal).contains("une photo"));
        for m in [NoRecipient, NoAt, BadAddress, WrongRecipient] {
            assert!(m.hint(&goal).contains("marie.dupont@exemple.fr"));
            assert_eq!(MailMistake::from_code(m.code()), Some(m));
        }
    }

    #[test]
    fn files_are_recognised_by_their_content() {
        assert_eq!(
            sniff("x.png", b"\x89PNG\r\n\x1a\n...."),
            Some(FileKind::Image)
        );
        assert_eq!(
            sniff("photo.jpg", b"\xFF\xD8\xFF\xE0..."),
            Some(FileKind::Image)
        );
        assert_eq!(sniff("scan.pdf", b"%PDF-1.4"), Some(FileKind::Document));
        assert_eq!(sniff("note.txt", b"Bonjour"), Some(FileKind::Document));
        // A program renamed as a photo is refused.
        assert_eq!(sniff("photo.jpg", b"MZ\x90\x00"), None);
        assert_eq!(sniff("note.txt", b"a\0b"), None);
    }

    fn field(kind: &str, extra: &str) -> Field {
        toml::from_str(&format!(
            "nom = \"x\"\nlibelle = \"X\"\ntype = \"{kind}\"\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn form_fields_say_what_real_sites_say() {
        let amount = field(
            "montant",
            "attendu = \"120\"\naide = \"Regardez la facture.\"",
        );
        assert_eq!(check_field_value(&amount, "120,00", None), None);
        assert_eq!(check_field_value(&amount, "120.0", None), None);
        assert_eq!(
            check_field_value(&amount, "120 €", None),
            Some(FieldMistake::Format)
        );
        assert_eq!(
            check_field_value(&amount, "12", None),
            Some(FieldMistake::Unexpected)
        );
        assert_eq!(
            check_field_value(&amount, " ", None),
            Some(FieldMistake::Missing)
        );
        assert_eq!(
            FieldMistake::Unexpected.messages(&amount).1,
            "Regardez la facture."
        );
        let date = field("date", "attendu = \"05/03/2025\"");
        assert_eq!(check_field_value(&date, "5/3/2025", None), None);
        assert_eq!(
            check_field_value(&date, "31/02/2025", None),
            Some(FieldMistake::Format)
        );
        assert_eq!(
            check_field_value(&date, "2025-03-05", None),
            Some(FieldMistake::Format)
        );
        let choice = field("choix", "choix = [\"A\", \"B\"]\nattendu = \"B\"");
        assert_eq!(
            check_field_value(&choice, "A", None),
            Some(FieldMistake::Unexpected)
        );
        assert_eq!(
            check_field_value(&choice, "Z", None),
            Some(FieldMistake::Format)
        );
        let scan = field("fichier", "");
        assert_eq!(
            check_field_value(&scan, "", None),
            Some(FieldMistake::Missing)
        );
        assert_eq!(check_field_value(&scan, "", Some(FileKind::Document)), None);
        let text = field("texte", "attendu = \"Jeanne  Martin\"");
        assert_eq!(check_field_value(&text, "jeanne martin", None), None);
    }

    #[test]
    fn form_blocks_are_checked() {
        let body = "service = \"Mon compte santé\"\nconsigne = \"x\"\nidentifiant = \"a\"\nmot_de_passe = \"b\"\n[[etapes]]\ntitre = \"Motif\"\n[[etapes.champs]]\nnom = \"motif\"\nlibelle = \"Motif\"\ntype = \"choix\"\nchoix = [\"A\"]\nattendu = \"C\"\n";
        let (e, p) = parse("exercice formulaire", body);
        assert!(e.is_none());
        assert!(p[0].2.contains("« C »"), "{p:?}");
        let (e, p) = parse("exercice formulaire", &body.replace("\"C\"", "\"A\""));
        assert!(e.is_some(), "{p:?}");
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(parse_amount("1 200,5"), Some(120_050));
        assert_eq!(parse_amount("12,345"), None);
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_date("29/02/2024"), Some((2024, 2, 29)));
        assert_eq!(parse_date("29/02/2023"), None);
    }

    #[test]
    fn mouse_gestures() {
        let (e, _) = parse(
            "exercice souris {#gestes}",
            "gestes = [\"clic\", \"double-clic\", \"glisser\"]\n",
        );
        let Kind::Mouse(m) = e.unwrap().kind else {
            panic!()
        };
        assert_eq!(m.gestes[1], Gesture::DoubleClic);
        assert_eq!(m.mot, "bonjour");
        assert_eq!(Gesture::from_code("double-clic"), Some(Gesture::DoubleClic));
    }
}
