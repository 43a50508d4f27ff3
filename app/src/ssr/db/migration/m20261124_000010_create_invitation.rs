use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    StructureId,
    TokenHash,
    StaffId,
    DisplayName,
    IsVolunteer,
    IsTrainer,
    IsCoordinator,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .if_not_exists()
                    .col(pk_auto(Invitation::Id))
                    .col(integer(Invitation::StructureId))
                    .col(string_uniq(Invitation::TokenHash))
                    .col(integer_null(Invitation::StaffId))
                    .col(string(Invitation::DisplayName))
                    .col(boolean(Invitation::IsVolunteer))
                    .col(boolean(Invitation::IsTrainer))
                    .col(boolean(Invitation::IsCoordinator))
                    .col(integer_null(Invitation::CreatedBy))
                    .col(big_integer(Invitation::CreatedAt))
                    .col(big_integer(Invitation::ExpiresAt))
                    .col(big_integer_null(Invitation::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_structure_id")
                            .from(Invitation::Table, Invitation::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_staff_id")
                            .from(Invitation::Table, Invitation::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_created_by")
                            .from(Invitation::Table, Invitation::CreatedBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitation::Table).to_owned())
            .await
    }
}
