//! `health_check`: one row the server rewrites every few seconds to know that the database
//! can still be written (a full disk, a read-only file); `/healthz` and `/readyz` report it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HealthCheck {
    Table,
    Id,
    CheckedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HealthCheck::Table)
                    .col(integer(HealthCheck::Id).primary_key())
                    .col(big_integer(HealthCheck::CheckedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HealthCheck::Table).to_owned())
            .await
    }
}
