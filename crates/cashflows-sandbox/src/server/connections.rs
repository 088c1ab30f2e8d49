//! Accepting connections: HTTP/1.1 with a deadline on every request's
//! header, and a shutdown that ends promptly even when a client is holding a
//! request half-sent. Each connection carries a [`ConnectionInfo`] on its
//! requests: its peer, and the switch a fault pulls to close it unanswered.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinSet;
use tower_layer::Layer;

/// What a request knows of its connection, as an extension on every
/// request: the peer's address (the control surface accepts loopback peers
/// only), and the connection's kill switch. Notifying `kill` drops the
/// connection at once, whatever it was doing: nothing more is written on
/// it, an answer in progress included.
#[derive(Clone)]
pub(crate) struct ConnectionInfo {
    /// The address the connection came from.
    pub(crate) peer: SocketAddr,
    /// Closes the connection when notified (`notify_one`: a signal sent
    /// before the connection task waits is kept).
    pub(crate) kill: Arc<Notify>,
}

/// How long shutdown waits for requests in flight before it drops their
/// connections.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// How long the accept loop pauses after a failed accept (out of file
/// descriptors, for example) before it tries again.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// Serves `app` on `listener` until `stop` fires (or its sender is dropped),
/// then lets requests in flight finish for up to [`SHUTDOWN_GRACE`] and
/// drops whatever is left.
///
/// A client that does not send a whole request header within
/// `read_timeout` loses its connection; the body's own deadline is applied
/// where the body is read (the recorder).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    read_timeout: Duration,
    mut stop: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(connection(stream, peer, &app, read_timeout, &graceful));
                }
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                }
            },
        }
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight at shutdown; dropping their connections");
        connections.abort_all();
    }
    while connections.join_next().await.is_some() {}
}

/// One connection's task: HTTP/1.1 on `stream` until the client leaves, the
/// server shuts down, or a fault pulls the connection's kill switch.
fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    app: &Router,
    read_timeout: Duration,
    graceful: &GracefulShutdown,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    let kill = Arc::new(Notify::new());
    let info = ConnectionInfo {
        peer,
        kill: Arc::clone(&kill),
    };
    let service = Extension(info).layer(app.clone());
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(read_timeout)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    let watched = graceful.watch(connection);
    async move {
        tokio::select! {
            ended = watched => if let Err(error) = ended {
                tracing::debug!(%error, "connection ended with an error");
            },
            // Dropping the connection's future closes its socket; nothing
            // that was waiting to be written is.
            () = kill.notified() => tracing::debug!("connection closed by a fault"),
        }
    }
}
