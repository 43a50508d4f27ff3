//! When a volunteer is available: every week (`weekday` 1 = Monday … 7) or on one day
//! (`day`, `YYYY-MM-DD`), from `start_minute` to `end_minute` (minutes after midnight,
//! French time); at a place, or for home visits (`place_id` None) in the zones of
//! `availability_zone`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "availability")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub staff_id: i32,
    pub weekday: Option<i32>,
    pub day: Option<String>,
    pub start_minute: i32,
    pub end_minute: i32,
    pub place_id: Option<i32>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
