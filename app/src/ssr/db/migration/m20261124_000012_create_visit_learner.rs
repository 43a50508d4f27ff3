use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VisitLearner {
    Table,
    Id,
    VisitId,
    LearnerId,
}

#[derive(DeriveIden)]
enum Visit {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VisitLearner::Table)
                    .if_not_exists()
                    .col(pk_auto(VisitLearner::Id))
                    .col(integer(VisitLearner::VisitId))
                    .col(integer(VisitLearner::LearnerId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_learner_visit_id")
                            .from(VisitLearner::Table, VisitLearner::VisitId)
                            .to(Visit::Table, Visit::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_learner_learner_id")
                            .from(VisitLearner::Table, VisitLearner::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_visit_learner")
                    .table(VisitLearner::Table)
                    .col(VisitLearner::VisitId)
                    .col(VisitLearner::LearnerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_learner_learner")
                    .table(VisitLearner::Table)
                    .col(VisitLearner::LearnerId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VisitLearner::Table).to_owned())
            .await
    }
}
