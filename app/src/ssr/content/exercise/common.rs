//! What the kinds of exercise share: the problems their checks find, and a serde default.

use crate::ssr::content::problem::Severity;

/// A problem at a 0-based line of the block's body (or of the fence line if `None`).
pub type ExerciseProblem = (Option<usize>, Severity, String);

/// An error of the whole block (no line).
pub(super) fn err(problems: &mut Vec<ExerciseProblem>, message: String) {
    problems.push((None, Severity::Error, message));
}

/// serde's default for a field that is `true` unless written otherwise.
pub(super) fn yes() -> bool {
    true
}
