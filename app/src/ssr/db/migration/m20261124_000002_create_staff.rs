use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Staff::Table)
                    .if_not_exists()
                    .col(pk_auto(Staff::Id))
                    .col(integer(Staff::StructureId))
                    .col(string_uniq(Staff::Username))
                    .col(string(Staff::DisplayName))
                    .col(string(Staff::PasswordHash))
                    .col(boolean(Staff::IsVolunteer).default(false))
                    .col(boolean(Staff::IsTrainer).default(false))
                    .col(boolean(Staff::IsCoordinator).default(false))
                    .col(big_integer(Staff::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_structure")
                            .from(Staff::Table, Staff::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_structure")
                    .table(Staff::Table)
                    .col(Staff::StructureId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Staff::Table).to_owned())
            .await
    }
}
