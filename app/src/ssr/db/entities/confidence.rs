//! "Je me sens capable de …": at the start (`debut`) and end (`fin`) of a module.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "confidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub module: String,
    /// `debut` or `fin`.
    pub moment: String,
    /// 0: pas du tout, 1: un peu, 2: oui, tout à fait.
    pub level: i16,
    pub answered_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
}

impl ActiveModelBehavior for ActiveModel {}
