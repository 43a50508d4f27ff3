//! A structure's sessions of one day counted along one dimension (type, place, duration,
//! theme, volunteer, or all of them): kept by `services::stats_day` as the sessions are
//! written, summed by the statistics.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i32,
    /// `YYYY-MM-DD`, as `visit.date`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    /// `services::stats_day::Dimension::code`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub dimension: String,
    /// The value counted (a code, a duration band, a staff id), `""` for none.
    #[sea_orm(primary_key, auto_increment = false)]
    pub item: String,
    pub sessions: i64,
    pub minutes: i64,
    pub anonymous: i64,
    pub anonymous_followed: i64,
    /// The named people of the sessions (`visit_learner` rows).
    pub named: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
