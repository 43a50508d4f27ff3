//! The sign-in throttle's counters, shared by every instance of the server: one row per
//! key (an address group, a staff identifier from an address group, a site-wide budget
//! for one hour), named by the SHA-256 of the key, never by what was typed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    KeyHash,
    Failures,
    NextAt,
    GrantedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .if_not_exists()
                    .col(string_len(LoginThrottle::KeyHash, 64).primary_key())
                    .col(big_integer(LoginThrottle::Failures))
                    .col(big_integer(LoginThrottle::NextAt))
                    .col(big_integer(LoginThrottle::GrantedAt))
                    .col(big_integer(LoginThrottle::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_throttle_expires_at")
                    .table(LoginThrottle::Table)
                    .col(LoginThrottle::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await
    }
}
