//! The learners of a help session (several for a group workshop).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_learner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    pub learner_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::visit::Entity",
        from = "Column::VisitId",
        to = "super::visit::Column::Id"
    )]
    Visit,
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
}

/// A learner added to or taken from a session through the model changes its day's named
/// people: the day's counters are made again (`stats_day`), as the session's own hooks do
/// for its other fields. Writes around the model (`delete_many`, raw SQL) must call
/// `stats_day::recompute` themselves.
#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn after_save<C>(model: Model, db: &C, _insert: bool) -> Result<Model, DbErr>
    where
        C: ConnectionTrait,
    {
        recompute_day_of(db, model.visit_id).await?;
        Ok(model)
    }

    async fn after_delete<C>(self, db: &C) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let Some(visit_id) = self.visit_id.try_as_ref().copied() {
            recompute_day_of(db, visit_id).await?;
        }
        Ok(self)
    }
}

async fn recompute_day_of(db: &impl ConnectionTrait, visit_id: i32) -> Result<(), DbErr> {
    if let Some(v) = super::visit::Entity::find_by_id(visit_id).one(db).await? {
        crate::ssr::services::stats_day::recompute(db, v.structure_id, &v.date).await?;
    }
    Ok(())
}
