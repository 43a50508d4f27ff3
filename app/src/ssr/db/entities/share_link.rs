//! A public share link for a funder: a structure's aggregated figures for a period, behind
//! the SHA-256 of a random token (the token is shown once, when made). Revoked links stay,
//! with when and by whom.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    /// The token's hash ([`crate::ssr::auth::token_hash`]).
    #[sea_orm(unique)]
    pub token_hash: String,
    /// What the coordinator typed (e.g. the funder's name), at most
    /// [`crate::model::share::MAX_LABEL`] characters.
    pub label: Option<String>,
    /// The period shown, `YYYY-MM-DD`, both included.
    pub period_from: String,
    pub period_to: String,
    /// `None`: the account was since deleted.
    pub created_by: Option<i32>,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
