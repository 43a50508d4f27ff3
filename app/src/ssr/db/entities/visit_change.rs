//! The trace of a session corrected or deleted: who, when, and each field before and after.
//! Kept when the session is deleted (no foreign key to it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    pub structure_id: i32,
    pub staff_id: Option<i32>,
    pub at: i64,
    pub deleted: bool,
    /// JSON: `[{"field": "minutes", "before": "60", "after": "90"}, …]`; for a deletion, the
    /// whole session as it was.
    #[sea_orm(column_type = "Text")]
    pub changes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
