//! A module archived or deleted by a trainer: every instance reads it with the browser
//! edits (`content::sync`). No row: the module is as its files say.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "module_status")]
pub struct Model {
    /// The module's slug (its folder's name).
    #[sea_orm(primary_key, auto_increment = false)]
    pub module: String,
    /// Archived: out of the catalogue and the advised lessons, learners' history kept.
    pub archived_at: Option<i64>,
    /// Deleted (only when nobody had progress in it): served nowhere.
    pub deleted_at: Option<i64>,
    pub staff_id: Option<i32>,
    pub changed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
