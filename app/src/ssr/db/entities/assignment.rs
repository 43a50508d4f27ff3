//! A lesson a volunteer advised a learner to practise.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub module: String,
    pub lesson: String,
    pub assigned_by: Option<i32>,
    pub visit_id: Option<i32>,
    pub assigned_at: i64,
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
        from = "Column::AssignedBy",
        to = "super::staff::Column::Id"
    )]
    AssignedBy,
    #[sea_orm(
        belongs_to = "super::visit::Entity",
        from = "Column::VisitId",
        to = "super::visit::Column::Id"
    )]
    Visit,
}

impl ActiveModelBehavior for ActiveModel {}
