use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One row: a counter bumped (PostgreSQL) by every change that makes cached sessions or
/// users wrong, in the transaction that makes it. An instance trusts its cache only while
/// it has applied every change up to the counter's value.
#[derive(DeriveIden)]
enum CacheVersion {
    Table,
    Id,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CacheVersion::Table)
                    .if_not_exists()
                    .col(integer(CacheVersion::Id).primary_key())
                    .col(big_integer(CacheVersion::Version))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CacheVersion::Table)
                    .columns([CacheVersion::Id, CacheVersion::Version])
                    .values_panic([1.into(), 0i64.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CacheVersion::Table).to_owned())
            .await
    }
}
