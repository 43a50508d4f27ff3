use sea_orm_migration::{prelude::*, schema::*};

use super::Learner;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Confidence {
    Table,
    Id,
    LearnerId,
    Module,
    Moment,
    Level,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Confidence::Table)
                    .if_not_exists()
                    .col(pk_auto(Confidence::Id))
                    .col(integer(Confidence::LearnerId))
                    .col(string(Confidence::Module))
                    .col(string(Confidence::Moment))
                    .col(small_integer(Confidence::Level))
                    .col(big_integer(Confidence::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_confidence_learner_id")
                            .from(Confidence::Table, Confidence::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_confidence")
                    .table(Confidence::Table)
                    .col(Confidence::LearnerId)
                    .col(Confidence::Module)
                    .col(Confidence::Moment)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Confidence::Table).to_owned())
            .await
    }
}
