//! Lessons edited in the browser: one row per saved version of a content file (see the
//! migration `m20261206_000501_create_content_revision` and `services::authoring`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Relative to the content folder: `module/lesson.md`.
    pub path: String,
    /// 1, 2, 3… per file; revision `n` was saved over revision `n - 1` (unique per file).
    pub number: i32,
    /// `None`: the file in the content folder is in effect again (an undo went back to it).
    #[sea_orm(column_type = "Text", nullable)]
    pub text: Option<String>,
    /// The revision "Annuler" puts back (0: the folder's file); `None`: nothing to undo.
    pub undo_to: Option<i32>,
    /// The hash of the folder's file when this revision was saved ("" if there was none).
    pub folder_hash: String,
    /// Learners are served the latest published revision of a file: one with no text, or
    /// whose front matter does not say `draft = true` (a draft never changes what they see).
    pub published: bool,
    pub staff_id: Option<i32>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
