//! A first-visit diagnostic taken with a learner (see the migration
//! `m20261206_001101_create_diagnostic`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diagnostic")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub learner_id: i32,
    /// Who took it (`None` once their account is gone).
    pub staff_id: Option<i32>,
    pub taken_at: i64,
    /// When its path was last saved (`None`: proposed, not saved yet).
    pub path_saved_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
