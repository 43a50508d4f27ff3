//! What the first-visit diagnostic page shows (`/benevole/apprenants/{id}/diagnostic`):
//! the questionnaire, the diagnostics already taken, the path proposed or saved, and two
//! diagnostics side by side ("avant / après").

use serde::{Deserialize, Serialize};

use super::ConfidenceLevel;

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// One answer (radio buttons).
    One,
    /// Several answers (checkboxes).
    Several,
    /// The modules' confidence scale (its words: `text::CONFIDENCE_LEVELS`, values 0, 1, 2).
    Confidence,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticQuestion {
    pub id: String,
    pub question: String,
    pub hint: Option<String>,
    pub kind: QuestionKind,
    /// The label of its free-text field, if it has one.
    pub other: Option<String>,
    /// `(id, label)` of each answer (none for the confidence scale).
    pub options: Vec<(String, String)>,
}

/// One answer given, as the page says it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GivenAnswer {
    /// An option's label.
    Option(String),
    Confidence(ConfidenceLevel),
    /// What was typed in the free-text field.
    Typed(String),
    /// An answer whose option is no longer in the questionnaire (its id).
    Gone(String),
}

/// The answers to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub question: String,
    pub answers: Vec<GivenAnswer>,
}

/// A lesson of a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathLesson {
    /// `module/lesson`.
    pub key: String,
    pub module_title: String,
    pub lesson_title: String,
    /// Why the diagnostic proposed it; `None`: added by the volunteer.
    pub because: Option<String>,
}

/// A diagnostic in the list of those taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenDiagnostic {
    pub id: i32,
    pub taken_at: i64,
    /// The volunteer's first name.
    pub by: Option<String>,
    pub path_saved: bool,
}

/// The diagnostic shown: its answers and its path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownDiagnostic {
    pub taken: TakenDiagnostic,
    pub answers: Vec<AnswerRow>,
    /// The saved path, or the proposed one when none was saved.
    pub path: Vec<PathLesson>,
    /// When the path was saved (`None`: it is a proposal).
    pub path_saved_at: Option<i64>,
}

/// A question's answers in two diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedRow {
    pub question: String,
    pub before: Vec<GivenAnswer>,
    pub after: Vec<GivenAnswer>,
    pub changed: bool,
}

/// Two diagnostics side by side, the older first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub before: TakenDiagnostic,
    pub after: TakenDiagnostic,
    pub rows: Vec<ComparedRow>,
}

/// A lesson the volunteer may add to a path: `module/lesson` and "Module — Leçon".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonOption {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticPage {
    pub learner_id: i32,
    pub first_name: String,
    pub intro: Option<String>,
    /// Empty when `content/diagnostic.toml` is missing or wrong.
    pub questions: Vec<DiagnosticQuestion>,
    /// Newest first.
    pub taken: Vec<TakenDiagnostic>,
    pub shown: Option<ShownDiagnostic>,
    pub comparison: Option<Comparison>,
    pub lessons: Vec<LessonOption>,
    /// The one-time token of the page's forms.
    pub once: String,
}

/// What a diagnostic's form did or why it did nothing (said by the page, `?fait=…` or
/// `?erreur=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiagnosticOutcome {
    Recorded,
    PathSaved,
    /// Nothing was ticked nor typed.
    Empty,
    /// A free text is longer than allowed.
    TooLong,
    /// The path is empty.
    NoLesson,
}

impl DiagnosticOutcome {
    pub const ALL: [Self; 5] = [
        Self::Recorded,
        Self::PathSaved,
        Self::Empty,
        Self::TooLong,
        Self::NoLesson,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Recorded => "enregistre",
            Self::PathSaved => "parcours",
            Self::Empty => "vide",
            Self::TooLong => "long",
            Self::NoLesson => "sans-lecon",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn is_error(self) -> bool {
        !matches!(self, Self::Recorded | Self::PathSaved)
    }
}
