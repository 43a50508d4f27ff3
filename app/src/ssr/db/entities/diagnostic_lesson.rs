//! One lesson of the path saved from a diagnostic, at its place (from 0).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diagnostic_lesson")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub diagnostic_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub module: String,
    pub lesson: String,
    /// Why the diagnostic proposed it (`""`: added by the volunteer).
    pub because: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
