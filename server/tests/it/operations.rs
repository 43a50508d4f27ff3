//! Data safety and operations, on the real binary over real TCP: a full disk, a read-only
//! database, migrations killed half-way and started twice at once, backups under load and
//! restores, timeouts of slow clients, and the shutdown deadline.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::process::{Save, Server, Tmpfs};

/// The saves acknowledged so far, shared with the thread that makes them.
type Steps = Arc<Mutex<Vec<(String, String, String)>>>;

fn sqlite_url(file: &Path) -> String {
    format!("sqlite://{}", file.display())
}

/// Waits until `GET path` answers `status`; returns how long it took.
fn wait_for(port: u16, path: &str, status: u16, within: Duration) -> Duration {
    let start = Instant::now();
    while start.elapsed() < within {
        if crate::process::request(port, "GET", path, None, "").is_some_and(|(s, _)| s == status) {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{path} did not answer {status} within {within:?}");
}

/// Fills the file system of `dir` with one file until it is full.
fn fill(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 64 * 1024];
    loop {
        match file.write(&block) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    // Fill what a smaller write still fits.
    while file.write(&[0u8; 512]).is_ok_and(|n| n > 0) {}
    let _ = file.sync_all();
    path
}

/// A full disk in the middle of a stream of saves: saves fail with a French message (never
/// acknowledged), `/healthz` says so within the probe interval, both recover by themselves
/// when space comes back, and every acknowledged save is there after a restart.
#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("disk");
    let Some(_tmpfs) = Tmpfs::mount(&mnt, "24m") else {
        eprintln!("SKIPPED: mounting a tmpfs needs root (CI runs as root)");
        assert!(!crate::process::is_root(), "root but cannot mount a tmpfs");
        return;
    };
    let url = sqlite_url(&mnt.join("full.db"));
    let env = [("PAP_HEALTH_INTERVAL", "0.2")];
    let server = Server::start(&url, dir.path(), &env);
    let port = server.port;
    let cookie = server.learner_cookie();
    let steps = crate::process::all_steps();
    assert!(steps.len() > 100);

    let acknowledged: Steps = Arc::default();
    let not_saved: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let saver = {
        let (acknowledged, not_saved, stop, cookie) = (
            acknowledged.clone(),
            not_saved.clone(),
            stop.clone(),
            cookie.clone(),
        );
        std::thread::spawn(move || {
            for step in steps.iter().cycle() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match crate::process::save_step(port, &cookie, step) {
                    Save::Acknowledged => acknowledged.lock().unwrap().push(step.clone()),
                    Save::NotSaved(to) => {
                        not_saved.lock().unwrap().push(to);
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Save::Other(what) => panic!("unexpected answer to a save: {what}"),
                }
            }
        })
    };
    let count = |v: &Steps| v.lock().unwrap().len();
    while count(&acknowledged) < 20 {
        std::thread::sleep(Duration::from_millis(5));
    }

    // The disk fills up.
    let filler = fill(&mnt);
    let unhealthy_after = wait_for(port, "/healthz", 503, Duration::from_secs(10));
    assert_eq!(
        crate::process::request(port, "GET", "/readyz", None, "")
            .unwrap()
            .0,
        503
    );
    let start = Instant::now();
    while not_saved.lock().unwrap().len() < 20 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let failures = not_saved.lock().unwrap().len();
    assert!(
        failures >= 20,
        "only {failures} saves failed on a full disk"
    );
    // The learner is told, in plain French, on the same step.
    let to = not_saved.lock().unwrap()[0].clone();
    let (status, page) = crate::process::request(
        port,
        "GET",
        to.split('#').next().unwrap(),
        Some(&cookie),
        "",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("Ce n&#x27;est pas enregistré") || page.contains("Ce n'est pas enregistré"),
        "{page}"
    );

    // Space comes back: everything recovers without a restart.
    std::fs::remove_file(filler).unwrap();
    let healthy_after = wait_for(port, "/healthz", 200, Duration::from_secs(10));
    let before = count(&acknowledged);
    let start = Instant::now();
    while count(&acknowledged) < before + 30 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        count(&acknowledged) >= before + 30,
        "saves did not recover after space came back"
    );
    stop.store(true, Ordering::Relaxed);
    saver.join().unwrap();
    server.kill9();

    // Every acknowledged save is in the database after a restart.
    let again = Server::start(&url, dir.path(), &env);
    again.kill9();
    let saved = crate::process::saved_steps(&url).await;
    let acknowledged = acknowledged.lock().unwrap().clone();
    let lost: Vec<_> = acknowledged.iter().filter(|a| !saved.contains(a)).collect();
    eprintln!(
        "acknowledged {}, not saved {failures}, lost {}; unhealthy after {unhealthy_after:?}, healthy again after {healthy_after:?}",
        acknowledged.len(),
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "{} acknowledged saves lost: {lost:?}",
        lost.len()
    );
    assert_eq!(crate::process::integrity(&url).await, "ok");
}

/// A database that cannot be written: the server refuses to start, and says why.
#[tokio::test(flavor = "multi_thread")]
async fn refuses_to_start_on_a_read_only_database() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("ro");
    let tmpfs = Tmpfs::mount(&mnt, "8m");
    if tmpfs.is_none() {
        assert!(!crate::process::is_root(), "root but cannot mount a tmpfs");
        std::fs::create_dir_all(&mnt).unwrap();
    }
    let url = sqlite_url(&mnt.join("ro.db"));
    let out = crate::process::run(
        crate::process::free_port(),
        &url,
        dir.path(),
        &["migrate"],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    match &tmpfs {
        Some(t) => t.remount_read_only(),
        None => {
            use std::os::unix::fs::PermissionsExt;
            for f in std::fs::read_dir(&mnt).unwrap() {
                let f = f.unwrap().path();
                std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
            }
            std::fs::set_permissions(&mnt, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
    let error = Server::try_start(&url, dir.path(), &[])
        .err()
        .expect("refused to start");
    assert!(error.contains("cannot be written"), "{error}");
    assert!(error.contains("disk is not full"), "{error}");
}

/// `server migrate` killed (SIGKILL) at a random moment, again and again: every database
/// can be brought up to date afterwards and passes SQLite's integrity check. Cycles:
/// `PAP_MIGRATION_KILL_CYCLES` (default 5; README reports a longer run).
#[tokio::test(flavor = "multi_thread")]
async fn migrations_killed_at_random_leave_a_database_that_starts() {
    let cycles: usize = std::env::var("PAP_MIGRATION_KILL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let port = crate::process::free_port();
    // How long a whole first migration takes.
    let url = sqlite_url(&dir.path().join("timing.db"));
    let start = Instant::now();
    let out = crate::process::run(port, &url, dir.path(), &["migrate"], &[]);
    assert!(out.status.success());
    let full = start.elapsed();
    let mut killed_midway = 0;
    for cycle in 0..cycles {
        let url = sqlite_url(&dir.path().join(format!("kill-{cycle}.db")));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u128;
        let delay = Duration::from_micros((nanos % full.as_micros().max(1)) as u64);
        let mut child = crate::process::command(port, &url, dir.path(), &["migrate"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if !status.success() {
            killed_midway += 1;
        }
        let out = crate::process::run(port, &url, dir.path(), &["migrate"], &[]);
        assert!(
            out.status.success(),
            "cycle {cycle} (killed after {delay:?}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = crate::process::run(port, &url, dir.path(), &["migrate"], &[]);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("up to date"),
            "cycle {cycle}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(crate::process::integrity(&url).await, "ok", "cycle {cycle}");
    }
    eprintln!(
        "{cycles} cycles, {killed_midway} killed before the end (a full run takes {full:?}), every database migrated afterwards"
    );
}

/// Two instances started at the same moment on an empty database both come up.
#[tokio::test(flavor = "multi_thread")]
async fn two_instances_starting_together_both_come_up() {
    let dir = tempfile::tempdir().unwrap();
    let url = match std::env::var("PAP_TEST_POSTGRES") {
        Ok(admin) => postgres_database(&admin).await,
        Err(_) => sqlite_url(&dir.path().join("twice.db")),
    };
    let (a, b) = std::thread::scope(|s| {
        // Without the demo data, whose creation is not meant for two instances at once.
        let a = s.spawn(|| Server::try_start_with(&url, dir.path(), &[], &["serve"]));
        let b = s.spawn(|| Server::try_start_with(&url, dir.path(), &[], &["serve"]));
        (a.join().unwrap(), b.join().unwrap())
    });
    let (a, b) = (a.expect("first instance"), b.expect("second instance"));
    for s in [&a, &b] {
        assert_eq!(
            crate::process::request(s.port, "GET", "/healthz", None, "")
                .unwrap()
                .0,
            200
        );
    }
}

async fn postgres_database(admin_url: &str) -> String {
    use sea_orm::{ConnectionTrait, Database};
    let name = format!(
        "pap_ops_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let admin = Database::connect(admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.ok();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// A copy of the content with what trainers add: a history of versions and an image.
fn content_with_history(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    copy(&crate::process::real_content(), to);
    std::fs::create_dir_all(to.join(".historique/arnaques")).unwrap();
    std::fs::write(
        to.join(".historique/arnaques/faux-messages.1.md"),
        "une ancienne version",
    )
    .unwrap();
    std::fs::write(
        to.join("arnaques/capture.png"),
        [0x89, b'P', b'N', b'G', 1, 2, 3],
    )
    .unwrap();
}

/// `server backup` while learners save; `server restore` into a fresh folder: every save
/// acknowledged before the backup began is there, the content too, and old cookies still
/// work. A damaged or foreign archive, and a restore while the site runs, are refused.
#[tokio::test(flavor = "multi_thread")]
async fn backup_under_load_then_restore_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    content_with_history(&content);
    let url = sqlite_url(&dir.path().join("live.db"));
    let content_env = content.display().to_string();
    let env = [("PAP_CONTENT_DIR", content_env.as_str())];
    let server = Server::start(&url, dir.path(), &env);
    let port = server.port;
    let cookie = server.learner_cookie();
    let steps = crate::process::all_steps();
    let acknowledged: Steps = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let saver = {
        let (acknowledged, stop, cookie) = (acknowledged.clone(), stop.clone(), cookie.clone());
        std::thread::spawn(move || {
            for step in steps.iter().cycle() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match crate::process::save_step(port, &cookie, step) {
                    Save::Acknowledged => acknowledged.lock().unwrap().push(step.clone()),
                    other => panic!("a save failed: {other:?}"),
                }
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 40 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let before_backup = acknowledged.lock().unwrap().clone();
    let archive = dir.path().join("sauvegarde.tar.gz");
    let archive_arg = archive.display().to_string();
    let out = crate::process::run(port, &url, dir.path(), &["backup", &archive_arg], &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let during = acknowledged.lock().unwrap().len() - before_backup.len();
    stop.store(true, Ordering::Relaxed);
    saver.join().unwrap();

    // Refused while the site runs (it holds the database).
    let out = crate::process::run(
        crate::process::free_port(),
        &url,
        dir.path(),
        &["restore", &archive_arg],
        &env,
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("running"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (status, _) = server.terminate();
    assert!(status.success());

    // Restored into a fresh folder.
    let fresh = dir.path().join("ailleurs");
    let fresh_url = sqlite_url(&fresh.join("data/pas-a-pas.db"));
    let fresh_content = fresh.join("content").display().to_string();
    let fresh_env = [("PAP_CONTENT_DIR", fresh_content.as_str())];
    let out = crate::process::run(
        crate::process::free_port(),
        &fresh_url,
        dir.path(),
        &["restore", &archive_arg],
        &fresh_env,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(fresh.join("content/.historique/arnaques/faux-messages.1.md"))
            .unwrap(),
        "une ancienne version"
    );
    assert!(fresh.join("content/arnaques/capture.png").is_file());
    let saved = crate::process::saved_steps(&fresh_url).await;
    let lost: Vec<_> = before_backup
        .iter()
        .filter(|a| !saved.contains(a))
        .collect();
    assert!(lost.is_empty(), "lost in the backup: {lost:?}");
    eprintln!(
        "{} saves acknowledged before the backup, {during} during it, all {} restored",
        before_backup.len(),
        before_backup.len()
    );
    let restored = Server::start(&fresh_url, dir.path(), &fresh_env);
    let (status, page) =
        crate::process::request(restored.port, "GET", "/", Some(&cookie), "").unwrap();
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Jeanne"),
        "the old cookie no longer works: {page}"
    );
    drop(restored);

    // A damaged archive: refused, nothing touched.
    let bytes = std::fs::read(&archive).unwrap();
    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0xff;
    let damaged_path = dir.path().join("abimee.tar.gz");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let truncated_path = dir.path().join("coupee.tar.gz");
    std::fs::write(&truncated_path, &bytes[..bytes.len() * 2 / 3]).unwrap();
    for bad in [&damaged_path, &truncated_path] {
        let out = crate::process::run(
            crate::process::free_port(),
            &fresh_url,
            dir.path(),
            &["restore", &bad.display().to_string()],
            &fresh_env,
        );
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("damaged") || err.contains("not a Pas à Pas backup"),
            "{err}"
        );
    }
    // A foreign archive.
    let foreign = dir.path().join("photos.tar.gz");
    {
        let file = std::fs::File::create(&foreign).unwrap();
        let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::default(),
        ));
        let mut header = tar::Header::new_gnu();
        header.set_size(5);
        header.set_cksum();
        tar.append_data(&mut header, "photo.jpg", &b"12345"[..])
            .unwrap();
        tar.into_inner().unwrap().finish().unwrap();
    }
    let out = crate::process::run(
        crate::process::free_port(),
        &fresh_url,
        dir.path(),
        &["restore", &foreign.display().to_string()],
        &fresh_env,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Pas à Pas backup"));
    // The restored data is still in place.
    assert_eq!(crate::process::integrity(&fresh_url).await, "ok");
}

/// With `PAP_BACKUP_DIR`, a backup of the day is made when the server starts.
#[tokio::test(flavor = "multi_thread")]
async fn the_daily_backup_is_made_in_the_backup_folder() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("sauvegardes");
    let backups_env = backups.display().to_string();
    let server = Server::start(
        // In a folder that does not exist yet.
        &sqlite_url(&dir.path().join("nouveau/daily.db")),
        dir.path(),
        &[("PAP_BACKUP_DIR", backups_env.as_str())],
    );
    let start = Instant::now();
    let made = loop {
        let found: Vec<_> = std::fs::read_dir(&backups)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(f) = found
            .iter()
            .find(|f| f.starts_with("pas-a-pas-") && f.ends_with(".tar.gz"))
        {
            break f.clone();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no daily backup: {found:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(std::fs::metadata(backups.join(made)).unwrap().len() > 1000);
    drop(server);
}

/// Reads until the server closes the connection; returns how long it took, or `None` if it
/// was still open after `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while start.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

/// Slow and silent clients are cut: half a header, an idle keep-alive connection, a body
/// that stops coming. Normal requests (the step cache's fast path included) still work.
#[tokio::test(flavor = "multi_thread")]
async fn slow_clients_are_cut_after_the_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("PAP_HEADER_TIMEOUT", "1"), ("PAP_BODY_TIMEOUT", "1")];
    let server = Server::start(&sqlite_url(&dir.path().join("slow.db")), dir.path(), &env);
    let port = server.port;

    // Half a header.
    let mut half = TcpStream::connect(("127.0.0.1", port)).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let cut = closed_within(&mut half, Duration::from_secs(5)).expect("half a header is cut");
    assert!(cut >= Duration::from_millis(800), "cut too early: {cut:?}");

    // An idle keep-alive connection, after one request.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 512];
    let n = idle.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"));
    closed_within(&mut idle, Duration::from_secs(5)).expect("an idle connection is closed");

    // A body that stops coming.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.write_all(
        format!(
            "POST /api/connexion HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncode=BIEN"
        )
        .as_bytes(),
    )
    .unwrap();
    closed_within(&mut slow, Duration::from_secs(5)).expect("a stalled body is cut");

    // Normal requests: a step page twice (the second from the step cache), a save.
    let cookie = server.learner_cookie();
    let step = &crate::process::all_steps()[0];
    let path = format!("/modules/{}/{}/{}", step.0, step.1, step.2);
    for _ in 0..2 {
        let (status, page) =
            crate::process::request(port, "GET", &path, Some(&cookie), "").unwrap();
        assert_eq!(status, 200);
        assert!(page.contains("Jeanne"));
    }
    assert_eq!(
        crate::process::save_step(port, &cookie, step),
        Save::Acknowledged
    );
}

/// SIGTERM with a client stalled in the middle of a request: readiness turns unhealthy at
/// once (drain), and the process ends by the shutdown deadline.
#[tokio::test(flavor = "multi_thread")]
async fn shutdown_ends_by_its_deadline_despite_a_stalled_client() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("PAP_HEADER_TIMEOUT", "60"),
        ("PAP_BODY_TIMEOUT", "60"),
        ("PAP_SHUTDOWN_DRAIN", "1"),
        ("PAP_SHUTDOWN_DEADLINE", "2"),
    ];
    let server = Server::start(&sqlite_url(&dir.path().join("stop.db")), dir.path(), &env);
    let port = server.port;
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stalled
        .write_all(
            format!(
                "POST /api/connexion HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncode="
            )
            .as_bytes(),
        )
        .unwrap();
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    silent.write_all(b"GET / HTT").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.pid();
    let terminating = std::thread::spawn(move || server.terminate());
    std::thread::sleep(Duration::from_millis(300));
    // Draining: not ready any more, but still answering.
    let (status, body) = crate::process::request(port, "GET", "/readyz", None, "")
        .expect("still answers while draining");
    assert_eq!(status, 503, "{body}");
    let (status, took) = terminating.join().unwrap();
    assert!(status.success(), "pid {pid}: {status:?}");
    assert!(
        took < Duration::from_secs(6),
        "shutdown took {took:?} (drain 1 s + deadline 2 s)"
    );
    assert!(
        took >= Duration::from_secs(2),
        "ended before the stalled request's deadline: {took:?}"
    );
    drop((stalled, silent));
}

/// PostgreSQL (`PAP_TEST_POSTGRES`): `server backup` (pg_dump) while learners save, then
/// `server restore` (pg_restore) into another, empty database, refused while a server is
/// connected to it.
#[tokio::test(flavor = "multi_thread")]
async fn postgres_backup_and_restore() {
    let Ok(admin) = std::env::var("PAP_TEST_POSTGRES") else {
        eprintln!("SKIPPED: set PAP_TEST_POSTGRES (CI does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = postgres_database(&admin).await;
    let server = Server::start(&url, dir.path(), &[]);
    let port = server.port;
    let cookie = server.learner_cookie();
    let steps = crate::process::all_steps();
    let mut acknowledged = Vec::new();
    for step in steps.iter().take(30) {
        assert_eq!(
            crate::process::save_step(port, &cookie, step),
            Save::Acknowledged
        );
        acknowledged.push(step.clone());
    }
    let archive = dir.path().join("pg.tar.gz").display().to_string();
    let out = crate::process::run(port, &url, dir.path(), &["backup", &archive], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(server);

    let fresh = postgres_database(&admin).await;
    let fresh_content = dir.path().join("content").display().to_string();
    let env = [("PAP_CONTENT_DIR", fresh_content.as_str())];
    let other = Server::start(&fresh, dir.path(), &[]);
    let out = crate::process::run(
        crate::process::free_port(),
        &fresh,
        dir.path(),
        &["restore", &archive],
        &env,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("running"));
    drop(other);
    // The server's sessions end a moment after it is killed.
    let start = Instant::now();
    loop {
        let out = crate::process::run(
            crate::process::free_port(),
            &fresh,
            dir.path(),
            &["restore", &archive],
            &env,
        );
        if out.status.success() {
            break;
        }
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            err.contains("running") && start.elapsed() < Duration::from_secs(20),
            "{err}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    let saved = crate::process::saved_steps(&fresh).await;
    assert!(acknowledged.iter().all(|a| saved.contains(a)));
    let restored = Server::start(&fresh, dir.path(), &env);
    let (status, page) =
        crate::process::request(restored.port, "GET", "/", Some(&cookie), "").unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Jeanne"), "{page}");
}

/// Learner forms whose save fails on the server (here: their table is gone) come back to
/// their page with "Ce n'est pas enregistré…", never with `?__err=` and no message.
#[tokio::test]
async fn failed_learner_saves_say_so_on_their_page() {
    use sea_orm::ConnectionTrait;
    let app = crate::common::TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let db = &app.state.db;
    for table in ["step_progress", "answer", "confidence"] {
        db.execute_unprepared(&format!("DROP TABLE {table}"))
            .await
            .unwrap();
    }
    let step = "/modules/email-la-poste/adresse-enveloppe/lire";
    let place = [
        ("module", "email-la-poste"),
        ("lesson", "adresse-enveloppe"),
        ("step", "lire"),
    ];
    // "Suivant".
    let res = app.post_form("/api/suivant", &place, Some(&cookie)).await;
    assert_eq!(
        res.location(),
        Some(format!("{step}?enregistrement=echec#non-enregistre").as_str())
    );
    // A question's answer.
    let mut answer = place.to_vec();
    answer.extend([("question", "adresse-bien-ecrite"), ("reponse", "a")]);
    let res = app.post_form("/api/repondre", &answer, Some(&cookie)).await;
    assert_eq!(
        res.location(),
        Some(
            format!("{step}?choix=adresse-bien-ecrite%3Aa&enregistrement=echec#non-enregistre")
                .as_str()
        )
    );
    // A server function's form (confidence), sent from the step (its `Referer`).
    let req = axum::http::Request::post("/api/confiance")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml")
        .header("host", "127.0.0.1:3000")
        .header("origin", crate::common::ORIGIN)
        .header("referer", format!("{}{step}", crate::common::ORIGIN))
        .header("cookie", &cookie)
        .body(axum::body::Body::from(format!(
            "module=email-la-poste&moment=debut&level=1&back={}",
            step.replace('/', "%2F")
        )))
        .unwrap();
    let res = app.send(req).await;
    let to = res.location().expect("a redirect");
    assert!(
        to.contains("enregistrement=echec") && !to.contains("__err"),
        "{to}"
    );
}

/// The step a failed save comes back to says so, in plain French.
#[tokio::test]
async fn the_step_says_it_was_not_saved() {
    let app = crate::common::TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let step = "/modules/email-la-poste/adresse-enveloppe/lire";
    let page = app
        .get(&format!("{step}?enregistrement=echec"), Some(&cookie))
        .await;
    page.assert_shows("est pas enregistré : le site a eu un problème");
    page.assert_shows("appelez votre bénévole");
    assert!(
        !app.get(step, Some(&cookie))
            .await
            .body
            .contains("est pas enregistré")
    );
}

/// A failed save keeps what the learner chose: the page that says "Ce n'est pas
/// enregistré" has the same answer, confidence level and comfort settings ticked (the
/// choices travel back in the address: the database that failed cannot keep them).
#[tokio::test]
async fn a_failed_save_keeps_what_the_learner_chose() {
    use sea_orm::ConnectionTrait;
    let app = crate::common::TestApp::new().await;
    let cookie = app.learner_cookie().await;
    let db = &app.state.db;
    // Writes fail (as on a full disk), reads still work.
    for (name, on) in [
        ("answer_fails", "INSERT ON answer"),
        ("confidence_fails", "INSERT ON confidence"),
        ("comfort_fails", "UPDATE OF text_size ON learner"),
        ("help_fails", "INSERT ON help_request"),
    ] {
        let sql = match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => format!(
                "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$; \
                 CREATE TRIGGER {name} BEFORE {on} FOR EACH ROW EXECUTE FUNCTION {name}()"
            ),
            _ => format!(
                "CREATE TRIGGER {name} BEFORE {on} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
            ),
        };
        db.execute_unprepared(&sql).await.unwrap();
    }
    let checked = |page: &str, id: &str| {
        let at = page
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no {id} in {page}"));
        let start = page[..at].rfind('<').unwrap();
        let end = at + page[at..].find('>').unwrap();
        page[start..end].contains("checked")
    };

    // A question's answer: back on the step, the same answer ticked, and not explained.
    let step = "/modules/email-la-poste/adresse-enveloppe/lire";
    let res = app
        .post_form(
            "/api/repondre",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "lire"),
                ("question", "adresse-bien-ecrite"),
                ("reponse", "b"),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().expect("a redirect").to_string();
    assert!(
        to.starts_with(step) && to.contains("enregistrement=echec"),
        "{to}"
    );
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("est pas enregistré");
    assert!(checked(&page.body, "question-adresse-bien-ecrite-b"));
    assert!(!checked(&page.body, "question-adresse-bien-ecrite-a"));
    assert!(!page.body.contains("retour-adresse-bien-ecrite"));
    // Without the failure, nothing is ticked.
    let plain = app.get(step, Some(&cookie)).await;
    assert!(!checked(&plain.body, "question-adresse-bien-ecrite-b"));

    // A confidence level, from the module's page.
    let res = app
        .post_form(
            "/api/confiance",
            &[
                ("module", "email-la-poste"),
                ("moment", "debut"),
                ("level", "2"),
                ("back", "/modules/email-la-poste"),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().expect("a redirect").to_string();
    assert!(
        to.starts_with("/modules/email-la-poste?") && to.contains("enregistrement=echec"),
        "{to}"
    );
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("est pas enregistré");
    assert!(checked(&page.body, "confiance-2"));
    assert!(!checked(&page.body, "confiance-1"));

    // The comfort settings.
    let res = app
        .save_comfort(&cookie, &[("text_size", "2"), ("motion", "oui")])
        .await;
    let to = res.location().expect("a redirect").to_string();
    assert!(
        to.starts_with("/confort?") && to.contains("enregistrement=echec"),
        "{to}"
    );
    assert!(res.set_cookie("pap_confort").is_none());
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("est pas enregistré");
    assert!(checked(&page.body, "taille-2"));
    assert!(!checked(&page.body, "taille-0"));
    assert!(checked(&page.body, "mouvement"));
    assert!(!checked(&page.body, "contraste"));
    // Nothing was saved: the page without the failure shows the settings as they are.
    let plain = app.get("/confort", Some(&cookie)).await;
    assert!(checked(&plain.body, "taille-0"));

    // A help request keeps the message as typed.
    let res = app
        .post_form(
            "/api/aide",
            &[
                ("module", "email-la-poste"),
                ("lesson", "adresse-enveloppe"),
                ("step", "lire"),
                ("message", "Je ne trouve pas le signe @ & le reste"),
            ],
            Some(&cookie),
        )
        .await;
    let to = res.location().expect("a redirect").to_string();
    assert!(
        to.starts_with("/aide?") && to.contains("enregistrement=echec"),
        "{to}"
    );
    let page = app.get(&to, Some(&cookie)).await;
    page.assert_shows("est pas enregistré");
    page.assert_shows("Je ne trouve pas le signe @ &amp; le reste</textarea>");
}

/// PostgreSQL (`PAP_TEST_POSTGRES`): pending migrations on a database that has a schema are
/// preceded by a `pg_dump` into the backup folder (the last few kept); without `pg_dump`
/// the server refuses to migrate, saying why and what to do, and leaves the database as it
/// was, unless `PAP_MIGRATE_WITHOUT_BACKUP=1`.
#[tokio::test]
async fn postgres_migrations_are_preceded_by_a_dump() {
    use sea_orm_migration::MigratorTrait;
    let Ok(admin) = std::env::var("PAP_TEST_POSTGRES") else {
        eprintln!("SKIPPED: set PAP_TEST_POSTGRES (CI does)");
        return;
    };
    let all = app::ssr::db::migration::Migrator::migrations().len();
    let one_behind = || async {
        let url = postgres_database(&admin).await;
        let db = app::ssr::db::connect(&url).await.unwrap();
        app::ssr::db::migration::Migrator::up(&db, Some(all as u32 - 1))
            .await
            .unwrap();
        let version = app::ssr::db::schema_version(&db).await.unwrap();
        db.close().await.ok();
        (url, version)
    };
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("sauvegardes");
    let backup_dir = backups.to_str().unwrap();
    let empty_path = dir.path().join("no-tools");
    std::fs::create_dir_all(&empty_path).unwrap();
    let version_of = |url: String| async move {
        let db = app::ssr::db::connect(&url).await.unwrap();
        let v = app::ssr::db::schema_version(&db).await.unwrap();
        db.close().await.ok();
        v
    };

    // No pg_dump: refused, nothing changed.
    let (url, before) = one_behind().await;
    let out = crate::process::run(
        crate::process::free_port(),
        &url,
        dir.path(),
        &["migrate"],
        &[
            ("PATH", empty_path.to_str().unwrap()),
            ("PAP_BACKUP_DIR", backup_dir),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("no backup could be made") && err.contains("PAP_MIGRATE_WITHOUT_BACKUP"),
        "{err}"
    );
    assert_eq!(version_of(url.clone()).await, before);

    // With pg_dump: a dump first (the oldest ones beyond three removed), then the migration.
    std::fs::create_dir_all(&backups).unwrap();
    for stamp in ["20200101T000000Z", "20200102T000000Z", "20200103T000000Z"] {
        std::fs::write(
            backups.join(format!("postgres.before-m.{stamp}.dump")),
            "old",
        )
        .unwrap();
    }
    std::fs::write(backups.join("pas-a-pas-20200101.tar.zst"), "daily").unwrap();
    let out = crate::process::run(
        crate::process::free_port(),
        &url,
        dir.path(),
        &["migrate"],
        &[("PAP_BACKUP_DIR", backup_dir)],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Backup made first"), "{said}");
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let before = before.unwrap();
    let dump = names
        .iter()
        .find(|n| n.starts_with(&format!("postgres.before-{before}.")) && n.ends_with(".dump"))
        .unwrap_or_else(|| panic!("no dump in {names:?}"));
    assert_eq!(
        names.len(),
        4,
        "three pre-migration dumps and the daily backup: {names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("20200101T")), "{names:?}");
    assert!(names.iter().any(|n| n == "pas-a-pas-20200101.tar.zst"));
    let bytes = std::fs::read(backups.join(dump)).unwrap();
    assert!(bytes.starts_with(b"PGDMP"), "not a pg_dump custom archive");
    let listed = std::process::Command::new("pg_restore")
        .arg("--list")
        .arg(backups.join(dump))
        .output()
        .unwrap();
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("TABLE DATA public learner"));
    assert_ne!(version_of(url).await.as_deref(), Some(before.as_str()));

    // Allowed to go on without a backup: migrated, with a warning.
    let (url, before) = one_behind().await;
    let out = crate::process::run(
        crate::process::free_port(),
        &url,
        dir.path(),
        &["migrate"],
        &[
            ("PATH", empty_path.to_str().unwrap()),
            ("PAP_BACKUP_DIR", backup_dir),
            ("PAP_MIGRATE_WITHOUT_BACKUP", "1"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(version_of(url).await, before);
}
