//! A call taken (a request for help by phone): who called, how to reach them, their
//! commune and zone, what they need and when they are free.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_call")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    /// The learner account made when the call was recorded.
    pub learner_id: i32,
    pub first_name: String,
    /// `telephone`, `proche` (a relative's phone) or `aucun`.
    pub reach: String,
    pub phone: String,
    pub postcode: String,
    pub commune: String,
    pub zone_id: Option<i32>,
    /// The short choices, comma-separated codes.
    pub needs: String,
    pub note: String,
    pub availability: String,
    /// No slot suited: to call back when one does.
    pub waiting: bool,
    pub created_by: i32,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
