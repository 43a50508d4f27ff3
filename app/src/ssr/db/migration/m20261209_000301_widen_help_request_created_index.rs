//! The help requests of a period, by how soon they were answered (issue 21, item 7): read
//! from one index that holds all the figure needs (the time asked, the learner, the time
//! answered), without visiting the table. It replaces the single-column
//! `ix_help_request_created` of `m20261207_000301_add_statistics_indexes`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_help_request_created_learner")
                    .table(Alias::new("help_request"))
                    .col(Alias::new("created_at"))
                    .col(Alias::new("learner_id"))
                    .col(Alias::new("handled_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_help_request_created")
                    .table(Alias::new("help_request"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_help_request_created")
                    .table(Alias::new("help_request"))
                    .col(Alias::new("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_help_request_created_learner")
                    .table(Alias::new("help_request"))
                    .to_owned(),
            )
            .await
    }
}
