//! Schema migrations, run at start-up (after a backup, one instance at a time: see
//! `db::migrate`) and by every test against a real database. Each runs in its own
//! transaction, SQLite included (its DDL is transactional): a process killed in the middle
//! leaves the schema as it was before that migration, never half-changed.

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
mod m20261205_000201_create_health_check;
mod m20261205_000301_create_kept_draft;
mod m20261205_000302_create_form_token;
mod m20261205_000303_create_cache_version;
pub mod m20261206_000501_create_content_revision;
mod m20261206_000701_create_step_audio;
pub mod m20261206_000801_add_content_revision_published;
pub mod m20261206_000901_create_zone_and_place;
mod m20261206_001001_create_agenda;
mod m20261206_001101_create_diagnostic;
mod m20261206_001201_add_visit_coop_fields;
mod m20261206_001401_create_module_status;
pub mod m20261206_001501_add_step_audio_seen_at;
mod m20261206_001601_create_staff_step_progress;
mod m20261207_000101_create_recontact;
mod m20261207_000102_add_help_request_visit;
mod m20261207_000301_add_statistics_indexes;
mod m20261207_000401_create_follow_up_answer;
mod m20261207_000501_hash_calendar_feed_token;
mod m20261207_000601_create_share_link;
mod m20261207_000701_add_statistics_indexes_for_year;
mod m20261207_000801_add_learner_volunteer_since;
pub mod m20261207_001001_create_territory;
pub mod m20261207_001101_create_learner_move;
pub mod m20261207_001201_add_structure_name_key;
pub mod m20261208_000101_create_stats_day;
pub mod m20261209_000101_create_stats_learning_day;
pub mod m20261209_000201_create_stats_people_year;
mod m20261209_000301_widen_help_request_created_index;
pub mod m20261209_000401_add_learner_first_session_on;
pub mod m20261209_000501_add_stats_day_named;
pub mod m20261209_000601_create_stats_confidence_day;
pub mod m20261209_000701_create_stats_help_day;
pub mod m20261209_000801_add_follow_up_answer_learner_copy;

/// The migrations, each run in a transaction ([`InTransaction`]).
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        Listed::migrations()
            .into_iter()
            .map(|m| Box::new(InTransaction(m)) as Box<dyn MigrationTrait>)
            .collect()
    }
}

/// A migration run inside a transaction on every database (sea-orm-migration does so only
/// on PostgreSQL by default), unless it says otherwise itself.
struct InTransaction(Box<dyn MigrationTrait>);

impl MigrationName for InTransaction {
    fn name(&self) -> &str {
        self.0.name()
    }
}

#[async_trait::async_trait]
impl MigrationTrait for InTransaction {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        self.0.up(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        self.0.down(manager).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(self.0.use_transaction().unwrap_or(true))
    }
}

/// Every migration, in order.
struct Listed;

#[async_trait::async_trait]
impl MigratorTrait for Listed {
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
            Box::new(m20261205_000201_create_health_check::Migration),
            Box::new(m20261205_000301_create_kept_draft::Migration),
            Box::new(m20261205_000302_create_form_token::Migration),
            Box::new(m20261205_000303_create_cache_version::Migration),
            Box::new(m20261206_000501_create_content_revision::Migration),
            Box::new(m20261206_000701_create_step_audio::Migration),
            Box::new(m20261206_000801_add_content_revision_published::Migration),
            Box::new(m20261206_000901_create_zone_and_place::Migration),
            Box::new(m20261206_001001_create_agenda::Migration),
            Box::new(m20261206_001101_create_diagnostic::Migration),
            Box::new(m20261206_001201_add_visit_coop_fields::Migration),
            Box::new(m20261206_001401_create_module_status::Migration),
            Box::new(m20261206_001501_add_step_audio_seen_at::Migration),
            Box::new(m20261206_001601_create_staff_step_progress::Migration),
            Box::new(m20261207_000101_create_recontact::Migration),
            Box::new(m20261207_000102_add_help_request_visit::Migration),
            Box::new(m20261207_000301_add_statistics_indexes::Migration),
            Box::new(m20261207_000401_create_follow_up_answer::Migration),
            Box::new(m20261207_000501_hash_calendar_feed_token::Migration),
            Box::new(m20261207_000601_create_share_link::Migration),
            Box::new(m20261207_000701_add_statistics_indexes_for_year::Migration),
            Box::new(m20261207_000801_add_learner_volunteer_since::Migration),
            Box::new(m20261207_001001_create_territory::Migration),
            Box::new(m20261207_001101_create_learner_move::Migration),
            Box::new(m20261207_001201_add_structure_name_key::Migration),
            Box::new(m20261208_000101_create_stats_day::Migration),
            Box::new(m20261209_000101_create_stats_learning_day::Migration),
            Box::new(m20261209_000201_create_stats_people_year::Migration),
            Box::new(m20261209_000301_widen_help_request_created_index::Migration),
            Box::new(m20261209_000401_add_learner_first_session_on::Migration),
            Box::new(m20261209_000501_add_stats_day_named::Migration),
            Box::new(m20261209_000601_create_stats_confidence_day::Migration),
            Box::new(m20261209_000701_create_stats_help_day::Migration),
            Box::new(m20261209_000801_add_follow_up_answer_learner_copy::Migration),
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
