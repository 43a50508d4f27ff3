//! The days a person was met by a structure (or by one of its volunteers), or practised
//! alone, in one year, as twelve bit sets: kept by `services::stats_people` so that the
//! people of a period are counted once each without reading its sessions.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_people_year")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i32,
    /// `met`, `volunteer` or `alone` (`services::stats_people::Kind`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// The volunteer's id for `volunteer` (0: none), else 0.
    #[sea_orm(primary_key, auto_increment = false)]
    pub item: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub learner_id: i32,
    /// The days of each month: bit `d - 1` for the day `d`.
    pub m01: i32,
    pub m02: i32,
    pub m03: i32,
    pub m04: i32,
    pub m05: i32,
    pub m06: i32,
    pub m07: i32,
    pub m08: i32,
    pub m09: i32,
    pub m10: i32,
    pub m11: i32,
    pub m12: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
