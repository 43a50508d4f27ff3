//! `exercice courriel`: the block's schema, its authoring checks and the learner's
//! mistakes in a pretend message.

use serde::Deserialize;

use super::common::{ExerciseProblem, err, yes};
use crate::model::{FileKind, MailMistake};
use crate::text::exercises as words;

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

/// The authoring checks of a mailbox block.
pub(super) fn check(m: &Mailbox, problems: &mut Vec<ExerciseProblem>) {
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
