//! Check questions: explaining an answer and recording it.

use sea_orm::{DatabaseConnection, DbErr};

use crate::model::{AnswerChoice, Feedback, FeedbackLine, QuestionView};
use crate::paths::StepRef;
use crate::ssr::content::{Catalog, Question, question::answer_key};
use crate::ssr::db::entities::learner;
use crate::ssr::db::{insert_once_for_learner, now};

/// An answer as carried in the step's URL after "Valider": `question-id:a,c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answered {
    pub question: String,
    pub chosen: Vec<String>,
}

impl Answered {
    pub fn parse(param: &str) -> Option<Self> {
        let (question, keys) = param.split_once(':')?;
        let mut chosen: Vec<String> = keys
            .split(',')
            .filter(|k| k.len() == 1 && k.as_bytes()[0].is_ascii_lowercase())
            .map(str::to_string)
            .collect();
        chosen.sort();
        chosen.dedup();
        Some(Self {
            question: question.to_string(),
            chosen,
        })
    }

    pub fn to_param(&self) -> String {
        format!("{}:{}", self.question, self.chosen.join(","))
    }
}

/// Keeps only the keys of answers that exist.
pub fn valid_choices(question: &Question, chosen: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = chosen
        .iter()
        .filter(|k| question.answer(k).is_some())
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    if !question.multiple {
        keys.truncate(1);
    }
    keys
}

/// What the learner sees after "Valider".
pub fn feedback(question: &Question, chosen: &[String]) -> Feedback {
    if chosen.is_empty() {
        return Feedback::NothingChosen;
    }
    let lines = chosen
        .iter()
        .filter_map(|k| question.answer(k))
        .map(|a| FeedbackLine {
            answer: a.text.clone(),
            right: a.correct,
            explanation: a.explanation.clone(),
        })
        .collect::<Vec<_>>();
    let right = question.is_right(chosen);
    let missing = !right && lines.iter().all(|l| l.right);
    let right_answers = if right {
        Vec::new()
    } else {
        question
            .answers
            .iter()
            .filter(|a| a.correct)
            .map(|a| a.text.clone())
            .collect()
    };
    Feedback::Answered {
        right,
        lines,
        missing,
        right_answers,
    }
}

/// The question as the page shows it, with the learner's answer explained if given.
pub fn view(question: &Question, answered: Option<&Answered>) -> QuestionView {
    let chosen = answered
        .filter(|a| a.question == question.id)
        .map(|a| valid_choices(question, &a.chosen));
    QuestionView {
        id: question.id.clone(),
        prompt: question.prompt.clone(),
        multiple: question.multiple,
        hint: question.hint.clone(),
        answers: question
            .answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let key = answer_key(i);
                AnswerChoice {
                    chosen: chosen.as_ref().is_some_and(|c| c.contains(&key)),
                    key,
                    text: a.text.clone(),
                }
            })
            .collect(),
        feedback: chosen.map(|c| feedback(question, &c)),
    }
}

/// The same answer to the same question sent again within this many seconds is the same
/// attempt (a double click, a replayed form, "Valider" in two tabs): recorded once.
pub const SAME_ANSWER_SECONDS: i64 = 30;

/// Records one answer. Every attempt is kept, except the same choice sent again within
/// [`SAME_ANSWER_SECONDS`] (checked and inserted as one step).
pub async fn record(
    db: &DatabaseConnection,
    learner_id: i32,
    place: &StepRef,
    question: &Question,
    chosen: &[String],
) -> Result<bool, DbErr> {
    let correct = question.is_right(chosen);
    let at = now();
    let sql = "INSERT INTO answer \
               (learner_id, module, lesson, step, question, choices, correct, answered_at) \
               SELECT P1, P2, P3, P4, P5, P6, P7, P8 WHERE NOT EXISTS (\
               SELECT 1 FROM answer WHERE learner_id = P1 AND module = P2 AND lesson = P3 \
               AND step = P4 AND question = P5 AND choices = P6 AND answered_at >= P9)";
    insert_once_for_learner(
        db,
        learner_id,
        sql,
        vec![
            learner_id.into(),
            place.module.as_str().into(),
            place.lesson.as_str().into(),
            place.step.as_str().into(),
            question.id.as_str().into(),
            chosen.join(",").into(),
            correct.into(),
            at.into(),
            (at - SAME_ANSWER_SECONDS).into(),
        ],
    )
    .await?;
    super::accounts::touch(db, learner_id).await?;
    Ok(correct)
}

/// "Valider": records the answer of a signed-in learner (if something was picked) and says
/// where to show its explanation. `None` if the question does not exist (any more).
pub async fn answer(
    db: &DatabaseConnection,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    place: &StepRef,
    question_id: &str,
    chosen: &[String],
) -> Result<Option<String>, DbErr> {
    let Some(question) = catalog
        .step(&place.module, &place.lesson, &place.step)
        .and_then(|s| s.question(question_id))
    else {
        return Ok(None);
    };
    let chosen = valid_choices(question, chosen);
    if let Some(learner) = learner
        && !chosen.is_empty()
    {
        record(db, learner.id, place, question, &chosen).await?;
    }
    Ok(Some(explained_href(place, question, chosen)))
}

/// The step's address showing the explanation of `chosen` (valid keys) to `question`.
pub fn explained_href(place: &StepRef, question: &Question, chosen: Vec<String>) -> String {
    let answered = Answered {
        question: question.id.clone(),
        chosen,
    };
    format!(
        "{}?reponse={}#retour-{}",
        place.href(),
        answered.to_param().replace(',', "%2C"),
        question.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content::question;

    fn q(multiple: bool) -> Question {
        let body = "Lesquels ?\n- [x] Un\n  > Oui, un.\n- [ ] Deux\n  > Non, pas deux.\n- [x] Trois\n  > Oui, trois.\n";
        let info = if multiple {
            "question plusieurs"
        } else {
            "question"
        };
        let body = if multiple {
            body.to_string()
        } else {
            body.replace("- [x] Trois", "- [ ] Trois")
        };
        question::parse(info, &body).0.unwrap()
    }

    #[test]
    fn the_answer_travels_in_the_url() {
        let a = Answered::parse("lesquels:c,a,a,zz").unwrap();
        assert_eq!(a.chosen, ["a", "c"]);
        assert_eq!(a.to_param(), "lesquels:a,c");
        assert_eq!(
            Answered::parse("lesquels:").unwrap().chosen,
            Vec::<String>::new()
        );
        assert!(Answered::parse("nothing").is_none());
    }

    fn single_right(q: &Question) -> Vec<String> {
        q.answers
            .iter()
            .filter(|a| a.correct)
            .map(|a| a.text.clone())
            .collect()
    }

    #[test]
    fn explains_right_wrong_and_incomplete_answers() {
        let single = q(false);
        assert_eq!(feedback(&single, &[]), Feedback::NothingChosen);
        match feedback(&single, &["a".into()]) {
            Feedback::Answered {
                right,
                lines,
                missing,
                ..
            } => {
                assert!(right && !missing);
                assert_eq!(lines[0].explanation.as_deref(), Some("Oui, un."));
            }
            other => panic!("{other:?}"),
        }
        match feedback(&single, &["b".into()]) {
            Feedback::Answered {
                right,
                missing,
                right_answers,
                ..
            } => {
                assert!(!right && !missing);
                // A wrong answer is told which one was right.
                assert_eq!(right_answers, single_right(&single));
            }
            other => panic!("{other:?}"),
        }
        match feedback(&single, &["a".into()]) {
            Feedback::Answered { right_answers, .. } => assert!(right_answers.is_empty()),
            other => panic!("{other:?}"),
        }
        let multiple = q(true);
        match feedback(&multiple, &["a".into()]) {
            Feedback::Answered {
                right,
                missing,
                right_answers,
                ..
            } => {
                assert!(!right && missing);
                assert_eq!(right_answers, single_right(&multiple));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_view_marks_what_was_chosen_for_this_question_only() {
        let single = q(false);
        let answered = Answered::parse("lesquels:b").unwrap();
        let v = view(&single, Some(&answered));
        assert!(v.answers[1].chosen && !v.answers[0].chosen);
        assert!(v.feedback.is_some());
        let other = Answered::parse("autre:b").unwrap();
        assert!(view(&single, Some(&other)).feedback.is_none());
        // A single-choice question keeps one answer even if the URL says more.
        assert_eq!(valid_choices(&single, &["a".into(), "b".into()]), ["a"]);
    }
}
