//! "À recontacter": the day on which to call a learner back, said at the end of a session.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recontact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub structure_id: i32,
    pub learner_id: i32,
    /// The session that said it (one at most per session).
    pub visit_id: Option<i32>,
    /// `YYYY-MM-DD`, French time.
    pub day: String,
    pub created_by: i32,
    pub created_at: i64,
    /// When someone called the learner back (off the "à rappeler" list).
    pub done_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
