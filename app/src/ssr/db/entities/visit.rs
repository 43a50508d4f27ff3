//! A help session logged by a volunteer, with the fields of La Coop de la médiation
//! numérique's activity report.

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
    /// La Coop's type: `individuel` or `collectif` (`crate::model::SessionType`).
    pub session_type: String,
    /// La Coop's place type (`crate::model::PlaceType`).
    pub place_type: String,
    /// For a session at home or in another place.
    pub commune: Option<String>,
    /// Codes joined by commas (`crate::model::Equipment`).
    pub equipment: String,
    /// Codes joined by commas (`crate::model::CoopTheme`).
    pub themes: String,
    pub autonomy: Option<String>,
    pub orientation: Option<String>,
    pub workshop_title: Option<String>,
    pub workshop_level: Option<String>,
    /// Workshop participants counted without a name, and how many had come before.
    pub anonymous: i32,
    pub anonymous_followed: i32,
    /// Last correction (seconds since the epoch).
    pub updated_at: Option<i64>,
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
