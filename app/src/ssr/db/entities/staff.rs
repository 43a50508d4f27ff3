//! Staff accounts: volunteers, trainers and coordinators (one person may hold several roles).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    /// Sign-in identifier, stored lowercase.
    #[sea_orm(unique)]
    pub username: String,
    /// First name shown to learners ("Conseillé par Camille").
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub is_volunteer: bool,
    pub is_trainer: bool,
    pub is_coordinator: bool,
    pub created_at: i64,
    /// Set when a coordinator disabled the account (the person left): no sign-in.
    pub disabled_at: Option<i64>,
    /// An administrator of the programme: creates territories and structures, names their
    /// coordinators and sees the programme's report (never any learner).
    pub is_programme_admin: bool,
    /// The territory this member coordinates, if any: they see its structures and report.
    pub territory_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::structure::Entity",
        from = "Column::StructureId",
        to = "super::structure::Column::Id"
    )]
    Structure,
}

impl Related<super::structure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Structure.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
