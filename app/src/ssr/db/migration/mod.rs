//! Schema migrations, run at start-up and by every test against a real database.

use sea_orm_migration::prelude::*;

mod m20261124_000001_create_structure;
mod m20261124_000002_create_staff;
mod m20261124_000003_create_learner;
mod m20261124_000004_create_auth_session;
mod m20261124_000005_create_step_progress;
mod m20261124_000006_create_answer;
mod m20261124_000007_create_lesson_completion;
mod m20261124_000008_create_module_completion;
mod m20261124_000009_create_confidence;
mod m20261124_000010_create_invitation;
mod m20261124_000011_create_visit;
mod m20261124_000012_create_visit_learner;
mod m20261124_000013_create_assignment;
mod m20261124_000014_create_help_request;
mod m20261124_000015_create_retired_code;
mod m20261124_000016_add_staff_disabled_at;
mod m20261124_000020_alter_step_progress;
mod m20261205_000101_create_login_throttle;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_structure::Migration),
            Box::new(m20261124_000002_create_staff::Migration),
            Box::new(m20261124_000003_create_learner::Migration),
            Box::new(m20261124_000004_create_auth_session::Migration),
            Box::new(m20261124_000005_create_step_progress::Migration),
            Box::new(m20261124_000006_create_answer::Migration),
            Box::new(m20261124_000007_create_lesson_completion::Migration),
            Box::new(m20261124_000008_create_module_completion::Migration),
            Box::new(m20261124_000009_create_confidence::Migration),
            Box::new(m20261124_000010_create_invitation::Migration),
            Box::new(m20261124_000011_create_visit::Migration),
            Box::new(m20261124_000012_create_visit_learner::Migration),
            Box::new(m20261124_000013_create_assignment::Migration),
            Box::new(m20261124_000014_create_help_request::Migration),
            Box::new(m20261124_000015_create_retired_code::Migration),
            Box::new(m20261124_000016_add_staff_disabled_at::Migration),
            Box::new(m20261124_000020_alter_step_progress::Migration),
            Box::new(m20261205_000101_create_login_throttle::Migration),
        ]
    }
}

/// Identifiers shared by several migrations.
#[derive(DeriveIden)]
pub enum Structure {
    Table,
    Id,
    Name,
    Phone,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Staff {
    Table,
    Id,
    StructureId,
    Username,
    DisplayName,
    PasswordHash,
    IsVolunteer,
    IsTrainer,
    IsCoordinator,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Learner {
    Table,
    Id,
    StructureId,
    VolunteerId,
    FirstName,
    Code,
    CreatedAt,
    LastActiveAt,
    NotesConsent,
    PrivacySeenAt,
    TextSize,
    HighContrast,
    ReduceMotion,
}
