//! Every answer to a check question, right or wrong, in order: a wrong answer can be tried
//! again, and volunteers see where a learner hesitates.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    pub module: String,
    pub lesson: String,
    pub step: String,
    pub question: String,
    /// The keys of the answers picked, comma-separated (`a,c`).
    pub choices: String,
    pub correct: bool,
    pub answered_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::learner::Entity",
        from = "Column::LearnerId",
        to = "super::learner::Column::Id"
    )]
    Learner,
}

impl ActiveModelBehavior for ActiveModel {}
