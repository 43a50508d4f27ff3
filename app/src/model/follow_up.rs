//! Volunteers' follow-up: the dashboard, a learner's detail, help requests, login cards.

use serde::{Deserialize, Serialize};

use super::exercise::{Gesture, Practised};
use super::frame::{Ago, Me};
use super::learning::{AssignedLesson, ConfidenceRow, StepPlace};
use super::visits::VisitView;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpRequestView {
    pub id: i32,
    pub learner_id: i32,
    pub learner_name: String,
    /// "Envoyer une pièce jointe — étape 3"
    pub place: StepPlace,
    pub href: String,
    pub message: Option<String>,
    /// "il y a 2 heures"
    pub when: Ago,
    pub handled: bool,
    pub reply: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub question: String,
    /// The answers picked, in words.
    pub chosen: String,
    pub correct: bool,
    pub when: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDetail {
    pub number: usize,
    pub title: String,
    pub done: bool,
    pub seen: bool,
    /// Time spent, rounded up to the minute.
    pub minutes: Option<i64>,
    pub answers: Vec<AnswerRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonDetail {
    pub module_title: String,
    pub lesson_title: String,
    pub done: usize,
    pub total: usize,
    pub steps: Vec<StepDetail>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerDetail {
    pub id: i32,
    pub first_name: String,
    pub code: String,
    pub created: String,
    /// How long ago the learner last did something (`None`: never).
    pub last_active: Option<Ago>,
    /// May the volunteer keep written notes? `None`: the learner has not said yet.
    pub notes_consent: Option<bool>,
    pub referent: Option<String>,
    pub help_requests: Vec<HelpRequestView>,
    pub assigned: Vec<AssignedLesson>,
    pub modules_done: Vec<String>,
    pub confidence: Vec<ConfidenceRow>,
    /// The CRCN (Pix) competences of the modules where the learner finished a lesson.
    pub competences: Vec<crate::competence::Competence>,
    pub lessons: Vec<LessonDetail>,
    pub visits: Vec<VisitView>,
    /// The reader coordinates the structure: they may move the learner to another one.
    #[serde(default)]
    pub can_move: bool,
}

/// A learner in the list of a structure's learners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerListItem {
    pub id: i32,
    pub first_name: String,
    pub code: String,
    pub referent: Option<String>,
    /// How long ago the learner last did something (`None`: never).
    pub last_active: Option<Ago>,
}

/// A login card, printed by a volunteer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginCard {
    pub learner_id: i32,
    pub first_name: String,
    pub code: String,
    pub site: String,
    /// An SVG image of the QR code that signs the learner in.
    pub qr_svg: String,
}

/// What the page a login card's QR code opens (`/carte`) shows before anyone is signed in:
/// whose card it is, so that a card (or a link) of someone else is not used by mistake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardCheck {
    /// No card in this browser: the link is too old, or cookies are refused.
    NoCard,
    /// Too many wrong codes from here: wait this many minutes.
    Wait(u64),
    Unknown,
    /// An old code, replaced after a lost card.
    Replaced,
    /// The card of `first_name`. `ends`: who is signed in on this browser now (another
    /// learner, or a member of staff), whose session entering would end.
    Card {
        first_name: String,
        ends: Option<Me>,
    },
}

/// Why a learner seems stuck (words: `text::staff::stuck_reason`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StuckReason {
    /// A mouse or keyboard gesture missed `misses` times in a row.
    Gesture { gesture: Gesture, misses: usize },
    /// An exercise got wrong `misses` times in a row.
    Exercise { what: Practised, misses: usize },
    /// A question answered wrong `misses` times in a row.
    Question { prompt: String, misses: usize },
    /// Nothing done for `seconds` on an advised lesson.
    Idle { seconds: i64, lesson_title: String },
}
