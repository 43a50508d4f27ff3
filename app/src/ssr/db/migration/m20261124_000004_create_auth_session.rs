use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuthSession {
    Table,
    Id,
    TokenHash,
    LearnerId,
    StaffId,
    CreatedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuthSession::Table)
                    .if_not_exists()
                    .col(pk_auto(AuthSession::Id))
                    .col(string_uniq(AuthSession::TokenHash))
                    .col(integer_null(AuthSession::LearnerId))
                    .col(integer_null(AuthSession::StaffId))
                    .col(big_integer(AuthSession::CreatedAt))
                    .col(big_integer(AuthSession::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_auth_session_learner")
                            .from(AuthSession::Table, AuthSession::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_auth_session_staff")
                            .from(AuthSession::Table, AuthSession::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_auth_session_learner", AuthSession::LearnerId),
            ("ix_auth_session_staff", AuthSession::StaffId),
            ("ix_auth_session_expires", AuthSession::ExpiresAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuthSession::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuthSession::Table).to_owned())
            .await
    }
}
