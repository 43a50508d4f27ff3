//! The database: one connection pool for the whole server, SQLite by default (durable:
//! WAL journal with `synchronous=FULL`) or PostgreSQL for large deployments.
//!
//! Nothing acknowledged may be lost on an I/O error: a pooled connection that comes back
//! from a request still inside a transaction (SQLite rolls back by itself on a full disk or
//! an I/O error, and sqlx's own count of open transactions then no longer matches) is closed,
//! never handed out again (see [`connect`]). [`check_writable`] is the write probe behind
//! `/healthz` and the refusal to start on a database that cannot be written. Migrations run
//! one at a time across instances, each in a transaction, after an automatic backup
//! ([`migrate`]).

pub mod entities;
pub mod migration;
pub mod pg_client;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, Value,
};
use sea_orm_migration::MigratorTrait;
use sqlx::Connection as _;
use sqlx::sqlite::{SqliteConnection, SqliteJournalMode, SqliteSynchronous};

/// Transactions that write.
///
/// On SQLite a transaction begun with a plain `BEGIN` (deferred) reads a snapshot and asks
/// for the write lock only at its first write; if another transaction wrote meanwhile, its
/// snapshot is stale and SQLite refuses at once ("busy", without waiting for the busy
/// timeout), so two sessions saved at the same moment could answer "the site is busy".
/// `BEGIN IMMEDIATE` takes the write lock at the start, waiting for the other writer as
/// long as the busy timeout allows: writes queue instead of failing. PostgreSQL has no such
/// mode (it is ignored there). Every transaction of the code writes, so every top-level one
/// begins with [`WriteTransaction::begin_write`]; savepoints inside (`txn.begin()`) are
/// unchanged.
pub trait WriteTransaction: TransactionTrait {
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<Self::Transaction, DbErr>> + Send;
}

impl<T: TransactionTrait + ?Sized> WriteTransaction for T {
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<Self::Transaction, DbErr>> + Send {
        self.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
    }
}

/// How many automatic pre-migration backups are kept beside a SQLite database.
pub const MIGRATION_BACKUPS_KEPT: usize = 3;

/// The name the server's PostgreSQL sessions carry (`pg_stat_activity.application_name`),
/// so that `server restore` can tell whether the site is running.
pub const APPLICATION_NAME: &str = "pas-a-pas";

/// How the server's PostgreSQL sessions plan prepared statements (`plan_cache_mode`).
pub const PLAN_CACHE_MODE: &str = "force_custom_plan";

/// Whether the database refused for a lock held by another transaction (SQLite busy or
/// locked, PostgreSQL lock not available or serialization failure): worth trying again.
pub fn is_lock_conflict(err: &DbErr) -> bool {
    let (DbErr::Exec(sea_orm::RuntimeErr::SqlxError(e))
    | DbErr::Query(sea_orm::RuntimeErr::SqlxError(e))
    | DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    let Some(db) = e.as_database_error() else {
        return false;
    };
    matches!(
        db.code().as_deref(),
        Some("5" | "6" | "261" | "262" | "517" | "55P03" | "40001" | "40P01")
    )
}

/// Whether a unique key refused the row (the database's answer to a second insert of the
/// same thing: idempotency is decided there, never by a check before).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Whether an error says the database is overloaded rather than wrong: a lock held past the
/// wait, or no pooled connection free in time. Such a request is answered "busy, try again
/// in a minute" (503 with `Retry-After`), not as a fault of the site.
pub fn is_overloaded(err: &DbErr) -> bool {
    is_lock_conflict(err)
        || matches!(
            err,
            DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout)
        )
}

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
        .set_application_name(APPLICATION_NAME)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // A save is on disk before the learner is told it is saved.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        })
        // A connection goes back to the pool only outside any transaction (new connections
        // are, and a connection can only go wrong while it is in use).
        .map_sqlx_sqlite_pool_opts(|o| {
            o.after_release(|conn, _| Box::pin(sqlite_connection_is_clean(conn)))
        })
        // The statistics run the same prepared statements for a month and for a year; after
        // five runs PostgreSQL may keep one generic plan for every period, measured 4 times
        // slower on a year (`server/benches/stats.rs`): each run is planned for its values.
        .map_sqlx_postgres_opts(|o| o.options([("plan_cache_mode", PLAN_CACHE_MODE)]))
        .map_sqlx_postgres_pool_opts(|o| {
            o.after_release(|conn, _| {
                Box::pin(async move {
                    let clean = !conn.is_in_transaction();
                    if !clean {
                        tracing::warn!("closing a database connection left inside a transaction");
                    }
                    Ok(clean)
                })
            })
        });
    // Two instances opening a new SQLite database at the same moment: setting up its
    // journal (WAL) can find the other's lock and fail at once, without the busy wait.
    // Tried again for up to ten seconds.
    let mut tries = 0;
    loop {
        match Database::connect(opts.clone()).await {
            Err(e) if is_lock_conflict(&e) && tries < 100 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            result => return result,
        }
    }
}

/// Whether a pooled SQLite connection is outside any transaction, both in sqlx's count and
/// in SQLite itself (`sqlite3_get_autocommit`). When SQLite rolled back by itself (a full
/// disk, an I/O error), the two disagree: reused, such a connection would turn the next
/// `BEGIN` into a `SAVEPOINT` of a transaction that never commits, and saves acknowledged on
/// it would vanish. `false` closes the connection; the pool opens a fresh one.
async fn sqlite_connection_is_clean(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    // Locking the handle waits for the connection's worker to run what is queued first
    // (the rollback of a transaction dropped after an error).
    let mut handle = conn.lock_handle().await?;
    let raw = handle.as_raw_handle();
    // SAFETY: the handle is locked, so no other thread uses this connection meanwhile;
    // `sqlite3_get_autocommit` only reads a flag of the open connection.
    #[allow(unsafe_code)]
    let autocommit = unsafe { libsqlite3_sys::sqlite3_get_autocommit(raw.as_ptr()) } != 0;
    drop(handle);
    let in_transaction = conn.is_in_transaction();
    let clean = autocommit && !in_transaction;
    if !clean {
        tracing::warn!(
            autocommit,
            in_transaction,
            "closing a database connection left inside a transaction"
        );
    }
    Ok(clean)
}

/// Opens the pool and brings the schema up to date (see [`migrate`]), with the default
/// backup policy.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migrate(&db, url, &PreMigrationBackup::default()).await?;
    Ok(db)
}

/// How a database that has a schema is backed up before pending migrations are applied.
/// SQLite: `VACUUM INTO` beside the database file, always. PostgreSQL: `pg_dump` (custom
/// format) into [`dir`](Self::dir); if it cannot be made (no `pg_dump`, a version mismatch,
/// no space), migrating is refused unless [`without_backup`](Self::without_backup) is set.
#[derive(Clone, Debug)]
pub struct PreMigrationBackup {
    /// Where PostgreSQL dumps go (the server gives `PAP_BACKUP_DIR`, or `backups/` beside the
    /// content folder).
    pub dir: PathBuf,
    /// `PAP_MIGRATE_WITHOUT_BACKUP=1`: migrate a PostgreSQL database even when no dump could
    /// be made (a warning is logged).
    pub without_backup: bool,
    /// The `pg_dump` program (found on `PATH` by default).
    pub pg_dump: PathBuf,
}

impl Default for PreMigrationBackup {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("backups"),
            without_backup: false,
            pg_dump: PathBuf::from("pg_dump"),
        }
    }
}

/// The environment variable that lets a PostgreSQL database be migrated without a backup.
pub const MIGRATE_WITHOUT_BACKUP_VAR: &str = "PAP_MIGRATE_WITHOUT_BACKUP";

/// The start of the names of PostgreSQL pre-migration dumps.
const PG_BACKUP_PREFIX: &str = "postgres.before-";

/// What [`migrate`] did.
#[derive(Debug, Default)]
pub struct MigrationReport {
    /// The migrations applied, in order.
    pub applied: Vec<String>,
    /// The backup made first (SQLite, when the database already had a schema).
    pub backup: Option<PathBuf>,
}

/// Applies the pending migrations, one instance at a time (PostgreSQL: an advisory lock;
/// SQLite: an exclusive lock on a file beside the database), each in its own transaction.
/// On SQLite, when some are pending and the database is not new, an online backup is made
/// first, beside the database, named after the schema version it holds
/// (`pas-a-pas.db.before-m20261124_000020_alter_step_progress.20261205T193000Z.db`); the last
/// [`MIGRATION_BACKUPS_KEPT`] are kept. On PostgreSQL the same is done with `pg_dump` into
/// `backup.dir` (`postgres.before-{version}.{stamp}.dump`), see [`PreMigrationBackup`].
pub async fn migrate(
    db: &DatabaseConnection,
    url: &str,
    backup: &PreMigrationBackup,
) -> Result<MigrationReport, DbErr> {
    let lock = MigrationLock::acquire(db, url).await?;
    let result = migrate_locked(db, url, backup).await;
    lock.release().await;
    result
}

async fn migrate_locked(
    db: &DatabaseConnection,
    url: &str,
    policy: &PreMigrationBackup,
) -> Result<MigrationReport, DbErr> {
    let pending: Vec<String> = migration::Migrator::get_pending_migrations(db)
        .await?
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    let mut report = MigrationReport::default();
    if pending.is_empty() {
        return Ok(report);
    }
    if let Some(file) = sqlite_file(url)
        && let Some(version) = schema_version(db).await?
    {
        let backup = pre_migration_backup_path(Path::new(file), &version);
        tracing::info!(
            backup = %backup.display(),
            "backing up the database before {} migration(s)",
            pending.len()
        );
        vacuum_into(db, &backup).await?;
        prune_migration_backups(Path::new(file), MIGRATION_BACKUPS_KEPT);
        report.backup = Some(backup);
    } else if db.get_database_backend() == DbBackend::Postgres
        && let Some(version) = schema_version(db).await?
    {
        report.backup = pg_pre_migration_backup(url, &version, pending.len(), policy).await?;
    }
    migration::Migrator::up(db, None).await?;
    report.applied = pending;
    Ok(report)
}

/// The last migration applied, or `None` on a new, empty database.
pub async fn schema_version(db: &DatabaseConnection) -> Result<Option<String>, DbErr> {
    Ok(migration::Migrator::get_applied_migrations(db)
        .await?
        .last()
        .map(|m| m.name().to_string()))
}

/// Where the backup made before migrating a database at `version` goes.
fn pre_migration_backup_path(file: &Path, version: &str) -> PathBuf {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "database".into());
    file.with_file_name(format!("{name}.before-{version}.{stamp}.db"))
}

/// The `pg_dump` made before migrating a PostgreSQL database at `version`, or the refusal
/// to migrate without it (unless the policy allows it: then `None`).
async fn pg_pre_migration_backup(
    url: &str,
    version: &str,
    pending: usize,
    policy: &PreMigrationBackup,
) -> Result<Option<PathBuf>, DbErr> {
    let target = policy
        .dir
        .join(format!("{PG_BACKUP_PREFIX}{version}.{}.dump", utc_stamp()));
    tracing::info!(
        backup = %target.display(),
        "backing up the database (pg_dump) before {pending} migration(s)"
    );
    match pg_dump(&policy.pg_dump, url, &target).await {
        Ok(()) => {
            prune_backups(
                &policy.dir,
                PG_BACKUP_PREFIX,
                ".dump",
                MIGRATION_BACKUPS_KEPT,
            );
            Ok(Some(target))
        }
        Err(why) if policy.without_backup => {
            tracing::warn!(
                "migrating WITHOUT a backup ({MIGRATE_WITHOUT_BACKUP_VAR} is set): {why}"
            );
            Ok(None)
        }
        Err(why) => Err(DbErr::Custom(format!(
            "{pending} migration(s) are pending and no backup could be made first, so the \
             database was left as it is: {why}. Install PostgreSQL's client tools (pg_dump, \
             the same major version as the server or newer; Debian: `apt install \
             postgresql-client`) and start again, or make a backup yourself (`server backup`) \
             and set {MIGRATE_WITHOUT_BACKUP_VAR}=1 to migrate without one."
        ))),
    }
}

/// Runs `pg_dump --format=custom` of `url` into `target` (written under a temporary name,
/// synced, then renamed).
async fn pg_dump(program: &Path, url: &str, target: &Path) -> Result<(), String> {
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    }
    let partial = target.with_extension("partial");
    let (program, url, to) = (program.to_path_buf(), url.to_string(), partial.clone());
    let out = tokio::task::spawn_blocking(move || {
        pg_client::command(&program, &url)
            .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
            .arg(&to)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.display()))
    })
    .await
    .map_err(|e| format!("pg_dump thread failed: {e}"))??;
    if !out.status.success() {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(format!(
            "pg_dump failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let file = tokio::fs::File::open(&partial)
        .await
        .map_err(|e| format!("cannot open {}: {e}", partial.display()))?;
    file.sync_all()
        .await
        .map_err(|e| format!("cannot sync {}: {e}", partial.display()))?;
    tokio::fs::rename(&partial, target)
        .await
        .map_err(|e| format!("cannot rename to {}: {e}", target.display()))
}

fn utc_stamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default()
}

/// Removes the oldest pre-migration backups of `file` beyond the `keep` newest.
fn prune_migration_backups(file: &Path, keep: usize) {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.before-", name.to_string_lossy());
    prune_backups(dir, &prefix, ".db", keep);
}

/// Removes the oldest files of `dir` named `{prefix}….{stamp}{suffix}` beyond the `keep`
/// newest.
fn prune_backups(dir: &Path, prefix: &str, suffix: &str, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut backups: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            (n.starts_with(prefix) && n.ends_with(suffix)).then(|| {
                // Sorted by their time stamp (the part before the suffix), oldest first.
                let stamp = n.trim_end_matches(suffix).rsplit('.').next().unwrap_or("");
                (stamp.to_string(), e.path())
            })
        })
        .collect();
    backups.sort();
    let remove = backups.len().saturating_sub(keep);
    for (_, path) in backups.into_iter().take(remove) {
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!(file = %path.display(), error = %e, "cannot remove an old backup");
        }
    }
}

/// A consistent copy of a live SQLite database, WAL included (`VACUUM INTO`), written under
/// a temporary name, synced, then renamed.
pub async fn vacuum_into(db: &DatabaseConnection, target: &Path) -> Result<(), DbErr> {
    let partial = target.with_extension("partial");
    let _ = tokio::fs::remove_file(&partial).await;
    let path = partial.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{path}'"))
        .await?;
    let file = tokio::fs::File::open(&partial)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot open {}: {e}", partial.display())))?;
    file.sync_all()
        .await
        .map_err(|e| DbErr::Custom(format!("cannot sync {}: {e}", partial.display())))?;
    tokio::fs::rename(&partial, target)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot rename to {}: {e}", target.display())))?;
    Ok(())
}

/// Serialises migrations across processes.
enum MigrationLock {
    /// An exclusive lock on `{database}-migration.lock`, held by the open file.
    Sqlite(std::fs::File),
    /// A session advisory lock, held by a connection of its own.
    Postgres(DatabaseConnection),
    None,
}

/// The advisory lock key of migrations on PostgreSQL.
const MIGRATION_LOCK_KEY: i64 = 7_461_000_001;

impl MigrationLock {
    async fn acquire(db: &DatabaseConnection, url: &str) -> Result<Self, DbErr> {
        match db.get_database_backend() {
            DbBackend::Sqlite => {
                let Some(file) = sqlite_file(url) else {
                    return Ok(Self::None);
                };
                let path = PathBuf::from(format!("{file}-migration.lock"));
                let lock = tokio::task::spawn_blocking(move || {
                    let f = std::fs::OpenOptions::new()
                        .create(true)
                        .truncate(false)
                        .write(true)
                        .open(&path)
                        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
                    f.lock()
                        .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
                    Ok::<_, String>(f)
                })
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .map_err(DbErr::Custom)?;
                Ok(Self::Sqlite(lock))
            }
            DbBackend::Postgres => {
                let mut opts = ConnectOptions::new(url);
                opts.sqlx_logging(false)
                    .max_connections(1)
                    .min_connections(1)
                    .set_application_name(APPLICATION_NAME);
                let conn = Database::connect(opts).await?;
                conn.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                    .await?;
                Ok(Self::Postgres(conn))
            }
            _ => Ok(Self::None),
        }
    }

    async fn release(self) {
        match self {
            Self::Sqlite(file) => drop(file),
            Self::Postgres(conn) => {
                let _ = conn
                    .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
                    .await;
                let _ = conn.close().await;
            }
            Self::None => {}
        }
    }
}

/// The write probe: one small write in its own transaction (`health_check`). Fails when the
/// database cannot be written (a full disk, a read-only file or folder, an I/O error).
pub async fn check_writable(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let marker = if backend == DbBackend::Postgres {
        "$"
    } else {
        "?"
    };
    let sql = number_parameters(
        "INSERT INTO health_check (id, checked_at) VALUES (1, P1) \
         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        marker,
    );
    db.execute_raw(Statement::from_sql_and_values(backend, sql, [now().into()]))
        .await?;
    Ok(())
}

/// The file of a `sqlite:` URL, if it names one (not `:memory:`).
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

/// A raw statement whose `?` are the values, in order (`$1`, `$2`… on PostgreSQL): SQL
/// written once for both backends (the statistics, the outcomes).
pub fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 16);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
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
    let txn = db.begin_write().await?;
    let inserted = insert_once_for_learner_in(&txn, learner_id, sql, values).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// [`insert_once_for_learner`] inside a transaction the caller began with
/// [`WriteTransaction::begin_write`] (and commits).
pub async fn insert_once_for_learner_in(
    txn: &impl ConnectionTrait,
    learner_id: i32,
    sql: &str,
    values: Vec<Value>,
) -> Result<bool, DbErr> {
    let backend = txn.get_database_backend();
    let marker = if backend == DbBackend::Postgres {
        "$"
    } else {
        "?"
    };
    let sql = number_parameters(sql, marker);
    if backend == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock(7461, $1)",
            [learner_id.into()],
        ))
        .await?;
    }
    Ok(txn
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
        .rows_affected()
        > 0)
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
    fn placeholders_are_numbered_on_postgresql_only() {
        let s = statement(
            DbBackend::Postgres,
            "a = ? AND b = ?",
            vec![1.into(), 2.into()],
        );
        assert_eq!(s.sql, "a = $1 AND b = $2");
        let s = statement(
            DbBackend::Sqlite,
            "a = ? AND b = ?",
            vec![1.into(), 2.into()],
        );
        assert_eq!(s.sql, "a = ? AND b = ?");
    }

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

    /// A write transaction takes SQLite's write lock at `BEGIN`: a second one waits for the
    /// first to end (it would start at once, deferred, and could then be refused when it
    /// writes); the second still reads what the first committed.
    #[tokio::test]
    async fn a_write_transaction_waits_for_the_one_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let db = connect(&url).await.unwrap();
        db.execute_unprepared("CREATE TABLE t (n INTEGER NOT NULL)")
            .await
            .unwrap();
        let first = db.begin_write().await.unwrap();
        first
            .execute_unprepared("INSERT INTO t (n) VALUES (1)")
            .await
            .unwrap();
        let second = tokio::spawn({
            let db = db.clone();
            async move {
                let txn = db.begin_write().await.unwrap();
                let row = txn
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "SELECT COUNT(*) AS n FROM t",
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                txn.execute_unprepared("INSERT INTO t (n) VALUES (2)")
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
                row.try_get::<i64>("", "n").unwrap()
            }
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !second.is_finished(),
            "the second began while the first wrote"
        );
        first.commit().await.unwrap();
        assert_eq!(second.await.unwrap(), 1, "it read after the first's commit");
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
