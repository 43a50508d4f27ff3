//! What learners see: the catalogue, module pages, steps, the end of a lesson and the home
//! page, assembled from the content catalogue and the learner's progress.

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DbErr};

use super::progress::{self, LessonState};
use super::quiz::{self, Answered};
use crate::model::{
    HomePage, LessonEnd, LessonItem, LessonStatus, LinkItem, ModuleCard, ModulePage, ResumeItem,
    StepBlock, StepPage,
};
use crate::ssr::content::{Block, Catalog, Lesson, Module};
use crate::ssr::db::entities::learner;
use crate::ssr::words;

pub fn step_href(module: &str, lesson: &str, step: &str) -> String {
    format!("/modules/{module}/{lesson}/{step}")
}

pub fn end_href(module: &str, lesson: &str) -> String {
    format!("/modules/{module}/{lesson}/fin")
}

pub fn catalogue(catalog: &Catalog) -> Vec<ModuleCard> {
    catalog
        .published()
        .map(|m| ModuleCard {
            slug: m.slug.clone(),
            title: m.meta.title.clone(),
            summary: m.meta.summary.clone(),
            level: m.meta.level.label().to_string(),
            minutes: m.meta.minutes,
            lesson_count: m.published_lessons().count(),
        })
        .collect()
}

/// Where a lesson link leads for a learner in this state.
fn lesson_href(m: &Module, l: &Lesson, state: LessonState) -> String {
    let step = match state {
        LessonState::InProgress { resume_at, .. } => resume_at,
        LessonState::NotStarted | LessonState::Done => 0,
    };
    step_href(&m.slug, &l.slug, &l.steps[step].slug)
}

pub async fn module_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    slug: &str,
) -> Result<Option<ModulePage>, DbErr> {
    let Some(m) = catalog.module(slug) else {
        return Ok(None);
    };
    let done = match learner {
        Some(l) => progress::completed_in_module(db, l.id, slug).await?,
        None => HashMap::new(),
    };
    let empty = HashSet::new();
    let lessons = m
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
    Ok(Some(ModulePage {
        slug: m.slug.clone(),
        title: m.meta.title.clone(),
        summary: m.meta.summary.clone(),
        level: m.meta.level.label().to_string(),
        minutes: m.meta.minutes,
        intro_html: m.intro_html.clone(),
        objectives: m.meta.objectives.clone(),
        verified: m.meta.verified.as_deref().map(words::month_year),
        lessons,
    }))
}

pub async fn step_page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    module: &str,
    lesson: &str,
    step: &str,
    answered: Option<&Answered>,
) -> Result<Option<StepPage>, DbErr> {
    let Some((m, l)) = catalog.lesson(module, lesson) else {
        return Ok(None);
    };
    let Some(i) = l.step_index(step) else {
        return Ok(None);
    };
    let done = match learner {
        Some(learner) => progress::completed_steps(db, learner.id, module, lesson)
            .await?
            .contains(step),
        None => false,
    };
    let s = &l.steps[i];
    Ok(Some(StepPage {
        module_slug: m.slug.clone(),
        module_title: m.meta.title.clone(),
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
            })
            .collect(),
        number: i + 1,
        count: l.steps.len(),
        previous_href: i
            .checked_sub(1)
            .map(|p| step_href(&m.slug, &l.slug, &l.steps[p].slug)),
        signed_in: learner.is_some(),
        done,
    }))
}

/// Where "Suivant" leads after `step`: the next step, or the end of the lesson.
/// `None` if the lesson or step does not exist.
pub fn next_href(catalog: &Catalog, module: &str, lesson: &str, step: &str) -> Option<String> {
    let (m, l) = catalog.lesson(module, lesson)?;
    let i = l.step_index(step)?;
    Some(match l.steps.get(i + 1) {
        Some(next) => step_href(&m.slug, &l.slug, &next.slug),
        None => end_href(&m.slug, &l.slug),
    })
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

pub fn lesson_end(
    catalog: &Catalog,
    learner: Option<&learner::Model>,
    module: &str,
    lesson: &str,
) -> Option<LessonEnd> {
    let (m, l) = catalog.lesson(module, lesson)?;
    let lessons: Vec<&Lesson> = m.published_lessons().collect();
    let pos = lessons.iter().position(|x| x.slug == l.slug)?;
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
        href: format!("/modules/{}/{}", nm.slug, nl.slug),
        title: nl.meta.title.clone(),
    });
    Some(LessonEnd {
        module_slug: m.slug.clone(),
        module_title: m.meta.title.clone(),
        lesson_title: l.meta.title.clone(),
        learned: l.meta.learned.clone(),
        next,
        signed_in: learner.is_some(),
    })
}

/// The home page: for a signed-in learner, the lesson to resume first, then the next
/// lessons of the modules started.
pub async fn home(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: Option<&learner::Model>,
) -> Result<HomePage, DbErr> {
    let Some(learner) = learner else {
        return Ok(HomePage {
            first_name: None,
            resume: None,
            next: Vec::new(),
        });
    };
    // Most recent first: the first lesson met is the one to resume.
    let rows = progress::for_learners(db, &[learner.id]).await?;
    let mut done: HashMap<(&str, &str), HashSet<String>> = HashMap::new();
    let mut recent: Vec<(&str, &str)> = Vec::new();
    for r in &rows {
        let key = (r.module.as_str(), r.lesson.as_str());
        if !done.contains_key(&key) {
            recent.push(key);
        }
        if r.completed_at.is_some() {
            done.entry(key).or_default().insert(r.step.clone());
        }
    }
    let empty = HashSet::new();
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
    let mut resume = None;
    let mut started_modules: Vec<&str> = Vec::new();
    for (module, lesson) in &recent {
        let Some((m, l)) = catalog.lesson(module, lesson) else {
            continue;
        };
        if !started_modules.contains(module) {
            started_modules.push(module);
        }
        let state = progress::lesson_state(l, done.get(&(*module, *lesson)).unwrap_or(&empty));
        if resume.is_none() && matches!(state, LessonState::InProgress { .. }) {
            resume = Some(item(m, l, state));
        }
    }
    // Then the first unfinished lessons of the modules started, most recent module first.
    let mut next = Vec::new();
    for module in started_modules {
        let Some(m) = catalog.module(module) else {
            continue;
        };
        for l in m.published_lessons() {
            let state = progress::lesson_state(l, done.get(&(module, &l.slug)).unwrap_or(&empty));
            let is_resume = resume.as_ref().is_some_and(|r: &ResumeItem| {
                r.href
                    .starts_with(&format!("/modules/{}/{}/", m.slug, l.slug))
            });
            if state != LessonState::Done && !is_resume {
                next.push(item(m, l, state));
                break;
            }
        }
    }
    Ok(HomePage {
        first_name: Some(learner.first_name.clone()),
        resume,
        next,
    })
}
