//! Schema migrations, run at start-up and by every test against a real database.

use sea_orm_migration::prelude::*;

mod m20261124_000001_create_structure;
mod m20261124_000002_create_staff;
mod m20261124_000003_create_learner;
mod m20261124_000004_create_auth_session;
mod m20261124_000005_create_step_progress;
mod m20261124_000006_create_answer;

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
}
