//! "Je me sens capable de … : pas du tout / un peu / oui, tout à fait", asked at the start
//! and at the end of each module.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::model::{ConfidenceLevel, ConfidencePrompt, Moment};
use crate::ssr::content::Module;
use crate::ssr::db::entities::confidence;
use crate::ssr::db::{WriteTransaction, now};
use crate::ssr::services::{stats_confidence, stats_learning};

/// The answer stored as 0, 1 or 2 (out of range: the nearest).
pub fn level(stored: i16) -> ConfidenceLevel {
    match stored {
        ..=0 => ConfidenceLevel::NotAtAll,
        1 => ConfidenceLevel::ALittle,
        _ => ConfidenceLevel::Fully,
    }
}

impl Moment {
    pub fn key(self) -> &'static str {
        match self {
            Moment::Start => "debut",
            Moment::End => "fin",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "debut" => Some(Moment::Start),
            "fin" => Some(Moment::End),
            _ => None,
        }
    }
}

/// Records (or changes) an answer, and what it changes in the statistics' counters of
/// the learner's pairs of answers ([`stats_confidence`]), in one transaction: durable once
/// this returns.
pub async fn record(
    db: &DatabaseConnection,
    learner_id: i32,
    module: &str,
    moment: Moment,
    level: i16,
) -> Result<(), DbErr> {
    let txn = db.begin_write().await?;
    stats_learning::lock_learners(&txn, [learner_id]).await?;
    let before = stats_confidence::pairs_of(&txn, learner_id, Some(module)).await?;
    confidence::Entity::insert(confidence::ActiveModel {
        learner_id: Set(learner_id),
        module: Set(module.to_string()),
        moment: Set(moment.key().to_string()),
        level: Set(level.clamp(0, 2)),
        answered_at: Set(now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            confidence::Column::LearnerId,
            confidence::Column::Module,
            confidence::Column::Moment,
        ])
        .update_columns([confidence::Column::Level, confidence::Column::AnsweredAt])
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let after = stats_confidence::pairs_of(&txn, learner_id, Some(module)).await?;
    stats_confidence::apply(&txn, &before, &after).await?;
    txn.commit().await
}

/// Has the learner answered for this module at this moment?
pub async fn answered(
    db: &impl ConnectionTrait,
    learner_id: i32,
    module: &str,
    moment: Moment,
) -> Result<bool, DbErr> {
    Ok(confidence::Entity::find()
        .filter(confidence::Column::LearnerId.eq(learner_id))
        .filter(confidence::Column::Module.eq(module))
        .filter(confidence::Column::Moment.eq(moment.key()))
        .one(db)
        .await?
        .is_some())
}

/// The question to ask, if not answered yet.
pub async fn prompt(
    db: &impl ConnectionTrait,
    learner_id: i32,
    module: &Module,
    moment: Moment,
    back: String,
) -> Result<Option<ConfidencePrompt>, DbErr> {
    Ok(
        (!answered(db, learner_id, &module.slug, moment).await?).then(|| ConfidencePrompt {
            module: module.slug.clone(),
            moment,
            question: module.confidence_question(),
            back,
        }),
    )
}

/// Every answer of some learners, in one query.
pub async fn for_learners(
    db: &impl ConnectionTrait,
    learner_ids: &[i32],
) -> Result<Vec<confidence::Model>, DbErr> {
    if learner_ids.is_empty() {
        return Ok(Vec::new());
    }
    confidence::Entity::find()
        .filter(confidence::Column::LearnerId.is_in(learner_ids.iter().copied()))
        .all(db)
        .await
}
