use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assignment {
    Table,
    Id,
    LearnerId,
    Module,
    Lesson,
    AssignedBy,
    VisitId,
    AssignedAt,
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
                    .table(Assignment::Table)
                    .if_not_exists()
                    .col(pk_auto(Assignment::Id))
                    .col(integer(Assignment::LearnerId))
                    .col(string(Assignment::Module))
                    .col(string(Assignment::Lesson))
                    .col(integer_null(Assignment::AssignedBy))
                    .col(integer_null(Assignment::VisitId))
                    .col(big_integer(Assignment::AssignedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assignment_learner_id")
                            .from(Assignment::Table, Assignment::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assignment_assigned_by")
                            .from(Assignment::Table, Assignment::AssignedBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assignment_visit_id")
                            .from(Assignment::Table, Assignment::VisitId)
                            .to(Visit::Table, Visit::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assignment")
                    .table(Assignment::Table)
                    .col(Assignment::LearnerId)
                    .col(Assignment::Module)
                    .col(Assignment::Lesson)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Assignment::Table).to_owned())
            .await
    }
}
