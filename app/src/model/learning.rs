//! The learner's pages: home, catalogue and module, the step player, confidence, booklet, data.

use serde::{Deserialize, Serialize};

use super::exercise::ExerciseView;

/// Who a module is for (front matter `level`; the text module words it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Never used a computer, or hardly.
    #[default]
    #[serde(rename = "debutant", alias = "débutant")]
    Beginner,
    /// Knows the basics, wants to do real tasks.
    #[serde(rename = "intermediaire", alias = "intermédiaire")]
    Intermediate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub level: Level,
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
pub struct ModuleView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub level: Level,
    pub minutes: u32,
    /// Sanitised HTML.
    pub intro_html: String,
    pub objectives: Vec<String>,
    /// "novembre 2026", when facts about real services were last checked.
    pub verified: Option<String>,
    /// The CRCN (Pix) competences the module works on, in code order.
    pub competences: Vec<crate::competence::Competence>,
    pub lessons: Vec<LessonItem>,
    /// "Avant de commencer…", if the learner has not answered yet.
    pub confidence: Option<ConfidencePrompt>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
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
    /// When the page was made (seconds since the epoch), sent back by "Suivant" to count
    /// the time spent on the step.
    pub shown_at: i64,
    /// On the first step of a module, "Avant de commencer…", if not answered yet.
    pub confidence: Option<ConfidencePrompt>,
    /// Where the step read aloud by the server is, once it is made (`paths::audio`).
    #[serde(default)]
    pub audio: Option<String>,
    /// A member of staff in a volunteers' training lesson: their steps are saved, but
    /// there is no "J'ai besoin d'aide" (that is a learner's call to their volunteer).
    #[serde(default)]
    pub for_staff: bool,
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
    /// The module is finished: "Et maintenant…", if not answered yet.
    pub confidence: Option<ConfidencePrompt>,
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
pub struct HomeView {
    pub first_name: Option<String>,
    pub resume: Option<ResumeItem>,
    /// Lessons advised by the volunteer, not finished yet.
    pub assigned: Vec<AssignedLesson>,
    pub next: Vec<ResumeItem>,
    /// Answers to the learner's help requests.
    pub replies: Vec<HelpReply>,
    /// The first name of the volunteer who follows them, and since which day
    /// (`YYYY-MM-DD`) when they were handed to them.
    #[serde(default)]
    pub volunteer: Option<String>,
    #[serde(default)]
    pub volunteer_since: Option<String>,
    /// No volunteer yet after a move: the name of the new structure, which will call them.
    #[serde(default)]
    pub moved_to: Option<String>,
}

/// A piece of a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepBlock {
    /// Sanitised HTML.
    Html(String),
    Question(QuestionView),
    Exercise(ExerciseView),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub prompt: String,
    /// Checkboxes (several right answers) rather than radio buttons.
    pub multiple: bool,
    pub answers: Vec<AnswerChoice>,
    /// A hint the learner can open before answering ("Un indice").
    pub hint: Option<String>,
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
        /// The right answers, named after a wrong or incomplete answer (empty when right).
        right_answers: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackLine {
    pub answer: String,
    pub right: bool,
    pub explanation: Option<String>,
}

/// When the confidence question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moment {
    Start,
    End,
}

/// "Je me sens capable de … : pas du tout / un peu / oui, tout à fait".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidencePrompt {
    pub module: String,
    pub moment: Moment,
    /// The whole sentence: "Je me sens capable de …".
    pub question: String,
    /// Where to come back after answering.
    pub back: String,
}

/// A lesson advised by a volunteer, and where the learner stands in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedLesson {
    pub module: String,
    pub lesson: String,
    pub href: String,
    pub module_title: String,
    pub lesson_title: String,
    /// "Camille"
    pub by: Option<String>,
    pub status: LessonStatus,
}

/// The answer a learner sees on their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpReply {
    pub by: Option<String>,
    pub place: StepPlace,
    pub reply: String,
}

/// Where a help request was sent from: a lesson, and its step when it still exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPlace {
    /// The lesson's title ("module / lesson" when the lesson is gone).
    pub lesson_title: String,
    /// From 1.
    pub step_number: Option<usize>,
}

/// An answer to "Je me sens capable de …" (stored as 0, 1, 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfidenceLevel {
    NotAtAll,
    ALittle,
    Fully,
}

/// One line of a learner's confidence: "au début : un peu ; à la fin : oui, tout à fait".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidenceRow {
    pub module_title: String,
    pub question: String,
    pub start: Option<ConfidenceLevel>,
    pub end: Option<ConfidenceLevel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedItem {
    pub title: String,
    pub detail: String,
    pub date: String,
}

/// The learner's booklet (`/carnet`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booklet {
    pub first_name: String,
    pub modules_done: Vec<DatedItem>,
    pub lessons_done: Vec<DatedItem>,
    pub in_progress: Vec<ResumeItem>,
    pub recommended: Vec<AssignedLesson>,
    pub confidence: Vec<ConfidenceRow>,
    /// The CRCN (Pix) competences of the modules where the learner finished a lesson.
    pub competences: Vec<crate::competence::Competence>,
    /// The learner's next appointment, if one is planned.
    #[serde(default)]
    pub next: Option<crate::model::NextAppointment>,
    /// Otherwise the day someone will call them back (`YYYY-MM-DD`), if said.
    #[serde(default)]
    pub recontact: Option<String>,
}

/// `/mes-donnees`: what the learner chose, and the links to their data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub first_name: String,
    pub notes_consent: Option<bool>,
}
