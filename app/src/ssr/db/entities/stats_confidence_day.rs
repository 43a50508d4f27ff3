//! How many learners of a structure answered a module's confidence question with these
//! two levels (at its start, at its end), the end on this day: kept by
//! `services::stats_confidence` as the answers are written, summed by the outcomes report.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_confidence_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i32,
    /// `YYYY-MM-DD`, the French day as `services::stats_learning::day_of` counts it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub module: String,
    /// 0, 1 or 2, as `confidence.level`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub level_before: i16,
    #[sea_orm(primary_key, auto_increment = false)]
    pub level_after: i16,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
