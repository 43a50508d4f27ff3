//! Daily counters of the help requests (issue 21, item 7): per structure and day, the
//! requests made and how soon they were answered (`services::stats_help`). The primary key
//! is the order a structure's period is read in. The counters of the requests already
//! saved are made here from them (`stats_help::rebuild`), for the structure each learner
//! was in at the time, as far as `learner_move` tells.

use sea_orm_migration::{prelude::*, schema::*};

use super::Structure;
use crate::ssr::services::stats_help;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsHelpDay {
    Table,
    StructureId,
    Day,
    Requests,
    SameDay,
    FewDays,
    Later,
    Waiting,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use StatsHelpDay as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .if_not_exists()
                    .col(integer(T::StructureId))
                    .col(string(T::Day))
                    .col(big_integer(T::Requests))
                    .col(big_integer(T::SameDay))
                    .col(big_integer(T::FewDays))
                    .col(big_integer(T::Later))
                    .col(big_integer(T::Waiting))
                    .primary_key(
                        Index::create()
                            .name("pk_stats_help_day")
                            .col(T::StructureId)
                            .col(T::Day),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stats_help_day_structure_id")
                            .from(T::Table, T::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        stats_help::rebuild(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatsHelpDay::Table).to_owned())
            .await
    }
}
