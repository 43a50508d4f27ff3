use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What must outlive a request without being a record of its own: forms kept as typed
/// while their errors are fixed, invitation links shown once, editor texts not saved yet,
/// the state of a practice exercise. In the database so that any instance of the server
/// finds what another one kept; each row expires and is purged.
#[derive(DeriveIden)]
enum KeptDraft {
    Table,
    Key,
    Kind,
    Owner,
    Value,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(KeptDraft::Table)
                    .if_not_exists()
                    .col(string(KeptDraft::Key).primary_key())
                    .col(string(KeptDraft::Kind))
                    .col(string(KeptDraft::Owner))
                    .col(text(KeptDraft::Value))
                    .col(big_integer(KeptDraft::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_kept_draft_expires_at")
                    .table(KeptDraft::Table)
                    .col(KeptDraft::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KeptDraft::Table).to_owned())
            .await
    }
}
