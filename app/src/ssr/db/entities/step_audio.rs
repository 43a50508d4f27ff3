//! The spoken audio of lesson steps, made on the server and served from the database (see
//! `crate::ssr::speech`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "step_audio")]
pub struct Model {
    /// The hex SHA-256 of what was read and how (text, voice, settings, encoder).
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub duration_ms: i64,
    pub created_at: i64,
    /// When this text was last part of a published catalogue (refreshed at most hourly);
    /// audio unseen for [`crate::ssr::speech::UNUSED_KEPT_SECS`] is removed.
    pub seen_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
