//! A venue of a structure (library, town hall, France Services…), in a zone or none.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "place")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub zone_id: Option<i32>,
    pub name: String,
    /// The name compared without case, accents or punctuation (unique per structure).
    pub name_key: String,
    pub address: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
