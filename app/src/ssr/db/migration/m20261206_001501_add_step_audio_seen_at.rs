use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// When each step audio was last part of a published catalogue (`seen_at`, seconds), so that
/// the audio of texts no longer in any lesson can be removed after a while instead of
/// growing the database with every edit. Existing rows start from their creation time.
#[derive(DeriveIden)]
enum StepAudio {
    Table,
    SeenAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StepAudio::Table)
                    .add_column(
                        ColumnDef::new(StepAudio::SeenAt)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(StepAudio::Table)
                    .value(StepAudio::SeenAt, Expr::col(StepAudio::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_step_audio_seen_at")
                    .table(StepAudio::Table)
                    .col(StepAudio::SeenAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_step_audio_seen_at")
                    .table(StepAudio::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StepAudio::Table)
                    .drop_column(StepAudio::SeenAt)
                    .to_owned(),
            )
            .await
    }
}
