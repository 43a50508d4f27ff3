//! Configuration, read from environment variables with clear errors.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Every setting of the server. See README.md for the variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://path/file.db` or `postgres://…`.
    /// Default: `sqlite://data/pas-a-pas.db`.
    pub database_url: String,
    /// `PAP_ADDR` (or cargo-leptos's `LEPTOS_SITE_ADDR`): where to listen.
    /// Default: `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `PAP_CONTENT_DIR`: the lesson modules. Default: `content`.
    pub content_dir: PathBuf,
    /// `LEPTOS_SITE_ROOT`: the built CSS, JS and WebAssembly. Default: `target/site`.
    pub site_root: PathBuf,
    /// `PAP_PUBLIC_URL`: the address users type, e.g. `https://pasapas.example.org`.
    /// Default: `http://{addr}`.
    pub public_url: String,
    /// `PAP_TRUST_PROXY`: take the client's address from `X-Forwarded-For` (only behind a
    /// reverse proxy that sets it). Default: `false`.
    pub trust_proxy: bool,
    /// `PAP_BACKUP_DIR`: where the daily backup goes (none when unset).
    pub backup_dir: Option<PathBuf>,
    /// `PAP_BACKUP_KEEP_DAILY` (default 7) and `PAP_BACKUP_KEEP_WEEKLY` (default 4): how
    /// many daily backups, and weekly ones beyond them, are kept.
    pub backup_keep: Keep,
    /// `PAP_HEALTH_INTERVAL`: seconds between two write probes of the database. Default: 5.
    pub health_interval: Duration,
    /// `PAP_MAX_CONNECTIONS` (default 1024), `PAP_SHUTDOWN_DRAIN` (seconds, default 2),
    /// `PAP_SHUTDOWN_DEADLINE` (seconds, default 20), `PAP_HEADER_TIMEOUT` (seconds,
    /// default 10), `PAP_BODY_TIMEOUT` (seconds, default 30).
    pub limits: Limits,
    /// `PAP_MIGRATE_WITHOUT_BACKUP`: on PostgreSQL, apply pending migrations even when
    /// `pg_dump` could not back the database up first. Default: `false` (refuse).
    pub migrate_without_backup: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{var}={value:?} is not valid: {reason}")]
    Invalid {
        var: &'static str,
        value: String,
        reason: &'static str,
    },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads the settings through `var`, so tests need not touch the environment.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let addr_var = if var("PAP_ADDR").is_some() {
            "PAP_ADDR"
        } else {
            "LEPTOS_SITE_ADDR"
        };
        let addr = match var(addr_var) {
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
                var: addr_var,
                value: v,
                reason: "expected an address and a port, like 127.0.0.1:3000",
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/pas-a-pas.db".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                var: "DATABASE_URL",
                value: database_url,
                reason: "expected sqlite://… or postgres://…",
            });
        }
        let public_url = match var("PAP_PUBLIC_URL") {
            Some(v) => {
                let v = v.trim_end_matches('/').to_string();
                let rest = v
                    .strip_prefix("https://")
                    .or_else(|| v.strip_prefix("http://"));
                if rest.is_none_or(|r| r.is_empty() || r.contains('/')) {
                    return Err(ConfigError::Invalid {
                        var: "PAP_PUBLIC_URL",
                        value: v,
                        reason: "expected an origin like https://pasapas.example.org (no path)",
                    });
                }
                v
            }
            None => format!("http://{addr}"),
        };
        let flag = |name: &'static str| match var(name).as_deref() {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("1" | "true" | "yes") => Ok(true),
            Some(v) => Err(ConfigError::Invalid {
                var: name,
                value: v.to_string(),
                reason: "expected true or false",
            }),
        };
        let trust_proxy = flag("PAP_TRUST_PROXY")?;
        let migrate_without_backup = flag(app::ssr::db::MIGRATE_WITHOUT_BACKUP_VAR)?;
        let number = |name: &'static str, default: f64, max: f64| -> Result<f64, ConfigError> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite() && *n >= 0.0 && *n <= max)
                    .ok_or(ConfigError::Invalid {
                        var: name,
                        value: v,
                        reason: "expected a number within bounds",
                    }),
            }
        };
        let seconds = |name, default, max| number(name, default, max).map(Duration::from_secs_f64);
        let defaults = Limits::default();
        let limits = Limits {
            header_read: seconds("PAP_HEADER_TIMEOUT", 10.0, 600.0)?,
            body_progress: seconds("PAP_BODY_TIMEOUT", 30.0, 3600.0)?,
            max_connections: number(
                "PAP_MAX_CONNECTIONS",
                defaults.max_connections as f64,
                1_000_000.0,
            )?
            .max(1.0) as usize,
            drain: seconds("PAP_SHUTDOWN_DRAIN", 2.0, 600.0)?,
            shutdown_deadline: seconds("PAP_SHUTDOWN_DEADLINE", 20.0, 3600.0)?,
        };
        let backup_keep = Keep {
            daily: number("PAP_BACKUP_KEEP_DAILY", 7.0, 10_000.0)? as usize,
            weekly: number("PAP_BACKUP_KEEP_WEEKLY", 4.0, 10_000.0)? as usize,
        };
        Ok(Self {
            backup_dir: var("PAP_BACKUP_DIR").map(PathBuf::from),
            backup_keep,
            health_interval: Duration::from_secs_f64(
                number("PAP_HEALTH_INTERVAL", 5.0, 3600.0)?.max(0.05),
            ),
            limits,
            database_url,
            addr,
            content_dir: var("PAP_CONTENT_DIR")
                .unwrap_or_else(|| "content".into())
                .into(),
            site_root: var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            public_url,
            trust_proxy,
            migrate_without_backup,
        })
    }

    /// How the database is backed up before pending migrations: PostgreSQL dumps go to
    /// `PAP_BACKUP_DIR`, or to `backups/` beside the content folder.
    pub fn pre_migration_backup(&self) -> app::ssr::db::PreMigrationBackup {
        let dir = self.backup_dir.clone().unwrap_or_else(|| {
            self.content_dir
                .parent()
                .unwrap_or(std::path::Path::new(""))
                .join("backups")
        });
        app::ssr::db::PreMigrationBackup {
            dir,
            without_backup: self.migrate_without_backup,
            ..Default::default()
        }
    }
}

/// How many scheduled backups are kept (see [`crate::backup`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    /// The most recent days that have a backup.
    pub daily: usize,
    /// Beyond those, the newest backup of each of the most recent weeks.
    pub weekly: usize,
}

/// The limits of [`crate::serving::serve`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub header_read: Duration,
    pub body_progress: Duration,
    pub max_connections: usize,
    pub drain: Duration,
    pub shutdown_deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            body_progress: Duration::from_secs(30),
            max_connections: 1024,
            drain: Duration::from_secs(2),
            shutdown_deadline: Duration::from_secs(20),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_on_local_sqlite() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://data/pas-a-pas.db");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(!c.trust_proxy);
        assert_eq!(c.backup_dir, None);
        assert_eq!(
            c.backup_keep,
            Keep {
                daily: 7,
                weekly: 4
            }
        );
        assert_eq!(c.limits, Limits::default());
        assert_eq!(c.health_interval, Duration::from_secs(5));
    }

    #[test]
    fn operations_settings_are_read() {
        let c = config(&[
            ("PAP_BACKUP_DIR", "/srv/sauvegardes"),
            ("PAP_BACKUP_KEEP_DAILY", "3"),
            ("PAP_SHUTDOWN_DEADLINE", "1.5"),
            ("PAP_MAX_CONNECTIONS", "10"),
        ])
        .unwrap();
        assert_eq!(
            c.backup_dir.as_deref(),
            Some(std::path::Path::new("/srv/sauvegardes"))
        );
        assert_eq!(c.backup_keep.daily, 3);
        assert_eq!(c.limits.shutdown_deadline, Duration::from_millis(1500));
        assert_eq!(c.limits.max_connections, 10);
        let e = config(&[("PAP_SHUTDOWN_DEADLINE", "soon")]).unwrap_err();
        assert!(e.to_string().starts_with("PAP_SHUTDOWN_DEADLINE="), "{e}");
    }

    #[test]
    fn bad_values_name_their_variable() {
        let e = config(&[("PAP_ADDR", "localhost")]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("PAP_ADDR=\"localhost\" is not valid"),
            "{e}"
        );
        let e = config(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert!(e.to_string().starts_with("DATABASE_URL="), "{e}");
        let e = config(&[("PAP_PUBLIC_URL", "https://x.org/app")]).unwrap_err();
        assert!(e.to_string().starts_with("PAP_PUBLIC_URL="), "{e}");
        assert!(config(&[("PAP_TRUST_PROXY", "maybe")]).is_err());
    }

    #[test]
    fn public_url_loses_its_trailing_slash() {
        let c = config(&[("PAP_PUBLIC_URL", "https://pasapas.example.org/")]).unwrap();
        assert_eq!(c.public_url, "https://pasapas.example.org");
    }
}
