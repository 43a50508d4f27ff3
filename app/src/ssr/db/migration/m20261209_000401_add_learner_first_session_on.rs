//! The day of each learner's first session, of any structure (issue 21, items 5 and 7):
//! the follow-up questionnaire falls due 3 and 12 months after it, and the statistics find
//! the learners for whom a wave fell due in a period as a range of this column among their
//! structure's learners (`ix_learner_structure_first_session`), instead of searching every
//! session of the days concerned and each person's earlier ones. Kept by
//! `services::stats_people` as sessions are written; filled here from the sessions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Learner {
    Table,
    StructureId,
    FirstSessionOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learner::Table)
                    .add_column(ColumnDef::new(Learner::FirstSessionOn).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_learner_structure_first_session")
                    .table(Learner::Table)
                    .col(Learner::StructureId)
                    .col(Learner::FirstSessionOn)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE learner SET first_session_on = (SELECT MIN(v.date) FROM visit_learner vl \
                 JOIN visit v ON v.id = vl.visit_id WHERE vl.learner_id = learner.id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_learner_structure_first_session")
                    .table(Learner::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Learner::Table)
                    .drop_column(Learner::FirstSessionOn)
                    .to_owned(),
            )
            .await
    }
}
