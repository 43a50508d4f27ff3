//! Values kept for a while under a random key (see `ssr::drafts`): forms kept as typed,
//! invitation links shown once, editor texts, practice exercises' state.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kept_draft")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// What it is (`seance`, `lien`, `exercice`…): a key of one kind is not another's.
    pub kind: String,
    /// Whose it is (`staff:1:2`, `learner:7`), empty for nobody in particular.
    pub owner: String,
    /// JSON.
    pub value: String,
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
