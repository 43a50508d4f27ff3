//! Helpers for tests that run the real server binary over real TCP: start it, speak raw
//! HTTP/1.1 to it, sign in, save steps, kill it.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn real_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// One HTTP/1.1 request on a new connection; returns the status and the whole response.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .ok()?;
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\n{cookie}\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

pub fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response
        .split("\r\n\r\n")
        .next()?
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
        .map(|l| l[name.len() + 1..].trim())
}

/// A server process with its own database and port.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

/// The environment of a server on `database_url`, listening on `port`.
pub fn command(port: u16, database_url: &str, site: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.args(args)
        .env("PAP_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", database_url)
        .env("PAP_CONTENT_DIR", real_content())
        .env("LEPTOS_SITE_ROOT", site)
        .env("RUST_LOG", "error")
        .env("PAP_SHUTDOWN_DRAIN", "0")
        .stdin(Stdio::null());
    cmd
}

/// Runs `server ARGS…` to the end.
pub fn run(
    port: u16,
    database_url: &str,
    site: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut cmd = command(port, database_url, site, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("server runs")
}

impl Server {
    /// Starts `server serve --demo` and waits until `/readyz` answers 200.
    pub fn start(database_url: &str, site: &Path, env: &[(&str, &str)]) -> Server {
        Self::try_start(database_url, site, env).expect("the server did not start")
    }

    pub fn try_start(
        database_url: &str,
        site: &Path,
        env: &[(&str, &str)],
    ) -> Result<Server, String> {
        Self::try_start_with(database_url, site, env, &["serve", "--demo"])
    }

    /// Starts `server ARGS…` and waits until `/readyz` answers 200.
    pub fn try_start_with(
        database_url: &str,
        site: &Path,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> Result<Server, String> {
        let port = free_port();
        let mut cmd = command(port, database_url, site, args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("server starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                return Err(err);
            }
            if request(port, "GET", "/readyz", None, "").is_some_and(|(s, _)| s == 200) {
                return Ok(Server { child, port });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        Err("no answer in 60 s".into())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn kill9(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().unwrap();
    }

    /// Sends SIGTERM; returns when the process ended, and how long it took.
    pub fn terminate(mut self) -> (std::process::ExitStatus, Duration) {
        let start = Instant::now();
        let ok = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -TERM failed");
        let status = self.child.wait().unwrap();
        (status, start.elapsed())
    }

    /// Signs in the demo learner; returns the session cookie.
    pub fn learner_cookie(&self) -> String {
        let (status, response) =
            request(self.port, "POST", "/api/connexion", None, "code=BIEN-VENU").unwrap();
        assert_eq!(status, 302, "{response}");
        header(&response, "set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every step of every published lesson: `(module, lesson, step)`.
pub fn all_steps() -> Vec<(String, String, String)> {
    let catalog = app::ssr::content::load(&real_content()).catalog;
    catalog
        .published()
        .flat_map(|m| {
            m.published_lessons().flat_map(move |l| {
                l.steps
                    .iter()
                    .map(move |s| (m.slug.clone(), l.slug.clone(), s.slug.clone()))
            })
        })
        .collect()
}

/// What a "Suivant" press got.
#[derive(Debug, PartialEq, Eq)]
pub enum Save {
    /// Redirected to the next step with "C'est enregistré" (`#enregistre`).
    Acknowledged,
    /// Back to the same step with the "not saved" message; `String` is where to.
    NotSaved(String),
    /// Anything else (no answer, another status).
    Other(String),
}

pub fn save_step(port: u16, cookie: &str, (m, l, s): &(String, String, String)) -> Save {
    let body = format!("module={m}&lesson={l}&step={s}");
    match request(port, "POST", "/api/suivant", Some(cookie), &body) {
        Some((302, response)) => {
            let to = header(&response, "location")
                .unwrap_or_default()
                .to_string();
            if to.ends_with("#enregistre") {
                Save::Acknowledged
            } else if to.contains("enregistrement=echec") {
                Save::NotSaved(to)
            } else {
                Save::Other(to)
            }
        }
        Some((status, _)) => Save::Other(status.to_string()),
        None => Save::Other("no answer".into()),
    }
}

/// The steps recorded as finished in the SQLite database at `file`.
pub async fn saved_steps(database_url: &str) -> Vec<(String, String, String)> {
    use app::ssr::db::entities::step_progress;
    use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
    let db = Database::connect(database_url).await.unwrap();
    let saved = step_progress::Entity::find()
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.module, r.lesson, r.step))
        .collect();
    db.close().await.unwrap();
    saved
}

/// `PRAGMA integrity_check` of a SQLite file.
pub async fn integrity(database_url: &str) -> String {
    use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
    let db = Database::connect(database_url).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    let result: String = row.try_get_by_index(0).unwrap();
    db.close().await.unwrap();
    result
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs of `size` mounted on `dir` (root only); unmounted when dropped.
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    pub fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    pub fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}
