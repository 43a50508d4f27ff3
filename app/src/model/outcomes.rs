//! Outcomes measured the way the evaluation did (issue 21, part 2, item 5): the follow-up
//! questionnaire asked about 3 and 12 months after a learner's first session, and the
//! numbers a structure reports from it and from the confidence question of each module.
//! The pages word them (`text::outcomes`).

use serde::{Deserialize, Serialize};

/// Declares an enum of stored codes: `ALL` in the form's order, `code()` and `from_code()`.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// What is stored and what a form sends.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

codes! {
    /// When the questionnaire is asked: about 3 months, then about 12 months after the
    /// learner's first session.
    Wave {
        ThreeMonths => "3-mois",
        TwelveMonths => "12-mois",
    }
}

impl Wave {
    /// Months after the first session when the wave is due.
    pub fn months(self) -> u32 {
        match self {
            Wave::ThreeMonths => 3,
            Wave::TwelveMonths => 12,
        }
    }

    /// Months after the first session when it is no longer asked (the next wave's turn).
    pub fn until_months(self) -> u32 {
        match self {
            Wave::ThreeMonths => 12,
            Wave::TwelveMonths => 24,
        }
    }
}

codes! {
    /// Who answered how.
    AnsweredHow {
        Alone => "seul",
        Visit => "visite",
        Phone => "telephone",
    }
}

codes! {
    /// An answer to one of the four yes-or-no questions.
    Reply {
        Yes => "oui",
        No => "non",
        DontKnow => "nsp",
    }
}

codes! {
    /// The four closed questions, in the questionnaire's order (the fifth, "what changed",
    /// is free text). The code is the form field's name.
    FollowUpQuestion {
        Learned => "appris",
        LessApprehensive => "moins_peur",
        DidAlone => "seul",
        Recommend => "recommander",
    }
}

/// The longest "what changed" kept, in characters.
pub const MAX_WHAT_CHANGED: usize = 1000;

/// The questionnaire as a page shows it, to the learner (`/suivi`) or to their volunteer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    pub learner_id: i32,
    pub first_name: String,
    /// The wave due now (`None`: nothing to ask now).
    pub wave: Option<Wave>,
    /// Waves already answered, and how.
    pub answered: Vec<(Wave, AnsweredHow)>,
    /// The answers chosen, in `FollowUpQuestion::ALL`'s order (after a refusal: what was
    /// chosen, kept).
    pub replies: Vec<Option<Reply>>,
    pub what_changed: String,
    /// For a volunteer: how they took the answers (after a refusal).
    pub how: Option<AnsweredHow>,
    /// Just recorded.
    pub saved: bool,
    /// Just postponed ("Pas maintenant").
    pub postponed: bool,
    /// Why the last send was refused.
    pub refused: Option<FollowUpRefused>,
}

/// Why answers were not recorded (the form comes back with what was chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpRefused {
    /// Not one question answered.
    Empty,
    /// "What changed" longer than [`MAX_WHAT_CHANGED`].
    TooLong,
    /// A volunteer did not say whether it was at a visit or on the phone.
    HowMissing,
}

impl FollowUpRefused {
    pub fn code(self) -> &'static str {
        match self {
            FollowUpRefused::Empty => "vide",
            FollowUpRefused::TooLong => "long",
            FollowUpRefused::HowMissing => "comment",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            FollowUpRefused::Empty,
            FollowUpRefused::TooLong,
            FollowUpRefused::HowMissing,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }
}

/// The fewest people a percentage is given for: below, "moins de 5".
pub const SMALLEST_GROUP: u32 = 5;

/// A share of a group: a whole percentage, or nothing when the group is too small.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Share {
    Percent(u32),
    /// Fewer than [`SMALLEST_GROUP`] people: no percentage is given.
    FewerThanFive,
}

impl Share {
    /// `part` out of `whole`, rounded to the nearest whole percent (half up).
    pub fn of(part: u32, whole: u32) -> Share {
        if whole < SMALLEST_GROUP {
            Share::FewerThanFive
        } else {
            Share::Percent((part * 200 + whole) / (whole * 2))
        }
    }
}

/// One closed question's answers in a wave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionOutcome {
    pub question: FollowUpQuestion,
    pub yes: u32,
    pub no: u32,
    pub dont_know: u32,
    /// People who answered this question.
    pub answers: u32,
    /// Of them, those who said yes.
    pub yes_share: Share,
}

/// One wave's numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveOutcome {
    pub wave: Wave,
    /// Learners for whom the wave fell due in the period (and is due by now).
    pub due: u32,
    /// Of them, those who answered.
    pub answered: u32,
    /// `answered` out of `due`.
    pub response_rate: Share,
    pub alone: u32,
    pub at_visit: u32,
    pub by_phone: u32,
    pub questions: Vec<QuestionOutcome>,
}

/// A module's confidence question, asked at its start and its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidenceOutcome {
    pub module_title: String,
    /// Learners who answered both times (the end in the period).
    pub pairs: u32,
    /// Of them, those who feel more able at the end, as able, less able.
    pub higher: u32,
    pub same: u32,
    pub lower: u32,
    pub higher_share: Share,
}

/// What a structure reports for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomesView {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub waves: Vec<WaveOutcome>,
    pub confidence: Vec<ConfidenceOutcome>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_rounds_half_up_and_hides_small_groups() {
        assert_eq!(Share::of(4, 4), Share::FewerThanFive);
        assert_eq!(Share::of(0, 0), Share::FewerThanFive);
        assert_eq!(Share::of(3, 5), Share::Percent(60));
        assert_eq!(Share::of(1, 6), Share::Percent(17));
        assert_eq!(Share::of(1, 8), Share::Percent(13));
        assert_eq!(Share::of(2, 3 * 5), Share::Percent(13));
        assert_eq!(Share::of(7, 7), Share::Percent(100));
    }

    #[test]
    fn codes_round_trip() {
        for w in Wave::ALL {
            assert_eq!(Wave::from_code(w.code()), Some(*w));
        }
        for q in FollowUpQuestion::ALL {
            assert_eq!(FollowUpQuestion::from_code(q.code()), Some(*q));
        }
        assert_eq!(Reply::from_code("peut-etre"), None);
    }
}

/// What a questionnaire page's address says: just saved, postponed, or refused with what
/// was chosen and typed (so nothing is lost).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpQuery {
    pub saved: bool,
    pub postponed: bool,
    /// A [`FollowUpRefused`] code.
    pub refused: Option<String>,
    /// The codes chosen, in `FollowUpQuestion::ALL`'s order (empty: none).
    pub replies: Vec<String>,
    pub what_changed: String,
    /// An [`AnsweredHow`] code.
    pub how: String,
}

impl FollowUpForm {
    /// The form with what an address brought back.
    pub fn with_query(mut self, q: FollowUpQuery) -> Self {
        self.saved = q.saved;
        self.postponed = q.postponed;
        self.refused = q.refused.as_deref().and_then(FollowUpRefused::from_code);
        if self.refused.is_some() {
            self.replies = FollowUpQuestion::ALL
                .iter()
                .enumerate()
                .map(|(i, _)| q.replies.get(i).and_then(|c| Reply::from_code(c)))
                .collect();
            self.what_changed = q.what_changed;
            self.how = AnsweredHow::from_code(&q.how);
        }
        self
    }
}
