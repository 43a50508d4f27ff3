//! An appointment of a volunteer: at a place, at home, by phone, or a group session with a
//! capacity (its learners in `appointment_seat`). While `holds_slot` is `Some(true)` the
//! unique key (staff, day, start, holds_slot) keeps anyone else from booking the slot.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub staff_id: i32,
    /// `lieu`, `domicile`, `telephone` or `groupe`.
    pub kind: String,
    pub place_id: Option<i32>,
    pub zone_id: Option<i32>,
    /// `YYYY-MM-DD`, French time.
    pub day: String,
    pub start_minute: i32,
    pub end_minute: i32,
    pub holds_slot: Option<bool>,
    pub capacity: Option<i32>,
    /// The learner of a one-to-one appointment.
    pub learner_id: Option<i32>,
    pub call_id: Option<i32>,
    /// The learner's commune (a home visit's only address in the agenda).
    pub commune: String,
    /// `a-venir`, `venu`, `excuse`, `annule` or `absent`.
    pub status: String,
    /// When someone called the learner back (off the "à rappeler" list).
    pub recalled_at: Option<i64>,
    pub created_by: i32,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
