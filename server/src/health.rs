//! Liveness and readiness. A write probe runs on a timer (not once per request): `/healthz`
//! and `/readyz` turn unhealthy when the database cannot be written (a full disk, a
//! read-only file, an I/O error) and recover by themselves when it can again. `/readyz` also
//! turns unhealthy as soon as shutdown starts, so that a load balancer stops sending new
//! requests during the drain period.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sea_orm::DatabaseConnection;

use app::ssr::db;

/// What the probe and the shutdown know, shared with the health routes.
#[derive(Clone, Debug)]
pub struct Health(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    writable: AtomicBool,
    draining: AtomicBool,
}

impl Default for Health {
    /// Writable (the server checks it before it listens) and not draining.
    fn default() -> Self {
        Self(Arc::new(Inner {
            writable: AtomicBool::new(true),
            draining: AtomicBool::new(false),
        }))
    }
}

impl Health {
    /// Whether the last write probe succeeded.
    pub fn writable(&self) -> bool {
        self.0.writable.load(Ordering::Relaxed)
    }

    /// Whether shutdown has started.
    pub fn draining(&self) -> bool {
        self.0.draining.load(Ordering::Relaxed)
    }

    /// Ready to serve: the database can be written and shutdown has not started (the
    /// content is loaded before the server listens).
    pub fn ready(&self) -> bool {
        self.writable() && !self.draining()
    }

    pub fn start_draining(&self) {
        self.0.draining.store(true, Ordering::Relaxed);
    }

    /// Runs the write probe once and records its result (logging changes).
    pub async fn probe(&self, db: &DatabaseConnection) {
        let result = db::check_writable(db).await;
        let now = result.is_ok();
        let before = self.0.writable.swap(now, Ordering::Relaxed);
        match result {
            Err(e) if before => {
                tracing::error!(error = %e, "the database cannot be written: saves fail until this is fixed (disk full? permissions?)");
            }
            Ok(()) if !before => tracing::info!("the database can be written again"),
            _ => {}
        }
    }

    /// Probes every `interval`, in the background.
    pub fn spawn_probe(&self, db: DatabaseConnection, interval: Duration) {
        let health = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(interval);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                health.probe(&db).await;
            }
        });
    }
}
