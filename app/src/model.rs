//! What server functions send to pages: plain serialisable views, no database types.

use serde::{Deserialize, Serialize};

/// Comfort settings: remembered in the learner's account, or in a cookie otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comfort {
    /// 0 normal, 1 large, 2 very large.
    pub text_size: u8,
    pub high_contrast: bool,
    pub reduce_motion: bool,
}

impl Comfort {
    /// The classes of the `<html>` element that apply these settings.
    pub fn classes(self) -> String {
        let mut c = Vec::new();
        match self.text_size {
            1 => c.push("texte-grand"),
            2 => c.push("texte-tres-grand"),
            _ => {}
        }
        if self.high_contrast {
            c.push("contraste");
        }
        if self.reduce_motion {
            c.push("sans-animation");
        }
        c.join(" ")
    }

    /// As stored in the cookie: `t1c0m1`.
    pub fn to_cookie(self) -> String {
        format!(
            "t{}c{}m{}",
            self.text_size.min(2),
            u8::from(self.high_contrast),
            u8::from(self.reduce_motion)
        )
    }

    pub fn from_cookie(value: &str) -> Self {
        let b = value.as_bytes();
        if b.len() == 6 && b[0] == b't' && b[2] == b'c' && b[4] == b'm' {
            Comfort {
                text_size: (b[1].saturating_sub(b'0')).min(2),
                high_contrast: b[3] == b'1',
                reduce_motion: b[5] == b'1',
            }
        } else {
            Comfort::default()
        }
    }
}

/// Who is signed in, as the header shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Me {
    #[default]
    Nobody,
    /// The browser's session no longer works (expired, or signed out elsewhere).
    Expired,
    Learner {
        first_name: String,
    },
    Staff {
        display_name: String,
        trainer: bool,
    },
}

/// What every page's frame needs: who is signed in, and their comfort settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub me: Me,
    pub comfort: Comfort,
}

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
pub struct ModulePage {
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
    pub lessons: Vec<LessonItem>,
    /// "Avant de commencer…", if the learner has not answered yet.
    pub confidence: Option<ConfidencePrompt>,
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
    /// When the page was made (seconds since the epoch), sent back by "Suivant" to count
    /// the time spent on the step.
    pub shown_at: i64,
    /// On the first step of a module, "Avant de commencer…", if not answered yet.
    pub confidence: Option<ConfidencePrompt>,
    /// Where the step read aloud by the server is, once it is made (`paths::audio`).
    #[serde(default)]
    pub audio: Option<String>,
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
pub struct HomePage {
    pub first_name: Option<String>,
    pub resume: Option<ResumeItem>,
    /// Lessons advised by the volunteer, not finished yet.
    pub assigned: Vec<AssignedLesson>,
    pub next: Vec<ResumeItem>,
    /// Answers to the learner's help requests.
    pub replies: Vec<HelpReply>,
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
    /// Formatted `ABCDE-FGHJK` (`ABCD-EFGH` for the codes of the first cards).
    pub code: String,
    /// "il y a 3 jours", or `None` if never active.
    /// How long ago the learner last did something (`None`: never).
    pub last_active: Option<Ago>,
    pub attention: Attention,
    pub assigned: Vec<AssignedLesson>,
    pub modules_done: Vec<String>,
    pub confidence: Vec<ConfidenceRow>,
    /// Lessons started, in catalogue order.
    pub lessons: Vec<LessonProgressRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub volunteer_name: String,
    pub is_coordinator: bool,
    /// Open help requests of the structure, oldest first.
    pub help_requests: Vec<HelpRequestView>,
    /// Who needs attention first: open help requests, stuck, then the others.
    pub learners: Vec<DashboardLearner>,
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

/// Why a volunteer should look at a learner first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attention {
    /// Open "J'ai besoin d'aide" requests.
    HelpRequested(usize),
    /// Stuck: the reasons (the page words them).
    Stuck(Vec<StuckReason>),
    None,
}

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
    pub lessons: Vec<LessonDetail>,
    pub visits: Vec<VisitView>,
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

/// A field of a form and what is wrong with it (the page words it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

/// What is wrong with a field of a staff form (session, invitation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    NoLearner,
    NoDate,
    /// Not a date of the calendar, or not written `YYYY-MM-DD`.
    BadDate,
    FutureDate,
    /// Before 2020.
    OldDate,
    NoKind,
    PlaceTooLong {
        max: usize,
    },
    BadMinutes {
        min: i32,
        max: i32,
    },
    NotMinutes,
    TopicsTooLong {
        max: usize,
    },
    NoteTooLong {
        max: usize,
        has: usize,
    },
    /// An advised lesson that no longer exists, `module/lesson`.
    LessonGone {
        key: String,
    },
    /// A workshop note, with these participants who refused written notes.
    NotesRefused {
        names: Vec<String>,
    },
    Password(PasswordProblem),
    BadUsername,
    UsernameTaken,
}

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    OnlySpaces,
    TooShort {
        min: usize,
    },
    /// In the lists of leaked passwords.
    Common,
    IsUsername,
    /// Too easy to guess (zxcvbn score too low).
    Guessable,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: i32,
    /// The account was disabled (the person left).
    pub disabled: bool,
    /// Can follow learners (a volunteer or a coordinator, not disabled).
    pub follows: bool,
    pub name: String,
    pub username: String,
    /// "bénévole, formateur"
    pub roles: String,
    pub is_me: bool,
}

/// The coordinator's page: the structure's staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub structure: String,
    /// The structure's phone number, printed on hand-off sheets.
    pub phone: Option<String>,
    pub members: Vec<TeamMember>,
    /// The structure's learners, to give one to another volunteer.
    pub learners: Vec<TeamLearner>,
    /// Invitation and reset links not used yet and not expired.
    pub invitations: Vec<PendingInvitation>,
}

/// A link sent and not used yet, which a coordinator may cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub for_name: String,
    /// "1er décembre 2026"
    pub expires: String,
}

/// A learner of the structure on the team page, with who follows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLearner {
    pub id: i32,
    pub first_name: String,
    /// The volunteer's id, if followed by an active one.
    pub volunteer: Option<i32>,
}

/// An invitation link, shown once to the coordinator who made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub url: String,
    pub for_name: String,
    pub expires: String,
    pub reset: bool,
}

/// The page an invitation link opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub display_name: String,
    pub structure: String,
    /// A password reset (no identifier to choose).
    pub reset: bool,
    pub username: Option<String>,
    /// The account was disabled: the link does not let anyone in.
    pub disabled: bool,
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
}

/// `/mes-donnees`: what the learner chose, and the links to their data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub first_name: String,
    pub notes_consent: Option<bool>,
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

/// Where a lesson or module stands, for trainers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentState {
    Published,
    Draft,
    /// Has an error: learners see the last valid version, or nothing.
    Broken,
}

/// A problem in a content file, with a link to its place in the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemView {
    /// `module/lesson.md`
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub error: bool,
    pub message: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonOverview {
    pub slug: String,
    pub title: String,
    pub file: String,
    pub state: ContentState,
    pub problems: Vec<ProblemView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleOverview {
    pub slug: String,
    pub title: String,
    pub file: String,
    pub state: ContentState,
    pub problems: Vec<ProblemView>,
    pub lessons: Vec<LessonOverview>,
}

/// The trainer's area: every module and lesson with its state and problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainerOverview {
    pub modules: Vec<ModuleOverview>,
    /// Problems of other files (the glossary, folders without `_index.md`…).
    pub other_problems: Vec<ProblemView>,
}

/// A lesson step shown in the editor's preview, with the steps to move between.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub file: String,
    pub step: StepPage,
    /// (identifier, title) of every step.
    pub steps: Vec<(String, String)>,
    pub problems: Vec<ProblemView>,
}

/// The trainers' preview page: the lesson step by step, or, if it cannot be shown at all
/// (its front matter is broken), only its problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewPage {
    pub file: String,
    pub preview: Option<Preview>,
    pub problems: Vec<ProblemView>,
}

/// The editor of one content file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorPage {
    pub file: String,
    pub text: String,
    /// The version the trainer started from, to detect someone else's save.
    pub base: String,
    pub problems: Vec<ProblemView>,
    pub preview: Option<Preview>,
    pub is_lesson: bool,
    pub draft: bool,
    /// Versions that "Annuler" can restore.
    pub history: usize,
    /// Another trainer saved first: their text, to show beside ours.
    pub conflict: Option<String>,
    /// The key of the kept, unsaved text shown, handed on by links and forms.
    pub draft_key: Option<String>,
    /// The hash of the file on disk when the page was made ("Annuler" checks it).
    pub on_disk: String,
    /// The file in `content/` (git) changed since the browser version shown was saved.
    pub changed_in_git: bool,
}

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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    /// 1-based, as in URLs.
    pub number: usize,
    pub from: String,
    pub subject: String,
    pub has_attachment: bool,
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
    /// A file was attached on the attempt that failed (it must be chosen again).
    pub attach_again: bool,
    /// The file input's `accept` attribute (the kinds the goal asks for); empty: any file.
    pub accept: String,
}

/// The pretend public-service site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub service: String,
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

// Exercise vocabulary, shared by the content checker, the practice service and the text
// module (which words it).

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
pub const MAX_UPLOAD_MB: usize = 5;

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

/// Why a trainer's new lesson, module or image was not created (words:
/// `text::staff::authoring_problem`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthoringProblem {
    NoModule,
    NoLessonTitle,
    NoModuleTitle,
    NoLesson,
    /// An image without its description.
    NoAlt,
    ImageTooBig,
    NotAnImage,
}

/// A moment in the past, as how long ago it was (words: `text::dates::ago`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ago {
    pub seconds: i64,
}

impl Ago {
    /// From two Unix times in seconds.
    pub fn between(now: i64, then: i64) -> Self {
        Ago {
            seconds: now - then,
        }
    }
}
