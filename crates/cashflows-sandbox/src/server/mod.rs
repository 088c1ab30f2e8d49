//! Starting and stopping the sandbox: the listener and its connections, the
//! routes of every adapter, the request log, webhook delivery, and the
//! faults a test injects. The server wires the layers together and nothing
//! imports it but the crate's root.

mod bodies;
mod config;
mod connections;
mod control;
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
pub use self::control::PREFIX as CONTROL_PREFIX;
use self::control::{Access, Controls};
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
use crate::engine::{Merchant, SandboxClock, Snapshot, SnapshotError, Store, Totals};
use crate::journal::RecordedRequest;
use crate::{embedded, gateway, pages, remote_auth};

/// A running sandbox. The server stops when it is dropped, or on
/// [`Sandbox::shutdown`].
pub struct Sandbox {
    controls: Controls,
    config: SandboxConfig,
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url())
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

    /// Starts a sandbox on `addr` (port 0: the system chooses), reading
    /// the time from `clock`; the binary's is [`SandboxClock::movable`].
    pub async fn start_on_with_clock(
        config: SandboxConfig,
        addr: SocketAddr,
        clock: SandboxClock,
    ) -> io::Result<Sandbox> {
        Self::launch(config, addr, clock).await
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
        let controls = Controls::new(app.clone(), clock, recorder.clone(), faults, webhooks);
        let access = Access::new(config.control_token.clone());
        let routes = router(app, recorder, notifier.clone()).merge(
            control::router(controls.clone(), access, config.read_timeout)
                .layer(middleware::from_fn_with_state(notifier, webhooks::notify)),
        );
        let (stop, stopped) = oneshot::channel::<()>();
        let serve = connections::serve(listener, routes, config.read_timeout, stopped);
        Ok(Sandbox {
            controls,
            config,
            local_addr,
            stop: Some(stop),
            task: Some(tokio::spawn(serve)),
        })
    }

    /// The base URL of both APIs: `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> &str {
        self.controls.app().base_url()
    }

    /// Where the control surface's JSON endpoints live:
    /// `http://127.0.0.1:PORT/__sandbox` (the book's "Controlling the
    /// sandbox" page lists them).
    pub fn control_url(&self) -> String {
        format!("{}{CONTROL_PREFIX}", self.base_url())
    }

    /// The dashboard's address: `http://127.0.0.1:PORT/__sandbox/`.
    pub fn dashboard_url(&self) -> String {
        format!("{}{CONTROL_PREFIX}/", self.base_url())
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The clock the sandbox reads the time from; moving it (a manual
    /// clock) moves the sandbox's time.
    pub fn clock(&self) -> &SandboxClock {
        self.controls.clock()
    }

    /// The requests received so far, in order of arrival: the newest
    /// [`SandboxConfig::request_log_limit`] of them.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.controls.recorder().requests()
    }

    /// Counts and sums over everything the sandbox holds.
    pub fn totals(&self) -> Totals {
        self.controls.app().store().totals()
    }

    /// A snapshot of a payment job, its payments included.
    pub fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.controls.app().store().payment_job(reference)
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
        self.controls.faults().inject(fault)
    }

    /// The faults pending, oldest first, with how many requests each has
    /// left.
    pub fn faults(&self) -> Vec<PendingFault> {
        self.controls.faults().pending()
    }

    /// Forgets every pending fault.
    pub fn clear_faults(&self) {
        self.controls.faults().clear();
    }

    /// The webhook deliveries kept (the newest
    /// [`WEBHOOK_DELIVERIES_KEPT`]), oldest first, each with its attempts.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.controls.webhooks().deliveries()
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
        self.controls.webhooks().redeliver(id).await
    }

    /// Empties the sandbox, as a fresh one: its jobs, payments, tokens,
    /// intents and Remote Auth transactions, the request log, the pending
    /// faults and the webhook deliveries. The clock stays where it is, and
    /// references keep counting: none handed out before is handed out
    /// again.
    pub fn reset(&self) {
        self.controls.reset();
    }

    /// Everything the sandbox holds, as a [`Snapshot`] to restore later (a
    /// fixture, or `--state`).
    pub fn snapshot(&self) -> Snapshot {
        self.controls.snapshot()
    }

    /// Replaces everything the sandbox holds with `snapshot`, checked whole
    /// first; sends no webhooks. References go on after the highest the
    /// snapshot or the sandbox has handed out.
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] naming the first entry that is wrong; the
    /// sandbox then keeps what it held.
    pub fn restore(&self, snapshot: Snapshot) -> Result<(), SnapshotError> {
        self.controls.restore(snapshot)
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
