//! The follow-up answers carry a copy of their learner's structure and first session
//! (issue 21, item 7): a structure's answers to a wave that fell due in a period are then
//! a range of one covering index (`ix_follow_up_answer_report`), instead of one look-up
//! per learner due (100 000 in a large structure's year). Kept equal to the learner's
//! (`stats_people::copy_to_answers`) wherever those change: a session written (the first
//! session), a move (the structure), an answer recorded. Filled here from the learners.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUpAnswer {
    Table,
    StructureId,
    FirstSessionOn,
    Wave,
    AnsweredHow,
    Learned,
    LessApprehensive,
    DidAlone,
    Recommend,
}

const INDEX: &str = "ix_follow_up_answer_report";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use FollowUpAnswer as T;
        for column in [
            ColumnDef::new(T::StructureId).integer().null().to_owned(),
            ColumnDef::new(T::FirstSessionOn).string().null().to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(T::Table).add_column(column).to_owned())
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE follow_up_answer SET \
                 structure_id = (SELECT l.structure_id FROM learner l \
                 WHERE l.id = follow_up_answer.learner_id), \
                 first_session_on = (SELECT l.first_session_on FROM learner l \
                 WHERE l.id = follow_up_answer.learner_id)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(T::Table)
                    .col(T::StructureId)
                    .col(T::Wave)
                    .col(T::FirstSessionOn)
                    .col(T::AnsweredHow)
                    .col(T::Learned)
                    .col(T::LessApprehensive)
                    .col(T::DidAlone)
                    .col(T::Recommend)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use FollowUpAnswer as T;
        manager
            .drop_index(Index::drop().name(INDEX).table(T::Table).to_owned())
            .await?;
        for column in [T::StructureId, T::FirstSessionOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(T::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
