//! Starting and stopping the sandbox, and what it records.

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::middleware;
use axum::routing::{delete, get, post};
use cashflows::models::PaymentJob;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tokio::task::JoinHandle;

use crate::card_fields::{self, PREPARATIONS_PATH};
use crate::embedded::{self, INTENTS_PATH};
use crate::recorder::{self, RecordedRequest, RequestLog};
use crate::state::{Merchant, Store, Totals};
use crate::{connections, handlers, pages, routes, webhooks};

/// Where a challenged card payment's 3-D Secure page lives:
/// `{base}/sandbox/3ds/{paymentJobReference}/{paymentReference}`. A
/// sandbox-only path.
pub(crate) const THREE_D_SECURE_PATH: &str = "/sandbox/3ds";

/// Where a job without card data is paid, standing in for the hosted
/// payment page: `{base}/sandbox/pay/{paymentJobReference}`. A sandbox-only
/// path.
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
    /// The configuration's webhook URL, as set in Cashflows' portal: where
    /// a job that gives no `parameters.WebhookUrl` is notified (a payment
    /// intent's job, say, whose request has no parameters). `None` by
    /// default. Like every webhook, it must be a loopback address.
    pub webhook_url: Option<String>,
    /// How many times a webhook is attempted in all (at least once).
    pub webhook_attempts: u32,
    /// The wait after the first failed webhook attempt; it doubles after each.
    pub webhook_initial_backoff: Duration,
    /// How long a client may take to send a request's header, and then its
    /// body, before the sandbox gives up on it.
    pub read_timeout: Duration,
    /// How many requests [`Sandbox::requests`] keeps (the newest).
    pub request_log_limit: usize,
    /// How many webhook deliveries (each with its retries) may be in flight
    /// at once; a status change past it is not notified, and a warning says
    /// so. Hosted pages take unauthenticated requests, and each delivery is
    /// a task that may live for all its retries.
    pub webhook_deliveries_limit: usize,
}

impl SandboxConfig {
    /// The default number of webhook attempts (the sandbox's own choice;
    /// Cashflows only says it retries "at growing intervals").
    pub const DEFAULT_WEBHOOK_ATTEMPTS: u32 = 5;

    /// The default wait after the first failed webhook attempt.
    pub const DEFAULT_WEBHOOK_INITIAL_BACKOFF: Duration = Duration::from_millis(50);

    /// The default read timeout.
    pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

    /// The default number of requests kept.
    pub const DEFAULT_REQUEST_LOG_LIMIT: usize = 1000;

    /// The default number of webhook deliveries in flight (the sandbox's own
    /// choice).
    pub const DEFAULT_WEBHOOK_DELIVERIES_LIMIT: usize = 256;

    /// A configuration with these credentials and every other setting at
    /// its default (the `DEFAULT_*` constants: webhook retries whose wait
    /// doubles after each failed attempt, the deliveries in flight, the read
    /// timeout and the requests kept).
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
            webhook_url: None,
            webhook_attempts: Self::DEFAULT_WEBHOOK_ATTEMPTS,
            webhook_initial_backoff: Self::DEFAULT_WEBHOOK_INITIAL_BACKOFF,
            read_timeout: Self::DEFAULT_READ_TIMEOUT,
            request_log_limit: Self::DEFAULT_REQUEST_LOG_LIMIT,
            webhook_deliveries_limit: Self::DEFAULT_WEBHOOK_DELIVERIES_LIMIT,
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
            .field("webhook_url", &self.webhook_url)
            .field("webhook_attempts", &self.webhook_attempts)
            .field("webhook_initial_backoff", &self.webhook_initial_backoff)
            .field("read_timeout", &self.read_timeout)
            .field("request_log_limit", &self.request_log_limit)
            .field("webhook_deliveries_limit", &self.webhook_deliveries_limit)
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
    requests: Mutex<RequestLog>,
    /// Built on the first webhook: building an HTTP client loads the TLS
    /// roots, which would make every start slow.
    http: OnceLock<Option<reqwest::Client>>,
    /// One permit per webhook delivery in flight: see
    /// [`SandboxConfig::webhook_deliveries_limit`].
    deliveries: Arc<Semaphore>,
}

impl AppState {
    pub(crate) fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The merchant configuration jobs are created for.
    pub(crate) fn merchant(&self) -> Merchant<'_> {
        let config = self.config();
        Merchant {
            configuration_id: &config.configuration_id,
            base_url: self.base_url(),
            webhook_url: config.webhook_url.as_deref(),
        }
    }

    /// The store, locked. Never hold it across an `.await`.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.inner.store)
    }

    /// The client webhooks are sent with, or `None` if it cannot be built.
    pub(crate) fn http(&self) -> Option<&reqwest::Client> {
        self.inner
            .http
            .get_or_init(|| match webhooks::client() {
                Ok(client) => Some(client),
                Err(error) => {
                    tracing::warn!(%error, "no HTTP client for webhooks; none will be sent");
                    None
                }
            })
            .as_ref()
    }

    /// A slot for one more webhook delivery, or `None` when
    /// [`SandboxConfig::webhook_deliveries_limit`] are already in flight.
    /// The slot is freed when the permit is dropped.
    pub(crate) fn delivery_slot(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.inner.deliveries).try_acquire_owned().ok()
    }

    pub(crate) fn record(&self, request: RecordedRequest) {
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
        // A semaphore holds at most `MAX_PERMITS`; a larger limit is no limit.
        let deliveries = config.webhook_deliveries_limit.min(Semaphore::MAX_PERMITS);
        let state = AppState {
            inner: Arc::new(Inner {
                requests: Mutex::new(RequestLog::new(config.request_log_limit)),
                config,
                base_url: format!("http://{reachable}"),
                store: Mutex::new(Store::new()),
                http: OnceLock::new(),
                deliveries: Arc::new(Semaphore::new(deliveries)),
            }),
        };
        let app = router(state.clone());
        let read_timeout = state.config().read_timeout;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(connections::serve(listener, app, read_timeout, stopped));
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

    /// The requests received so far, in order of arrival: the newest
    /// [`SandboxConfig::request_log_limit`] of them.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.inner.requests).snapshot()
    }

    /// Counts and sums over everything the sandbox holds.
    pub fn totals(&self) -> Totals {
        self.state.store().totals()
    }

    /// A snapshot of a payment job, its payments included.
    pub fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.state.store().payment_job(reference)
    }

    /// Stops the server: requests in flight get up to a second to finish,
    /// then their connections are dropped.
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

/// The browser side of embedded checkout, with CORS.
fn browser_routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{INTENTS_PATH}/{{token}}"), get(embedded::intent))
        .route(
            &format!("{INTENTS_PATH}/{{token}}/payments"),
            post(embedded::pay),
        )
        .route(
            &format!("{INTENTS_PATH}/{{token}}/stored-cards"),
            get(embedded::stored_cards),
        )
        .route(
            &format!("{INTENTS_PATH}/{{token}}/stored-cards/{{card}}"),
            delete(embedded::delete_stored_card),
        )
        .layer(middleware::from_fn(embedded::cors))
}

/// The generated routes, the sandbox's browser pages, and the recorder.
fn router(state: AppState) -> Router {
    routes::router()
        .merge(browser_routes())
        .route(
            &format!("{PREPARATIONS_PATH}/{{preparationId}}"),
            get(card_fields::field_page).post(card_fields::update),
        )
        .route(
            &format!("{THREE_D_SECURE_PATH}/{{paymentJobReference}}/{{paymentReference}}"),
            get(pages::challenge_page).post(pages::answer_challenge),
        )
        .route(
            &format!("{HOSTED_PAGE_PATH}/{{paymentJobReference}}"),
            get(pages::hosted_page).post(pages::pay),
        )
        .route(
            &format!("{HOSTED_PAGE_PATH}/{{paymentJobReference}}/cancel"),
            get(pages::cancel),
        )
        .fallback(handlers::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            recorder::record,
        ))
        .with_state(state)
}
