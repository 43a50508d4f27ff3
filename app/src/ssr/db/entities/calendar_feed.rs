//! A volunteer's secret calendar link (iCalendar): the SHA-256 of a random token (the
//! token is shown once, when made); a new one replaces it, removing the row revokes it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feed")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: i32,
    /// The token's hash ([`crate::ssr::auth::token_hash`]).
    #[sea_orm(unique)]
    pub token: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
