//! The database: one connection pool for the whole server, SQLite by default (durable:
//! WAL journal with `synchronous=FULL`) or PostgreSQL for large deployments.

pub mod entities;
pub mod migration;

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    TransactionTrait, Value,
};
use sea_orm_migration::MigratorTrait;
use sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};

/// Opens the pool. SQLite files and their folder are created if missing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut opts = ConnectOptions::new(url);
    opts.sqlx_logging(false)
        .max_connections(if url.starts_with("sqlite:") { 4 } else { 16 })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // A save is on disk before the learner is told it is saved.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(opts).await
}

/// Opens the pool and brings the schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migration::Migrator::up(&db, None).await?;
    Ok(db)
}

/// The file of a `sqlite:` URL, if it names one (not `:memory:`).
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

/// Seconds since the Unix epoch: how every timestamp is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Runs `INSERT … SELECT … WHERE NOT EXISTS (…)` as one step, so that the same form sent
/// twice at once (a double click, two tabs) inserts one row. `sql` writes its parameters as
/// `P1`, `P2`…; they become `$1` (PostgreSQL) or `?1` (SQLite). SQLite runs one writing
/// statement at a time; on PostgreSQL the learner's inserts are serialised by an advisory
/// lock held until the commit. Returns whether a row was inserted.
pub async fn insert_once_for_learner(
    db: &DatabaseConnection,
    learner_id: i32,
    sql: &str,
    values: Vec<Value>,
) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let marker = if backend == DbBackend::Postgres {
        "$"
    } else {
        "?"
    };
    let sql = number_parameters(sql, marker);
    let txn = db.begin().await?;
    if backend == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock(7461, $1)",
            [learner_id.into()],
        ))
        .await?;
    }
    let inserted = txn
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
        .rows_affected()
        > 0;
    txn.commit().await?;
    Ok(inserted)
}

/// `P1`, `P2`… (a `P` right before a digit) become `{marker}1`, `{marker}2`…
fn number_parameters(sql: &str, marker: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'P' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push_str(marker);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_for_each_database() {
        let sql = "SELECT P1, P12 WHERE x = 'PARIS' AND y = P2";
        assert_eq!(
            number_parameters(sql, "$"),
            "SELECT $1, $12 WHERE x = 'PARIS' AND y = $2"
        );
        assert_eq!(
            number_parameters(sql, "?"),
            "SELECT ?1, ?12 WHERE x = 'PARIS' AND y = ?2"
        );
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_file("sqlite://data/pap.db?mode=rwc"),
            Some("data/pap.db")
        );
        assert_eq!(sqlite_file("sqlite:pap.db"), Some("pap.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/pap"), None);
    }
}
