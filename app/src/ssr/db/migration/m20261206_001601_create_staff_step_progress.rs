//! A volunteer's own progress in the volunteers' training lessons (issue 22, item 4): one
//! row per step finished, like a learner's `step_progress` but owned by a member of staff.
//! The primary key makes "Suivant" sent twice (a double click, another instance) one row.

use sea_orm_migration::{prelude::*, schema::*};

use super::Staff;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StaffStepProgress {
    Table,
    StaffId,
    Module,
    Lesson,
    Step,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffStepProgress::Table)
                    .if_not_exists()
                    .col(integer(StaffStepProgress::StaffId))
                    .col(string(StaffStepProgress::Module))
                    .col(string(StaffStepProgress::Lesson))
                    .col(string(StaffStepProgress::Step))
                    .col(big_integer(StaffStepProgress::CompletedAt))
                    .primary_key(
                        Index::create()
                            .col(StaffStepProgress::StaffId)
                            .col(StaffStepProgress::Module)
                            .col(StaffStepProgress::Lesson)
                            .col(StaffStepProgress::Step),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_step_progress_staff_id")
                            .from(StaffStepProgress::Table, StaffStepProgress::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffStepProgress::Table).to_owned())
            .await
    }
}
