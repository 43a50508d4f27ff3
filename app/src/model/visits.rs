//! Help sessions: the session form, what was saved, the hand-off sheets.

use serde::{Deserialize, Serialize};

use super::forms::FieldError;
use super::learning::AssignedLesson;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitView {
    pub id: i32,
    /// "24 novembre 2026"
    pub date: String,
    /// "Accompagnement individuel — À domicile"
    pub kind: String,
    /// "E-mail, Santé"
    pub themes: String,
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
/// Fields missing from a draft kept before they existed are empty (`serde(default)`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    /// The session corrected, `None` for a new one.
    pub visit: Option<i32>,
    pub learners: Vec<i32>,
    pub date: String,
    /// The form of before the Coop's fields (`domicile`, `atelier`, `permanence`): used
    /// only when `session_type` is empty.
    pub kind: String,
    /// `individuel` or `collectif` (La Coop's codes, `crate::model::SessionType`).
    pub session_type: String,
    /// `lieu_activite`, `domicile`, `a_distance`, `autre`.
    pub place_type: String,
    pub commune: String,
    /// One of [`crate::model::DURATIONS`] or `autre` (then `minutes`); empty: `minutes`.
    pub duration: String,
    pub equipment: Vec<String>,
    pub themes: Vec<String>,
    pub autonomy: String,
    pub orientation: String,
    pub workshop_title: String,
    pub workshop_level: String,
    /// Participants counted without a name, and how many of them were already followed.
    pub anonymous: String,
    pub anonymous_followed: String,
    pub place: String,
    pub minutes: String,
    pub topics: String,
    pub note: String,
    /// `module/lesson`
    pub lessons: Vec<String>,
    pub search: String,
    /// "Prochaine visite": empty or `rien` (nothing planned), `recontacter` (with
    /// `recontact_day`), or a free slot's key (`crate::model::agenda::SlotView::key`).
    pub next: String,
    /// `YYYY-MM-DD`: the day to call the learner back.
    pub recontact_day: String,
    /// Open help requests ticked "traitée pendant cette séance".
    pub handled: Vec<i32>,
}

/// What the session form's "Prochaine visite" says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextChoice {
    Nothing,
    Recontact,
    Slot(crate::model::agenda::SlotKey),
}

impl NextChoice {
    pub const NOTHING: &'static str = "rien";
    pub const RECONTACT: &'static str = "recontacter";

    /// `None`: a value the form does not offer.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "" | Self::NOTHING => Some(Self::Nothing),
            Self::RECONTACT => Some(Self::Recontact),
            key => crate::model::agenda::SlotKey::parse(key).map(Self::Slot),
        }
    }
}

/// A learner's next appointment, as the hand-off sheet prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAppointment {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub start: i32,
    pub kind: crate::model::agenda::Kind,
    /// The place's name and address (at a place or a group session).
    pub place: Option<(String, String)>,
    /// The volunteer's first name.
    pub volunteer: String,
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
    /// The Coop themes of the lessons ticked, proposed for the session.
    pub proposed_themes: Vec<crate::model::CoopTheme>,
    /// Correcting a saved session: what changed before, oldest first.
    pub history: Vec<crate::model::VisitChangeView>,
    /// "Cochez la case pour confirmer la suppression." (set by the page).
    #[serde(default)]
    pub confirm_delete: bool,
    /// A new session of one learner: "Prochaine visite" is offered.
    #[serde(default)]
    pub plan_next: bool,
    /// The next free slots of the learner's zone (of the whole structure when their zone
    /// is not known).
    #[serde(default)]
    pub next_slots: Vec<crate::model::agenda::SlotView>,
    /// The learner's zone, if known.
    #[serde(default)]
    pub next_zone: Option<String>,
    /// The learner's open help requests (a new session of one learner).
    #[serde(default)]
    pub open_help: Vec<crate::model::HelpRequestView>,
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
    /// The learner's next appointment, if one is planned.
    pub next: Option<NextAppointment>,
    /// Otherwise the day someone will call them back (`YYYY-MM-DD`), if said.
    pub recontact: Option<String>,
}

/// After a session is saved: its hand-off sheets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSaved {
    pub visit_id: i32,
    pub date: String,
    pub learners: Vec<VisitLearner>,
    /// What is planned next for each of `learners`, in the same order: their next
    /// appointment, or the day to call them back (a workshop's or a corrected session's
    /// participants are booked from there).
    #[serde(default)]
    pub planned: Vec<(Option<NextAppointment>, Option<String>)>,
}
