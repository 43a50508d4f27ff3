//! What learners see: the catalogue, module pages, steps, the end of a lesson and the home
//! page, assembled from the content catalogue and the learner's progress.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::progress::{self, LessonState, lesson_href};
use super::quiz::{self, Answered};
use super::{confidence, follow_up, practice};
use crate::model::{
    AssignedLesson, HomeView, LessonEnd, LessonItem, LessonStatus, LinkItem, ModuleCard,
    ModuleView, Moment, ResumeItem, StepBlock, StepView,
};
use crate::paths::{self, StepRef};
use crate::ssr::content::{Block, Catalog, Lesson, Module};
use crate::ssr::db::entities::{learner, module_completion, staff};
use crate::ssr::db::now;
use crate::text::dates;

pub fn catalogue(catalog: &Catalog) -> Vec<ModuleCard> {
    catalog
        .published()
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

pub async fn module_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    slug: &str,
) -> Result<Option<ModuleView>, DbErr> {
    let Some(m) = catalog.module(slug) else {
        return Ok(None);
    };
    let done = match learner {
        Some(l) => progress::completed_in_module(db, l.id, slug).await?,
        None => HashMap::new(),
    };
    let empty = HashSet::new();
    let lessons: Vec<crate::model::LessonItem> = m
        .published_lessons()
        .map(|l| {
            let state = progress::lesson_state(l, done.get(&l.slug).unwrap_or(&empty));
            LessonItem {
                slug: l.slug.clone(),
                title: l.meta.title.clone(),
                summary: l.meta.summary.clone(),
                minutes: l.meta.minutes,
                step_count: l.steps.len(),
                status: learner.map(|_| match state {
                    LessonState::NotStarted => LessonStatus::NotStarted,
                    LessonState::InProgress { done, .. } => LessonStatus::InProgress { done },
                    LessonState::Done => LessonStatus::Done,
                }),
                href: lesson_href(m, l, state),
            }
        })
        .collect();
    // Before the module: the start question. Once every lesson is done: the end question,
    // asked here too, so that a learner who left the last lesson's page without answering
    // is asked again.
    let all_done = !lessons.is_empty()
        && lessons
            .iter()
            .all(|c| matches!(c.status, Some(LessonStatus::Done)));
    let moment = if all_done { Moment::End } else { Moment::Start };
    let confidence = match learner {
        Some(l) => confidence::prompt(db, l.id, m, moment, paths::module(&m.slug)).await?,
        None => None,
    };
    Ok(Some(ModuleView {
        confidence,
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

/// What asking for a step gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Page(Box<StepView>),
    /// The step no longer exists (a trainer edited the lesson): go on where the learner was.
    Moved(String),
    NotFound,
}

pub async fn step_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    step: &StepRef,
    answered: Option<&Answered>,
    exercise: &practice::Params,
) -> Result<StepOutcome, DbErr> {
    let StepRef {
        module,
        lesson,
        step,
    } = step;
    let Some((m, l)) = catalog.lesson(module, lesson) else {
        return Ok(StepOutcome::NotFound);
    };
    // The steps this learner finished in the lesson, read once for both cases below.
    let completed = match learner {
        Some(learner) => progress::completed_steps(db, learner.id, module, lesson).await?,
        None => Default::default(),
    };
    let done = completed.contains(step);
    let Some(i) = l.step_index(step) else {
        // A step this learner went through and that is gone: the lesson changed. Otherwise
        // the address may just be mistyped: say only that this step is not there.
        let info = if done {
            paths::STEP_INFO_MOVED
        } else {
            paths::STEP_INFO_UNKNOWN
        };
        let resume = lesson_href(m, l, progress::lesson_state(l, &completed));
        return Ok(StepOutcome::Moved(paths::with_step_info(&resume, info)));
    };
    let confidence = match learner {
        Some(learner) if m.asks_confidence_at(l, i) => {
            let here = paths::step(&m.slug, &l.slug, &l.steps[i].slug);
            confidence::prompt(db, learner.id, m, Moment::Start, here).await?
        }
        _ => None,
    };
    // What the server kept of an exercise (its state, this learner's only).
    let has_exercise = l.steps[i]
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Exercise(_)));
    let kept = if has_exercise {
        practice::load(db, exercise, learner.map(|l| l.id)).await?
    } else {
        None
    };
    let mut page = step_view(
        (&m.slug, &m.meta.title),
        l,
        i,
        answered,
        (exercise, kept.as_ref()),
    );
    practice::issue_tokens(db, &mut page.blocks).await?;
    page.signed_in = learner.is_some();
    page.done = done;
    page.confidence = confidence;
    Ok(StepOutcome::Page(Box::new(page)))
}

/// A step as the player shows it: used for learners and for trainers' previews alike.
/// `exercise`: the step's URL parameters and what the server kept of the exercise they
/// name ([`practice::load`]); mouse exercises get their tokens from
/// [`practice::issue_tokens`].
pub fn step_view(
    (module_slug, module_title): (&str, &str),
    l: &Lesson,
    i: usize,
    answered: Option<&Answered>,
    (exercise, kept): (&practice::Params, Option<&practice::Progress>),
) -> StepView {
    let s = &l.steps[i];
    StepView {
        module_slug: module_slug.to_string(),
        module_title: module_title.to_string(),
        lesson_slug: l.slug.clone(),
        lesson_title: l.meta.title.clone(),
        step_slug: s.slug.clone(),
        step_title: s.title.clone(),
        blocks: s
            .blocks
            .iter()
            .map(|b| match b {
                Block::Html(html) => StepBlock::Html(html.clone()),
                Block::Question(q) => StepBlock::Question(quiz::view(q, answered)),
                Block::Exercise(e) => StepBlock::Exercise(practice::view(e, exercise, kept)),
            })
            .collect(),
        number: i + 1,
        count: l.steps.len(),
        previous_href: i
            .checked_sub(1)
            .map(|p| paths::step(module_slug, &l.slug, &l.steps[p].slug)),
        signed_in: false,
        done: false,
        shown_at: now(),
        confidence: None,
        audio: None,
        for_staff: false,
    }
}

/// "Suivant": records the step (for a signed-in learner) and says where to go: the next
/// step, or the end of the lesson. A step that no longer exists records nothing and leads
/// to where the learner was. `None` if the lesson does not exist.
pub async fn next_after(
    db: &DatabaseConnection,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    step: &StepRef,
    shown_at: Option<i64>,
) -> Result<Option<Next>, DbErr> {
    let StepRef {
        module,
        lesson,
        step,
    } = step;
    let Some((m, l)) = catalog.lesson(module, lesson) else {
        return Ok(None);
    };
    let Some(i) = l.step_index(step) else {
        let resume = resume_href(db, catalog, learner, module, lesson).await?;
        return Ok(resume.map(|href| Next {
            href: paths::with_step_info(&href, paths::STEP_INFO_MOVED),
            saved: false,
        }));
    };
    if let Some(learner) = learner {
        progress::complete_step(db, learner.id, m, l, step, shown_at).await?;
    }
    Ok(Some(Next {
        href: match l.steps.get(i + 1) {
            Some(next) => paths::step(&m.slug, &l.slug, &next.slug),
            None => paths::lesson_end(&m.slug, &l.slug),
        },
        saved: learner.is_some(),
    }))
}

/// Where "Suivant" leads, and whether the step was saved (committed) on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Next {
    pub href: String,
    pub saved: bool,
}

/// Where to resume a lesson: the first unfinished step (the first step if all are done).
pub async fn resume_href(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    module: &str,
    lesson: &str,
) -> Result<Option<String>, DbErr> {
    let Some((m, l)) = catalog.lesson(module, lesson) else {
        return Ok(None);
    };
    let state = match learner {
        Some(learner) => progress::lesson_state(
            l,
            &progress::completed_steps(db, learner.id, module, lesson).await?,
        ),
        None => LessonState::NotStarted,
    };
    Ok(Some(lesson_href(m, l, state)))
}

pub async fn lesson_end(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    module: &str,
    lesson: &str,
) -> Result<Option<LessonEnd>, DbErr> {
    let Some((m, l)) = catalog.lesson(module, lesson) else {
        return Ok(None);
    };
    let module_done = match learner {
        Some(learner) => module_completion::Entity::find()
            .filter(module_completion::Column::LearnerId.eq(learner.id))
            .filter(module_completion::Column::Module.eq(module))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    let confidence = match learner {
        Some(learner) if module_done => {
            confidence::prompt(
                db,
                learner.id,
                m,
                Moment::End,
                paths::lesson_end(&m.slug, &l.slug),
            )
            .await?
        }
        _ => None,
    };
    let lessons: Vec<&Lesson> = m.published_lessons().collect();
    let Some(pos) = lessons.iter().position(|x| x.slug == l.slug) else {
        return Ok(None);
    };
    // The next lesson of the module, or else the first lesson of the next module.
    let next = match lessons.get(pos + 1) {
        Some(n) => Some((m, *n)),
        None => catalog
            .published()
            .skip_while(|x| x.slug != m.slug)
            .nth(1)
            .and_then(|nm| nm.published_lessons().next().map(|nl| (nm, nl))),
    }
    .map(|(nm, nl)| LinkItem {
        href: paths::lesson(&nm.slug, &nl.slug),
        title: nl.meta.title.clone(),
    });
    Ok(Some(LessonEnd {
        module_slug: m.slug.clone(),
        module_title: m.meta.title.clone(),
        lesson_title: l.meta.title.clone(),
        learned: l.meta.learned.clone(),
        next,
        signed_in: learner.is_some(),
        confidence,
    }))
}

/// The home page: for a signed-in learner, the lesson to resume first, then the lessons
/// their volunteer advised, then the next lessons of the modules started.
/// Who follows a learner now (their volunteer's first name) and, if they were handed over,
/// since which day (`YYYY-MM-DD`): read from the database, not from the cached learner, so
/// that a hand-over shows at once.
async fn followed_by(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Option<(String, Option<String>)>, DbErr> {
    use sea_orm::{JoinType, QuerySelect, RelationTrait};
    let row: Option<(Option<i64>, String)> = learner::Entity::find_by_id(learner_id)
        .select_only()
        .column(learner::Column::VolunteerSince)
        .column_as(staff::Column::DisplayName, "display_name")
        .join(JoinType::InnerJoin, learner::Relation::Volunteer.def())
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(|(since, name)| {
        let first = name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        (first, since.map(dates::today_iso))
    }))
}

pub async fn home(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
) -> Result<HomeView, DbErr> {
    let Some(learner) = learner else {
        return Ok(HomeView {
            first_name: None,
            resume: None,
            assigned: Vec::new(),
            next: Vec::new(),
            replies: Vec::new(),
            volunteer: None,
            volunteer_since: None,
            moved_to: None,
        });
    };
    // Most recent first: the first lesson met is the one to resume.
    let rows = progress::for_learners(db, &[learner.id]).await?;
    let mut done: HashMap<(String, String), HashSet<String>> = HashMap::new();
    let mut recent: Vec<(String, String)> = Vec::new();
    for r in rows {
        let key = (r.module, r.lesson);
        if !done.contains_key(&key) {
            recent.push(key.clone());
        }
        let steps = done.entry(key).or_default();
        if r.completed_at.is_some() {
            steps.insert(r.step);
        }
    }
    let empty = HashSet::new();
    let state_of = |m: &Module, l: &Lesson| {
        progress::lesson_state(
            l,
            done.get(&(m.slug.clone(), l.slug.clone()))
                .unwrap_or(&empty),
        )
    };
    let item = |m: &Module, l: &Lesson, state: LessonState| ResumeItem {
        href: lesson_href(m, l, state),
        module_title: m.meta.title.clone(),
        lesson_title: l.meta.title.clone(),
        step_number: match state {
            LessonState::InProgress { resume_at, .. } => resume_at + 1,
            _ => 1,
        },
        step_count: l.steps.len(),
    };
    let mut resume: Option<(String, String, ResumeItem)> = None;
    let mut started_modules: Vec<&str> = Vec::new();
    for (module, lesson) in &recent {
        let Some((m, l)) = catalog.lesson(module, lesson) else {
            continue;
        };
        if !started_modules.contains(&module.as_str()) {
            started_modules.push(module);
        }
        let state = state_of(m, l);
        if resume.is_none() && matches!(state, LessonState::InProgress { .. }) {
            resume = Some((m.slug.clone(), l.slug.clone(), item(m, l, state)));
        }
    }
    let is_resume = |m: &str, l: &str| {
        resume
            .as_ref()
            .is_some_and(|(rm, rl, _)| rm == m && rl == l)
    };

    let assignments = follow_up::assignments_of(db, &[learner.id]).await?;
    let names =
        follow_up::staff_names(db, assignments.iter().filter_map(|a| a.assigned_by)).await?;
    let open_assignments: Vec<_> = assignments
        .into_iter()
        .filter(|a| !is_resume(&a.module, &a.lesson))
        .collect();
    let assigned: Vec<AssignedLesson> =
        follow_up::assigned_views(catalog, &open_assignments, &done, &names)
            .into_iter()
            .filter(|a| a.status != LessonStatus::Done)
            .collect();
    let assigned_keys: HashSet<(&str, &str)> = open_assignments
        .iter()
        .map(|a| (a.module.as_str(), a.lesson.as_str()))
        .collect();

    // Then the first unfinished lesson of each module started, most recent module first.
    let mut next = Vec::new();
    for module in started_modules {
        // An archived module offers no new lesson (its lesson in progress is resumed above).
        let Some(m) = catalog.module(module).filter(|m| !m.archived) else {
            continue;
        };
        if let Some(l) = m.published_lessons().find(|l| {
            state_of(m, l) != LessonState::Done
                && !is_resume(&m.slug, &l.slug)
                && !assigned_keys.contains(&(m.slug.as_str(), l.slug.as_str()))
        }) {
            next.push(item(m, l, state_of(m, l)));
        }
    }
    let (volunteer, volunteer_since) = match followed_by(db, learner.id).await? {
        Some((name, since)) => (Some(name), since),
        None => (None, None),
    };
    let moved_to = match volunteer {
        Some(_) => None,
        None => super::moves::arrived_in(db, learner.id).await?,
    };
    Ok(HomeView {
        first_name: Some(learner.first_name.clone()),
        resume: resume.map(|(_, _, r)| r),
        assigned,
        next,
        replies: follow_up::replies_for(db, catalog, learner.id).await?,
        volunteer,
        volunteer_since,
        moved_to,
    })
}
