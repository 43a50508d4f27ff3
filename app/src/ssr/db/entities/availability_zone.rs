//! A zone where a volunteer's home-visit availability applies.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "availability_zone")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub availability_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub zone_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
