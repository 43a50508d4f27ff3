//! Daily counters of the learners' moments (issue 21, item 7): per structure and day, the
//! steps finished, those finished alone, the lessons started and finished
//! (`services::stats_learning`). The primary key is the order a structure's period is
//! read in. The counters of the records already saved are made here, from them, by
//! `stats_learning::rebuild_days` (for the structure each learner was in at the time, as far
//! as `learner_move` tells).

use sea_orm_migration::{prelude::*, schema::*};

use super::Structure;
use crate::ssr::services::stats_learning;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsLearningDay {
    Table,
    StructureId,
    Day,
    StepsFinished,
    StepsAlone,
    LessonsStarted,
    LessonsFinished,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatsLearningDay::Table)
                    .if_not_exists()
                    .col(integer(StatsLearningDay::StructureId))
                    .col(string(StatsLearningDay::Day))
                    .col(big_integer(StatsLearningDay::StepsFinished))
                    .col(big_integer(StatsLearningDay::StepsAlone))
                    .col(big_integer(StatsLearningDay::LessonsStarted))
                    .col(big_integer(StatsLearningDay::LessonsFinished))
                    .primary_key(
                        Index::create()
                            .name("pk_stats_learning_day")
                            .col(StatsLearningDay::StructureId)
                            .col(StatsLearningDay::Day),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stats_learning_day_structure_id")
                            .from(StatsLearningDay::Table, StatsLearningDay::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        stats_learning::rebuild_days(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatsLearningDay::Table).to_owned())
            .await
    }
}
