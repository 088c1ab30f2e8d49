//! Accepting connections: HTTP/1.1 with a deadline on every request's
//! header, and a shutdown that ends promptly even when a client is holding a
//! request half-sent.

use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

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
                Ok((stream, _)) => {
                    let connection = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(read_timeout)
                        .serve_connection(
                            TokioIo::new(stream),
                            TowerToHyperService::new(app.clone()),
                        );
                    let watched = graceful.watch(connection);
                    connections.spawn(async move {
                        if let Err(error) = watched.await {
                            tracing::debug!(%error, "connection ended with an error");
                        }
                    });
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
