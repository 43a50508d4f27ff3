//! One row per learner and step: when it was first seen and when it was finished.
//! Keyed by slugs, which stay stable when a trainer inserts or moves steps.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "step_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub module: String,
    pub lesson: String,
    pub step: String,
    pub first_seen_at: i64,
    pub last_seen_at: i64,
    /// Time spent on the step, each visit counted up to a ceiling (a PC left on overnight
    /// does not count).
    pub seconds_spent: i32,
    pub completed_at: Option<i64>,
    /// The showing of the step (`shown`) whose time was last added: "Suivant" sent twice
    /// from the same screen counts its time once.
    pub counted_shown_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
}

impl Related<super::learner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Learner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
