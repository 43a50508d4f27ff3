//! Help sessions: the session form, what was saved, the hand-off sheets.

use serde::{Deserialize, Serialize};

use super::forms::FieldError;
use super::learning::AssignedLesson;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitView {
    pub id: i32,
    /// "24 novembre 2026"
    pub date: String,
    /// "À domicile", "Atelier collectif", "Permanence"
    pub kind: String,
    pub place: String,
    pub minutes: i32,
    pub topics: String,
    pub note: Option<String>,
    pub by: Option<String>,
    /// Other learners of a group workshop.
    pub others: usize,
}

/// The kinds of help session, stored as `domicile`, `atelier`, `permanence`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitKind {
    Home,
    Workshop,
    DropIn,
}

impl VisitKind {
    pub const ALL: [VisitKind; 3] = [VisitKind::Home, VisitKind::Workshop, VisitKind::DropIn];

    /// As stored and as sent by the form.
    pub fn code(self) -> &'static str {
        match self {
            VisitKind::Home => "domicile",
            VisitKind::Workshop => "atelier",
            VisitKind::DropIn => "permanence",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What a volunteer typed in the session form, kept as typed when something is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDraft {
    pub learners: Vec<i32>,
    pub date: String,
    pub kind: String,
    pub place: String,
    pub minutes: String,
    pub topics: String,
    pub note: String,
    /// `module/lesson`
    pub lessons: Vec<String>,
    pub search: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitLearner {
    pub id: i32,
    pub first_name: String,
    /// The learner refused written notes.
    pub no_notes: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonChoice {
    /// `module/lesson`
    pub key: String,
    pub module_title: String,
    pub lesson_title: String,
}

/// The session form ("Noter une séance"), for one learner or a group workshop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitForm {
    /// One learner, or `None` for a group workshop (pick among `candidates`).
    pub learner: Option<VisitLearner>,
    pub candidates: Vec<VisitLearner>,
    pub draft: VisitDraft,
    pub errors: Vec<FieldError>,
    /// Lessons matching the search (all of them without a search).
    pub lessons: Vec<LessonChoice>,
    pub today: String,
    /// A one-time token: the same form sent twice saves one session.
    pub once: String,
}

/// The printable sheet a volunteer leaves after a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOff {
    pub visit_id: i32,
    pub learner_id: i32,
    pub first_name: String,
    pub code: String,
    pub date: String,
    pub kind: String,
    pub topics: String,
    pub to_practise: Vec<AssignedLesson>,
    pub volunteer: Option<String>,
    pub structure: String,
    pub phone: Option<String>,
    pub site: String,
}

/// After a session is saved: its hand-off sheets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSaved {
    pub visit_id: i32,
    pub date: String,
    pub learners: Vec<VisitLearner>,
}
