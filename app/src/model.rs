//! What server functions send to pages: plain serialisable views, no database types.

use serde::{Deserialize, Serialize};

/// Who is signed in, as the header shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Me {
    Nobody,
    Learner { first_name: String },
    Staff { display_name: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub minutes: u32,
    pub lesson_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LessonStatus {
    NotStarted,
    InProgress { done: usize },
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonItem {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub minutes: Option<u32>,
    pub step_count: usize,
    /// `None` when nobody is signed in.
    pub status: Option<LessonStatus>,
    /// Where "Commencer" / "Reprendre" / "Revoir" leads.
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModulePage {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub minutes: u32,
    /// Sanitised HTML.
    pub intro_html: String,
    pub objectives: Vec<String>,
    /// "novembre 2026", when facts about real services were last checked.
    pub verified: Option<String>,
    pub lessons: Vec<LessonItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPage {
    pub module_slug: String,
    pub module_title: String,
    pub lesson_slug: String,
    pub lesson_title: String,
    pub step_slug: String,
    pub step_title: String,
    /// The step's content: sanitised HTML (the first holds the `h2`) and check questions.
    pub blocks: Vec<StepBlock>,
    /// 1-based.
    pub number: usize,
    pub count: usize,
    pub previous_href: Option<String>,
    pub signed_in: bool,
    /// Has this learner already finished this step?
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkItem {
    pub href: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEnd {
    pub module_slug: String,
    pub module_title: String,
    pub lesson_title: String,
    pub learned: Vec<String>,
    pub next: Option<LinkItem>,
    pub signed_in: bool,
}

/// A lesson to go on with, on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeItem {
    pub href: String,
    pub module_title: String,
    pub lesson_title: String,
    /// 1-based number of the step to resume at.
    pub step_number: usize,
    pub step_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub first_name: Option<String>,
    pub resume: Option<ResumeItem>,
    pub next: Vec<ResumeItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgressRow {
    pub module_title: String,
    pub lesson_title: String,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardLearner {
    pub id: i32,
    pub first_name: String,
    /// Formatted `ABCD-EFGH`.
    pub code: String,
    /// "il y a 3 jours", or `None` if never active.
    pub last_active: Option<String>,
    pub lessons: Vec<LessonProgressRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub volunteer_name: String,
    pub learners: Vec<DashboardLearner>,
}

/// A piece of a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepBlock {
    /// Sanitised HTML.
    Html(String),
    Question(QuestionView),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub prompt: String,
    /// Checkboxes (several right answers) rather than radio buttons.
    pub multiple: bool,
    pub answers: Vec<AnswerChoice>,
    /// What the learner just answered, explained.
    pub feedback: Option<Feedback>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerChoice {
    /// `a`, `b`, `c`…
    pub key: String,
    pub text: String,
    /// Picked in the answer being explained.
    pub chosen: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feedback {
    /// "Valider" was pressed with nothing picked.
    NothingChosen,
    Answered {
        right: bool,
        /// One line per answer picked, with its explanation.
        lines: Vec<FeedbackLine>,
        /// Some right answers were not picked (multiple choice).
        missing: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackLine {
    pub answer: String,
    pub right: bool,
    pub explanation: Option<String>,
}
