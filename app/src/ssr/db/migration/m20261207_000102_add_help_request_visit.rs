use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A help request handled during a session (issue 20, item 6): which session, beside who
/// (`handled_by`) and when (`handled_at`).
#[derive(DeriveIden)]
enum HelpRequest {
    Table,
    HandledVisitId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HelpRequest::Table)
                    .add_column(ColumnDef::new(HelpRequest::HandledVisitId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(HelpRequest::Table)
                    .drop_column(HelpRequest::HandledVisitId)
                    .to_owned(),
            )
            .await
    }
}
