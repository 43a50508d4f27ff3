//! The volunteer's dashboard (`/benevole`, issue 20 item 7): their own appointments of today
//! and of the rest of the week, then the learners who need attention with every reason, then
//! the others in a compact list; a search by name and filters (zone, "à rappeler", stuck).

use serde::{Deserialize, Serialize};

use super::agenda::{AppointmentItem, RecallReason};
use super::follow_up::{HelpRequestView, StuckReason};
use super::frame::Ago;

/// One of the volunteer's own appointments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardAppointment {
    pub item: AppointmentItem,
    /// The learner of a one-to-one appointment (their first name is in `item`).
    pub learner_id: Option<i32>,
}

/// Why a learner is on the "à rappeler" list, and since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecallNote {
    pub reason: RecallReason,
    /// `YYYY-MM-DD`: the missed appointment's day, or the day of the call still waiting.
    pub day: String,
}

/// The lesson a learner worked on last and has not finished.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentLesson {
    pub title: String,
    pub done: usize,
    pub total: usize,
}

/// A learner's progress in one line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressSummary {
    pub current: Option<CurrentLesson>,
    /// Lessons whose every step is done.
    pub lessons_done: usize,
    /// Lessons advised and not finished yet.
    pub advised_left: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardLearner {
    pub id: i32,
    pub first_name: String,
    /// How long ago the learner last did something (`None`: never).
    pub last_active: Option<Ago>,
    /// The learner's zone, when known (their commune, their call, their appointments).
    pub zone: Option<String>,
    /// Open "J'ai besoin d'aide" requests, oldest first.
    pub help: Vec<HelpRequestView>,
    /// Why the learner seems stuck (the page words them).
    pub stuck: Vec<StuckReason>,
    /// Why the learner is to be called back.
    pub recall: Vec<RecallNote>,
    pub progress: ProgressSummary,
}

impl DashboardLearner {
    /// Whether the learner goes to "À suivre": any reason at all.
    pub fn needs_attention(&self) -> bool {
        !self.help.is_empty() || !self.stuck.is_empty() || !self.recall.is_empty()
    }
}

/// The search and filters of the dashboard, from its query string (`nom`, `zone`,
/// `rappeler`, `bloque`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// Part of a first name (case, accents and punctuation do not count).
    pub name: String,
    /// A zone of the volunteer's structure (any other id is dropped).
    pub zone: Option<i32>,
    /// Only the learners to call back.
    pub recall: bool,
    /// Only the learners who seem stuck.
    pub stuck: bool,
}

impl DashboardFilter {
    pub fn is_active(&self) -> bool {
        !self.name.trim().is_empty() || self.zone.is_some() || self.recall || self.stuck
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub volunteer_name: String,
    pub is_coordinator: bool,
    /// Today in France, `YYYY-MM-DD`.
    pub today: String,
    /// My appointments of today, by time.
    pub today_appointments: Vec<DashboardAppointment>,
    /// My appointments of the rest of the week (tomorrow to Sunday), by day and time.
    pub week_appointments: Vec<DashboardAppointment>,
    /// The learners who need attention and match the filter: open help requests first,
    /// then stuck, then to call back; by first name within each.
    pub attention: Vec<DashboardLearner>,
    /// The other learners who match the filter, by first name.
    pub others: Vec<DashboardLearner>,
    /// How many learners the volunteer follows, filter or not.
    pub total: usize,
    /// The structure's zones (id, name), by name, for the filter.
    pub zones: Vec<(i32, String)>,
    /// The filter applied (what the form shows again).
    pub filter: DashboardFilter,
    /// For a coordinator: the structure's learners who follow nobody yet (one who just
    /// moved in from another structure, say), `(id, first name)`, by first name.
    #[serde(default)]
    pub unassigned: Vec<(i32, String)>,
}

impl Dashboard {
    /// How many learners the filter kept.
    pub fn shown(&self) -> usize {
        self.attention.len() + self.others.len()
    }
}
