//! The people of a period, each counted once (issue 21, item 7): per structure, kind
//! (`met`, `volunteer`, `alone`), year, item (a volunteer's id, else 0) and learner, the
//! days of each month as bits (`services::stats_people`). The primary key is the order a
//! structure's period is read in; the second index finds a learner's rows (whether the
//! structure met them before a period, their rows made again after a session). The rows of
//! the sessions and step records already saved are made here by `stats_learning::rebuild_people`.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Structure};
use crate::ssr::services::stats_learning;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatsPeopleYear {
    Table,
    StructureId,
    Kind,
    Year,
    Item,
    LearnerId,
    M01,
    M02,
    M03,
    M04,
    M05,
    M06,
    M07,
    M08,
    M09,
    M10,
    M11,
    M12,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use StatsPeopleYear as T;
        let mut table = Table::create();
        table
            .table(T::Table)
            .if_not_exists()
            .col(integer(T::StructureId))
            .col(string(T::Kind))
            .col(integer(T::Year))
            .col(integer(T::Item))
            .col(integer(T::LearnerId));
        for month in [
            T::M01,
            T::M02,
            T::M03,
            T::M04,
            T::M05,
            T::M06,
            T::M07,
            T::M08,
            T::M09,
            T::M10,
            T::M11,
            T::M12,
        ] {
            table.col(integer(month).default(0));
        }
        table
            .primary_key(
                Index::create()
                    .name("pk_stats_people_year")
                    .col(T::StructureId)
                    .col(T::Kind)
                    .col(T::Year)
                    .col(T::Item)
                    .col(T::LearnerId),
            )
            .foreign_key(
                ForeignKey::create()
                    .name("fk_stats_people_year_structure_id")
                    .from(T::Table, T::StructureId)
                    .to(Structure::Table, Structure::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .foreign_key(
                ForeignKey::create()
                    .name("fk_stats_people_year_learner_id")
                    .from(T::Table, T::LearnerId)
                    .to(Learner::Table, Learner::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            );
        manager.create_table(table.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_stats_people_year_learner")
                    .table(T::Table)
                    .col(T::LearnerId)
                    .col(T::StructureId)
                    .col(T::Kind)
                    .col(T::Year)
                    .to_owned(),
            )
            .await?;
        stats_learning::rebuild_people(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatsPeopleYear::Table).to_owned())
            .await
    }
}
