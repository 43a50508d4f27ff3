//! Public share links for a funder (issue 21, item 6): a structure's aggregated figures for
//! a period, behind a secret link. Only the SHA-256 of the link's random token is stored
//! (unique: one link per token); revoking sets `revoked_at`, the row stays for the list.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ShareLink {
    Table,
    Id,
    StructureId,
    TokenHash,
    Label,
    PeriodFrom,
    PeriodTo,
    CreatedBy,
    CreatedAt,
    RevokedAt,
    RevokedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShareLink::Table)
                    .if_not_exists()
                    .col(pk_auto(ShareLink::Id))
                    .col(integer(ShareLink::StructureId))
                    .col(string(ShareLink::TokenHash).unique_key())
                    .col(string_null(ShareLink::Label))
                    .col(string(ShareLink::PeriodFrom))
                    .col(string(ShareLink::PeriodTo))
                    .col(integer_null(ShareLink::CreatedBy))
                    .col(big_integer(ShareLink::CreatedAt))
                    .col(big_integer_null(ShareLink::RevokedAt))
                    .col(integer_null(ShareLink::RevokedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_link_structure_id")
                            .from(ShareLink::Table, ShareLink::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // A staff account removed: its links stay (the list says "compte supprimé").
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_link_created_by")
                            .from(ShareLink::Table, ShareLink::CreatedBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_link_revoked_by")
                            .from(ShareLink::Table, ShareLink::RevokedBy)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_share_link_structure_id")
                    .table(ShareLink::Table)
                    .col(ShareLink::StructureId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShareLink::Table).to_owned())
            .await
    }
}
