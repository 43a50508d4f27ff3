//! One answer of a diagnostic: an option ticked (`answer` is its id), or the free text of
//! a question (`answer` is `""`, `text` what was typed).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diagnostic_answer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub diagnostic_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub answer: String,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
