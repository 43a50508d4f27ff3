//! A revision of a content file says whether it is published: learners are served the
//! latest *published* revision of each file (or the folder's file), never a draft saved
//! after it (issue 19, item 8: saving a live lesson as a draft took it offline at once).
//! A revision is published when it has no text (the folder's file is back in effect) or
//! its front matter does not say `draft = true`; rows saved before this column existed are
//! marked from their text (the editor writes exactly `draft = true`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContentRevision {
    Table,
    Published,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ContentRevision::Table)
                    .add_column(boolean(ContentRevision::Published).default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(ContentRevision::Table)
                    .value(ContentRevision::Published, false)
                    .and_where(Expr::cust("text LIKE '%draft = true%'"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ContentRevision::Table)
                    .drop_column(ContentRevision::Published)
                    .to_owned(),
            )
            .await
    }
}
