//! "J'ai besoin d'aide", pressed by a learner on a step.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub module: String,
    pub lesson: String,
    pub step: String,
    pub message: Option<String>,
    pub created_at: i64,
    pub handled_at: Option<i64>,
    pub handled_by: Option<i32>,
    /// The volunteer's answer, shown on the learner's home page.
    pub reply: Option<String>,
    /// The session during which it was handled, if it was.
    pub handled_visit_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
    #[sea_orm(
        belongs_to = "super::staff::Entity",
        from = "Column::HandledBy",
        to = "super::staff::Column::Id"
    )]
    HandledBy,
}

impl ActiveModelBehavior for ActiveModel {}
