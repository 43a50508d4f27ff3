//! The named people of the sessions in the daily counters (issue 21, item 7): a workshop's
//! named participants are a sum of days like its anonymous ones, instead of a count of the
//! period's `visit_learner` rows. Adds `stats_day.named`, then makes every counter from the
//! sessions already saved (`stats_day::rebuild`; the migration that made the table,
//! `m20261208_000101_create_stats_day`, leaves that to this one).

use sea_orm_migration::{prelude::*, schema::*};

use crate::ssr::services::stats_day;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsDay {
    Table,
    Named,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StatsDay::Table)
                    .add_column(big_integer(StatsDay::Named).default(0))
                    .to_owned(),
            )
            .await?;
        stats_day::rebuild(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StatsDay::Table)
                    .drop_column(StatsDay::Named)
                    .to_owned(),
            )
            .await
    }
}
