//! The accept loop: HTTP/1.1 connections with timeouts, and a graceful stop.
//!
//! `axum::serve` sets no timer on its connections, so a client that connects and sends
//! nothing, half a request line or headers at one byte a minute keeps its connection
//! (and a file descriptor) forever, and holds a graceful shutdown open until its grace
//! period runs out. Here every HTTP/1 connection must deliver each request's headers
//! within [`Timeouts::header_read`] (the same clock closes kept-alive connections left
//! idle that long), and [`request_deadline`] gives each request's body a deadline
//! ([`BodyDeadline`], enforced where a body is read). Half-closed connections are
//! answered: a client may shut down its sending side once its request is out.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use crate::error::ApiError;

/// How long clients get before the server gives up on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To send a request's headers, counted from when the server starts reading it (so
    /// also the longest a kept-alive connection may sit idle between requests).
    pub header_read: Duration,
    /// From a request's headers to the end of its body (a client trickling its body).
    /// Not the handler's own work: that is bounded where it waits (the database's
    /// busy timeout), so a slow database answers 503, never a 408 that blames the client.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `stop` resolves, then stops accepting (taking the
/// connections already waiting), answers the requests already sent, closes idle
/// connections, lets requests in flight finish and returns once every connection ended
/// (a client still sending its headers is cut off by the header timeout, 10 s at most).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    stop: impl Future<Output = ()>,
) {
    // HTTP/1.1 only: browsers speak HTTP/2 only over TLS, which a reverse proxy in front
    // terminates; and sniffing for the HTTP/2 preface would wait on a silent client with
    // no timeout at all.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read)
        // `nc -N`, raw-socket scripts and some HTTP/1.0 clients shut down their sending
        // side after the request: without this, hyper takes that EOF for a vanished client
        // and closes without answering (a vote applied, its answer never sent).
        .half_close(true);
    let connections = GracefulShutdown::new();
    let serve_one = |tcp: TcpStream, remote: SocketAddr| {
        // The peer's address for handlers (rate limits), as `ConnectInfo` would give it.
        let service = app.clone().map_request(move |request: Request<Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(remote));
            request
        });
        let connection = builder.serve_connection(
            TokioIo::new(tcp_ready(tcp)),
            TowerToHyperService::new(service),
        );
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%remote, %error, "connection ended with an error");
            }
        });
    };
    tokio::pin!(stop);
    loop {
        let (tcp, remote) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
        };
        serve_one(tcp, remote);
    }
    // Connections the system completed but not handed over yet may carry requests already
    // sent: taken too, not reset with the listener.
    while let Ok(Ok((tcp, remote))) = tokio::time::timeout(Duration::ZERO, listener.accept()).await
    {
        serve_one(tcp, remote);
    }
    drop(listener);
    tracing::info!(
        connections = connections.count(),
        "shutting down: no new connections, finishing requests in flight"
    );
    // The graceful stop closes a connection that has read nothing yet at once, even with a
    // request waiting in its socket: connections accepted a moment ago get time to read it.
    tokio::time::sleep(SETTLE).await;
    connections.shutdown().await;
}

/// How long a stop waits for connections just accepted to read the request their client
/// already sent, before closing those that have none.
const SETTLE: Duration = Duration::from_millis(100);

// TCP_NODELAY: without it, Nagle's algorithm and delayed ACKs stall every response after
// the first on a kept-alive connection by ~40 ms (measured by `make bench`).
fn tcp_ready(tcp: TcpStream) -> TcpStream {
    if let Err(error) = tcp.set_nodelay(true) {
        tracing::warn!(%error, "could not set TCP_NODELAY");
    }
    tcp
}

/// A failed accept: a connection reset before it was taken is nothing; anything else
/// (out of file descriptors) is logged and retried after a pause instead of spinning.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accept failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// When a request's body must have arrived, in the request's extensions; read by the
/// extractors that read a body (`extract::VoteBody`), which answer 408 past it.
#[derive(Debug, Clone, Copy)]
pub struct BodyDeadline {
    pub at: tokio::time::Instant,
    pub limit: Duration,
}

impl BodyDeadline {
    /// Reads with `read`, or fails with 408 `request_timeout` once the deadline passes.
    pub async fn read<T>(self, read: impl Future<Output = T>) -> Result<T, ApiError> {
        tokio::time::timeout_at(self.at, read)
            .await
            .map_err(|_| ApiError::RequestTimeout(self.limit.as_secs()))
    }
}

/// Middleware: stamps each request with its [`BodyDeadline`], `limit` after its headers.
pub async fn request_deadline(limit: Duration, mut request: Request, next: Next) -> Response {
    let at = tokio::time::Instant::now() + limit;
    request.extensions_mut().insert(BodyDeadline { at, limit });
    next.run(request).await
}
