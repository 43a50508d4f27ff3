//! Practice exercises as a step shows them, and their vocabulary, shared by the content
//! checker, the practice service and the text module (which words it).

use serde::{Deserialize, Serialize};

/// A practice exercise as the step shows it: the screen the learner is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseView {
    pub id: String,
    pub screen: ExerciseScreen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExerciseScreen {
    Mailbox(MailboxView),
    Form(FormView),
    Fake(FakeView),
    Mouse(MouseView),
}

/// The pretend mailbox: the inbox, one message open, the compose screen or "sent".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxView {
    pub instructions: String,
    /// A message to send is expected ("Écrire" is shown).
    pub can_write: bool,
    pub inbox: Vec<MailSummary>,
    pub screen: MailScreen,
    /// What every link between the mailbox's screens carries (`lus=…` the messages read,
    /// `etat=…` the key of what the server kept), empty if nothing: `a=1&b=2`.
    pub carry: String,
    /// The same, as the compose form's hidden fields.
    pub carried: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    /// 1-based, as in URLs.
    pub number: usize,
    pub from: String,
    pub subject: String,
    pub has_attachment: bool,
    /// Not opened yet (shown in bold, as webmails do).
    pub unread: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailScreen {
    Inbox,
    Message(OpenMessage),
    Compose(ComposeView),
    Sent {
        to: String,
        subject: String,
        attachment: Option<String>,
    },
    /// The "Messages envoyés" folder: the message sent, if any (to, subject, attachment).
    SentFolder(Option<(String, String, Option<String>)>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenMessage {
    pub number: usize,
    pub from: String,
    pub address: String,
    pub subject: String,
    pub text: String,
    /// The attached document's name, and its text once opened.
    pub attachment: Option<(String, Option<String>)>,
    /// "Vrai ou arnaque ?" about this message, if the trainer asks it.
    pub fake: Option<FakeAnswer>,
}

/// "Vrai ou arnaque ?": asked, or answered with the clues.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FakeAnswer {
    Asked,
    Answered {
        right: bool,
        scam: bool,
        clues: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeView {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// What to fix after "Envoyer" (the page says it kindly, with `expected_to` and
    /// `attachment`).
    pub hints: Vec<MailMistake>,
    /// The address the goal asks to write to.
    pub expected_to: String,
    /// The kind of file the goal asks to attach.
    pub attachment: Option<FileKind>,
    /// A file was chosen on the attempt that failed but could not be kept (too heavy): it
    /// must be chosen again.
    pub attach_again: bool,
    /// The file attached on an earlier attempt, kept by the server (by name and kind only):
    /// sent with the message unless another one is chosen.
    pub attached: Option<String>,
    /// The file input's `accept` attribute (the kinds the goal asks for); empty: any file.
    pub accept: String,
}

/// The pretend public-service site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub service: String,
    /// The pretend address shown in the pretend browser's address bar.
    pub address: String,
    /// The site has a "Se connecter avec …"-style pretend identity button.
    pub identity_button: bool,
    /// The form creates an account: its summary and last button are worded as on real
    /// sign-up forms ("Créer mon compte"), not as a request.
    pub creates_account: bool,
    pub instructions: String,
    pub screen: FormScreen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormScreen {
    SignIn {
        identifier: String,
        error: bool,
        /// A later screen was asked for without signing in first (or after too long).
        sign_in_first: bool,
    },
    Step {
        /// 1-based.
        number: usize,
        count: usize,
        title: String,
        text: Option<String>,
        fields: Vec<FormFieldView>,
        /// Values of the previous screens, carried in hidden fields.
        carried: Vec<(String, String)>,
    },
    Confirm {
        rows: Vec<(String, String)>,
        carried: Vec<(String, String)>,
    },
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFieldView {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub choices: Vec<String>,
    pub value: String,
    pub required: bool,
    /// The mistake on the last try (the page says what a real site says, then what it
    /// means in simple words).
    pub error: Option<FieldMistake>,
    /// The trainer's explanation of a wrong value, if any.
    pub help: Option<String>,
}

/// "Vrai ou arnaque ?" on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FakeView {
    pub question: String,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
    pub address: Option<String>,
    pub answer: FakeAnswer,
}

/// Mouse and keyboard practice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MouseView {
    /// Issued by the server for this page: a gesture is only counted with it.
    pub token: String,
    pub gestures: Vec<GestureView>,
    pub word: String,
    /// After a try: what happened (the page says it kindly).
    pub message: Option<GestureOutcome>,
}

/// What happened to a gesture the learner tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GestureOutcome {
    /// The page was too old: the try was not counted.
    Stale,
    /// The gesture needs JavaScript, which is off.
    NeedsJavaScript,
    Tried {
        gesture: Gesture,
        ok: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GestureView {
    /// `clic`, `double-clic`, `glisser`, `defiler`, `taper`.
    pub code: String,
    pub done: bool,
}

/// The kind of file a pretend message or form asks for (front matter `piece_jointe`).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Image,
    Document,
    Fichier,
}

/// The kind of a pretend form's field (front matter `type`).
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    #[default]
    Texte,
    Montant,
    Date,
    Choix,
    Fichier,
    /// A password: a real password field (dots), never shown back nor in the summary.
    #[serde(rename = "mot-de-passe")]
    MotDePasse,
}

/// A mouse or keyboard gesture practised in `exercice souris`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Gesture {
    Clic,
    DoubleClic,
    Glisser,
    Defiler,
    Taper,
}

impl Gesture {
    pub const ALL: [Gesture; 5] = [
        Gesture::Clic,
        Gesture::DoubleClic,
        Gesture::Glisser,
        Gesture::Defiler,
        Gesture::Taper,
    ];

    /// As in forms, URLs and recorded attempts.
    pub fn code(self) -> &'static str {
        match self {
            Gesture::Clic => "clic",
            Gesture::DoubleClic => "double-clic",
            Gesture::Glisser => "glisser",
            Gesture::Defiler => "defiler",
            Gesture::Taper => "taper",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// What is wrong with a pretend message, in the order the learner should fix it.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum MailMistake {
    NoRecipient,
    NoAt,
    BadAddress,
    WrongRecipient,
    NoSubject,
    NoText,
    NoAttachment,
    WrongAttachment,
    /// The attached file is over the size limit.
    TooBig,
}

impl MailMistake {
    /// As recorded and carried in the URL.
    pub fn code(self) -> &'static str {
        match self {
            MailMistake::NoRecipient => "sans-destinataire",
            MailMistake::NoAt => "sans-arobase",
            MailMistake::BadAddress => "adresse-mal-ecrite",
            MailMistake::WrongRecipient => "mauvais-destinataire",
            MailMistake::NoSubject => "sans-objet",
            MailMistake::NoText => "sans-texte",
            MailMistake::NoAttachment => "sans-piece-jointe",
            MailMistake::WrongAttachment => "mauvaise-piece-jointe",
            MailMistake::TooBig => "fichier-trop-lourd",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        use MailMistake::*;
        [
            NoRecipient,
            NoAt,
            BadAddress,
            WrongRecipient,
            NoSubject,
            NoText,
            NoAttachment,
            WrongAttachment,
            TooBig,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// The largest file a learner may attach in an exercise, in megabytes (MiB).
pub const MAX_UPLOAD_MB: usize = 20;

/// A mistake on a field of a pretend form.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum FieldMistake {
    Missing,
    Format,
    Unexpected,
    WrongFile,
    /// The file is over the size limit.
    TooBig,
}

impl FieldMistake {
    pub fn code(self) -> &'static str {
        match self {
            FieldMistake::Missing => "vide",
            FieldMistake::Format => "format",
            FieldMistake::Unexpected => "valeur",
            FieldMistake::WrongFile => "fichier",
            FieldMistake::TooBig => "trop-lourd",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            FieldMistake::Missing,
            FieldMistake::Format,
            FieldMistake::Unexpected,
            FieldMistake::WrongFile,
            FieldMistake::TooBig,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// What a recorded exercise attempt was about (words: `text::exercises::practised`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Practised {
    /// "Real or scam?" on one message of a pretend mailbox, with its subject.
    MailboxMessage {
        subject: Option<String>,
    },
    /// Writing a message in a pretend mailbox.
    Mailbox {
        instructions: String,
    },
    Form {
        service: String,
        instructions: String,
    },
    /// "Real or scam?" on a message (its subject) or a page (its address).
    Fake {
        what: Option<String>,
    },
    Mouse {
        gesture: Option<Gesture>,
    },
}

/// What happened in a recorded exercise attempt (words: `text::exercises::attempt`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttemptOutcome {
    SaidReal,
    SaidScam,
    MailSent,
    /// The mistakes of a pretend message (`None`: a code this version does not know).
    MailMistakes(Vec<Option<MailMistake>>),
    FormSent,
    FormSignInWrong,
    FormField {
        label: String,
        mistake: Option<FieldMistake>,
    },
    GestureDone,
    GestureNotTried,
    GestureMissed,
    /// As recorded, when nothing better is known.
    Other(String),
}
