use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// When a learner was handed to the volunteer who follows them now (issue 22, item 3), so
/// that their home page can tell them who follows them since when. `NULL`: their first
/// volunteer.
#[derive(DeriveIden)]
enum Learner {
    Table,
    VolunteerSince,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learner::Table)
                    .add_column(ColumnDef::new(Learner::VolunteerSince).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learner::Table)
                    .drop_column(Learner::VolunteerSince)
                    .to_owned(),
            )
            .await
    }
}
