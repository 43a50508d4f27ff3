//! Serving HTTP/1.1 over TCP with limits, so that slow or silent clients cannot hold the
//! server (Slowloris) nor keep it from stopping:
//!
//! - the request head must arrive within [`Limits::header_read`], and a keep-alive
//!   connection waiting for its next request is closed after the same time;
//! - a request body that makes no progress for [`Limits::body_progress`] fails;
//! - at most [`Limits::max_connections`] connections are served at once (further clients
//!   wait in the listen queue);
//! - on shutdown, readiness turns unhealthy at once, new connections are still served for
//!   [`Limits::drain`] (every answer then says `Connection: close`, so that a proxy's kept
//!   connections end one by one, each after an answer, instead of all at once when the
//!   listener closes), then the server stops accepting, lets requests in flight finish,
//!   and closes whatever is left at [`Limits::shutdown_deadline`].

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

pub use crate::config::Limits;
use crate::health::Health;
use crate::router::Site;

/// Serves `site` on `listener` until `shutdown` completes, then stops as described in the
/// module's documentation. Returns how many connections were closed at the deadline.
pub async fn serve(
    listener: TcpListener,
    site: Site,
    limits: Limits,
    health: Health,
    shutdown: impl Future<Output = ()>,
) -> usize {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut drain_until: Option<tokio::time::Instant> = None;
    loop {
        let stop_accepting = async {
            match drain_until {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = &mut shutdown, if drain_until.is_none() => {
                health.start_draining();
                tracing::info!(drain = ?limits.drain, "shutting down: not ready any more");
                drain_until = Some(tokio::time::Instant::now() + limits.drain);
            }
            () = stop_accepting => break,
            accepted = accept(&listener, &slots) => {
                let Some((tcp, address, slot)) = accepted else { continue };
                // Reap the connections that ended, so the set does not grow.
                while connections.try_join_next().is_some() {}
                let site = site.clone();
                let body_progress = limits.body_progress;
                let health = health.clone();
                let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
                    let mut req = req.map(|body| Body::new(TimeoutBody::new(body_progress, body)));
                    req.extensions_mut().insert(ConnectInfo(address));
                    let answer = site.clone().oneshot(req);
                    let health = health.clone();
                    async move {
                        answer.await.map(|mut res| {
                            if health.draining() {
                                // Draining: this connection ends after this answer, so that
                                // a proxy keeping connections open (nginx's `keepalive`)
                                // opens new ones, to instances that stay, before the
                                // listener closes (a request sent on a connection closed
                                // just then may be lost).
                                res.headers_mut().insert(
                                    axum::http::header::CONNECTION,
                                    axum::http::HeaderValue::from_static("close"),
                                );
                            }
                            res
                        })
                    }
                });
                let connection = graceful.watch(http.serve_connection(TokioIo::new(tcp), service));
                connections.spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(error = %e, %address, "connection ended with an error");
                    }
                    drop(slot);
                });
            }
        }
    }
    drop(listener);
    // Requests in flight finish; idle keep-alive connections close now.
    let closed = match tokio::time::timeout(limits.shutdown_deadline, graceful.shutdown()).await {
        Ok(()) => 0,
        Err(_) => {
            let left = connections.len();
            tracing::warn!(
                left,
                "shutdown deadline reached: closing the remaining connections"
            );
            left
        }
    };
    connections.shutdown().await;
    closed
}

/// The next connection, once a slot is free. `None` when `accept` failed (too many open
/// files…): the error is logged and the loop goes on after a short pause.
async fn accept(
    listener: &TcpListener,
    slots: &Arc<tokio::sync::Semaphore>,
) -> Option<(
    tokio::net::TcpStream,
    SocketAddr,
    tokio::sync::OwnedSemaphorePermit,
)> {
    let slot = slots.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((tcp, address)) => {
            // Small answers leave at once instead of waiting for more to send (Nagle).
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY");
            }
            Some((tcp, address, slot))
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot accept a connection");
            tokio::time::sleep(Duration::from_millis(50)).await;
            None
        }
    }
}
