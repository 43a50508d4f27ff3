//! The volunteers' own training path (`/benevole/formation`).

use serde::{Deserialize, Serialize};

use super::learning::LessonStatus;

/// A volunteer's training path, and for a coordinator who of the structure did what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    /// The volunteers' modules, in catalogue order, with this person's progress.
    pub modules: Vec<TrainingModule>,
    /// For a coordinator: the structure's volunteers and the lessons each finished.
    pub team: Option<Vec<TrainingMember>>,
    pub coordinator: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingModule {
    pub slug: String,
    pub title: String,
    pub lessons: Vec<TrainingLesson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingLesson {
    /// `module/lesson`: the same key in every member's row.
    pub key: String,
    pub title: String,
    pub step_count: usize,
    pub status: LessonStatus,
    /// Where "Commencer" / "Reprendre" / "Revoir" leads.
    pub href: String,
}

/// A member of the structure and their training: each lesson's status, in the order of
/// the path's lessons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingMember {
    pub name: String,
    pub lessons: Vec<LessonStatus>,
    pub done: usize,
}
