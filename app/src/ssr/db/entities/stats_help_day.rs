//! A structure's help requests of one day, and how soon they were answered: kept by
//! `services::stats_help` as the requests are written, summed by the statistics.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_help_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i32,
    /// `YYYY-MM-DD`, the French day as `services::stats_learning::day_of` counts it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    pub requests: i64,
    /// Answered within a day.
    pub same_day: i64,
    /// Within three days.
    pub few_days: i64,
    pub later: i64,
    /// Not answered yet.
    pub waiting: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
