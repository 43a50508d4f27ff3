//! Backups: one archive (`.tar.gz`) holding a consistent copy of the database, taken while
//! the site serves (SQLite: `VACUUM INTO`, which includes what is still in the WAL;
//! PostgreSQL: `pg_dump`), the whole `content/` folder (lessons, their history
//! `.historique`, images) and a manifest with a SHA-256 checksum of every file.
//!
//! `server restore` checks the whole archive (gzip checksums, manifest, every file's
//! checksum, SQLite's `integrity_check`) before touching anything, refuses while the site
//! runs, and keeps what it replaces beside it (`….before-restore-…`).
//!
//! With `PAP_BACKUP_DIR`, the server makes one backup a day there and keeps the last 7
//! daily and 4 weekly ones ([`Keep`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail, ensure};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use app::ssr::db;

use crate::config::Config;
pub use crate::config::Keep;

/// The first file of every archive.
pub const MANIFEST: &str = "pas-a-pas-sauvegarde.json";
const FORMAT: &str = "pas-a-pas-backup";
const VERSION: u32 = 1;
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.pgdump";
const CONTENT: &str = "content";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    /// When the backup was made (UTC, RFC 3339).
    created: String,
    /// `sqlite` or `postgres`.
    database: String,
    /// The last migration applied to the database saved.
    schema: Option<String>,
    /// Every other file of the archive and its SHA-256.
    files: BTreeMap<String, String>,
}

/// What a backup holds, for the messages.
#[derive(Debug)]
pub struct Summary {
    pub path: PathBuf,
    pub bytes: u64,
    pub files: usize,
    pub schema: Option<String>,
}

/// `server backup FILE`: writes the archive under a temporary name, syncs it, then renames
/// it. The database is copied first, then the content.
pub async fn create(
    config: &Config,
    db: &DatabaseConnection,
    target: &Path,
) -> anyhow::Result<Summary> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".pap-backup-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    let schema = db::schema_version(db).await?;
    let database = match db.get_database_backend() {
        DbBackend::Sqlite => {
            db::vacuum_into(db, &staging.path().join(SQLITE_FILE))
                .await
                .context("cannot copy the database")?;
            "sqlite"
        }
        DbBackend::Postgres => {
            pg_dump(&config.database_url, &staging.path().join(PG_FILE)).await?;
            "postgres"
        }
        other => bail!("backups of {other:?} databases are not supported"),
    };
    let content = config.content_dir.clone();
    let staged = staging.path().to_path_buf();
    let target = target.to_path_buf();
    tokio::task::spawn_blocking(move || {
        if content.is_dir() {
            copy_dir(&content, &staged.join(CONTENT))
                .with_context(|| format!("cannot copy {}", content.display()))?;
        }
        write_archive(&staged, &target, database, schema)
    })
    .await
    .context("backup thread failed")?
}

async fn pg_dump(url: &str, to: &Path) -> anyhow::Result<()> {
    let out = tokio::process::Command::from(db::pg_client::command(Path::new("pg_dump"), url))
        .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
        .arg(to)
        .output()
        .await
        .context("cannot run pg_dump (install PostgreSQL's client tools)")?;
    ensure!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Every regular file under `dir`, as paths relative to it with `/`, sorted.
fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                walk(root, &entry.path(), out)?;
            } else if kind.is_file() {
                let rel = entry.path();
                let rel = rel.strip_prefix(root).expect("inside");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn write_archive(
    staged: &Path,
    target: &Path,
    database: &str,
    schema: Option<String>,
) -> anyhow::Result<Summary> {
    let names = list_files(staged)?;
    let mut files = BTreeMap::new();
    for name in &names {
        files.insert(name.clone(), sha256_file(&staged.join(name))?);
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        created: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        database: database.into(),
        schema: schema.clone(),
        files,
    };
    let partial = target.with_file_name(format!(
        ".{}.partial",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(
        file,
        flate2::Compression::default(),
    ));
    tar.mode(tar::HeaderMode::Deterministic);
    let manifest_bytes = serde_json::to_vec_pretty(&manifest)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest_bytes.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, &manifest_bytes[..])?;
    for name in &names {
        tar.append_path_with_name(staged.join(name), name)?;
    }
    let file = tar.into_inner()?.finish()?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, target)
        .with_context(|| format!("cannot write {}", target.display()))?;
    sync_dir(target);
    Ok(Summary {
        path: target.to_path_buf(),
        bytes: std::fs::metadata(target)?.len(),
        files: names.len(),
        schema,
    })
}

/// Makes a rename durable (the folder's entry), where the system allows it.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// An archive checked and unpacked into a folder.
struct Unpacked {
    dir: tempfile::TempDir,
    manifest: Manifest,
}

/// Unpacks `archive` into a new folder inside `beside`, checking everything. Errors are the
/// messages `server restore` prints.
fn unpack_and_check(archive: &Path, beside: &Path) -> anyhow::Result<Unpacked> {
    let file = File::open(archive).with_context(|| format!("cannot open {}", archive.display()))?;
    let dir = tempfile::Builder::new()
        .prefix(".pap-restore-")
        .tempdir_in(beside)
        .with_context(|| format!("cannot write in {}", beside.display()))?;
    let foreign = || {
        anyhow::anyhow!(
            "{} is not a Pas à Pas backup (made by `server backup`)",
            archive.display()
        )
    };
    let damaged = |e: &dyn std::fmt::Display| {
        anyhow::anyhow!(
            "{} is damaged and cannot be restored: {e}",
            archive.display()
        )
    };
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries = tar.entries().map_err(|_| foreign())?;
    let mut first = entries.next().ok_or_else(foreign)?.map_err(|_| foreign())?;
    if first.path().ok().as_deref() != Some(Path::new(MANIFEST)) {
        return Err(foreign());
    }
    let mut text = String::new();
    first.read_to_string(&mut text).map_err(|e| damaged(&e))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|_| foreign())?;
    ensure!(manifest.format == FORMAT, foreign());
    ensure!(
        manifest.version <= VERSION,
        "{} was made by a newer version of Pas à Pas: upgrade first",
        archive.display()
    );
    let mut seen = BTreeSet::new();
    for entry in entries {
        let mut entry = entry.map_err(|e| damaged(&e))?;
        let name = entry.path().map_err(|e| damaged(&e))?.into_owned();
        ensure!(
            name.components().all(|c| matches!(c, Component::Normal(_))),
            damaged(&format!("unexpected path {}", name.display()))
        );
        let key = name
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let Some(expected) = manifest.files.get(&key) else {
            return Err(damaged(&format!("{key} is not in the manifest")));
        };
        let target = dir.path().join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = File::create(&target)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0; 64 * 1024];
        loop {
            let n = entry.read(&mut buf).map_err(|e| damaged(&e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
        }
        out.sync_all()?;
        ensure!(
            hex::encode(hasher.finalize()) == *expected,
            damaged(&format!("{key} does not match its checksum"))
        );
        seen.insert(key);
    }
    let missing: Vec<_> = manifest
        .files
        .keys()
        .filter(|k| !seen.contains(*k))
        .collect();
    ensure!(
        missing.is_empty(),
        damaged(&format!("missing files: {missing:?}"))
    );
    let db_file = if manifest.database == "sqlite" {
        SQLITE_FILE
    } else {
        PG_FILE
    };
    ensure!(seen.contains(db_file), damaged(&"the database is missing"));
    Ok(Unpacked { dir, manifest })
}

/// SQLite's own check of a database file.
async fn sqlite_integrity(file: &Path) -> anyhow::Result<()> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let conn = sea_orm::Database::connect(url.as_str())
        .await
        .context("the database in the backup cannot be opened")?;
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .context("no answer to integrity_check")?;
    let result: String = row.try_get_by_index(0)?;
    conn.close().await.ok();
    ensure!(
        result == "ok",
        "the database in the backup is damaged: {result}"
    );
    Ok(())
}

/// The lock a serving instance holds (shared) on `{database}-running.lock`, so that
/// `server restore` (which wants it exclusively) can tell that the site runs.
pub fn running_lock_path(database_file: &Path) -> PathBuf {
    PathBuf::from(format!("{}-running.lock", database_file.display()))
}

/// Taken by `serve` for as long as it runs (SQLite only). Keep the file open.
pub fn hold_running_lock(database_url: &str) -> anyhow::Result<Option<File>> {
    let Some(file) = db::sqlite_file(database_url) else {
        return Ok(None);
    };
    let path = running_lock_path(Path::new(file));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
    }
    let f = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| {
            format!(
                "the database folder cannot be written (cannot create {}): check that the disk \
                 is not full and that the user running Pas à Pas may write the database file \
                 and its folder",
                path.display()
            )
        })?;
    f.lock_shared()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(Some(f))
}

/// What `server restore` did.
#[derive(Debug)]
pub struct Restored {
    pub created: String,
    pub schema: Option<String>,
    /// Where the database and content it replaced were moved.
    pub kept: Vec<PathBuf>,
}

/// `server restore FILE`: on a stopped site only.
pub async fn restore(config: &Config, archive: &Path) -> anyhow::Result<Restored> {
    // Is anything answering where the site listens?
    if tokio::time::timeout(
        std::time::Duration::from_secs(1),
        tokio::net::TcpStream::connect(config.addr),
    )
    .await
    .is_ok_and(|r| r.is_ok())
    {
        bail!(
            "the site seems to be running (something answers on {}): stop it first, then restore",
            config.addr
        );
    }
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    let mut kept = Vec::new();
    let content_parent = config
        .content_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    std::fs::create_dir_all(&content_parent)?;
    let unpacked;
    if let Some(file) = db::sqlite_file(&config.database_url) {
        let file = PathBuf::from(file);
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        // Refuse while a server holds the database.
        let lock_path = running_lock_path(&file);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        if lock.try_lock().is_err() {
            bail!(
                "the site is running (it holds {}): stop it first, then restore",
                file.display()
            );
        }
        let (archive_owned, dir_owned) = (archive.to_path_buf(), dir.clone());
        unpacked =
            tokio::task::spawn_blocking(move || unpack_and_check(&archive_owned, &dir_owned))
                .await
                .context("restore thread failed")??;
        ensure!(
            unpacked.manifest.database == "sqlite",
            "this backup holds a PostgreSQL database, but DATABASE_URL names a SQLite file"
        );
        sqlite_integrity(&unpacked.dir.path().join(SQLITE_FILE)).await?;
        // Keep what is replaced, WAL included.
        for suffix in ["", "-wal", "-shm"] {
            let current = PathBuf::from(format!("{}{suffix}", file.display()));
            if current.exists() {
                let aside =
                    PathBuf::from(format!("{}.before-restore-{stamp}{suffix}", file.display()));
                std::fs::rename(&current, &aside)
                    .with_context(|| format!("cannot move {} aside", current.display()))?;
                if suffix.is_empty() {
                    kept.push(aside);
                }
            }
        }
        std::fs::rename(unpacked.dir.path().join(SQLITE_FILE), &file)
            .with_context(|| format!("cannot put the database at {}", file.display()))?;
        sync_dir(&file);
        drop(lock);
    } else {
        let (archive_owned, dir_owned) = (archive.to_path_buf(), content_parent.clone());
        unpacked =
            tokio::task::spawn_blocking(move || unpack_and_check(&archive_owned, &dir_owned))
                .await
                .context("restore thread failed")??;
        ensure!(
            unpacked.manifest.database == "postgres",
            "this backup holds a SQLite database, but DATABASE_URL names PostgreSQL"
        );
        pg_restore(&config.database_url, &unpacked.dir.path().join(PG_FILE)).await?;
    }
    // The content: the one in place is kept aside.
    let restored_content = unpacked.dir.path().join(CONTENT);
    if restored_content.is_dir() {
        if config.content_dir.exists() {
            let aside = PathBuf::from(format!(
                "{}.before-restore-{stamp}",
                config.content_dir.display()
            ));
            std::fs::rename(&config.content_dir, &aside)
                .with_context(|| format!("cannot move {} aside", config.content_dir.display()))?;
            kept.push(aside);
        }
        if std::fs::rename(&restored_content, &config.content_dir).is_err() {
            // Another file system: copy instead.
            copy_dir(&restored_content, &config.content_dir)
                .with_context(|| format!("cannot write {}", config.content_dir.display()))?;
        }
    }
    Ok(Restored {
        created: unpacked.manifest.created.clone(),
        schema: unpacked.manifest.schema.clone(),
        kept,
    })
}

async fn pg_restore(url: &str, dump: &Path) -> anyhow::Result<()> {
    // Refuse while a server is connected to the database.
    let conn = sea_orm::Database::connect(url).await?;
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND application_name = $1 AND pid <> pg_backend_pid()",
            [db::APPLICATION_NAME.into()],
        ))
        .await?
        .context("no answer from PostgreSQL")?;
    let running: i64 = row.try_get_by_index(0)?;
    conn.close().await.ok();
    ensure!(
        running == 0,
        "the site is running ({running} connection(s) to the database): stop it first, then restore"
    );
    let out = tokio::process::Command::from(db::pg_client::command(Path::new("pg_restore"), url))
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
        ])
        .arg(dump)
        .output()
        .await
        .context("cannot run pg_restore (install PostgreSQL's client tools)")?;
    ensure!(
        out.status.success(),
        "pg_restore failed: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}

const SCHEDULED_PREFIX: &str = "pas-a-pas-";
const SCHEDULED_SUFFIX: &str = ".tar.gz";

/// The date of a scheduled backup's file name (`pas-a-pas-2026-12-05.tar.gz`).
fn scheduled_date(name: &str) -> Option<time::Date> {
    let date = name
        .strip_prefix(SCHEDULED_PREFIX)?
        .strip_suffix(SCHEDULED_SUFFIX)?;
    time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Which of `dates` (the scheduled backups there are) to keep.
pub fn to_keep(dates: &[time::Date], keep: Keep) -> BTreeSet<time::Date> {
    let mut newest_first: Vec<time::Date> = dates.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut kept: BTreeSet<time::Date> = newest_first.iter().take(keep.daily).copied().collect();
    let mut weeks = BTreeSet::new();
    for date in &newest_first {
        let week = date.to_iso_week_date();
        let week = (week.0, week.1);
        if weeks.contains(&week) {
            continue;
        }
        if weeks.len() == keep.weekly {
            break;
        }
        weeks.insert(week);
        kept.insert(*date);
    }
    kept
}

/// Makes today's backup in `dir` if there is none yet, then removes those no longer kept.
pub async fn scheduled(
    config: &Config,
    db: &DatabaseConnection,
    dir: &Path,
    keep: Keep,
) -> anyhow::Result<()> {
    let today = time::OffsetDateTime::now_utc().date();
    let name = format!(
        "{SCHEDULED_PREFIX}{}{SCHEDULED_SUFFIX}",
        today
            .format(time::macros::format_description!("[year]-[month]-[day]"))
            .unwrap_or_default()
    );
    let target = dir.join(&name);
    if !target.exists() {
        let summary = create(config, db, &target).await?;
        tracing::info!(file = %summary.path.display(), bytes = summary.bytes, "daily backup made");
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(date) = scheduled_date(&entry.file_name().to_string_lossy()) {
            found.push((date, entry.path()));
        }
    }
    let dates: Vec<_> = found.iter().map(|(d, _)| *d).collect();
    let kept = to_keep(&dates, keep);
    for (date, path) in found {
        if !kept.contains(&date) {
            match std::fs::remove_file(&path) {
                Ok(()) => tracing::info!(file = %path.display(), "old backup removed"),
                Err(e) => {
                    tracing::warn!(file = %path.display(), error = %e, "cannot remove an old backup")
                }
            }
        }
    }
    Ok(())
}

/// Runs [`scheduled`] now and then every hour (a missed day is made at the next check).
pub fn spawn_schedule(config: Config, db: DatabaseConnection, dir: PathBuf) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(e) = scheduled(&config, &db, &dir, config.backup_keep).await {
                tracing::error!(dir = %dir.display(), error = %format!("{e:#}"), "the daily backup failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn keeps_seven_days_and_four_weeks() {
        // Every day from 1 October to 5 December 2026.
        let mut dates = Vec::new();
        let mut d = date!(2026 - 10 - 01);
        while d <= date!(2026 - 12 - 05) {
            dates.push(d);
            d = d.next_day().unwrap();
        }
        let kept = to_keep(
            &dates,
            Keep {
                daily: 7,
                weekly: 4,
            },
        );
        let expected: BTreeSet<_> = [
            // The last 7 days.
            date!(2026 - 11 - 29),
            date!(2026 - 11 - 30),
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 02),
            date!(2026 - 12 - 03),
            date!(2026 - 12 - 04),
            date!(2026 - 12 - 05),
            // The newest of each of the last 4 weeks (Sundays end ISO weeks); this week's
            // and last week's are among the days already.
            date!(2026 - 11 - 22),
            date!(2026 - 11 - 15),
        ]
        .into_iter()
        .collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn keeps_everything_when_there_are_few() {
        let dates = [date!(2026 - 12 - 01), date!(2026 - 12 - 05)];
        assert_eq!(
            to_keep(
                &dates,
                Keep {
                    daily: 7,
                    weekly: 4
                }
            )
            .len(),
            2
        );
        assert!(
            to_keep(
                &dates,
                Keep {
                    daily: 0,
                    weekly: 0
                }
            )
            .is_empty()
        );
    }

    #[test]
    fn reads_scheduled_names_only() {
        assert_eq!(
            scheduled_date("pas-a-pas-2026-12-05.tar.gz"),
            Some(date!(2026 - 12 - 05))
        );
        assert_eq!(scheduled_date("pas-a-pas-2026-12-05.tar.gz.partial"), None);
        assert_eq!(scheduled_date("photos.tar.gz"), None);
    }
}
