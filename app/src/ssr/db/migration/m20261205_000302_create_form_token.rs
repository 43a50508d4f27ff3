use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One-time form tokens: the first request with a token inserts its row (the primary key
/// refuses a second one) and records what it made in the same transaction; a second
/// request with the same token finds what the first made.
#[derive(DeriveIden)]
enum FormToken {
    Table,
    Kind,
    Owner,
    Token,
    Made,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormToken::Table)
                    .if_not_exists()
                    .col(string(FormToken::Kind))
                    .col(string(FormToken::Owner))
                    .col(string(FormToken::Token))
                    .col(string(FormToken::Made))
                    .col(big_integer(FormToken::ExpiresAt))
                    .primary_key(
                        Index::create()
                            .col(FormToken::Kind)
                            .col(FormToken::Owner)
                            .col(FormToken::Token),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_token_expires_at")
                    .table(FormToken::Table)
                    .col(FormToken::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormToken::Table).to_owned())
            .await
    }
}
