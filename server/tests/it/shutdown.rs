//! Stopping an instance behind a load balancer, with the real binary over real TCP: on
//! SIGTERM, `/readyz` turns unhealthy at once, the instance keeps serving new connections
//! for the drain period (`PAP_SHUTDOWN_DRAIN`), ending kept-alive connections after their
//! next answer, then stops listening and ends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::process::{Save, Server};

/// Sends `GET path` on a kept-alive connection and reads one whole answer (its head, and a
/// body of `Content-Length` bytes).
fn get_kept_alive(stream: &mut TcpStream, port: u16, path: &str) -> String {
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes())
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed before the answer");
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = crate::process::header(&text, "content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if got.len() >= end + 4 + length {
                return text;
            }
        }
    }
}

#[test]
fn sigterm_turns_readiness_off_at_once_serves_through_the_drain_then_stops_listening() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("drain.db").display());
    let server = Server::start(&url, dir.path(), &[("PAP_SHUTDOWN_DRAIN", "3")]);
    let port = server.port;
    let cookie = server.learner_cookie();
    let steps = crate::process::all_steps();
    // A connection kept alive, as nginx keeps its connections to the instances.
    let mut kept = TcpStream::connect(("127.0.0.1", port)).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let before = get_kept_alive(&mut kept, port, "/healthz");
    assert!(before.starts_with("HTTP/1.1 200"), "{before}");
    assert_eq!(
        crate::process::header(&before, "connection"),
        None,
        "{before}"
    );

    let sent = Instant::now();
    let terminating = std::thread::spawn(move || server.terminate());
    // Not ready any more, at once.
    loop {
        let (status, _) = crate::process::request(port, "GET", "/readyz", None, "").unwrap();
        if status == 503 {
            break;
        }
        assert!(
            sent.elapsed() < Duration::from_millis(500),
            "/readyz still 200 {:?} after SIGTERM",
            sent.elapsed()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Still alive and serving: new connections get their pages and their saves.
    let (status, _) = crate::process::request(port, "GET", "/healthz", None, "").unwrap();
    assert_eq!(status, 200);
    let (m, l, s) = &steps[0];
    let (status, page) = crate::process::request(
        port,
        "GET",
        &format!("/modules/{m}/{l}/{s}"),
        Some(&cookie),
        "",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Jeanne"));
    assert_eq!(
        crate::process::save_step(port, &cookie, &steps[0]),
        Save::Acknowledged
    );
    // The kept connection gets its answer, told that the connection ends, and is closed.
    let during = get_kept_alive(&mut kept, port, "/healthz");
    assert!(during.starts_with("HTTP/1.1 200"), "{during}");
    assert_eq!(
        crate::process::header(&during, "connection"),
        Some("close"),
        "{during}"
    );
    let mut rest = Vec::new();
    assert_eq!(kept.read_to_end(&mut rest).unwrap_or(0), 0);
    assert!(
        sent.elapsed() < Duration::from_millis(2500),
        "the checks above took {:?}: the machine is too slow for this test's timing",
        sent.elapsed()
    );
    // Then it stops listening, once the drain is over, and ends.
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(
            sent.elapsed() < Duration::from_secs(10),
            "still listening 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let closed_after = sent.elapsed();
    assert!(
        closed_after >= Duration::from_millis(2900),
        "stopped listening {closed_after:?} after SIGTERM, before the 3 s drain"
    );
    let (status, took) = terminating.join().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(7), "took {took:?}");
}
