//! A structure's learners' moments of one day (steps finished, finished alone, lessons
//! started and finished): kept by `services::stats_learning` as the records are written,
//! summed by the statistics.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_learning_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i32,
    /// `YYYY-MM-DD`, the French day as `services::stats_learning::day_of` counts it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    pub steps_finished: i64,
    /// Finished on a day without a session with the learner.
    pub steps_alone: i64,
    /// The first step record of a learner's lesson.
    pub lessons_started: i64,
    pub lessons_finished: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
