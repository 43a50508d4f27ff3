//! The trainers' area: content states and problems, the preview and the editor.

use serde::{Deserialize, Serialize};

use super::learning::StepView;

/// Where a lesson or module stands, for trainers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentState {
    Published,
    Draft,
    /// A draft saved after the published version, which learners still see.
    DraftOverPublished,
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
    /// Archived by a trainer: offered for no new work, learners' history kept.
    pub archived: bool,
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
pub struct PreviewStep {
    pub file: String,
    pub step: StepView,
    /// (identifier, title) of every step.
    pub steps: Vec<(String, String)>,
    pub problems: Vec<ProblemView>,
}

/// The trainers' preview page: the lesson step by step, or, if it cannot be shown at all
/// (its front matter is broken), only its problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    pub file: String,
    pub preview: Option<PreviewStep>,
    pub problems: Vec<ProblemView>,
}

/// The editor of one content file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorView {
    pub file: String,
    pub text: String,
    /// The version the trainer started from, to detect someone else's save.
    pub base: String,
    pub problems: Vec<ProblemView>,
    pub preview: Option<PreviewStep>,
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
