//! Indexes for the statistics of a large structure's year (issue 21, item 7; measured by
//! `server/benches/stats.rs`, results in README). The figures about learners' moments read
//! the rows of the period from an index that holds all they need (the learner, and the
//! lesson), without visiting the table; whether a lesson was begun before the period, and
//! which sessions fell on a day, are one index seek each; the follow-up waves find the
//! sessions of a range of days whatever their structure.
//!
//! Three single-column indexes of `m20261207_000301_add_statistics_indexes` are replaced by
//! the wider ones starting with the same column.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(index, table, columns)`.
const ADDED: [(&str, &str, &[&str]); 6] = [
    (
        "ix_step_progress_seen_lesson",
        "step_progress",
        &["first_seen_at", "learner_id", "module", "lesson"],
    ),
    (
        "ix_step_progress_lesson_seen",
        "step_progress",
        &["learner_id", "module", "lesson", "first_seen_at"],
    ),
    (
        "ix_step_progress_completed_learner",
        "step_progress",
        &["completed_at", "learner_id"],
    ),
    (
        "ix_lesson_completion_completed_learner",
        "lesson_completion",
        &["completed_at", "learner_id"],
    ),
    ("ix_visit_date", "visit", &["date"]),
    ("ix_confidence_answered", "confidence", &["answered_at"]),
];

/// The indexes the wider ones replace: `(index, table, column)`.
const REPLACED: [(&str, &str, &str); 3] = [
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
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in ADDED {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        for (name, table, _) in REPLACED {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, column) in REPLACED {
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
        for (name, table, _) in ADDED {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
