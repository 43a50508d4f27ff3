use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HelpRequest {
    Table,
    Id,
    LearnerId,
    Module,
    Lesson,
    Step,
    Message,
    CreatedAt,
    HandledAt,
    HandledBy,
    Reply,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HelpRequest::Table)
                    .if_not_exists()
                    .col(pk_auto(HelpRequest::Id))
                    .col(integer(HelpRequest::LearnerId))
                    .col(string(HelpRequest::Module))
                    .col(string(HelpRequest::Lesson))
                    .col(string(HelpRequest::Step))
                    .col(text_null(HelpRequest::Message))
                    .col(big_integer(HelpRequest::CreatedAt))
                    .col(big_integer_null(HelpRequest::HandledAt))
                    .col(integer_null(HelpRequest::HandledBy))
                    .col(text_null(HelpRequest::Reply))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_help_request_learner_id")
                            .from(HelpRequest::Table, HelpRequest::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_help_request_handled_by")
                            .from(HelpRequest::Table, HelpRequest::HandledBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_help_request_learner")
                    .table(HelpRequest::Table)
                    .col(HelpRequest::LearnerId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HelpRequest::Table).to_owned())
            .await
    }
}
