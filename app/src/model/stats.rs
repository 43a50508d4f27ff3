//! A structure's statistics for a period (issue 21, item 4): numbers and enums only; the
//! page and `text::stats` word them. Figures about people in small groups are already
//! hidden here ([`Share`]), so no page can show them.

use serde::{Deserialize, Serialize};

use super::sessions::{AgeBand, CoopTheme, Gender, PlaceType, SessionType, SocialStatus};

/// The fewest people a figure about a group may show (the rule: never a percentage
/// of fewer than 5 people; small groups are shown as "moins de 5").
pub const SMALL_GROUP: u64 = 5;

/// A number of people in a group, with its share of everyone counted, unless the group
/// (or everyone) is fewer than [`SMALL_GROUP`]: then only "moins de 5".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Share {
    /// `count` people, `percent` of the whole (rounded).
    Shown {
        count: u64,
        percent: u32,
    },
    FewerThanFive,
}

impl Share {
    /// The share of `count` people among `total`, with the small-group rule applied.
    pub fn of(count: u64, total: u64) -> Share {
        if count < SMALL_GROUP {
            return Share::FewerThanFive;
        }
        // The whole is at least the group: never fewer than 5 either.
        let total = total.max(count);
        let percent = u32::try_from((count * 100 + total / 2) / total).unwrap_or(100);
        Share::Shown { count, percent }
    }

    /// The number a chart may draw (`None`: hidden).
    pub fn count(self) -> Option<u64> {
        match self {
            Share::Shown { count, .. } => Some(count),
            Share::FewerThanFive => None,
        }
    }
}

/// How long a session lasted, in bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DurationBand {
    /// Less than 30 minutes.
    Short,
    /// 30 to 59 minutes.
    HalfHour,
    /// 1 hour to 1 h 59.
    Hour,
    /// 2 hours or more.
    Long,
}

impl DurationBand {
    pub const ALL: [DurationBand; 4] = [
        DurationBand::Short,
        DurationBand::HalfHour,
        DurationBand::Hour,
        DurationBand::Long,
    ];

    /// The band of a duration in minutes (as the SQL `CASE` of the statistics computes it).
    pub fn of(minutes: i32) -> DurationBand {
        match minutes {
            ..30 => DurationBand::Short,
            30..60 => DurationBand::HalfHour,
            60..120 => DurationBand::Hour,
            _ => DurationBand::Long,
        }
    }

    /// Its number in the SQL `CASE` (0 to 3).
    pub fn index(self) -> i32 {
        self as i32
    }
}

/// How soon a help request was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HelpDelay {
    /// Within 24 hours.
    SameDay,
    /// Within 3 days.
    FewDays,
    /// Later.
    Later,
    /// Not answered yet.
    Waiting,
}

impl HelpDelay {
    pub const ALL: [HelpDelay; 4] = [
        HelpDelay::SameDay,
        HelpDelay::FewDays,
        HelpDelay::Later,
        HelpDelay::Waiting,
    ];
}

/// One volunteer's activity in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerStats {
    /// `None`: an account since deleted.
    pub name: Option<String>,
    pub sessions: u64,
    pub minutes: i64,
    /// Named people met (each once).
    pub people: u64,
}

/// Who is counted in a breakdown of people: a value, or "not told" (`None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleBreakdown<T> {
    pub rows: Vec<(Option<T>, Share)>,
}

impl<T> Default for PeopleBreakdown<T> {
    fn default() -> Self {
        PeopleBreakdown { rows: Vec::new() }
    }
}

/// The statistics page (`/benevole/statistiques`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsView {
    pub structure: String,
    /// The period as typed in the form (`YYYY-MM-DD`), inclusive.
    pub from: String,
    pub to: String,
    /// The period typed is wrong (a date that does not exist, or the end before the start):
    /// no figures.
    pub bad_period: bool,
    pub figures: Option<StatsFigures>,
    /// What people say (the follow-up questionnaire and the confidence question), for the
    /// same period: only with the figures.
    pub outcomes: Option<super::outcomes::OutcomesView>,
}

/// Every figure of a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsFigures {
    /// Named people met at a session of the period (each once).
    pub people: u64,
    /// Among them, met for the first time in the period.
    pub people_new: u64,
    /// Met before the period too.
    pub people_returning: u64,
    /// Workshop participants counted without a name, and how many of them had come before.
    pub anonymous: u64,
    pub anonymous_returning: u64,
    pub sessions: u64,
    pub minutes: i64,
    /// In the order of the enums, zero rows left out.
    pub by_type: Vec<(SessionType, u64)>,
    pub by_place: Vec<(PlaceType, u64)>,
    /// Sessions per theme (a session may have several); most first.
    pub by_theme: Vec<(CoopTheme, u64)>,
    pub by_duration: Vec<(DurationBand, u64)>,
    pub workshops: u64,
    /// Named and counted participants of the workshops (a person at two workshops counts
    /// twice).
    pub workshop_participants: u64,
    /// Lessons whose first step was opened in the period.
    pub lessons_started: u64,
    pub lessons_finished: u64,
    /// Steps finished in the period on a day without a session with the person: practice
    /// without the volunteer.
    pub steps_alone: u64,
    /// People who finished at least one step that way.
    pub people_alone: u64,
    pub help_requests: u64,
    /// Every delay band, in order (zeros kept).
    pub help_by_delay: Vec<(HelpDelay, u64)>,
    pub by_volunteer: Vec<VolunteerStats>,
    /// People met, by the zone of their commune (`None`: no commune told, or outside every
    /// zone).
    pub by_zone: PeopleBreakdown<String>,
    pub by_commune: PeopleBreakdown<String>,
    pub by_age: PeopleBreakdown<AgeBand>,
    pub by_status: PeopleBreakdown<SocialStatus>,
    pub by_gender: PeopleBreakdown<Gender>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_hides_small_groups_and_percentages_of_small_wholes() {
        assert_eq!(Share::of(4, 100), Share::FewerThanFive);
        assert_eq!(Share::of(0, 100), Share::FewerThanFive);
        assert_eq!(
            Share::of(5, 20),
            Share::Shown {
                count: 5,
                percent: 25
            }
        );
        assert_eq!(
            Share::of(2, 3),
            Share::FewerThanFive,
            "a small whole: its groups are small too"
        );
        assert_eq!(
            Share::of(1, 3).count(),
            None,
            "nothing to draw for a hidden group"
        );
        assert_eq!(
            Share::of(7, 9),
            Share::Shown {
                count: 7,
                percent: 78
            }
        );
    }

    #[test]
    fn duration_bands_have_their_bounds() {
        assert_eq!(DurationBand::of(15), DurationBand::Short);
        assert_eq!(DurationBand::of(29), DurationBand::Short);
        assert_eq!(DurationBand::of(30), DurationBand::HalfHour);
        assert_eq!(DurationBand::of(59), DurationBand::HalfHour);
        assert_eq!(DurationBand::of(60), DurationBand::Hour);
        assert_eq!(DurationBand::of(119), DurationBand::Hour);
        assert_eq!(DurationBand::of(120), DurationBand::Long);
        assert_eq!(DurationBand::Long.index(), 3);
    }
}
