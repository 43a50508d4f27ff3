//! A learner's answers to the follow-up questionnaire of one wave (see the migration
//! `m20261207_000401_create_follow_up_answer`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_answer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub learner_id: i32,
    /// `3-mois` or `12-mois` (`crate::model::Wave`).
    pub wave: String,
    /// `seul`, `visite` or `telephone` (`crate::model::AnsweredHow`).
    pub answered_how: String,
    /// The volunteer who recorded them (`None`: the learner alone, or the account is gone).
    pub staff_id: Option<i32>,
    /// `oui`, `non`, `nsp` (`crate::model::Reply`), or `None`: not answered.
    pub learned: Option<String>,
    pub less_apprehensive: Option<String>,
    pub did_alone: Option<String>,
    pub recommend: Option<String>,
    /// "Qu'est-ce qui a changé pour vous ?" (may be empty).
    pub what_changed: String,
    pub answered_at: i64,
    /// A copy of the learner's `structure_id`, kept by `services::stats_people::copy_to_answers`
    /// (the report reads a structure's answers from one index).
    pub structure_id: Option<i32>,
    /// A copy of the learner's `first_session_on`, kept likewise.
    pub first_session_on: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
