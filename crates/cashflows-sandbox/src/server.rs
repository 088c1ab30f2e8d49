//! Starting and stopping the sandbox, and what it records.

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};
use cashflows::models::PaymentJob;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::state::{Store, Totals};
use crate::{handlers, routes};

/// The largest request body the sandbox reads (2 MiB).
pub(crate) const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Where a challenged card payment's 3-D Secure step lives:
/// `GET {base}/sandbox/3ds/{paymentJobReference}/{paymentReference}`
/// completes it. A sandbox-only path.
pub(crate) const THREE_D_SECURE_PATH: &str = "/sandbox/3ds";

/// Where a job without card data is paid, standing in for the hosted
/// payment page: `GET {base}/sandbox/pay/{paymentJobReference}`. A
/// sandbox-only path.
pub(crate) const HOSTED_PAGE_PATH: &str = "/sandbox/pay";

/// How the sandbox is configured: the credentials it accepts, and how it
/// delivers webhooks.
///
/// `Debug` hides the API key and the Remote Auth password.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The Gateway configuration ID requests must send in `ConfigurationId`.
    pub configuration_id: String,
    /// The Gateway API key that keys the `Hash` header.
    pub api_key: String,
    /// The Remote Auth profile ID (`auth_id`).
    pub auth_id: String,
    /// The Remote Auth password (`auth_pass`).
    pub auth_pass: String,
    /// How many times a webhook is attempted in all (at least once).
    pub webhook_attempts: u32,
    /// The wait after the first failed webhook attempt; it doubles after each.
    pub webhook_initial_backoff: Duration,
}

impl SandboxConfig {
    /// The default number of webhook attempts (the sandbox's own choice;
    /// Cashflows only says it retries "at growing intervals").
    pub const DEFAULT_WEBHOOK_ATTEMPTS: u32 = 5;

    /// The default wait after the first failed webhook attempt.
    pub const DEFAULT_WEBHOOK_INITIAL_BACKOFF: Duration = Duration::from_millis(50);

    /// A configuration with these credentials and the default webhook
    /// retries (5 attempts, waiting 50 ms, then 100 ms, 200 ms, …).
    pub fn new(
        configuration_id: impl Into<String>,
        api_key: impl Into<String>,
        auth_id: impl Into<String>,
        auth_pass: impl Into<String>,
    ) -> Self {
        SandboxConfig {
            configuration_id: configuration_id.into(),
            api_key: api_key.into(),
            auth_id: auth_id.into(),
            auth_pass: auth_pass.into(),
            webhook_attempts: Self::DEFAULT_WEBHOOK_ATTEMPTS,
            webhook_initial_backoff: Self::DEFAULT_WEBHOOK_INITIAL_BACKOFF,
        }
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("configuration_id", &self.configuration_id)
            .field("api_key", &"<redacted>")
            .field("auth_id", &self.auth_id)
            .field("auth_pass", &"<redacted>")
            .field("webhook_attempts", &self.webhook_attempts)
            .field("webhook_initial_backoff", &self.webhook_initial_backoff)
            .finish()
    }
}

/// A request the sandbox received, as received.
///
/// `Debug` shows the body's length only: bodies carry card data and the
/// Remote Auth password.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method (`GET`, `POST`, `PATCH`, …).
    pub method: String,
    /// The path with its query string, if any (`/api/gateway/…?locale=en_GB`).
    pub path: String,
    /// The `ConfigurationId` header, if present.
    pub configuration_id: Option<String>,
    /// The `Hash` header, if present.
    pub hash: Option<String>,
    /// The `Content-Type` header, if present.
    pub content_type: Option<String>,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("configuration_id", &self.configuration_id)
            .field("hash", &self.hash)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub(crate) struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: SandboxConfig,
    base_url: String,
    store: Mutex<Store>,
    requests: Mutex<Vec<RecordedRequest>>,
    http: reqwest::Client,
}

impl AppState {
    pub(crate) fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The store, locked. Never hold it across an `.await`.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.inner.store)
    }

    /// The client webhooks are sent with.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    fn record(&self, request: RecordedRequest) {
        lock(&self.inner.requests).push(request);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running sandbox. The server stops when it is dropped, or on
/// [`Sandbox::shutdown`].
pub struct Sandbox {
    state: AppState,
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.state.base_url())
            .field("config", self.state.config())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1`, on a port the system chooses.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        Self::start_on(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await
    }

    /// Starts a sandbox on `addr` (port 0: the system chooses).
    pub async fn start_on(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let mut reachable = local_addr;
        if reachable.ip().is_unspecified() {
            reachable.set_ip(if reachable.is_ipv4() {
                Ipv4Addr::LOCALHOST.into()
            } else {
                Ipv6Addr::LOCALHOST.into()
            });
        }
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(io::Error::other)?;
        let state = AppState {
            inner: Arc::new(Inner {
                config,
                base_url: format!("http://{reachable}"),
                store: Mutex::new(Store::new()),
                requests: Mutex::new(Vec::new()),
                http,
            }),
        };
        let app = router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "sandbox server failed");
            }
        });
        Ok(Sandbox {
            state,
            local_addr,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The base URL of both APIs: `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> &str {
        self.state.base_url()
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.inner.requests).clone()
    }

    /// Counts and sums over everything the sandbox holds.
    pub fn totals(&self) -> Totals {
        self.state.store().totals()
    }

    /// A snapshot of a payment job, its payments included.
    pub fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.state.store().payment_job(reference)
    }

    /// Stops the server and waits until its open connections have closed.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The generated routes, the sandbox's browser pages, and the recorder.
fn router(state: AppState) -> Router {
    routes::router()
        .route(
            &format!("{THREE_D_SECURE_PATH}/{{paymentJobReference}}/{{paymentReference}}"),
            get(handlers::complete_three_d_secure),
        )
        .route(
            &format!("{HOSTED_PAGE_PATH}/{{paymentJobReference}}"),
            get(handlers::hosted_payment_page),
        )
        .fallback(handlers::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), record))
        .with_state(state)
}

/// Records each request (method, path and query, the signing headers and the
/// exact body) before it is handled; logs method, path and status only.
async fn record(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let header = |headers: &HeaderMap, name: &str| {
        headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    let method = parts.method.clone();
    let path = parts.uri.path().to_owned();
    app.record(RecordedRequest {
        method: method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| path.clone(), |full| full.as_str().to_owned()),
        configuration_id: header(&parts.headers, CONFIGURATION_ID_HEADER),
        hash: header(&parts.headers, HASH_HEADER),
        content_type: header(&parts.headers, "content-type"),
        body: bytes.to_vec(),
    });
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    tracing::info!(%method, %path, status = response.status().as_u16(), "request");
    response
}
