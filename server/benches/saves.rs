//! A constant-rate load generator for progress saves ("Suivant"), in the spirit of `wrk2`:
//! requests leave on a fixed schedule whatever the server's pace, and each latency is
//! counted from the moment its request was *due*, so a stalled server cannot hide its
//! stalls by slowing the generator down (no coordinated omission).
//!
//! Not a timed test: a tool that `end2end/perf/server-bench.mjs` runs against a release
//! server with signed-in learners. It prints one JSON object on standard output.
//!
//! ```sh
//! cargo bench -p server --bench saves -- --addr 127.0.0.1:3191 --rate 200 --duration 10 \
//!     --sessions sessions.txt --steps steps.txt
//! ```
//! `sessions.txt`: one `pap_session=…` cookie per line. `steps.txt`: one
//! `module lesson step` per line. Request `i` saves step `i % steps` for learner
//! `i % sessions`, so every learner walks through the steps.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, mpsc};

struct Options {
    addr: String,
    rate: f64,
    duration: f64,
    warmup: f64,
    connections: usize,
    sessions: Vec<String>,
    steps: Vec<(String, String, String)>,
}

fn usage() -> ! {
    eprintln!(
        "usage: saves --addr HOST:PORT --rate PER_SECOND --duration SECONDS \
         [--warmup SECONDS] [--connections N] --sessions FILE --steps FILE"
    );
    std::process::exit(2)
}

fn lines(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2)
        })
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let (mut addr, mut rate, mut duration, mut warmup, mut connections) =
        (None, None, 10.0, 1.0, 64);
    let (mut sessions, mut steps) = (Vec::new(), Vec::new());
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench` to every bench target.
        if arg == "--bench" {
            continue;
        }
        let value = args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--addr" => addr = Some(value),
            "--rate" => rate = value.parse().ok(),
            "--duration" => duration = value.parse().unwrap_or_else(|_| usage()),
            "--warmup" => warmup = value.parse().unwrap_or_else(|_| usage()),
            "--connections" => connections = value.parse().unwrap_or_else(|_| usage()),
            "--sessions" => sessions = lines(&value),
            "--steps" => {
                steps = lines(&value)
                    .iter()
                    .filter_map(|l| {
                        let mut parts = l.split_whitespace().map(str::to_string);
                        Some((parts.next()?, parts.next()?, parts.next()?))
                    })
                    .collect();
            }
            _ => usage(),
        }
    }
    let (Some(addr), Some(rate)) = (addr, rate) else {
        usage()
    };
    if sessions.is_empty() || steps.is_empty() || rate <= 0.0 || connections == 0 {
        usage()
    }
    Options {
        addr,
        rate,
        duration,
        warmup,
        connections,
        sessions,
        steps,
    }
}

/// One keep-alive HTTP/1.1 connection, reopened after an error or a `Connection: close`.
struct Connection {
    addr: String,
    stream: Option<TcpStream>,
    buffer: Vec<u8>,
}

impl Connection {
    /// Sends `request`; returns the status code once the whole response is read.
    async fn send(&mut self, request: &[u8]) -> std::io::Result<u16> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.addr).await?;
            stream.set_nodelay(true)?;
            self.stream = Some(stream);
        }
        let result = self.exchange(request).await;
        if !matches!(result, Ok((_, true))) {
            self.stream = None;
        }
        result.map(|(status, _)| status)
    }

    /// `(status, keep-alive)`.
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(u16, bool)> {
        let stream = self.stream.as_mut().expect("connected");
        stream.write_all(request).await?;
        self.buffer.clear();
        let mut chunk = [0u8; 8192];
        let head_end = loop {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            self.buffer.extend_from_slice(&chunk[..n]);
            if let Some(i) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).to_ascii_lowercase();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or(std::io::ErrorKind::InvalidData)?;
        let header = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
        };
        if header("transfer-encoding:").is_some_and(|v| v.contains("chunked")) {
            // Read until the last, empty chunk.
            while !self.buffer[head_end..].ends_with(b"0\r\n\r\n") {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                self.buffer.extend_from_slice(&chunk[..n]);
            }
        } else {
            let length: usize = header("content-length:")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            while self.buffer.len() < head_end + length {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                self.buffer.extend_from_slice(&chunk[..n]);
            }
        }
        let keep_alive = header("connection:").is_none_or(|v| !v.contains("close"));
        Ok((status, keep_alive))
    }
}

fn request(addr: &str, cookie: &str, (module, lesson, step): &(String, String, String)) -> Vec<u8> {
    let shown = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .saturating_sub(20);
    let body = format!("module={module}&lesson={lesson}&step={step}&shown={shown}");
    format!(
        "POST /api/suivant HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Referer: http://{addr}/modules/{module}/{lesson}/{step}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Accept: text/html,application/xhtml+xml\r\nCookie: {cookie}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[derive(Default)]
struct Outcomes {
    /// Latency of each answered request, in microseconds, from when it was due.
    latencies: Vec<u64>,
    statuses: BTreeMap<u16, u64>,
    io_errors: u64,
    first_error: Option<String>,
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let opts = options();
    // The first `warmup` seconds (connections opening, caches filling) are not counted.
    let skipped = (opts.rate * opts.warmup).round() as usize;
    let total = skipped + (opts.rate * opts.duration).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / opts.rate);
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    // Every connection takes the next due request; if all are busy, requests wait in the
    // queue and their waiting counts in their latency.
    let (tx, rx) = mpsc::unbounded_channel::<(usize, Instant)>();
    let rx = Arc::new(Mutex::new(rx));
    let sessions = Arc::new(opts.sessions);
    let steps = Arc::new(opts.steps);
    let mut workers = Vec::new();
    for _ in 0..opts.connections {
        let (rx, outcomes, sessions, steps) = (
            rx.clone(),
            outcomes.clone(),
            sessions.clone(),
            steps.clone(),
        );
        let mut conn = Connection {
            addr: opts.addr.clone(),
            stream: None,
            buffer: Vec::with_capacity(16 * 1024),
        };
        workers.push(tokio::spawn(async move {
            loop {
                let next = rx.lock().await.recv().await;
                let Some((i, due)) = next else { break };
                let req = request(
                    &conn.addr,
                    &sessions[i % sessions.len()],
                    &steps[(i / sessions.len()) % steps.len()],
                );
                let result = conn.send(&req).await;
                let latency = due.elapsed().as_micros() as u64;
                if i < skipped {
                    continue;
                }
                let mut o = outcomes.lock().await;
                match result {
                    Ok(status) => {
                        *o.statuses.entry(status).or_default() += 1;
                        o.latencies.push(latency);
                    }
                    Err(e) => {
                        o.io_errors += 1;
                        o.first_error.get_or_insert_with(|| e.to_string());
                    }
                }
            }
        }));
    }
    let start = Instant::now();
    let measured_from = start + interval.mul_f64(skipped as f64);
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        if tx.send((i, due)).is_err() {
            break;
        }
    }
    drop(tx);
    for w in workers {
        let _ = w.await;
    }
    let elapsed = measured_from.elapsed().as_secs_f64();
    let total = total - skipped;
    let mut o = outcomes.lock().await;
    o.latencies.sort_unstable();
    let answered = o.latencies.len() as u64;
    // A save is a redirect to the next step; anything else is an error.
    let ok: u64 = o
        .statuses
        .iter()
        .filter(|(s, _)| (300..400).contains(*s))
        .map(|(_, n)| n)
        .sum();
    let mean = if answered > 0 {
        o.latencies.iter().sum::<u64>() as f64 / answered as f64 / 1000.0
    } else {
        0.0
    };
    let statuses: Vec<String> = o
        .statuses
        .iter()
        .map(|(s, n)| format!("\"{s}\":{n}"))
        .collect();
    println!(
        "{{\"target_rate\":{},\"warmup_s\":{},\"duration_s\":{:.3},\"connections\":{},\"sent\":{total},\
         \"answered\":{answered},\"ok\":{ok},\"errors\":{},\"io_errors\":{},\
         \"statuses\":{{{}}},\"achieved_rate\":{:.1},\"latency_ms\":{{\"mean\":{:.3},\
         \"p50\":{:.3},\"p90\":{:.3},\"p99\":{:.3},\"max\":{:.3}}},\"first_error\":{}}}",
        opts.rate,
        opts.warmup,
        elapsed,
        opts.connections,
        total as u64 - ok,
        o.io_errors,
        statuses.join(","),
        answered as f64 / elapsed,
        mean,
        percentile(&o.latencies, 50.0),
        percentile(&o.latencies, 90.0),
        percentile(&o.latencies, 99.0),
        percentile(&o.latencies, 100.0),
        o.first_error
            .as_ref()
            .map_or("null".to_string(), |e| format!("{e:?}")),
    );
}
