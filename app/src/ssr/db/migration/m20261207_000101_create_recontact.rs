//! "À recontacter" (issue 20, item 6): a session logged without a next appointment may say
//! on which day to call the learner back; the learner is then on the "à rappeler" list
//! with that day until someone calls them back (`done_at`) or they have an appointment.
//!
//! One per session at most: the unique key on `visit_id` (NULLs never collide).

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Recontact {
    Table,
    Id,
    StructureId,
    LearnerId,
    VisitId,
    Day,
    CreatedBy,
    CreatedAt,
    DoneAt,
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
                    .table(Recontact::Table)
                    .if_not_exists()
                    .col(pk_auto(Recontact::Id))
                    .col(integer(Recontact::StructureId))
                    .col(integer(Recontact::LearnerId))
                    .col(integer_null(Recontact::VisitId))
                    // `YYYY-MM-DD`, French time.
                    .col(string(Recontact::Day))
                    .col(integer(Recontact::CreatedBy))
                    .col(big_integer(Recontact::CreatedAt))
                    .col(big_integer_null(Recontact::DoneAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recontact_structure_id")
                            .from(Recontact::Table, Recontact::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recontact_learner_id")
                            .from(Recontact::Table, Recontact::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recontact_visit_id")
                            .from(Recontact::Table, Recontact::VisitId)
                            .to(Visit::Table, Visit::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recontact_created_by")
                            .from(Recontact::Table, Recontact::CreatedBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_recontact_visit")
                    .table(Recontact::Table)
                    .col(Recontact::VisitId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recontact_structure")
                    .table(Recontact::Table)
                    .col(Recontact::StructureId)
                    .col(Recontact::DoneAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Recontact::Table).to_owned())
            .await
    }
}
