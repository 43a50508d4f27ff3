//! What volunteers see: why a learner seems stuck, the structure's learners, and everything
//! about one learner (the dashboard is `dashboard.rs`).

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::{accounts, confidence, follow_up, practice, progress, visits};
use crate::model::{
    Ago, AnswerRow, ConfidenceRow, LearnerDetail, LearnerListItem, LessonDetail, StepDetail,
    StuckReason,
};
use crate::ssr::auth;
use crate::ssr::content::Catalog;
use crate::ssr::content::exercise::{Gesture, Kind};
use crate::ssr::db::entities::{
    answer, assignment, confidence as confidence_entity, learner, module_completion, staff,
    step_progress,
};
use crate::ssr::db::now;
use crate::text::dates;

/// Wrong answers in a row to the same question that make a learner "stuck".
pub const STUCK_WRONG_ANSWERS: usize = 3;
/// Days without activity on an advised lesson that make a learner "stuck".
pub const STUCK_IDLE_DAYS: i64 = 14;

type LessonKey = (String, String);

/// Why a learner seems stuck, in words: the same question failed several times in a row,
/// or an advised lesson untouched for two weeks.
pub fn stuck_reasons(
    catalog: &Catalog,
    at: i64,
    answers: &[&answer::Model],
    assignments: &[&assignment::Model],
    progress: &[&step_progress::Model],
) -> Vec<StuckReason> {
    let mut reasons = Vec::new();
    // Answers in time order; count wrong answers since the last right one, per question.
    let mut sorted: Vec<&&answer::Model> = answers.iter().collect();
    sorted.sort_by_key(|a| (a.answered_at, a.id));
    let mut wrong_in_a_row: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    for a in sorted {
        let key = (
            a.module.clone(),
            a.lesson.clone(),
            a.step.clone(),
            a.question.clone(),
        );
        let count = wrong_in_a_row.entry(key).or_default();
        *count = if a.correct {
            0
        } else if a.choices == practice::NOT_TRIED {
            // A gesture that could not be tried (no JavaScript) is no mistake.
            *count
        } else {
            *count + 1
        };
    }
    for ((module, lesson, step, question), count) in wrong_in_a_row {
        if count >= STUCK_WRONG_ANSWERS {
            let step = catalog.step(&module, &lesson, &step);
            if let Some(e) = step.and_then(|s| s.exercise(question.split(':').next()?)) {
                let gesture = question
                    .rsplit_once(':')
                    .and_then(|(_, g)| Gesture::from_code(g));
                reasons.push(match (&e.kind, gesture) {
                    (Kind::Mouse(_), Some(gesture)) => StuckReason::Gesture {
                        gesture,
                        misses: count,
                    },
                    _ => StuckReason::Exercise {
                        what: practice::describe(e, &question, "").0,
                        misses: count,
                    },
                });
                continue;
            }
            let prompt = step
                .and_then(|s| s.question(&question))
                .map_or(question.clone(), |q| q.prompt.clone());
            reasons.push(StuckReason::Question {
                prompt,
                misses: count,
            });
        }
    }
    for a in assignments {
        let Some((_, lesson)) = catalog
            .lesson(&a.module, &a.lesson)
            .filter(|(m, _)| !m.archived)
        else {
            continue;
        };
        let rows: Vec<&&step_progress::Model> = progress
            .iter()
            .filter(|p| p.module == a.module && p.lesson == a.lesson)
            .collect();
        let done: HashSet<&str> = rows
            .iter()
            .filter(|p| p.completed_at.is_some())
            .map(|p| p.step.as_str())
            .collect();
        if lesson.steps.iter().all(|s| done.contains(s.slug.as_str())) {
            continue;
        }
        let last = rows
            .iter()
            .map(|p| p.last_seen_at.max(p.completed_at.unwrap_or(0)))
            .max()
            .unwrap_or(0)
            .max(a.assigned_at);
        let idle_days = (at - last) / 86400;
        if idle_days >= STUCK_IDLE_DAYS {
            reasons.push(StuckReason::Idle {
                seconds: at - last,
                lesson_title: lesson.meta.title.clone(),
            });
        }
    }
    reasons
}

fn confidence_rows(catalog: &Catalog, answers: &[&confidence_entity::Model]) -> Vec<ConfidenceRow> {
    let mut rows: Vec<ConfidenceRow> = Vec::new();
    for m in catalog.with_history() {
        let find = |moment: &str| {
            answers
                .iter()
                .find(|a| a.module == m.slug && a.moment == moment)
                .map(|a| confidence::level(a.level))
        };
        let (start, end) = (find("debut"), find("fin"));
        if start.is_some() || end.is_some() {
            rows.push(ConfidenceRow {
                module_title: m.meta.title.clone(),
                question: m.confidence_question(),
                start,
                end,
            });
        }
    }
    rows
}

fn done_map(progress: &[&step_progress::Model]) -> HashMap<LessonKey, HashSet<String>> {
    let mut done: HashMap<LessonKey, HashSet<String>> = HashMap::new();
    for p in progress {
        let steps = done
            .entry((p.module.clone(), p.lesson.clone()))
            .or_default();
        if p.completed_at.is_some() {
            steps.insert(p.step.clone());
        }
    }
    done
}

/// Groups rows by learner id.
pub(super) fn by_learner<T>(rows: &[T], id: impl Fn(&T) -> i32) -> HashMap<i32, Vec<&T>> {
    let mut map: HashMap<i32, Vec<&T>> = HashMap::new();
    for r in rows {
        map.entry(id(r)).or_default().push(r);
    }
    map
}

/// Every learner of the volunteer's structure, by first name.
pub async fn structure_learners(
    db: &impl ConnectionTrait,
    volunteer: &staff::Model,
) -> Result<Vec<LearnerListItem>, DbErr> {
    let learners = learner::Entity::find()
        .filter(learner::Column::StructureId.eq(volunteer.structure_id))
        .order_by_asc(learner::Column::FirstName)
        .order_by_asc(learner::Column::Id)
        .all(db)
        .await?;
    let names = follow_up::staff_names(db, learners.iter().filter_map(|l| l.volunteer_id)).await?;
    let at = now();
    Ok(learners
        .into_iter()
        .map(|l| LearnerListItem {
            id: l.id,
            first_name: l.first_name,
            code: auth::format_code(&l.code),
            referent: l.volunteer_id.and_then(|id| names.get(&id).cloned()),
            last_active: l.last_active_at.map(|t| Ago::between(at, t)),
        })
        .collect())
}

/// Everything about one learner of the volunteer's structure; `None` for anyone else.
pub async fn learner_detail(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    volunteer: &staff::Model,
    learner_id: i32,
) -> Result<Option<LearnerDetail>, DbErr> {
    let Some(l) = accounts::learner_for_staff(db, volunteer, learner_id).await? else {
        return Ok(None);
    };
    let ids = [l.id];
    let progress = progress::for_learners(db, &ids).await?;
    let progress_refs: Vec<&step_progress::Model> = progress.iter().collect();
    let answers = answer::Entity::find()
        .filter(answer::Column::LearnerId.eq(l.id))
        .order_by_asc(answer::Column::AnsweredAt)
        .order_by_asc(answer::Column::Id)
        .all(db)
        .await?;
    let assignments = follow_up::assignments_of(db, &ids).await?;
    let help = follow_up::help_requests_of(db, &ids, false).await?;
    let modules_done = module_completion::Entity::find()
        .filter(module_completion::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let confidences = confidence::for_learners(db, &ids).await?;
    let mut staff_ids: Vec<i32> = assignments.iter().filter_map(|a| a.assigned_by).collect();
    staff_ids.extend(l.volunteer_id);
    let names = follow_up::staff_names(db, staff_ids).await?;
    let at = now();

    let mut lessons = Vec::new();
    for m in catalog.with_history() {
        for lesson in &m.lessons {
            let rows: Vec<&step_progress::Model> = progress
                .iter()
                .filter(|p| p.module == m.slug && p.lesson == lesson.slug)
                .collect();
            let lesson_answers: Vec<&answer::Model> = answers
                .iter()
                .filter(|a| a.module == m.slug && a.lesson == lesson.slug)
                .collect();
            if rows.is_empty() && lesson_answers.is_empty() {
                continue;
            }
            let steps: Vec<StepDetail> = lesson
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let row = rows.iter().find(|p| p.step == s.slug);
                    StepDetail {
                        number: i + 1,
                        title: s.title.clone(),
                        done: row.is_some_and(|p| p.completed_at.is_some()),
                        seen: row.is_some(),
                        minutes: row
                            .filter(|p| p.seconds_spent > 0)
                            .map(|p| (i64::from(p.seconds_spent) + 59) / 60),
                        answers: lesson_answers
                            .iter()
                            .filter(|a| a.step == s.slug)
                            .map(|a| {
                                let exercise =
                                    a.question.split(':').next().and_then(|id| s.exercise(id));
                                if let Some(e) = exercise {
                                    let (what, how) =
                                        practice::describe_in_words(e, &a.question, &a.choices);
                                    return AnswerRow {
                                        question: what,
                                        chosen: how,
                                        correct: a.correct,
                                        when: dates::date_fr(a.answered_at),
                                    };
                                }
                                let question = s.question(&a.question);
                                AnswerRow {
                                    question: question
                                        .map_or(a.question.clone(), |q| q.prompt.clone()),
                                    chosen: a
                                        .choices
                                        .split(',')
                                        .map(|k| {
                                            question
                                                .and_then(|q| q.answer(k))
                                                .map_or(k.to_string(), |x| x.text.clone())
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" ; "),
                                    correct: a.correct,
                                    when: dates::date_fr(a.answered_at),
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            lessons.push(LessonDetail {
                module_title: m.meta.title.clone(),
                lesson_title: lesson.meta.title.clone(),
                done: steps.iter().filter(|s| s.done).count(),
                total: steps.len(),
                steps,
            });
        }
    }
    let learner_names = HashMap::from([(l.id, l.first_name.clone())]);
    Ok(Some(LearnerDetail {
        id: l.id,
        first_name: l.first_name.clone(),
        code: auth::format_code(&l.code),
        created: dates::date_fr(l.created_at),
        last_active: l.last_active_at.map(|t| Ago::between(at, t)),
        notes_consent: l.notes_consent,
        referent: l.volunteer_id.and_then(|id| names.get(&id).cloned()),
        help_requests: follow_up::help_views(catalog, &help, &learner_names),
        assigned: follow_up::assigned_views(
            catalog,
            &assignments,
            &done_map(&progress_refs),
            &names,
        ),
        modules_done: modules_done
            .iter()
            .filter_map(|m| catalog.module(&m.module).map(|m| m.meta.title.clone()))
            .collect(),
        confidence: confidence_rows(catalog, &confidences.iter().collect::<Vec<_>>()),
        competences: super::competences::worked(db, catalog, l.id).await?,
        lessons,
        // Only this structure's sessions: a learner who moved keeps the old one's apart.
        visits: visits::for_learner_in(db, l.id, Some(volunteer.structure_id)).await?,
        can_move: volunteer.is_coordinator,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content;

    fn catalog() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        content::load(&dir).catalog
    }

    fn wrong(id: i32, at: i64, correct: bool) -> answer::Model {
        answer::Model {
            id,
            learner_id: 1,
            module: "email-la-poste".into(),
            lesson: "adresse-enveloppe".into(),
            step: "lire".into(),
            question: "adresse-bien-ecrite".into(),
            choices: "a".into(),
            correct,
            answered_at: at,
        }
    }

    /// The reasons as the dashboard says them.
    fn said(reasons: Vec<StuckReason>) -> Vec<String> {
        reasons
            .iter()
            .map(crate::text::staff::stuck_reason)
            .collect()
    }

    #[test]
    fn three_wrong_answers_in_a_row_mean_stuck_a_right_one_clears_it() {
        let c = catalog();
        let a: Vec<answer::Model> = (1..=3).map(|i| wrong(i, i as i64, false)).collect();
        let refs: Vec<&answer::Model> = a.iter().collect();
        let reasons = said(stuck_reasons(&c, 100, &refs, &[], &[]));
        assert_eq!(
            reasons,
            [
                "S'est trompé 3 fois de suite à la question « Quelle adresse e-mail est bien écrite ? »."
            ]
        );
        let mut a = a;
        a.push(wrong(4, 4, true));
        let refs: Vec<&answer::Model> = a.iter().collect();
        assert!(stuck_reasons(&c, 100, &refs, &[], &[]).is_empty());
        let two: Vec<&answer::Model> = a.iter().take(2).collect();
        assert!(stuck_reasons(&c, 100, &two, &[], &[]).is_empty());
    }

    #[test]
    fn an_advised_lesson_untouched_for_two_weeks_means_stuck() {
        let c = catalog();
        let day = 86400;
        let assignment = assignment::Model {
            id: 1,
            learner_id: 1,
            module: "email-la-poste".into(),
            lesson: "boite-de-reception".into(),
            assigned_by: None,
            visit_id: None,
            assigned_at: 0,
        };
        let reasons = said(stuck_reasons(&c, 15 * day, &[], &[&assignment], &[]));
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("Rien depuis 15 jours sur la leçon conseillée"),
            "{reasons:?}"
        );
        assert!(stuck_reasons(&c, 13 * day, &[], &[&assignment], &[]).is_empty());
        // Activity on the lesson a week ago: not stuck.
        let seen = step_progress::Model {
            id: 1,
            learner_id: 1,
            module: "email-la-poste".into(),
            lesson: "boite-de-reception".into(),
            step: "courrier".into(),
            first_seen_at: 8 * day,
            last_seen_at: 8 * day,
            seconds_spent: 0,
            completed_at: None,
            counted_shown_at: None,
        };
        assert!(stuck_reasons(&c, 15 * day, &[], &[&assignment], &[&seen]).is_empty());
    }
}
