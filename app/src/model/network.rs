//! The programme's network (issue 22, items 1 and 2): territories, their structures and
//! coordinators, and the programme's report. Numbers and enums only; `text::network` words
//! them. Figures about people go through [`Share`], so a group of fewer than five people
//! is never given to a page as a number.

use serde::{Deserialize, Serialize};

use super::stats::Share;

/// Where a structure works, as the programme's evaluation classifies structures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Setting {
    Urban,
    PeriUrban,
    Rural,
}

impl Setting {
    pub const ALL: [Setting; 3] = [Setting::Urban, Setting::PeriUrban, Setting::Rural];

    /// Its code in the database and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Setting::Urban => "urbain",
            Setting::PeriUrban => "periurbain",
            Setting::Rural => "rural",
        }
    }

    pub fn from_code(code: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A territory, as the programme's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryRow {
    pub id: i32,
    pub name: String,
    /// Its structures' names.
    pub structures: Vec<String>,
    /// Its coordinators: member id and name.
    pub coordinators: Vec<(i32, String)>,
}

/// A structure of the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructureRow {
    pub id: i32,
    pub name: String,
    pub territory: Option<String>,
    pub setting: Option<Setting>,
    pub phone: Option<String>,
    /// Its active coordinators' names.
    pub coordinators: Vec<String>,
}

/// An active member of staff who may be named coordinator of a territory (a member of
/// one of its structures).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberChoice {
    pub id: i32,
    pub name: String,
    pub username: String,
    pub structure: String,
    pub territory_id: Option<i32>,
}

/// One column of the programme's report: a structure, a setting, or everyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkFigures {
    /// Named people met at a session of the period (each once), with their share of
    /// everyone met in the report.
    pub people: Share,
    /// Among them, met for the first time in the period.
    pub people_new: Share,
    pub sessions: u64,
    pub minutes: i64,
    pub workshops: u64,
    /// Workshop participants, named or counted (a person at two workshops counts twice).
    pub workshop_participants: Share,
    pub lessons_finished: u64,
    /// People who practised without their volunteer.
    pub people_alone: Share,
    pub help_requests: u64,
}

impl Default for NetworkFigures {
    fn default() -> Self {
        NetworkFigures {
            people: Share::FewerThanFive,
            people_new: Share::FewerThanFive,
            sessions: 0,
            minutes: 0,
            workshops: 0,
            workshop_participants: Share::FewerThanFive,
            lessons_finished: 0,
            people_alone: Share::FewerThanFive,
            help_requests: 0,
        }
    }
}

/// The programme's report for a period: the structures side by side, the three settings,
/// and the whole.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkReport {
    /// `YYYY-MM-DD`, both included, as typed.
    pub from: String,
    pub to: String,
    /// The period typed is wrong: no figures.
    pub bad_period: bool,
    /// Each structure, by name.
    pub structures: Vec<(String, NetworkFigures)>,
    /// Urban, peri-urban, rural, then not said (`None`): only settings with a structure.
    pub by_setting: Vec<(Option<Setting>, NetworkFigures)>,
    pub total: NetworkFigures,
}

/// The programme's page (`/programme`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub territories: Vec<TerritoryRow>,
    pub structures: Vec<StructureRow>,
    /// Who may be named coordinator of a territory.
    pub members: Vec<MemberChoice>,
    pub report: NetworkReport,
    /// The one-time token of the forms that create something.
    pub once: String,
    /// An invitation link just made, shown once.
    pub link: Option<super::InvitationLink>,
}

/// A territory's page (`/programme/territoires/{id}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryView {
    pub id: i32,
    pub name: String,
    pub structures: Vec<StructureRow>,
    pub coordinators: Vec<String>,
    pub report: NetworkReport,
    /// The viewer administers the programme (the page links back to it).
    pub admin: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_codes_round_trip() {
        for s in Setting::ALL {
            assert_eq!(Setting::from_code(s.code()), Some(s));
        }
        assert_eq!(Setting::from_code("ville"), None);
    }
}
