//! Start-up: database, content, shared state, and serving.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use leptos::config::LeptosOptions;
use sea_orm::DbBackend;

use app::ssr::content::{self, ContentStore};
use app::ssr::services::progress::SeenRecorder;
use app::ssr::services::{demo, sessions};
use app::ssr::state::{AppState, Kept, Settings, Shared};
use app::ssr::throttle::LoginThrottle;
use app::ssr::user_cache::{self, UserCache};
use app::ssr::{db, drafts};

use crate::config::Config;
use crate::health::Health;
use crate::{backup, code_pages, router, serving};

/// The options Leptos renders with. File hashing is on when cargo-leptos left its list of
/// hashed file names beside the binary (release builds).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_file_present = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").is_file()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("pas-a-pas")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(hash_file_present)
        .build()
}

/// Loads `content/` with the browser edits kept in the database laid over it, once, and
/// logs every problem as `file:line:column`.
pub async fn load_content(
    dir: &Path,
    db: &sea_orm::DatabaseConnection,
) -> anyhow::Result<ContentStore> {
    let store = content::sync::load(dir, db)
        .await
        .context("cannot load the lessons (with those edited in the browser)")?;
    for problem in store.problems().iter() {
        if problem.is_error() {
            tracing::error!("{problem}");
        } else {
            tracing::warn!("{problem}");
        }
    }
    let catalog = store.get();
    tracing::info!(
        modules = catalog.all().len(),
        lessons = catalog.lesson_count(),
        version = store.version(),
        "content loaded"
    );
    Ok(store)
}

/// Connects to the database, runs the pending migrations (after a backup, one instance at
/// a time) and checks that the database can be written: a server that cannot save must not
/// start.
pub async fn open_database(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let advice = "check that the disk is not full and that the user running Pas à Pas may \
                  write the database file and its folder";
    let db = db::connect(&config.database_url)
        .await
        .with_context(|| format!("cannot open the database {}", config.database_url))?;
    let report = db::migrate(&db, &config.database_url, &config.pre_migration_backup())
        .await
        .with_context(|| {
            format!(
                "cannot bring the database {} up to date ({advice})",
                config.database_url
            )
        })?;
    if let Some(backup) = &report.backup {
        tracing::info!(backup = %backup.display(), "backup made before migrating");
    }
    for name in &report.applied {
        tracing::info!(migration = %name, "migration applied");
    }
    db::check_writable(&db).await.with_context(|| {
        format!(
            "the database {} cannot be written: {advice}",
            config.database_url
        )
    })?;
    Ok(db)
}

/// Connects to the database (see [`open_database`]), loads the content and, if asked,
/// creates the demo dataset.
pub async fn build_state(config: &Config, with_demo: bool) -> anyhow::Result<AppState> {
    let db = open_database(config).await?;
    if with_demo {
        demo::seed(&db)
            .await
            .context("cannot create the demo data")?;
        tracing::info!(
            "demo data ready: {} / {} (password {}), learner code {}",
            demo::DEMO_VOLUNTEER,
            demo::DEMO_TRAINER,
            demo::DEMO_PASSWORD,
            demo::DEMO_LEARNER_CODE
        );
    }
    // The content served is `content/` with the browser edits kept in the database laid
    // over it; every instance follows the others' edits (see `content::sync`).
    let content = load_content(&config.content_dir, &db).await?;
    tokio::spawn(content::sync::follow(content.clone(), db.clone()));
    // Several instances may share a PostgreSQL database: their caches of users listen to
    // each other's changes.
    let users: Arc<UserCache> = if db.get_database_backend() == DbBackend::Postgres {
        let users = Arc::new(UserCache::shared());
        tokio::spawn(user_cache::listen(users.clone(), db.clone()));
        users
    } else {
        Arc::default()
    };
    Ok(AppState::new(Shared {
        leptos_options: leptos_options(config),
        db,
        content,
        throttle: Arc::new(LoginThrottle::default()),
        users,
        passwords: app::ssr::auth::PasswordGate::for_this_machine(),
        seen: Arc::new(SeenRecorder::default()),
        kept: Kept::default(),
        settings: Arc::new(Settings {
            public_origin: config.public_url.clone(),
            secure_cookies: config.public_url.starts_with("https://"),
        }),
        audio: Arc::default(),
    }))
}

/// Reloads the content when files change in `content/` (a text editor, `git pull`), a
/// moment after the last change; browser edits come from the database (`content::sync`).
/// Keep the returned watcher alive.
pub fn watch_content(store: ContentStore) -> anyhow::Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let root = store.dir().to_path_buf();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        let relevant = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && event.paths.iter().any(|p| {
            // Editors' temporary files and the history of versions do not count.
            let inside = p.strip_prefix(&root).unwrap_or(p);
            !inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        });
        if relevant {
            let _ = tx.send(());
        }
    })
    .context("cannot watch the content folder")?;
    watcher
        .watch(store.dir(), RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", store.dir().display()))?;
    tokio::spawn(async move {
        while rx.recv().await.is_some() {
            // Wait for a quiet moment: saving a file is often several events.
            while let Ok(Some(())) =
                tokio::time::timeout(std::time::Duration::from_millis(300), rx.recv()).await
            {
            }
            let store = store.clone();
            match tokio::task::spawn_blocking(move || {
                let counts = store.reload();
                (counts, store.problems())
            })
            .await
            {
                Ok(((modules, lessons, errors), problems)) => {
                    for p in problems.iter().filter(|p| p.is_error()) {
                        tracing::error!("{p}");
                    }
                    tracing::info!(modules, lessons, errors, "content reloaded");
                }
                Err(e) => tracing::error!(error = %e, "content reload failed"),
            }
        }
    });
    Ok(watcher)
}

/// Serves until Ctrl-C or SIGTERM (see `serving.rs` for the limits and the shutdown).
pub async fn serve(config: Config, with_demo: bool) -> anyhow::Result<()> {
    // Held while serving, so that `server restore` refuses to run meanwhile.
    let _running = backup::hold_running_lock(&config.database_url)?;
    let state = build_state(&config, with_demo).await?;
    let (db, seen) = (state.db.clone(), state.seen.clone());
    tokio::spawn(async move {
        let mut every_two_seconds = tokio::time::interval(std::time::Duration::from_secs(2));
        loop {
            every_two_seconds.tick().await;
            if let Err(e) = seen.flush(&db).await {
                tracing::warn!(error = %e, "cannot record the steps seen");
            }
        }
    });
    let db = state.db.clone();
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(e) = sessions::purge_expired(&db).await {
                tracing::warn!(error = %e, "cannot purge expired sessions");
            }
            if let Err(e) = drafts::purge_expired(&db).await {
                tracing::warn!(error = %e, "cannot purge expired drafts and form tokens");
            }
        }
    });
    let health = Health::default();
    health.spawn_probe(state.db.clone(), config.health_interval);
    if let Some(dir) = &config.backup_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the backup folder {}", dir.display()))?;
        backup::spawn_schedule(config.clone(), state.db.clone(), dir.clone());
    }
    let _watcher = watch_content(state.content.clone())?;
    // Every step read aloud, made in the background (a step without its audio yet has no
    // player); again after each change of the content.
    tokio::spawn(app::ssr::speech::follow(
        state.audio.clone(),
        state.db.clone(),
        state.content.clone(),
    ));
    let (db, seen) = (state.db.clone(), state.seen.clone());
    let site = router::site(state, &config, health.clone());
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    tracing::info!("Pas à Pas listening on http://{}", config.addr);
    match tokio::task::spawn_blocking(code_pages::release)
        .await
        .map_err(std::io::Error::other)
        .and_then(|released| released)
    {
        Ok(bytes) => tracing::info!(
            mib = bytes / (1024 * 1024),
            "pages of code run only at start-up given back"
        ),
        Err(e) => tracing::warn!(error = %e, "cannot give back the pages of start-up code"),
    }
    let closed = serving::serve(listener, site, config.limits, health, shutdown_signal()).await;
    if closed > 0 {
        tracing::warn!(closed, "connections closed at the shutdown deadline");
    }
    seen.flush(&db)
        .await
        .context("cannot record the last steps seen")?;
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
