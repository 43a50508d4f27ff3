use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ModuleCompletion {
    Table,
    Id,
    LearnerId,
    Module,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ModuleCompletion::Table)
                    .if_not_exists()
                    .col(pk_auto(ModuleCompletion::Id))
                    .col(integer(ModuleCompletion::LearnerId))
                    .col(string(ModuleCompletion::Module))
                    .col(big_integer(ModuleCompletion::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_module_completion_learner_id")
                            .from(ModuleCompletion::Table, ModuleCompletion::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_module_completion")
                    .table(ModuleCompletion::Table)
                    .col(ModuleCompletion::LearnerId)
                    .col(ModuleCompletion::Module)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ModuleCompletion::Table).to_owned())
            .await
    }
}
