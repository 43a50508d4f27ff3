use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RetiredCode {
    Table,
    Id,
    Code,
    LearnerId,
    RetiredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RetiredCode::Table)
                    .if_not_exists()
                    .col(pk_auto(RetiredCode::Id))
                    .col(string_uniq(RetiredCode::Code))
                    .col(integer(RetiredCode::LearnerId))
                    .col(big_integer(RetiredCode::RetiredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retired_code_learner_id")
                            .from(RetiredCode::Table, RetiredCode::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RetiredCode::Table).to_owned())
            .await
    }
}
