//! Memory an anonymous visitor can make the server hold (issue 15, security): password
//! checks run a few at a time, a huge exercise field or server-function body is never held
//! whole. Measured with a counting allocator (the peak of bytes allocated at once while the
//! requests run, over what was allocated before), so the tests are exact, not timed. The
//! tests of this file run one at a time: the allocator counts the whole process.

// A global allocator is unsafe to implement (see the SAFETY comment below).
#![allow(unsafe_code)]

#[path = "it/common.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ORIGIN, TestApp};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            grow(new_size);
        }
        p
    }
}

fn grow(size: usize) {
    let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time: the allocator counts the whole process.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs `f`; returns its result and the most bytes held at once meanwhile, over the bytes
/// held when it started.
async fn peak_during<T>(f: impl Future<Output = T>) -> (T, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f.await;
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

const MIB: usize = 1024 * 1024;

/// A body sent in pieces of 64 KiB, one at a time, as from the network: each piece is
/// ready only after the server asked for the one before (a body all ready at once would be
/// taken whole by the multipart parser's buffer, which no socket does).
fn network_pieces(body: &[u8]) -> Body {
    use futures_util::StreamExt;
    let pieces: Vec<bytes::Bytes> = body
        .chunks(64 * 1024)
        .map(bytes::Bytes::copy_from_slice)
        .collect();
    Body::from_stream(futures_util::stream::iter(pieces).then(|piece| async move {
        tokio::task::yield_now().await;
        Ok::<_, std::io::Error>(piece)
    }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_staff_sign_ins_check_a_few_passwords_at_a_time() {
    let _one = ONE_AT_A_TIME.lock().await;
    let app = TestApp::with_password_gate(2, Duration::from_secs(30)).await;
    // Warm up: the dummy hash for unknown identifiers, the database's caches.
    app.post_form(
        "/api/benevole/connexion",
        &[("username", "personne"), ("password", "faux")],
        None,
    )
    .await;
    let (answers, peak) = peak_during(futures_util::future::join_all((0..16).map(|i| {
        let app = &app;
        async move {
            let username = format!("inconnu{i}");
            app.post_form(
                "/api/benevole/connexion",
                &[
                    ("username", &username),
                    ("password", "mauvais mot de passe"),
                ],
                None,
            )
            .await
        }
    })))
    .await;
    for res in &answers {
        assert_eq!(
            res.location(),
            Some("/benevole/connexion?erreur=identifiants"),
            "{}",
            res.body
        );
    }
    // Argon2 holds 19 MiB per check: two at a time, not sixteen (over 300 MiB).
    assert!(peak < 60 * MIB, "peak {} MiB", peak / MIB);
    assert_eq!(app.state.passwords.available(), 2, "every turn given back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_exercise_field_is_never_held_whole() {
    let _one = ONE_AT_A_TIME.lock().await;
    let app = TestApp::new().await;
    let boundary = "----pasapasboundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in [
        ("module", "virus"),
        ("lesson", "regles-de-base"),
        ("step", "pas-d-etape"),
        ("ex", "pas-d-exercice"),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"texte\"\r\n\r\n")
            .as_bytes(),
    );
    body.extend(std::iter::repeat_n(b'a', 30 * MIB));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let chunks = network_pieces(&body);
    drop(body);
    let req = Request::post("/exercice")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .body(chunks)
        .unwrap();
    let (res, peak) = peak_during(app.send(req)).await;
    // The lesson has no such step: the learner is sent back to it, nothing recorded.
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // The 30 MiB of chunks waiting to be sent are counted before the start: what grows is
    // what the server holds of the field.
    assert!(peak < 4 * MIB, "peak {} MiB", peak / MIB);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_server_function_body_is_refused_unread() {
    let _one = ONE_AT_A_TIME.lock().await;
    let app = TestApp::new().await;
    let body = format!("code={}", "A".repeat(2 * MIB));
    let request = |declared: bool| {
        let mut req = Request::post("/api/connexion")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, ORIGIN);
        if declared {
            req = req.header(header::CONTENT_LENGTH, body.len());
        }
        req.body(network_pieces(body.as_bytes())).unwrap()
    };
    // Declared length over the limit: 413 at once.
    let (res, peak) = peak_during(app.send(request(true))).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(peak < MIB, "peak {} KiB", peak / 1024);
    // No declared length: cut off at the limit, and refused (not read as a wrong code).
    let (res, peak) = peak_during(app.send(request(false))).await;
    // Read whole, it would be a wrong code ("/connexion?erreur=inconnu"); cut off, the
    // server function fails to read its arguments and the browser is sent back.
    assert!(
        !res.status.is_success() && res.location().is_none_or(|l| !l.starts_with("/connexion")),
        "read whole: {} {:?}",
        res.status,
        res.location()
    );
    assert!(peak < 2 * MIB, "peak {} KiB", peak / 1024);
    // A learner's ordinary sign-in still works.
    app.learner_cookie().await;
}

/// Over the password gate's limit, a sign-in waits its bounded time, then gets the French
/// "busy" page (a browser's form, JavaScript off) or a 503 `AppError::Busy` (a server
/// function called by script); once a turn is free, signing in works again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_over_the_password_limit_is_told_the_site_is_busy() {
    let _one = ONE_AT_A_TIME.lock().await;
    let app = TestApp::with_password_gate(1, Duration::from_millis(200)).await;
    let held = app.state.passwords.permit().await.unwrap();
    let form = [
        ("username", "demo.benevole"),
        ("password", "demo-pas-a-pas"),
    ];

    let res = app.post_form("/api/benevole/connexion", &form, None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert_eq!(res.location(), None);
    assert_eq!(res.headers.get(header::RETRY_AFTER).unwrap(), "60");
    res.assert_shows(app::text::ERROR_BUSY_TITLE);
    res.assert_shows("Réessayez dans une minute");
    // Back to the page the form was on.
    res.assert_shows("href=\"/\"");
    assert!(res.session_cookie().is_none());

    // Invitations and new passwords too.
    let res = app
        .post_form(
            "/api/invitation/accepter",
            &[
                ("token", "x"),
                ("username", "lou"),
                ("password", "un mot de passe long"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    res.assert_shows(app::text::ERROR_BUSY_TITLE);

    // As a server function called by script: JSON.
    let req = Request::post("/api/benevole/connexion")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from("username=demo.benevole&password=demo-pas-a-pas"))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    let error: app::error::AppError = serde_json::from_str(&res.body).unwrap();
    assert_eq!(error, app::error::AppError::Busy);

    drop(held);
    app.staff_cookie("demo.benevole", "demo-pas-a-pas").await;
}
