use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A volunteer's calendar link is kept as the SHA-256 of its token, like sessions and
/// one-time links (issue 20): a copy of the database no longer opens anyone's agenda. The
/// links already given keep working: each stored token is replaced by its hash.
#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    StaffId,
    Token,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let rows = db
            .query_all(
                Query::select()
                    .columns([CalendarFeed::StaffId, CalendarFeed::Token])
                    .from(CalendarFeed::Table),
            )
            .await?;
        for row in rows {
            let staff_id: i32 = row.try_get("", "staff_id")?;
            let token: String = row.try_get("", "token")?;
            db.execute(
                Query::update()
                    .table(CalendarFeed::Table)
                    .value(CalendarFeed::Token, crate::ssr::auth::token_hash(&token))
                    .and_where(Expr::col(CalendarFeed::StaffId).eq(staff_id)),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A hash cannot be turned back into its token: the links are revoked.
        manager
            .get_connection()
            .execute(Query::delete().from_table(CalendarFeed::Table))
            .await?;
        Ok(())
    }
}
