//! A step's progress remembers the last showing of the step whose time was counted, so that
//! "Suivant" sent twice from the same screen (a double click, a replayed form, two tabs)
//! adds its time once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StepProgress {
    Table,
    CountedShownAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StepProgress::Table)
                    .add_column(big_integer_null(StepProgress::CountedShownAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StepProgress::Table)
                    .drop_column(StepProgress::CountedShownAt)
                    .to_owned(),
            )
            .await
    }
}
