//! Nothing lost: the server process is killed (SIGKILL) in the middle of a stream of
//! "Suivant" presses; every save it acknowledged must be in the database afterwards.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};

use app::ssr::db::entities::step_progress;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request; returns the status, the headers and the body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
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
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response
        .split("\r\n\r\n")
        .next()?
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
        .map(|l| l[name.len() + 1..].trim())
}

fn start(port: u16, dir: &Path) -> Child {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["serve", "--demo"])
        .env("PAP_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("kill.db").display()),
        )
        .env("PAP_CONTENT_DIR", content)
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if request(port, "GET", "/healthz", None, "").is_some_and(|(s, _)| s == 200) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_save_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut server = start(port, dir.path());

    let (status, response) =
        request(port, "POST", "/api/connexion", None, "code=BIEN-VENU").unwrap();
    assert_eq!(status, 302);
    let cookie = header(&response, "set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    // Every step of every lesson, saved one after the other as fast as possible.
    let catalog =
        app::ssr::content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).catalog;
    let steps: Vec<(String, String, String)> = catalog
        .published()
        .flat_map(|m| {
            m.published_lessons().flat_map(move |l| {
                l.steps
                    .iter()
                    .map(move |s| (m.slug.clone(), l.slug.clone(), s.slug.clone()))
            })
        })
        .collect();
    assert!(steps.len() > 100);
    let acknowledged: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
    let saver = {
        let acknowledged = acknowledged.clone();
        std::thread::spawn(move || {
            for (m, l, s) in steps {
                let body = format!("module={m}&lesson={l}&step={s}");
                match request(port, "POST", "/api/suivant", Some(&cookie), &body) {
                    // The redirect to the next step is the acknowledgement.
                    Some((302, _)) => acknowledged.lock().unwrap().push((m, l, s)),
                    _ => break,
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 40 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    saver.join().unwrap();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 40,
        "only {} saves before the kill",
        acknowledged.len()
    );

    // Every acknowledged save is in the database.
    let db = Database::connect(format!("sqlite://{}", dir.path().join("kill.db").display()))
        .await
        .unwrap();
    let saved = step_progress::Entity::find()
        .filter(step_progress::Column::CompletedAt.is_not_null())
        .all(&db)
        .await
        .unwrap();
    for (m, l, s) in &acknowledged {
        assert!(
            saved
                .iter()
                .any(|r| &r.module == m && &r.lesson == l && &r.step == s),
            "acknowledged save {m}/{l}/{s} is lost"
        );
    }
    db.close().await.unwrap();

    // And the server starts again on the same database.
    let mut again = start(port, dir.path());
    again.kill().unwrap();
    again.wait().unwrap();
}
