//! The volunteers' own training (issue 22, item 4): the modules written for volunteers
//! (front matter `audience = "benevoles"`), walked through with the learners' step player
//! by any member of staff, their progress kept in `staff_step_progress`, and the path shown
//! at `/benevole/formation` (with, for a coordinator, who of the structure did what).
//! Learners and visitors never reach these modules: the catalogue's learner methods leave
//! them out, and every function here takes a member of staff.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::learning::{Next, StepOutcome, step_view};
use super::practice;
use super::progress::{LessonState, lesson_href, lesson_state};
use super::quiz::{self, Answered};
use crate::model::{
    LessonEnd, LessonItem, LessonStatus, LinkItem, ModuleCard, ModuleView, TrainingLesson,
    TrainingMember, TrainingModule, TrainingView,
};
use crate::paths::{self, StepRef};
use crate::ssr::content::{Audience, Catalog, Lesson, Module};
use crate::ssr::db::entities::{staff, staff_step_progress};
use crate::ssr::db::now;
use crate::text::dates;

/// A volunteers' module, published.
fn module<'c>(catalog: &'c Catalog, slug: &str) -> Option<&'c Module> {
    catalog
        .published_for(Audience::Volunteers)
        .find(|m| m.slug == slug)
}

/// A published lesson of a volunteers' module.
fn lesson<'c>(catalog: &'c Catalog, m: &str, l: &str) -> Option<(&'c Module, &'c Lesson)> {
    let m = module(catalog, m)?;
    m.published_lessons().find(|x| x.slug == l).map(|l| (m, l))
}

/// Whether `slug` is a published volunteers' module (the pages pick the player's service by it).
pub fn is_training_module(catalog: &Catalog, slug: &str) -> bool {
    module(catalog, slug).is_some()
}

/// The volunteers' modules, as catalogue cards.
pub fn catalogue(catalog: &Catalog) -> Vec<ModuleCard> {
    catalog
        .published_for(Audience::Volunteers)
        .map(|m| ModuleCard {
            slug: m.slug.clone(),
            title: m.meta.title.clone(),
            summary: m.meta.summary.clone(),
            level: m.meta.level,
            minutes: m.meta.minutes,
            lesson_count: m.published_lessons().count(),
        })
        .collect()
}

/// Finished steps of `staff_ids`, by member, then `module/lesson`.
async fn finished(
    db: &impl ConnectionTrait,
    staff_ids: &[i32],
) -> Result<HashMap<i32, HashMap<(String, String), HashSet<String>>>, DbErr> {
    let mut out: HashMap<i32, HashMap<(String, String), HashSet<String>>> = HashMap::new();
    if staff_ids.is_empty() {
        return Ok(out);
    }
    for p in staff_step_progress::Entity::find()
        .filter(staff_step_progress::Column::StaffId.is_in(staff_ids.iter().copied()))
        .all(db)
        .await?
    {
        out.entry(p.staff_id)
            .or_default()
            .entry((p.module, p.lesson))
            .or_default()
            .insert(p.step);
    }
    Ok(out)
}

/// The steps of one lesson a member of staff finished.
pub async fn completed_steps(
    db: &impl ConnectionTrait,
    staff_id: i32,
    module: &str,
    lesson: &str,
) -> Result<HashSet<String>, DbErr> {
    Ok(staff_step_progress::Entity::find()
        .filter(staff_step_progress::Column::StaffId.eq(staff_id))
        .filter(staff_step_progress::Column::Module.eq(module))
        .filter(staff_step_progress::Column::Lesson.eq(lesson))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.step)
        .collect())
}

fn status(state: LessonState) -> LessonStatus {
    match state {
        LessonState::NotStarted => LessonStatus::NotStarted,
        LessonState::InProgress { done, .. } => LessonStatus::InProgress { done },
        LessonState::Done => LessonStatus::Done,
    }
}

/// A volunteers' module's page, with this member's progress. `None`: no such module.
pub async fn module_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    who: &staff::Model,
    slug: &str,
) -> Result<Option<ModuleView>, DbErr> {
    let Some(m) = module(catalog, slug) else {
        return Ok(None);
    };
    let done = finished(db, &[who.id])
        .await?
        .remove(&who.id)
        .unwrap_or_default();
    let empty = HashSet::new();
    let lessons = m
        .published_lessons()
        .map(|l| {
            let state = lesson_state(
                l,
                done.get(&(m.slug.clone(), l.slug.clone()))
                    .unwrap_or(&empty),
            );
            LessonItem {
                slug: l.slug.clone(),
                title: l.meta.title.clone(),
                summary: l.meta.summary.clone(),
                minutes: l.meta.minutes,
                step_count: l.steps.len(),
                status: Some(status(state)),
                href: lesson_href(m, l, state),
            }
        })
        .collect();
    Ok(Some(ModuleView {
        confidence: None,
        slug: m.slug.clone(),
        title: m.meta.title.clone(),
        summary: m.meta.summary.clone(),
        level: m.meta.level,
        minutes: m.meta.minutes,
        intro_html: m.intro_html.clone(),
        objectives: m.meta.objectives.clone(),
        verified: m.meta.verified.as_deref().map(dates::month_year),
        competences: crate::competence::Competence::from_codes(&m.meta.competences),
        lessons,
    }))
}

/// A step of a volunteers' lesson, in the learners' player.
pub async fn step_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    who: &staff::Model,
    step: &StepRef,
    answered: Option<&Answered>,
    exercise: &practice::Params,
) -> Result<StepOutcome, DbErr> {
    let Some((m, l)) = lesson(catalog, &step.module, &step.lesson) else {
        return Ok(StepOutcome::NotFound);
    };
    let completed = completed_steps(db, who.id, &m.slug, &l.slug).await?;
    let Some(i) = l.step_index(&step.step) else {
        let info = if completed.contains(&step.step) {
            paths::STEP_INFO_MOVED
        } else {
            paths::STEP_INFO_UNKNOWN
        };
        let resume = lesson_href(m, l, lesson_state(l, &completed));
        return Ok(StepOutcome::Moved(paths::with_step_info(&resume, info)));
    };
    // An exercise's state is nobody's (as in a visitor's or a trainer's preview).
    let kept = practice::load(db, exercise, None).await?;
    let mut page = step_view(
        (&m.slug, &m.meta.title),
        l,
        i,
        answered,
        (exercise, kept.as_ref()),
    );
    practice::issue_tokens(db, &mut page.blocks).await?;
    page.signed_in = true;
    page.for_staff = true;
    page.done = completed.contains(&step.step);
    Ok(StepOutcome::Page(Box::new(page)))
}

/// "Suivant" in a volunteers' lesson: records the step for this member (durably; sent
/// twice, one row) and says where to go. `None`: no such lesson.
pub async fn next_after(
    db: &DatabaseConnection,
    catalog: &Catalog,
    who: &staff::Model,
    step: &StepRef,
) -> Result<Option<Next>, DbErr> {
    let Some((m, l)) = lesson(catalog, &step.module, &step.lesson) else {
        return Ok(None);
    };
    let Some(i) = l.step_index(&step.step) else {
        let completed = completed_steps(db, who.id, &m.slug, &l.slug).await?;
        let resume = lesson_href(m, l, lesson_state(l, &completed));
        return Ok(Some(Next {
            href: paths::with_step_info(&resume, paths::STEP_INFO_MOVED),
            saved: false,
        }));
    };
    staff_step_progress::Entity::insert(staff_step_progress::ActiveModel {
        staff_id: Set(who.id),
        module: Set(m.slug.clone()),
        lesson: Set(l.slug.clone()),
        step: Set(step.step.clone()),
        completed_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([
            staff_step_progress::Column::StaffId,
            staff_step_progress::Column::Module,
            staff_step_progress::Column::Lesson,
            staff_step_progress::Column::Step,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(Some(Next {
        href: match l.steps.get(i + 1) {
            Some(next) => paths::step(&m.slug, &l.slug, &next.slug),
            None => paths::lesson_end(&m.slug, &l.slug),
        },
        saved: true,
    }))
}

/// Where to resume a volunteers' lesson.
pub async fn resume_href(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    who: &staff::Model,
    module: &str,
    lesson_slug: &str,
) -> Result<Option<String>, DbErr> {
    let Some((m, l)) = lesson(catalog, module, lesson_slug) else {
        return Ok(None);
    };
    let completed = completed_steps(db, who.id, module, lesson_slug).await?;
    Ok(Some(lesson_href(m, l, lesson_state(l, &completed))))
}

/// The end of a volunteers' lesson: what was learned, and the next lesson of the path.
pub fn lesson_end(catalog: &Catalog, module_slug: &str, lesson_slug: &str) -> Option<LessonEnd> {
    let (m, l) = lesson(catalog, module_slug, lesson_slug)?;
    let lessons: Vec<&Lesson> = m.published_lessons().collect();
    let pos = lessons.iter().position(|x| x.slug == l.slug)?;
    let next = match lessons.get(pos + 1) {
        Some(n) => Some((m, *n)),
        None => catalog
            .published_for(Audience::Volunteers)
            .skip_while(|x| x.slug != m.slug)
            .nth(1)
            .and_then(|nm| nm.published_lessons().next().map(|nl| (nm, nl))),
    }
    .map(|(nm, nl)| LinkItem {
        href: paths::lesson(&nm.slug, &nl.slug),
        title: nl.meta.title.clone(),
    });
    Some(LessonEnd {
        module_slug: m.slug.clone(),
        module_title: m.meta.title.clone(),
        lesson_title: l.meta.title.clone(),
        learned: l.meta.learned.clone(),
        next,
        signed_in: true,
        confidence: None,
    })
}

/// "Valider" on a volunteers' check question: the address that explains the answer
/// (nothing is recorded: only finished steps are). `None`: no such question.
pub fn answer_href(
    catalog: &Catalog,
    place: &StepRef,
    question_id: &str,
    chosen: &[String],
) -> Option<String> {
    let (_, l) = lesson(catalog, &place.module, &place.lesson)?;
    let question = l.step(&place.step)?.question(question_id)?;
    let chosen = quiz::valid_choices(question, chosen);
    Some(quiz::explained_href(place, question, chosen))
}

/// `/benevole/formation`: this member's path, and for a coordinator every active member of
/// their structure (only theirs) and the status of each training lesson.
pub async fn path(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    who: &staff::Model,
) -> Result<TrainingView, DbErr> {
    let lessons: Vec<(&Module, &Lesson)> = catalog
        .published_for(Audience::Volunteers)
        .flat_map(|m| m.published_lessons().map(move |l| (m, l)))
        .collect();
    let members = if who.is_coordinator {
        staff::Entity::find()
            .filter(staff::Column::StructureId.eq(who.structure_id))
            .filter(staff::Column::DisabledAt.is_null())
            .filter(
                Condition::any()
                    .add(staff::Column::IsVolunteer.eq(true))
                    .add(staff::Column::IsCoordinator.eq(true)),
            )
            .order_by_asc(staff::Column::DisplayName)
            .order_by_asc(staff::Column::Id)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let mut ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    if !ids.contains(&who.id) {
        ids.push(who.id);
    }
    let mut done = finished(db, &ids).await?;
    let empty = HashSet::new();
    let states = |progress: &HashMap<(String, String), HashSet<String>>| -> Vec<LessonState> {
        lessons
            .iter()
            .map(|(m, l)| {
                lesson_state(
                    l,
                    progress
                        .get(&(m.slug.clone(), l.slug.clone()))
                        .unwrap_or(&empty),
                )
            })
            .collect()
    };
    let mine = states(&done.remove(&who.id).unwrap_or_default());
    let mut modules: Vec<TrainingModule> = Vec::new();
    for ((m, l), state) in lessons.iter().zip(&mine) {
        if modules.last().is_none_or(|x| x.slug != m.slug) {
            modules.push(TrainingModule {
                slug: m.slug.clone(),
                title: m.meta.title.clone(),
                lessons: Vec::new(),
            });
        }
        if let Some(last) = modules.last_mut() {
            last.lessons.push(TrainingLesson {
                key: format!("{}/{}", m.slug, l.slug),
                title: l.meta.title.clone(),
                step_count: l.steps.len(),
                status: status(*state),
                href: lesson_href(m, l, *state),
            });
        }
    }
    let team = who.is_coordinator.then(|| {
        members
            .iter()
            .map(|member| {
                let states = if member.id == who.id {
                    mine.clone()
                } else {
                    states(done.get(&member.id).unwrap_or(&HashMap::new()))
                };
                TrainingMember {
                    name: member.display_name.clone(),
                    done: states.iter().filter(|s| **s == LessonState::Done).count(),
                    lessons: states.into_iter().map(status).collect(),
                }
            })
            .collect()
    });
    Ok(TrainingView {
        modules,
        team,
        coordinator: who.is_coordinator,
    })
}
