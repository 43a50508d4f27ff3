//! Every instance serves the same content. Browser edits (revisions and images) are in the
//! database; each change bumps a counter (row [`ROW`] of `cache_version`, beside the users'
//! row) and, on PostgreSQL, notifies channel [`CHANNEL`], in the transaction of the change.
//! [`follow`] reloads this instance's content when the counter moves: at once on a
//! notification, or by reading the counter every [`POLL`] while the notification connection
//! is down (so a publish reaches every instance within 2 s either way). The instance that
//! made the change reloads before answering ([`refresh`]), so its trainer sees it at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use std::path::Path;

use super::{ContentStore, Overlay, Tree};
use crate::ssr::db::migration::m20261206_000501_create_content_revision::CONTENT_VERSION_ROW as ROW;

/// The PostgreSQL channel of content changes.
pub const CHANNEL: &str = "pap_content";
/// How often the counter is read while notifications are not heard.
pub const POLL: Duration = Duration::from_secs(1);
/// How often it is read anyway, in case a notification went missing.
const SAFETY_POLL: Duration = Duration::from_secs(15);

/// Bumps the content change counter and, on PostgreSQL, notifies every instance; call it
/// in the change's transaction (both then take effect with the change). The new value.
pub async fn bump(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            format!(
                "UPDATE cache_version SET version = version + 1 WHERE id = {ROW} RETURNING version"
            ),
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("cache_version".into()))?;
    let version: i64 = row.try_get("", "version")?;
    if backend == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), version.to_string().into()],
        ))
        .await?;
    }
    Ok(version)
}

/// The content change counter.
pub async fn current_version(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT version FROM cache_version WHERE id = {ROW}"),
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("cache_version".into()))?;
    row.try_get("", "version")
}

/// The browser edits now in the database: the latest published revision of each file
/// (what learners are served), the drafts saved after it (what trainers see), the
/// images' paths, and the modules archived or deleted.
pub async fn load_overlay(db: &impl ConnectionTrait) -> Result<Overlay, DbErr> {
    let backend = db.get_database_backend();
    let mut overlay = Overlay::default();
    // Each path's latest published revision and its latest revision, in one reading: a
    // published row is the one in effect, an unpublished one (only ever the latest) a draft.
    let revisions = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT r.path, r.text, r.published FROM content_revision r JOIN \
             (SELECT path, MAX(number) AS latest, \
              MAX(CASE WHEN published THEN number END) AS live \
              FROM content_revision GROUP BY path) l \
             ON r.path = l.path AND (r.number = l.latest OR r.number = l.live)",
        ))
        .await?;
    for row in revisions {
        let path: String = row.try_get("", "path")?;
        // No text: the folder's file is in effect again (or the draft is empty).
        let Some(text) = row.try_get::<Option<String>>("", "text")? else {
            continue;
        };
        if row.try_get::<bool>("", "published")? {
            overlay.texts.insert(path, text.into());
        } else {
            overlay.drafts.insert(path, text.into());
        }
    }
    for row in db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT path FROM content_image",
        ))
        .await?
    {
        overlay.images.insert(row.try_get("", "path")?);
    }
    for row in db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT module, archived_at, deleted_at FROM module_status",
        ))
        .await?
    {
        let module: String = row.try_get("", "module")?;
        if row.try_get::<Option<i64>>("", "deleted_at")?.is_some() {
            overlay.deleted.insert(module);
        } else if row.try_get::<Option<i64>>("", "archived_at")?.is_some() {
            overlay.archived.insert(module);
        }
    }
    Ok(overlay)
}

/// The browser edits in the database now, with the change counter they are at least as
/// recent as.
async fn edits(db: &impl ConnectionTrait) -> Result<(i64, Arc<Overlay>), DbErr> {
    // The counter first: the edits read next are at least that recent.
    let version = current_version(db).await?;
    Ok((version, Arc::new(load_overlay(db).await?)))
}

/// Loads the content at start-up: `dir` with the browser edits in the database laid over
/// it, read once (on a blocking thread). The problems found are in the store's
/// [`ContentStore::problems`].
pub async fn load(dir: &Path, db: &impl ConnectionTrait) -> Result<ContentStore, DbErr> {
    let (version, overlay) = edits(db).await?;
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let report = super::load_tree(&Tree::new(&dir, overlay.clone()));
        ContentStore::with_edits(&dir, report, overlay, version)
    })
    .await
    .map_err(|e| DbErr::Custom(format!("content loading failed: {e}")))
}

/// Reloads this instance's content with the browser edits in the database now.
pub async fn refresh(store: &ContentStore, db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let (version, overlay) = edits(db).await?;
    let store = store.clone();
    let reloaded = tokio::task::spawn_blocking(move || {
        let counts = store.reload_with(overlay, version);
        (counts, store.problems())
    })
    .await
    .map_err(|e| DbErr::Custom(format!("content reload failed: {e}")))?;
    if let (Some((modules, lessons, errors)), problems) = reloaded {
        for p in problems.iter().filter(|p| p.is_error()) {
            tracing::warn!("{p}");
        }
        tracing::info!(modules, lessons, errors, version, "content reloaded");
    }
    Ok(())
}

/// Keeps this instance's content up to date with the other instances' browser edits, for
/// as long as the server runs (several instances on one PostgreSQL database).
pub async fn follow(store: ContentStore, db: DatabaseConnection) {
    let wake = Arc::new(tokio::sync::Notify::new());
    let listening = Arc::new(AtomicBool::new(false));
    if db.get_database_backend() == DbBackend::Postgres {
        tokio::spawn(listen(db.clone(), wake.clone(), listening.clone()));
    }
    loop {
        let wait = if listening.load(Ordering::Acquire) {
            SAFETY_POLL
        } else {
            POLL
        };
        let _ = tokio::time::timeout(wait, wake.notified()).await;
        match current_version(&db).await {
            Ok(version) if version > store.version() => {
                if let Err(e) = refresh(&store, &db).await {
                    tracing::warn!(error = %e, "cannot reload the content edited on another instance");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot read the content change counter"),
        }
    }
}

/// Wakes [`follow`] at each notification; reconnects after a second when the connection
/// drops (meanwhile `follow` polls).
async fn listen(
    db: DatabaseConnection,
    wake: Arc<tokio::sync::Notify>,
    listening: Arc<AtomicBool>,
) {
    let pool = db.get_postgres_connection_pool().clone();
    loop {
        let heard = async {
            let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
            listener.eager_reconnect(false);
            listener.listen(CHANNEL).await?;
            listening.store(true, Ordering::Release);
            // What changed before listening is caught up by reading the counter.
            wake.notify_one();
            while listener.try_recv().await?.is_some() {
                wake.notify_one();
            }
            Ok::<(), sqlx::Error>(())
        }
        .await;
        listening.store(false, Ordering::Release);
        match heard {
            Ok(()) => tracing::warn!("content notifications stopped: listening again"),
            Err(e) => tracing::warn!(error = %e, "cannot listen to content notifications"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
