//! What is wrong with a field of a staff form (the pages word it).

use serde::{Deserialize, Serialize};

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
    /// La Coop's place type not chosen.
    NoPlaceType,
    /// At home or in another place: the commune is needed.
    NoCommune,
    CommuneTooLong {
        max: usize,
    },
    /// No Coop theme ticked, and no advised lesson to propose one.
    NoTheme,
    /// A value the form does not offer (a form from another version, or forged).
    UnknownChoice,
    /// Not a whole number of participants between 0 and `max`.
    BadCount {
        max: i32,
    },
    /// More participants "already followed" than participants.
    FollowedOverCount,
    TitleTooLong {
        max: usize,
    },
    /// "À recontacter" without a day, or a day that is not a date.
    NoRecontactDay,
    /// "À recontacter" on a day already gone.
    PastRecontactDay,
    /// The next visit's slot was booked meanwhile, or is no longer free.
    SlotTaken,
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
