//! A structure (association, social centre, library) groups volunteers and learners.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "structure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// Shown on hand-off sheets, if set.
    pub phone: Option<String>,
    pub created_at: i64,
    /// The programme's territory it belongs to, if any.
    pub territory_id: Option<i32>,
    /// Urban, peri-urban or rural (`crate::model::network::Setting`'s code), as the
    /// programme's evaluation classifies structures; `None`: not said.
    pub setting: Option<String>,
    /// The name compared without case, accents or punctuation (unique; see the migration
    /// `m20261207_001201_add_structure_name_key`).
    pub name_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
