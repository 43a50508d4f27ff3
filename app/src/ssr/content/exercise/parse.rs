//! Reading an exercise block: the fence's info string, the TOML body, then the checks of
//! its kind.

use super::common::ExerciseProblem;
use super::kind::{Exercise, Kind};
use super::{fake, form, mailbox, mouse};
use crate::ssr::content::problem::Severity;
use crate::ssr::content::slug;

/// Is this fenced block's info string an exercise?
pub fn is_exercise_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("exercice")
}

const KINDS: &str = "courriel, formulaire, arnaque ou souris";

/// Parses an exercise block. `info` is the text after the opening fence.
pub fn parse(info: &str, body: &str) -> (Option<Exercise>, Vec<ExerciseProblem>) {
    let mut problems: Vec<ExerciseProblem> = Vec::new();
    let mut words = info.split_whitespace().skip(1);
    let Some(kind) = words.next() else {
        problems.push((
            None,
            Severity::Error,
            format!("écrivez le genre d'exercice après « exercice » : {KINDS}"),
        ));
        return (None, problems);
    };
    let mut id = kind.to_string();
    for word in words {
        match word.strip_prefix("{#").and_then(|w| w.strip_suffix('}')) {
            Some(given) if slug::is_valid(given) => id = given.to_string(),
            Some(given) => problems.push((
                None,
                Severity::Error,
                format!(
                    "identifiant d'exercice « {given} » invalide : lettres minuscules sans \
                     accent, chiffres et tirets"
                ),
            )),
            None => problems.push((
                None,
                Severity::Error,
                format!("mot inconnu « {word} » après « exercice {kind} »"),
            )),
        }
    }
    let kind = match kind {
        "courriel" => from_toml(body, &mut problems).map(Kind::Mailbox),
        "formulaire" => from_toml(body, &mut problems).map(Kind::Form),
        "arnaque" => from_toml(body, &mut problems).map(Kind::Fake),
        "souris" => from_toml(body, &mut problems).map(Kind::Mouse),
        other => {
            problems.push((
                None,
                Severity::Error,
                format!("genre d'exercice inconnu « {other} » : {KINDS}"),
            ));
            None
        }
    };
    let Some(kind) = kind else {
        return (None, problems);
    };
    check(&kind, &mut problems);
    let ok = !problems.iter().any(|(_, s, _)| *s == Severity::Error);
    (ok.then_some(Exercise { id, kind }), problems)
}

fn from_toml<T: serde::de::DeserializeOwned>(
    body: &str,
    problems: &mut Vec<ExerciseProblem>,
) -> Option<T> {
    match toml::from_str(body) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e
                .span()
                .map(|s| body[..s.start.min(body.len())].lines().count());
            // `lines().count()` of the text before the error is the 0-based line, except at
            // the very start of a line.
            let line = line.map(|l| {
                let start = e.span().map_or(0, |s| s.start.min(body.len()));
                if start == 0 || body[..start].ends_with('\n') {
                    l
                } else {
                    l.saturating_sub(1)
                }
            });
            problems.push((
                line,
                Severity::Error,
                format!("exercice mal écrit : {}", e.message()),
            ));
            None
        }
    }
}

fn check(kind: &Kind, problems: &mut Vec<ExerciseProblem>) {
    match kind {
        Kind::Mailbox(m) => mailbox::check(m, problems),
        Kind::Form(f) => form::check(f, problems),
        Kind::Fake(f) => fake::check(f, problems),
        Kind::Mouse(m) => mouse::check(m, problems),
    }
}
