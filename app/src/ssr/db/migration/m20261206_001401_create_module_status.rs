use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A module archived or deleted by a trainer (issue 19, item 8), by the module's slug: in
/// the database, so that every instance serves the same catalogue (a module of the folder
/// has no file to mark). No row: the module is as its files say.
#[derive(DeriveIden)]
enum ModuleStatus {
    Table,
    Module,
    ArchivedAt,
    DeletedAt,
    StaffId,
    ChangedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ModuleStatus::Table)
                    .if_not_exists()
                    .col(string(ModuleStatus::Module).primary_key())
                    .col(big_integer_null(ModuleStatus::ArchivedAt))
                    .col(big_integer_null(ModuleStatus::DeletedAt))
                    .col(integer_null(ModuleStatus::StaffId))
                    .col(big_integer(ModuleStatus::ChangedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ModuleStatus::Table).to_owned())
            .await
    }
}
