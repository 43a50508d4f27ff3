//! A learner's move to another structure of the programme, with their consent.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learner_move")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub from_structure_id: i32,
    pub to_structure_id: i32,
    /// The coordinator who recorded the learner's consent (`None` if their account went).
    pub staff_id: Option<i32>,
    /// When the consent was recorded (the learner said yes aloud, and the box was ticked).
    pub consent_at: i64,
    pub moved_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
