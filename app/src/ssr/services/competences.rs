//! The CRCN (Pix) competences a learner has worked on: those of the modules where they
//! finished at least one lesson (shown in their booklet, to their volunteer, in exports).

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::competence::Competence;
use crate::ssr::content::Catalog;
use crate::ssr::db::entities::lesson_completion;

/// The competences of a module, in code order.
pub fn of_module(catalog: &Catalog, module: &str) -> Vec<Competence> {
    catalog
        .module(module)
        .map(|m| Competence::from_codes(&m.meta.competences))
        .unwrap_or_default()
}

/// The competences of the modules where the learner finished a lesson, in code order,
/// each once.
pub async fn worked(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner_id: i32,
) -> Result<Vec<Competence>, DbErr> {
    let done = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::LearnerId.eq(learner_id))
        .all(db)
        .await?;
    Ok(from_modules(
        catalog,
        done.iter().map(|c| c.module.as_str()),
    ))
}

/// The competences of these modules, in code order, each once.
pub fn from_modules<'a>(
    catalog: &Catalog,
    modules: impl IntoIterator<Item = &'a str>,
) -> Vec<Competence> {
    let mut all: Vec<Competence> = modules
        .into_iter()
        .flat_map(|m| of_module(catalog, m))
        .collect();
    all.sort();
    all.dedup();
    all
}
