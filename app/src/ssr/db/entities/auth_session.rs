//! Sign-in sessions. Only a hash of the cookie's token is stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// SHA-256 of the token, hex.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// Exactly one of `learner_id` and `staff_id` is set.
    pub learner_id: Option<i32>,
    pub staff_id: Option<i32>,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
    #[sea_orm(
        belongs_to = "super::staff::Entity",
        from = "Column::StaffId",
        to = "super::staff::Column::Id"
    )]
    Staff,
}

impl ActiveModelBehavior for ActiveModel {}
