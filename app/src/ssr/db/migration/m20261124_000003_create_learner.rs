use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Learner::Table)
                    .if_not_exists()
                    .col(pk_auto(Learner::Id))
                    .col(integer(Learner::StructureId))
                    .col(integer_null(Learner::VolunteerId))
                    .col(string(Learner::FirstName))
                    .col(string_uniq(Learner::Code))
                    .col(big_integer(Learner::CreatedAt))
                    .col(big_integer_null(Learner::LastActiveAt))
                    .col(boolean_null(Learner::NotesConsent))
                    .col(big_integer_null(Learner::PrivacySeenAt))
                    .col(small_integer(Learner::TextSize).default(0))
                    .col(boolean(Learner::HighContrast).default(false))
                    .col(boolean(Learner::ReduceMotion).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_structure")
                            .from(Learner::Table, Learner::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_learner_volunteer")
                            .from(Learner::Table, Learner::VolunteerId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_learner_structure", Learner::StructureId),
            ("ix_learner_volunteer", Learner::VolunteerId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Learner::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Learner::Table).to_owned())
            .await
    }
}
