//! A seat of a group session (1 to its capacity) and the learner who has it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_seat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub appointment_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub seat: i32,
    pub learner_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
