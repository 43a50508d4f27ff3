//! A learner who moves house goes to another structure of the programme with their
//! history, with their consent (issue 22, item 1): one row per move says from which
//! structure to which, who recorded the learner's consent (given aloud, at a visit or on
//! the phone) and when. The learner's home page reads the last one to say that their new
//! structure will call them.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LearnerMove {
    Table,
    Id,
    LearnerId,
    FromStructureId,
    ToStructureId,
    StaffId,
    ConsentAt,
    MovedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LearnerMove::Table)
                    .if_not_exists()
                    .col(pk_auto(LearnerMove::Id))
                    .col(integer(LearnerMove::LearnerId))
                    .col(integer(LearnerMove::FromStructureId))
                    .col(integer(LearnerMove::ToStructureId))
                    // Who recorded the consent and made the move (kept if they leave).
                    .col(integer_null(LearnerMove::StaffId))
                    .col(big_integer(LearnerMove::ConsentAt))
                    .col(big_integer(LearnerMove::MovedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_move_learner_id")
                            .from(LearnerMove::Table, LearnerMove::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_move_from_structure_id")
                            .from(LearnerMove::Table, LearnerMove::FromStructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_move_to_structure_id")
                            .from(LearnerMove::Table, LearnerMove::ToStructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_move_staff_id")
                            .from(LearnerMove::Table, LearnerMove::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_learner_move_learner")
                    .if_not_exists()
                    .table(LearnerMove::Table)
                    .col(LearnerMove::LearnerId)
                    .col(LearnerMove::MovedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_learner_move_learner")
                    .table(LearnerMove::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(LearnerMove::Table).to_owned())
            .await
    }
}
