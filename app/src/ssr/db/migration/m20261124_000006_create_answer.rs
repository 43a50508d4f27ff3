use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    LearnerId,
    Module,
    Lesson,
    Step,
    Question,
    Choices,
    Correct,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Answer::Table)
                    .if_not_exists()
                    .col(pk_auto(Answer::Id))
                    .col(integer(Answer::LearnerId))
                    .col(string(Answer::Module))
                    .col(string(Answer::Lesson))
                    .col(string(Answer::Step))
                    .col(string(Answer::Question))
                    .col(string(Answer::Choices))
                    .col(boolean(Answer::Correct))
                    .col(big_integer(Answer::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_learner")
                            .from(Answer::Table, Answer::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_answer_learner_lesson")
                    .table(Answer::Table)
                    .col(Answer::LearnerId)
                    .col(Answer::Module)
                    .col(Answer::Lesson)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Answer::Table).to_owned())
            .await
    }
}
