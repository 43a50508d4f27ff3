//! Daily counters of the confidence question (issue 21, item 7): per structure, day,
//! module and pair of levels (start, end), how many learners answered so
//! (`services::stats_confidence`). The primary key is the order a structure's period is
//! read in. The counters of the answers already saved are made here from them
//! (`stats_confidence::rebuild`), for the structure each learner was in at the time, as far
//! as `learner_move` tells.

use sea_orm_migration::{prelude::*, schema::*};

use super::Structure;
use crate::ssr::services::stats_confidence;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsConfidenceDay {
    Table,
    StructureId,
    Day,
    Module,
    LevelBefore,
    LevelAfter,
    N,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use StatsConfidenceDay as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .if_not_exists()
                    .col(integer(T::StructureId))
                    .col(string(T::Day))
                    .col(string(T::Module))
                    .col(small_integer(T::LevelBefore))
                    .col(small_integer(T::LevelAfter))
                    .col(big_integer(T::N))
                    .primary_key(
                        Index::create()
                            .name("pk_stats_confidence_day")
                            .col(T::StructureId)
                            .col(T::Day)
                            .col(T::Module)
                            .col(T::LevelBefore)
                            .col(T::LevelAfter),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stats_confidence_day_structure_id")
                            .from(T::Table, T::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        stats_confidence::rebuild(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatsConfidenceDay::Table).to_owned())
            .await
    }
}
