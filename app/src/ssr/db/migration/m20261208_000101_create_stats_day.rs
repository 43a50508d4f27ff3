//! Daily counters of the sessions (issue 21, item 7): per structure, day, dimension and
//! item, the sessions, minutes and anonymous participants (`services::stats_day`). The
//! primary key is the order a structure's period is read in. The counters of the sessions
//! already saved are made by `m20261209_000501_add_stats_day_named` (it runs after this
//! one, on every database), by the same function as later recomputes.

use sea_orm_migration::{prelude::*, schema::*};

use super::Structure;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsDay {
    Table,
    StructureId,
    Day,
    Dimension,
    Item,
    Sessions,
    Minutes,
    Anonymous,
    AnonymousFollowed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatsDay::Table)
                    .if_not_exists()
                    .col(integer(StatsDay::StructureId))
                    .col(string(StatsDay::Day))
                    .col(string(StatsDay::Dimension))
                    .col(string(StatsDay::Item))
                    .col(big_integer(StatsDay::Sessions))
                    .col(big_integer(StatsDay::Minutes))
                    .col(big_integer(StatsDay::Anonymous))
                    .col(big_integer(StatsDay::AnonymousFollowed))
                    .primary_key(
                        Index::create()
                            .name("pk_stats_day")
                            .col(StatsDay::StructureId)
                            .col(StatsDay::Day)
                            .col(StatsDay::Dimension)
                            .col(StatsDay::Item),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stats_day_structure_id")
                            .from(StatsDay::Table, StatsDay::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The counters of the sessions already saved are made by
        // `m20261209_000501_add_stats_day_named`, which adds a column they need.
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatsDay::Table).to_owned())
            .await
    }
}
