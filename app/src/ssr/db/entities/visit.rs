//! A help session logged by a volunteer, with the fields of La Coop de la médiation
//! numérique's activity report.

use sea_orm::entity::prelude::*;

use crate::ssr::services::stats_day;

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

/// The daily counters of the statistics (`services::stats_day`) follow every session
/// written through this model, in the same transaction: the day of a session saved
/// (inserted or corrected) is counted again after the write, and the day it leaves when a
/// correction moves it (another day or structure), or when it is deleted, before the write,
/// without it. Writes that go around the model (`Entity::delete_by_id`, `*_many`,
/// `update_without_returning`, raw SQL) must call `stats_day::recompute` themselves.
#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(self, db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if !insert && let Some(id) = self.id.try_as_ref().copied() {
            let old = Entity::find_by_id(id).one(db).await?;
            if let Some(old) = old {
                let structure = self
                    .structure_id
                    .try_as_ref()
                    .copied()
                    .unwrap_or(old.structure_id);
                let date = self.date.try_as_ref().unwrap_or(&old.date);
                if structure != old.structure_id || *date != old.date {
                    stats_day::recompute_without(db, old.structure_id, &old.date, id).await?;
                }
            }
        }
        Ok(self)
    }

    async fn after_save<C>(model: Model, db: &C, _insert: bool) -> Result<Model, DbErr>
    where
        C: ConnectionTrait,
    {
        stats_day::recompute(db, model.structure_id, &model.date).await?;
        Ok(model)
    }

    async fn before_delete<C>(self, db: &C) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let Some(id) = self.id.try_as_ref().copied()
            && let Some(old) = Entity::find_by_id(id).one(db).await?
        {
            stats_day::recompute_without(db, old.structure_id, &old.date, id).await?;
        }
        Ok(self)
    }
}
