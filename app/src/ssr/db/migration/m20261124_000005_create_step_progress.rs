use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StepProgress {
    Table,
    Id,
    LearnerId,
    Module,
    Lesson,
    Step,
    FirstSeenAt,
    LastSeenAt,
    SecondsSpent,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StepProgress::Table)
                    .if_not_exists()
                    .col(pk_auto(StepProgress::Id))
                    .col(integer(StepProgress::LearnerId))
                    .col(string(StepProgress::Module))
                    .col(string(StepProgress::Lesson))
                    .col(string(StepProgress::Step))
                    .col(big_integer(StepProgress::FirstSeenAt))
                    .col(big_integer(StepProgress::LastSeenAt))
                    .col(integer(StepProgress::SecondsSpent).default(0))
                    .col(big_integer_null(StepProgress::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_step_progress_learner")
                            .from(StepProgress::Table, StepProgress::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One row per learner and step: saving twice (two tabs, a double click) updates it.
        manager
            .create_index(
                Index::create()
                    .name("ux_step_progress_learner_step")
                    .table(StepProgress::Table)
                    .col(StepProgress::LearnerId)
                    .col(StepProgress::Module)
                    .col(StepProgress::Lesson)
                    .col(StepProgress::Step)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StepProgress::Table).to_owned())
            .await
    }
}
