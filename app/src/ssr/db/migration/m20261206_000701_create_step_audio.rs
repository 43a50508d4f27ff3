use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The spoken audio of lesson steps, made on the server (see `app::ssr::speech`), kept in
/// the database so that every instance serves the same files. Keyed by a hash of what was
/// read and how (the text, the voice, its settings, the encoder's): the same step text is
/// made once, and two instances making it at the same time insert it once (the second
/// insert does nothing).
#[derive(DeriveIden)]
enum StepAudio {
    Table,
    Key,
    Bytes,
    ContentType,
    DurationMs,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StepAudio::Table)
                    .if_not_exists()
                    .col(string(StepAudio::Key).primary_key())
                    .col(blob(StepAudio::Bytes))
                    .col(string(StepAudio::ContentType))
                    .col(big_integer(StepAudio::DurationMs))
                    .col(big_integer(StepAudio::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StepAudio::Table).to_owned())
            .await
    }
}
