use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Lessons edited in the browser, kept as revisions (every instance serves them): the
/// effective content is the `content/` folder with the latest revision of each file laid
/// over it. Revision `number` of a file is saved over revision `number - 1` (0: the file in
/// the folder); the unique key refuses a second revision over the same one, which is how
/// two trainers saving the same file are told apart. `text` is empty (NULL) when an undo
/// put the folder's file back; `undo_to` is the revision "Annuler" goes back to (NULL:
/// nothing to undo); `folder_hash` is the folder file's hash when the revision was saved
/// (a change in git since is shown to trainers).
#[derive(DeriveIden)]
enum ContentRevision {
    Table,
    Id,
    Path,
    Number,
    Text,
    UndoTo,
    FolderHash,
    StaffId,
    CreatedAt,
}

/// Images uploaded in the browser, served from the database by every instance.
#[derive(DeriveIden)]
enum ContentImage {
    Table,
    Path,
    Bytes,
    ContentType,
    StaffId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CacheVersion {
    Table,
    Id,
    Version,
}

/// The row of `cache_version` counting content changes (row 1 counts users' changes).
pub const CONTENT_VERSION_ROW: i32 = 2;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentRevision::Table)
                    .if_not_exists()
                    .col(pk_auto(ContentRevision::Id))
                    .col(string(ContentRevision::Path))
                    .col(integer(ContentRevision::Number))
                    .col(text_null(ContentRevision::Text))
                    .col(integer_null(ContentRevision::UndoTo))
                    .col(string(ContentRevision::FolderHash))
                    .col(integer_null(ContentRevision::StaffId))
                    .col(big_integer(ContentRevision::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_content_revision_path_number")
                    .table(ContentRevision::Table)
                    .col(ContentRevision::Path)
                    .col(ContentRevision::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContentImage::Table)
                    .if_not_exists()
                    .col(string(ContentImage::Path).primary_key())
                    .col(blob(ContentImage::Bytes))
                    .col(string(ContentImage::ContentType))
                    .col(integer_null(ContentImage::StaffId))
                    .col(big_integer(ContentImage::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CacheVersion::Table)
                    .columns([CacheVersion::Id, CacheVersion::Version])
                    .values_panic([CONTENT_VERSION_ROW.into(), 0i64.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(CacheVersion::Table)
                    .and_where(Expr::col(CacheVersion::Id).eq(CONTENT_VERSION_ROW))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ContentImage::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ContentRevision::Table).to_owned())
            .await
    }
}
