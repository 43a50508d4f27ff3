//! Images uploaded beside a lesson in the browser, served from the database.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_image")]
pub struct Model {
    /// Relative to the content folder: `module/photo.png`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub path: String,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub staff_id: Option<i32>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
