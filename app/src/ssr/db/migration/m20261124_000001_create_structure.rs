use sea_orm_migration::{prelude::*, schema::*};

use super::Structure;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Structure::Table)
                    .if_not_exists()
                    .col(pk_auto(Structure::Id))
                    .col(string(Structure::Name))
                    .col(string_null(Structure::Phone))
                    .col(big_integer(Structure::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Structure::Table).to_owned())
            .await
    }
}
