//! What volunteers see: their learners and each one's progress per lesson.

use std::collections::{BTreeMap, HashSet};

use sea_orm::{ConnectionTrait, DbErr};

use super::{accounts, progress};
use crate::model::{Dashboard, DashboardLearner, LessonProgressRow};
use crate::ssr::auth;
use crate::ssr::content::Catalog;
use crate::ssr::db::entities::staff;
use crate::ssr::db::now;
use crate::ssr::words;

/// The volunteer's learners with their progress, in two queries whatever their number.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    volunteer: &staff::Model,
) -> Result<Dashboard, DbErr> {
    let learners = accounts::learners_of_volunteer(db, volunteer).await?;
    let ids: Vec<i32> = learners.iter().map(|l| l.id).collect();
    let mut by_learner: BTreeMap<i32, BTreeMap<(String, String), HashSet<String>>> =
        BTreeMap::new();
    for row in progress::for_learners(db, &ids).await? {
        let steps = by_learner
            .entry(row.learner_id)
            .or_default()
            .entry((row.module, row.lesson))
            .or_default();
        if row.completed_at.is_some() {
            steps.insert(row.step);
        }
    }
    let now = now();
    let learners = learners
        .into_iter()
        .map(|l| {
            let mut lessons = Vec::new();
            // In catalogue order, only lessons the learner has touched.
            if let Some(touched) = by_learner.get(&l.id) {
                for m in catalog.published() {
                    for lesson in m.published_lessons() {
                        if let Some(done) = touched.get(&(m.slug.clone(), lesson.slug.clone())) {
                            lessons.push(LessonProgressRow {
                                module_title: m.meta.title.clone(),
                                lesson_title: lesson.meta.title.clone(),
                                done: lesson
                                    .steps
                                    .iter()
                                    .filter(|s| done.contains(&s.slug))
                                    .count(),
                                total: lesson.steps.len(),
                            });
                        }
                    }
                }
            }
            DashboardLearner {
                id: l.id,
                first_name: l.first_name,
                code: auth::format_code(&l.code),
                last_active: l.last_active_at.map(|t| words::time_ago(now, t)),
                lessons,
            }
        })
        .collect();
    Ok(Dashboard {
        volunteer_name: volunteer.display_name.clone(),
        learners,
    })
}
