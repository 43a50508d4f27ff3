//! A help session logged by a volunteer: at home, a group workshop or a drop-in desk.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub volunteer_id: Option<i32>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `domicile`, `atelier` or `permanence`.
    pub kind: String,
    pub place: String,
    pub duration_minutes: i32,
    /// What was worked on.
    pub topics: String,
    /// "Ce qui a été fait, ce qui bloque": only kept if the learners agreed.
    pub note: Option<String>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::structure::Entity",
        from = "Column::StructureId",
        to = "super::structure::Column::Id"
    )]
    Structure,
    #[sea_orm(
        belongs_to = "super::staff::Entity",
        from = "Column::VolunteerId",
        to = "super::staff::Column::Id"
    )]
    Volunteer,
}

impl ActiveModelBehavior for ActiveModel {}
