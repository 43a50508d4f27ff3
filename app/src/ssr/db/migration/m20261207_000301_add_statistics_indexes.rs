//! Indexes for the statistics page (issue 21, items 4 and 7): its figures about learners'
//! moments (a lesson started, a step finished, a lesson finished, a help request) read the
//! rows of a period, found by their time rather than by scanning every learner's history.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(index, table, column)`.
const INDEXES: [(&str, &str, &str); 4] = [
    (
        "ix_step_progress_first_seen",
        "step_progress",
        "first_seen_at",
    ),
    (
        "ix_step_progress_completed",
        "step_progress",
        "completed_at",
    ),
    (
        "ix_lesson_completion_completed",
        "lesson_completion",
        "completed_at",
    ),
    ("ix_help_request_created", "help_request", "created_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, column) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new(table))
                        .col(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
