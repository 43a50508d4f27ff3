use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LessonCompletion {
    Table,
    Id,
    LearnerId,
    Module,
    Lesson,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LessonCompletion::Table)
                    .if_not_exists()
                    .col(pk_auto(LessonCompletion::Id))
                    .col(integer(LessonCompletion::LearnerId))
                    .col(string(LessonCompletion::Module))
                    .col(string(LessonCompletion::Lesson))
                    .col(big_integer(LessonCompletion::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lesson_completion_learner_id")
                            .from(LessonCompletion::Table, LessonCompletion::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_lesson_completion")
                    .table(LessonCompletion::Table)
                    .col(LessonCompletion::LearnerId)
                    .col(LessonCompletion::Module)
                    .col(LessonCompletion::Lesson)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LessonCompletion::Table).to_owned())
            .await
    }
}
