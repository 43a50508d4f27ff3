//! Learners: a first name or nickname and a personal code; no e-mail, no surname.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    /// The volunteer who follows this learner, if any.
    pub volunteer_id: Option<i32>,
    pub first_name: String,
    /// The personal code, normalised (uppercase, no dash). Printed on the login card.
    #[sea_orm(unique)]
    pub code: String,
    pub created_at: i64,
    /// Last time the learner did something (seconds since the epoch).
    pub last_active_at: Option<i64>,
    /// May the volunteer keep free-text notes about this learner? `None`: not asked yet.
    pub notes_consent: Option<bool>,
    /// When the learner read who sees their progress (first sign-in).
    pub privacy_seen_at: Option<i64>,
    /// Comfort: 0 normal, 1 large, 2 very large text.
    pub text_size: i16,
    pub high_contrast: bool,
    pub reduce_motion: bool,
    /// Optional, for statistics only; `None`: not told (`crate::model::AgeBand` code).
    pub age_band: Option<String>,
    pub gender: Option<String>,
    pub social_status: Option<String>,
    pub commune: Option<String>,
    /// When they were handed to the volunteer who follows them now; `None`: their first.
    pub volunteer_since: Option<i64>,
    /// The day (`YYYY-MM-DD`) of their first session, of any structure; `None`: none yet.
    /// Kept by `services::stats_people` as sessions are written.
    pub first_session_on: Option<String>,
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
    #[sea_orm(has_many = "super::step_progress::Entity")]
    StepProgress,
}

impl Related<super::step_progress::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StepProgress.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
