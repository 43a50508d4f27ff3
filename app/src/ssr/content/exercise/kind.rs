//! An exercise of a step and its kind.

use super::fake::Fake;
use super::form::Form;
use super::mailbox::Mailbox;
use super::mouse::Mouse;

/// A practice exercise of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// Stable within the lesson: attempts are recorded under it.
    pub id: String,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Mailbox(Mailbox),
    Form(Form),
    Fake(Fake),
    Mouse(Mouse),
}
