//! Check questions, written by trainers in a fenced block:
//!
//! ````text
//! ```question
//! Où écrit-on l'adresse de la personne ?
//! - [ ] Dans le message
//!   > Non. Le message, c'est la lettre.
//! - [x] Dans le champ « À »
//!   > Oui ! C'est l'enveloppe.
//! ```
//! ````
//!
//! ```` ```question plusieurs ```` allows several right answers (checkboxes);
//! `{#identifiant}` after `question` gives a stable identifier.
//! A line `Indice : …` between the question and the answers gives a hint the learner can
//! open before answering ("Un indice").

use super::problem::Severity;
use super::slug;

/// A check question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable within the lesson: answers are recorded under it.
    pub id: String,
    pub prompt: String,
    /// Several right answers (checkboxes) rather than one (radio buttons).
    pub multiple: bool,
    pub answers: Vec<Answer>,
    /// A hint the learner can open before answering (`Indice : …`).
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub correct: bool,
    /// Shown when the learner picks this answer.
    pub explanation: Option<String>,
}

/// A problem, at a 0-based line of the block's body (or of the fence line itself if `None`).
pub type QuestionProblem = (Option<usize>, Severity, String);

/// The keys of answers in forms and URLs: `a`, `b`, `c`…
pub fn answer_key(index: usize) -> String {
    char::from(b'a' + (index as u8).min(25)).to_string()
}

impl Question {
    /// The indexes of the right answers.
    pub fn right_keys(&self) -> Vec<String> {
        self.answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.correct)
            .map(|(i, _)| answer_key(i))
            .collect()
    }

    /// Are exactly the right answers chosen?
    pub fn is_right(&self, chosen: &[String]) -> bool {
        let mut chosen: Vec<&str> = chosen.iter().map(String::as_str).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let right = self.right_keys();
        chosen.len() == right.len() && right.iter().all(|k| chosen.contains(&k.as_str()))
    }

    pub fn answer(&self, key: &str) -> Option<&Answer> {
        let b = key.as_bytes();
        (b.len() == 1 && b[0].is_ascii_lowercase())
            .then(|| self.answers.get(usize::from(b[0] - b'a')))
            .flatten()
    }
}

/// Is this fenced block's info string a question?
pub fn is_question_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("question")
}

/// Parses a question block. `info` is the text after the opening fence.
pub fn parse(info: &str, body: &str) -> (Option<Question>, Vec<QuestionProblem>) {
    let mut problems: Vec<QuestionProblem> = Vec::new();
    let mut multiple = false;
    let mut id = None;
    for word in info.split_whitespace().skip(1) {
        if word == "plusieurs" {
            multiple = true;
        } else if let Some(given) = word.strip_prefix("{#").and_then(|w| w.strip_suffix('}')) {
            if slug::is_valid(given) {
                id = Some(given.to_string());
            } else {
                problems.push((
                    None,
                    Severity::Error,
                    format!(
                        "identifiant de question « {given} » invalide : lettres minuscules sans \
                         accent, chiffres et tirets"
                    ),
                ));
            }
        } else {
            problems.push((
                None,
                Severity::Error,
                format!(
                    "mot inconnu « {word} » après « question » : écrivez « question » ou \
                     « question plusieurs »"
                ),
            ));
        }
    }

    let mut prompt = Vec::new();
    let mut hint: Option<String> = None;
    let mut answers: Vec<Answer> = Vec::new();
    let mut answer_lines = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(given) = hint_line(trimmed) {
            if !answers.is_empty() && !line.starts_with([' ', '\t']) {
                problems.push((
                    Some(n),
                    Severity::Error,
                    "l'indice vient après la question et avant les réponses".into(),
                ));
                continue;
            } else if answers.is_empty() {
                if hint.is_some() {
                    problems.push((
                        Some(n),
                        Severity::Error,
                        "deux indices : une question a un seul indice, sur une ligne « Indice : … »"
                            .into(),
                    ));
                } else if given.is_empty() {
                    problems.push((
                        Some(n),
                        Severity::Error,
                        "indice vide : écrivez l'indice après « Indice : »".into(),
                    ));
                } else {
                    hint = Some(given.to_string());
                }
                continue;
            }
        }
        if let Some((correct, text)) = answer_line(trimmed) {
            if text.is_empty() {
                problems.push((Some(n), Severity::Error, "réponse vide".into()));
            }
            answers.push(Answer {
                text: text.to_string(),
                correct,
                explanation: None,
            });
            answer_lines.push(n);
        } else if answers.is_empty() {
            prompt.push(trimmed);
        } else if line.starts_with([' ', '\t']) || trimmed.starts_with('>') {
            let explanation = trimmed.trim_start_matches('>').trim();
            let last = answers.last_mut().expect("an answer");
            match &mut last.explanation {
                Some(e) => {
                    e.push(' ');
                    e.push_str(explanation);
                }
                None => last.explanation = Some(explanation.to_string()),
            }
        } else {
            problems.push((
                Some(n),
                Severity::Error,
                "ligne inattendue : une réponse commence par « - [ ] » ou « - [x] », et son \
                 explication va à la ligne suivante, décalée de deux espaces et précédée de « > »"
                    .into(),
            ));
        }
    }

    let prompt = prompt.join(" ");
    if prompt.is_empty() {
        problems.push((
            None,
            Severity::Error,
            "question sans texte : écrivez la question sur la première ligne".into(),
        ));
    }
    let right = answers.iter().filter(|a| a.correct).count();
    if answers.len() < 2 {
        problems.push((
            None,
            Severity::Error,
            "il faut au moins deux réponses, chacune sur une ligne « - [ ] … »".into(),
        ));
    } else if right == 0 {
        problems.push((
            None,
            Severity::Error,
            "question sans bonne réponse : cochez la bonne réponse avec « - [x] »".into(),
        ));
    } else if right > 1 && !multiple {
        problems.push((
            None,
            Severity::Error,
            "plusieurs bonnes réponses : écrivez « question plusieurs » pour des cases à cocher, \
             ou ne cochez qu'une réponse"
                .into(),
        ));
    }
    if answers.len() > 8 {
        problems.push((
            None,
            Severity::Error,
            "trop de réponses : huit au plus".into(),
        ));
    }
    for (answer, line) in answers.iter().zip(&answer_lines) {
        if answer.explanation.is_none() {
            problems.push((
                Some(*line),
                Severity::Warning,
                format!(
                    "la réponse « {} » n'a pas d'explication : ajoutez une ligne « > … » dessous",
                    answer.text
                ),
            ));
        }
    }
    if let Some(h) = &hint {
        let lower = h.to_lowercase();
        if let Some(right) = answers.iter().find(|a| {
            a.correct && a.text.chars().count() > 3 && lower.contains(&a.text.to_lowercase())
        }) {
            problems.push((
                None,
                Severity::Warning,
                format!(
                    "l'indice donne la réponse « {} » : mettez la personne sur la piste, sans la \
                     dire",
                    right.text
                ),
            ));
        }
    }
    let id = id.unwrap_or_else(|| {
        let mut s = slug::slugify(&prompt);
        s.truncate(40);
        s.trim_end_matches('-').to_string()
    });
    let ok = !problems.iter().any(|p| p.1 == Severity::Error);
    (
        ok.then_some(Question {
            id,
            prompt,
            multiple,
            answers,
            hint,
        }),
        problems,
    )
}

/// `Indice : text` → `"text"` (any case, with or without a space before the colon).
fn hint_line(line: &str) -> Option<&str> {
    let head = line.get(..6)?;
    if !head.eq_ignore_ascii_case("indice") {
        return None;
    }
    let rest = line[6..].trim_start().strip_prefix(':')?;
    Some(rest.trim())
}

/// `- [x] text` → `(true, "text")`.
fn answer_line(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix(['-', '*'])?.trim_start();
    let (mark, text) = rest
        .strip_prefix("[ ]")
        .map(|t| (false, t))
        .or_else(|| rest.strip_prefix("[x]").map(|t| (true, t)))
        .or_else(|| rest.strip_prefix("[X]").map(|t| (true, t)))?;
    Some((mark, text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Où écrit-on l'adresse ?\n- [ ] Dans le message\n  > Non. Le message, c'est la lettre.\n- [x] Dans le champ « À »\n  > Oui !\n  > C'est l'enveloppe.\n";

    #[test]
    fn parses_a_single_choice_question() {
        let (q, problems) = parse("question", BODY);
        assert!(problems.is_empty(), "{problems:?}");
        let q = q.unwrap();
        assert_eq!(q.id, "ou-ecrit-on-l-adresse");
        assert_eq!(q.prompt, "Où écrit-on l'adresse ?");
        assert!(!q.multiple);
        assert_eq!(q.answers.len(), 2);
        assert_eq!(
            q.answers[1].explanation.as_deref(),
            Some("Oui ! C'est l'enveloppe.")
        );
        assert_eq!(q.right_keys(), ["b"]);
        assert!(q.is_right(&["b".into()]));
        assert!(!q.is_right(&["a".into()]));
        assert!(!q.is_right(&[]));
        assert_eq!(q.answer("b").unwrap().text, "Dans le champ « À »");
        assert!(q.answer("z").is_none());
    }

    #[test]
    fn multiple_choice_needs_every_right_answer() {
        let body = "Lesquels ?\n- [x] Un\n  > oui\n- [ ] Deux\n  > non\n- [X] Trois\n  > oui\n";
        let (q, problems) = parse("question plusieurs {#lesquels}", body);
        assert!(problems.is_empty(), "{problems:?}");
        let q = q.unwrap();
        assert_eq!(q.id, "lesquels");
        assert!(q.multiple);
        assert!(q.is_right(&["c".into(), "a".into()]));
        assert!(!q.is_right(&["a".into()]));
        assert!(!q.is_right(&["a".into(), "b".into(), "c".into()]));
    }

    #[test]
    fn reports_what_trainers_get_wrong() {
        let (q, p) = parse("question", "Vrai ?\n- [ ] Oui\n  > a\n- [ ] Non\n  > b\n");
        assert!(q.is_none());
        assert!(p.iter().any(|(l, s, m)| l.is_none()
            && *s == Severity::Error
            && m.starts_with("question sans bonne réponse")));

        let (_, p) = parse("question", "Vrai ?\n- [x] Oui\n- [x] Non\n");
        assert!(
            p.iter()
                .any(|(_, _, m)| m.starts_with("plusieurs bonnes réponses"))
        );
        assert!(p.iter().any(|(l, s, m)| *l == Some(1)
            && *s == Severity::Warning
            && m.contains("« Oui » n'a pas d'explication")));

        let (_, p) = parse("question", "- [x] Oui\n  > a\n- [ ] Non\n  > b\nVrai ?\n");
        assert!(
            p.iter()
                .any(|(_, _, m)| m.starts_with("question sans texte"))
        );
        assert!(
            p.iter()
                .any(|(l, _, m)| *l == Some(4) && m.starts_with("ligne inattendue"))
        );

        let (_, p) = parse(
            "question peut-etre",
            "Vrai ?\n- [x] Oui\n  > a\n- [ ] Non\n  > b\n",
        );
        assert!(
            p.iter()
                .any(|(_, _, m)| m.starts_with("mot inconnu « peut-etre »"))
        );
    }

    #[test]
    fn a_hint_goes_between_the_question_and_the_answers() {
        let body = "Où écrit-on l'adresse ?\nIndice : pensez à l'enveloppe.\n- [ ] Dans le message\n  > Non.\n- [x] Dans le champ « À »\n  > Oui !\n";
        let (q, problems) = parse("question", body);
        assert!(problems.is_empty(), "{problems:?}");
        let q = q.unwrap();
        assert_eq!(q.hint.as_deref(), Some("pensez à l'enveloppe."));
        assert_eq!(q.prompt, "Où écrit-on l'adresse ?");
        assert!(parse("question", BODY).0.unwrap().hint.is_none());

        let (q, p) = parse("question", &body.replace("Indice :", "indice:"));
        assert!(p.is_empty(), "{p:?}");
        assert!(q.unwrap().hint.is_some());

        let (q, p) = parse("question", &format!("{body}Indice : trop tard\n"));
        assert!(q.is_none());
        assert!(p.iter().any(|(l, s, m)| *l == Some(6)
            && *s == Severity::Error
            && m.starts_with("l'indice vient après la question")));

        let twice = body.replace("Indice :", "Indice : un.\nIndice :");
        let (_, p) = parse("question", &twice);
        assert!(p.iter().any(|(_, _, m)| m.starts_with("deux indices")));

        let (_, p) = parse("question", &body.replace("pensez à l'enveloppe.", ""));
        assert!(p.iter().any(|(_, _, m)| m.starts_with("indice vide")));

        let telling = body.replace("pensez à l'enveloppe.", "c'est dans le champ « À ».");
        let (q, p) = parse("question", &telling);
        assert!(q.is_some());
        assert!(p.iter().any(|(l, s, m)| l.is_none()
            && *s == Severity::Warning
            && m.starts_with("l'indice donne la réponse")));
    }
}
