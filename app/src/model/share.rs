//! Public share links for a funder (issue 21, item 6): a structure's aggregated figures for
//! a period, shown at `/partage/{token}` and given as JSON at `/partage/{token}.json`,
//! without any sign-in, until a coordinator revokes the link.
//!
//! [`SharedReport`] is both what the public page shows and the JSON's documented, stable
//! shape (field names and codes below do not change; fields may be added). What it never
//! holds: a name (volunteer or learner), a learner's own data, or a number of people under
//! [`SMALL_GROUP`]. The rule, applied by [`SharedReport::new`]:
//!
//! - a **number of people** (totals, rows of a breakdown of people, answers to the
//!   questionnaire) under 5 is `null` ("moins de 5" on the page); a percentage is given only
//!   for a group of at least 5 people, else `null`;
//! - every **row of a breakdown** (sessions by type, place, theme or duration; help requests
//!   by delay) under 5 is `null` too;
//! - activity totals (sessions, minutes, workshops, lessons, steps, help requests) are
//!   exact: they count things done, not people.
//!
//! Enum keys are the codes the statistics exports use (`session_type`: `"individuel"`,
//! …, La Coop's values); duration bands are `"Short"`, `"HalfHour"`, `"Hour"`, `"Long"`;
//! help delays `"SameDay"`, `"FewDays"`, `"Later"`, `"Waiting"`; waves `"3-mois"`,
//! `"12-mois"`; questions `"appris"`, `"moins_peur"`, `"seul"`, `"recommander"`. A `null`
//! key is "not told" (or, for communes and zones, the other communes put together).

use serde::{Deserialize, Serialize};

use super::outcomes::{self, FollowUpQuestion, OutcomesView, Wave};
use super::sessions::{AgeBand, CoopTheme, Gender, PlaceType, SessionType, SocialStatus};
use super::stats::{DurationBand, HelpDelay, PeopleBreakdown, SMALL_GROUP, Share, StatsFigures};

/// The longest label a coordinator may give a link, in characters.
pub const MAX_LABEL: usize = 100;

/// `n` when it may be shown, `None` under [`SMALL_GROUP`].
pub fn at_least_five(n: u64) -> Option<u64> {
    (n >= SMALL_GROUP).then_some(n)
}

fn at_least_five_u32(n: u32) -> Option<u32> {
    (u64::from(n) >= SMALL_GROUP).then_some(n)
}

/// One row of a breakdown: what (`None`: not told, or the others put together), how many
/// (`None`: fewer than 5), and for people the share of everyone counted (`None`: not given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRow<T> {
    pub key: Option<T>,
    pub count: Option<u64>,
    pub percent: Option<u32>,
}

/// Every aggregated figure of the period (see the module's rule).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedFigures {
    /// Named people met at a session of the period, each once.
    pub people: Option<u64>,
    pub people_new: Option<u64>,
    pub people_returning: Option<u64>,
    /// Workshop participants counted without a name, and those who had come before.
    pub anonymous: Option<u64>,
    pub anonymous_returning: Option<u64>,
    pub sessions: u64,
    pub minutes: i64,
    pub workshops: u64,
    pub workshop_participants: Option<u64>,
    pub by_type: Vec<SharedRow<SessionType>>,
    pub by_place: Vec<SharedRow<PlaceType>>,
    pub by_theme: Vec<SharedRow<CoopTheme>>,
    pub by_duration: Vec<SharedRow<DurationBand>>,
    pub lessons_started: u64,
    pub lessons_finished: u64,
    pub steps_alone: u64,
    pub people_alone: Option<u64>,
    pub help_requests: u64,
    pub help_by_delay: Vec<SharedRow<HelpDelay>>,
    /// People by the zone of their commune, and by commune.
    pub by_zone: Vec<SharedRow<String>>,
    pub by_commune: Vec<SharedRow<String>>,
    pub by_age: Vec<SharedRow<AgeBand>>,
    pub by_status: Vec<SharedRow<SocialStatus>>,
    pub by_gender: Vec<SharedRow<Gender>>,
}

/// One closed question of the follow-up questionnaire in a wave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedQuestion {
    pub question: FollowUpQuestion,
    /// People who answered it.
    pub answers: Option<u32>,
    /// Of them, the share who said yes.
    pub yes_percent: Option<u32>,
}

/// One wave of the follow-up questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWave {
    pub wave: Wave,
    /// People for whom it fell due in the period, and those who answered.
    pub due: Option<u32>,
    pub answered: Option<u32>,
    pub response_percent: Option<u32>,
    pub questions: Vec<SharedQuestion>,
}

/// A module's confidence question, asked at its start and its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedConfidence {
    pub module_title: String,
    /// People who answered both times.
    pub pairs: Option<u32>,
    /// Of them, the share who feel more able at the end.
    pub higher_percent: Option<u32>,
}

/// What the follow-up questionnaire and the confidence question say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedOutcomes {
    pub waves: Vec<SharedWave>,
    pub confidence: Vec<SharedConfidence>,
}

/// A share link's page and JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedReport {
    /// The structure's name.
    pub structure: String,
    /// The period, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub figures: SharedFigures,
    pub outcomes: SharedOutcomes,
}

fn counted<T: Copy>(rows: &[(T, u64)]) -> Vec<SharedRow<T>> {
    rows.iter()
        .map(|(k, n)| SharedRow {
            key: Some(*k),
            count: at_least_five(*n),
            percent: None,
        })
        .collect()
}

fn people<T: Clone>(b: &PeopleBreakdown<T>) -> Vec<SharedRow<T>> {
    b.rows
        .iter()
        .map(|(k, s)| {
            let (count, percent) = match *s {
                Share::Shown { count, percent } => (at_least_five(count), Some(percent)),
                Share::FewerThanFive => (None, None),
            };
            SharedRow {
                key: k.clone(),
                count,
                // A percentage only goes with a number shown.
                percent: count.and(percent),
            }
        })
        .collect()
}

fn percent(s: outcomes::Share) -> Option<u32> {
    match s {
        outcomes::Share::Percent(p) => Some(p),
        outcomes::Share::FewerThanFive => None,
    }
}

impl SharedOutcomes {
    pub fn new(o: &OutcomesView) -> SharedOutcomes {
        SharedOutcomes {
            waves: o
                .waves
                .iter()
                .map(|w| SharedWave {
                    wave: w.wave,
                    due: at_least_five_u32(w.due),
                    answered: at_least_five_u32(w.answered),
                    response_percent: at_least_five_u32(w.due).and(percent(w.response_rate)),
                    questions: w
                        .questions
                        .iter()
                        .map(|q| SharedQuestion {
                            question: q.question,
                            answers: at_least_five_u32(q.answers),
                            yes_percent: at_least_five_u32(q.answers).and(percent(q.yes_share)),
                        })
                        .collect(),
                })
                .collect(),
            confidence: o
                .confidence
                .iter()
                .map(|c| SharedConfidence {
                    module_title: c.module_title.clone(),
                    pairs: at_least_five_u32(c.pairs),
                    higher_percent: at_least_five_u32(c.pairs).and(percent(c.higher_share)),
                })
                .collect(),
        }
    }
}

impl SharedFigures {
    /// The figures as a funder may see them: no name (the by-volunteer part is left out),
    /// small groups hidden.
    pub fn new(f: &StatsFigures) -> SharedFigures {
        SharedFigures {
            people: at_least_five(f.people),
            people_new: at_least_five(f.people_new),
            people_returning: at_least_five(f.people_returning),
            anonymous: at_least_five(f.anonymous),
            anonymous_returning: at_least_five(f.anonymous_returning),
            sessions: f.sessions,
            minutes: f.minutes,
            workshops: f.workshops,
            workshop_participants: at_least_five(f.workshop_participants),
            by_type: counted(&f.by_type),
            by_place: counted(&f.by_place),
            by_theme: counted(&f.by_theme),
            by_duration: counted(&f.by_duration),
            lessons_started: f.lessons_started,
            lessons_finished: f.lessons_finished,
            steps_alone: f.steps_alone,
            people_alone: at_least_five(f.people_alone),
            help_requests: f.help_requests,
            help_by_delay: counted(&f.help_by_delay),
            by_zone: people(&f.by_zone),
            by_commune: people(&f.by_commune),
            by_age: people(&f.by_age),
            by_status: people(&f.by_status),
            by_gender: people(&f.by_gender),
        }
    }
}

/// A link of the structure, as the statistics page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLinkRow {
    pub id: i32,
    pub label: Option<String>,
    pub from: String,
    pub to: String,
    /// Who made it (`None`: an account since deleted) and when (Unix time).
    pub made_by: Option<String>,
    pub made_at: i64,
    pub revoked_at: Option<i64>,
}

/// Why a link was not made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareRefused {
    /// The label is longer than [`MAX_LABEL`].
    LabelTooLong,
    /// The period is not right.
    BadPeriod,
}

impl ShareRefused {
    pub fn code(self) -> &'static str {
        match self {
            ShareRefused::LabelTooLong => "libelle",
            ShareRefused::BadPeriod => "periode",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [ShareRefused::LabelTooLong, ShareRefused::BadPeriod]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// The share links part of the statistics page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLinksView {
    /// Newest first.
    pub links: Vec<ShareLinkRow>,
    /// The full link just made, shown this once.
    pub fresh_link: Option<String>,
    /// The last form was refused: why, and the label as typed.
    pub refused: Option<ShareRefused>,
    pub label: String,
    /// A link was just revoked.
    pub revoked: bool,
    /// The one-time token of the form that makes a link.
    pub once: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_of_people_and_small_rows_are_hidden() {
        let f = StatsFigures {
            people: 7,
            people_new: 4,
            people_returning: 3,
            sessions: 3,
            by_type: vec![(SessionType::Individual, 2), (SessionType::Collective, 6)],
            by_age: PeopleBreakdown {
                rows: vec![
                    (None, Share::FewerThanFive),
                    (Some(AgeBand::ALL[0]), Share::of(5, 7)),
                ],
            },
            ..Default::default()
        };
        let s = SharedFigures::new(&f);
        assert_eq!(s.people, Some(7));
        assert_eq!(s.people_new, None);
        assert_eq!(s.people_returning, None);
        assert_eq!(s.sessions, 3, "an activity total is exact");
        assert_eq!(s.by_type[0].count, None);
        assert_eq!(s.by_type[1].count, Some(6));
        assert_eq!(s.by_age[0].count, None);
        assert_eq!(s.by_age[0].percent, None);
        assert_eq!(s.by_age[1].count, Some(5));
        assert_eq!(s.by_age[1].percent, Some(71));
    }
}
