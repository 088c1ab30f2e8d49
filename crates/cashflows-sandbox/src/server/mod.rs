//! Starting and stopping the sandbox: the listener and its connections, the
//! routes of every adapter, the request log, webhook delivery, and the
//! faults a test injects. The server wires the layers together and nothing
//! imports it but the crate's root.

mod config;
mod connections;
mod faults;
mod recorder;
mod webhooks;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use cashflows::models::PaymentJob;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use self::config::SandboxConfig;
use self::faults::Faults;
pub use self::faults::{
    FAULT_KINDS, FAULT_STATUSES, Fault, FaultError, FaultKind, MAX_FAULT_DELAY, MAX_FAULT_TIMES,
    MAX_PENDING_FAULTS, PendingFault,
};
use self::recorder::Recorder;
use self::webhooks::{Notifier, Webhooks};
pub use self::webhooks::{
    RedeliverError, WEBHOOK_ANSWER_KEPT, WEBHOOK_DELIVERIES_KEPT, WebhookAttempt, WebhookDelivery,
};
use crate::app::{App, GatewayCredentials};
use crate::engine::{Merchant, SandboxClock, Store, Totals};
use crate::journal::RecordedRequest;
use crate::{embedded, gateway, pages, remote_auth};

/// A running sandbox. The server stops when it is dropped, or on
/// [`Sandbox::shutdown`].
pub struct Sandbox {
    app: App,
    config: SandboxConfig,
    clock: SandboxClock,
    recorder: Recorder,
    faults: Faults,
    webhooks: Arc<Webhooks>,
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.app.base_url())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1`, on a port the system chooses, on
    /// the system clock.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        Self::start_on(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await
    }

    /// Starts a sandbox on `127.0.0.1`, on a port the system chooses,
    /// reading the time from `clock`: a test keeps a clone of a
    /// [`SandboxClock::manual`] clock to move it.
    pub async fn start_with_clock(
        config: SandboxConfig,
        clock: SandboxClock,
    ) -> io::Result<Sandbox> {
        Self::launch(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), clock).await
    }

    /// Starts a sandbox on `addr` (port 0: the system chooses), on the
    /// system clock.
    pub async fn start_on(config: SandboxConfig, addr: SocketAddr) -> io::Result<Sandbox> {
        Self::launch(config, addr, SandboxClock::system()).await
    }

    async fn launch(
        config: SandboxConfig,
        addr: SocketAddr,
        clock: SandboxClock,
    ) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let app = App::new(
            Store::new(merchant(&config), clock.clone()),
            format!("http://{}", reachable(local_addr)),
            GatewayCredentials {
                configuration_id: config.configuration_id.clone(),
                api_key: config.api_key.clone(),
            },
        );
        let faults = Faults::default();
        let recorder = Recorder::new(
            config.request_log_limit,
            config.read_timeout,
            faults.clone(),
        );
        let webhooks = Arc::new(Webhooks::new(&config, clock.clone()));
        let notifier = Notifier {
            app: app.clone(),
            webhooks: Arc::clone(&webhooks),
        };
        let routes = router(app.clone(), recorder.clone(), notifier);
        let (stop, stopped) = oneshot::channel::<()>();
        let serve = connections::serve(listener, routes, config.read_timeout, stopped);
        Ok(Sandbox {
            app,
            config,
            clock,
            recorder,
            faults,
            webhooks,
            local_addr,
            stop: Some(stop),
            task: Some(tokio::spawn(serve)),
        })
    }

    /// The base URL of both APIs: `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> &str {
        self.app.base_url()
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The clock the sandbox reads the time from; moving it (a manual
    /// clock) moves the sandbox's time.
    pub fn clock(&self) -> &SandboxClock {
        &self.clock
    }

    /// The requests received so far, in order of arrival: the newest
    /// [`SandboxConfig::request_log_limit`] of them.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.recorder.requests()
    }

    /// Counts and sums over everything the sandbox holds.
    pub fn totals(&self) -> Totals {
        self.app.store().totals()
    }

    /// A snapshot of a payment job, its payments included.
    pub fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.app.store().payment_job(reference)
    }

    /// Injects `fault` for the next [`Fault::times`] requests it matches,
    /// after the faults already pending (a request meets the oldest that
    /// matches it); the fault's id.
    ///
    /// Faults play out on the protocols' routes (the Gateway, Remote
    /// Auth, the pages, embedded checkout, unknown paths), never on the
    /// sandbox's own control routes.
    ///
    /// # Errors
    ///
    /// What [`Fault::validate`] finds wrong with it, or
    /// [`FaultError::TooMany`] with [`MAX_PENDING_FAULTS`] pending.
    pub fn inject_fault(&self, fault: Fault) -> Result<u64, FaultError> {
        self.faults.inject(fault)
    }

    /// The faults pending, oldest first, with how many requests each has
    /// left.
    pub fn faults(&self) -> Vec<PendingFault> {
        self.faults.pending()
    }

    /// Forgets every pending fault.
    pub fn clear_faults(&self) {
        self.faults.clear();
    }

    /// The webhook deliveries kept (the newest
    /// [`WEBHOOK_DELIVERIES_KEPT`]), oldest first, each with its attempts.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.webhooks.deliveries()
    }

    /// Sends delivery `id`'s notification once more, with the same body,
    /// and waits for the answer: the attempt, which is also added to the
    /// delivery (marked as a redelivery).
    ///
    /// # Errors
    ///
    /// [`RedeliverError::UnknownId`] when no such delivery is kept,
    /// [`RedeliverError::NotLoopback`] when its URL is one the sandbox
    /// never calls.
    pub async fn redeliver(&self, id: u64) -> Result<WebhookAttempt, RedeliverError> {
        self.webhooks.redeliver(id).await
    }

    /// Forgets the pending faults, the request log and the webhook
    /// deliveries: what a reset clears besides the engine's state.
    #[allow(dead_code, reason = "the control surface's reset is its caller")]
    pub(crate) fn clear_records(&self) {
        self.faults.clear();
        self.recorder.clear();
        self.webhooks.clear_deliveries();
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

/// The merchant the engine stands in for, from the configuration.
fn merchant(config: &SandboxConfig) -> Merchant {
    Merchant {
        configuration_id: config.configuration_id.clone(),
        webhook_url: config.webhook_url.clone(),
        auth_id: config.auth_id.clone(),
        auth_pass: config.auth_pass.clone(),
        automatic_capture: config.automatic_capture,
    }
}

/// The address a client reaches the listener at: loopback when it listens
/// on every address.
fn reachable(local_addr: SocketAddr) -> SocketAddr {
    let mut reachable = local_addr;
    if reachable.ip().is_unspecified() {
        reachable.set_ip(if reachable.is_ipv4() {
            Ipv4Addr::LOCALHOST.into()
        } else {
            Ipv6Addr::LOCALHOST.into()
        });
    }
    reachable
}

/// Every adapter's routes, the Gateway's 404 for any other path, the
/// webhooks each request causes, and the recorder around them all.
fn router(app: App, recorder: Recorder, notifier: Notifier) -> Router {
    gateway::router()
        .merge(remote_auth::router())
        .merge(pages::router())
        .merge(embedded::router())
        .fallback(gateway::not_found)
        .layer(middleware::from_fn_with_state(notifier, webhooks::notify))
        .layer(middleware::from_fn_with_state(recorder, recorder::record))
        .with_state(app)
}
