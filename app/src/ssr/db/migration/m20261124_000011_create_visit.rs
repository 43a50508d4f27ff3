use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Visit {
    Table,
    Id,
    StructureId,
    VolunteerId,
    Date,
    Kind,
    Place,
    DurationMinutes,
    Topics,
    Note,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Visit::Table)
                    .if_not_exists()
                    .col(pk_auto(Visit::Id))
                    .col(integer(Visit::StructureId))
                    .col(integer_null(Visit::VolunteerId))
                    .col(string(Visit::Date))
                    .col(string(Visit::Kind))
                    .col(string(Visit::Place))
                    .col(integer(Visit::DurationMinutes))
                    .col(text(Visit::Topics))
                    .col(text_null(Visit::Note))
                    .col(big_integer(Visit::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_structure_id")
                            .from(Visit::Table, Visit::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_volunteer_id")
                            .from(Visit::Table, Visit::VolunteerId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_structure")
                    .table(Visit::Table)
                    .col(Visit::StructureId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Visit::Table).to_owned())
            .await
    }
}
