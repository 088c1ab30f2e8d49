//! Fault injection: the next requests that match a fault's method and path
//! are dropped, answered with a server error, delayed or cut short, so a
//! client's handling of a lost or broken answer can be tested over real
//! HTTP. The recorder takes a request's fault as it records the request
//! (the log says which fault it met), and [`apply`] plays it out.

mod spec;
mod truncate;

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub use self::spec::{
    FAULT_KINDS, FAULT_STATUSES, Fault, FaultError, FaultKind, MAX_FAULT_DELAY, MAX_FAULT_TIMES,
    MAX_PENDING_FAULTS,
};
use super::connections::ConnectionInfo;
use crate::gateway;

/// A fault waiting for its requests, as [`Sandbox::faults`](crate::Sandbox::faults)
/// lists it.
///
/// JSON: `{"id": 1, "fault": {…the fault's own form…}, "remaining": 2}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PendingFault {
    /// The id [`Sandbox::inject_fault`](crate::Sandbox::inject_fault) gave it.
    pub id: u64,
    /// The fault as injected.
    pub fault: Fault,
    /// How many more matching requests it fires on.
    pub remaining: u32,
}

/// The pending faults, shared by the sandbox and its recorder.
#[derive(Clone, Default)]
pub(crate) struct Faults {
    inner: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// Whether any fault is pending: a request checks this, not the lock,
    /// so a sandbox without faults pays one atomic read per request.
    armed: AtomicBool,
    registry: Mutex<Registry>,
}

#[derive(Default)]
struct Registry {
    last_id: u64,
    pending: Vec<PendingFault>,
}

impl Faults {
    /// Adds `fault` after those already pending; its id.
    pub(crate) fn inject(&self, fault: Fault) -> Result<u64, FaultError> {
        fault.validate()?;
        let mut registry = self.registry();
        if registry.pending.len() >= MAX_PENDING_FAULTS {
            return Err(FaultError::TooMany);
        }
        registry.last_id = registry.last_id.saturating_add(1);
        let id = registry.last_id;
        let remaining = fault.times;
        registry.pending.push(PendingFault {
            id,
            fault,
            remaining,
        });
        self.inner.armed.store(true, Ordering::Release);
        Ok(id)
    }

    /// The faults pending, oldest first.
    pub(crate) fn pending(&self) -> Vec<PendingFault> {
        self.registry().pending.clone()
    }

    /// Forgets every pending fault.
    pub(crate) fn clear(&self) {
        let mut registry = self.registry();
        registry.pending.clear();
        self.inner.armed.store(false, Ordering::Release);
    }

    /// The kind of the oldest pending fault that matches this request,
    /// counted as fired; `None` when none matches.
    pub(crate) fn take(
        &self,
        method: &Method,
        route: Option<&str>,
        path: &str,
    ) -> Option<FaultKind> {
        if !self.inner.armed.load(Ordering::Acquire) {
            return None;
        }
        let mut registry = self.registry();
        let index = registry
            .pending
            .iter()
            .position(|pending| matches(&pending.fault, method, route, path))?;
        let pending = registry.pending.get_mut(index)?;
        pending.remaining = pending.remaining.saturating_sub(1);
        let kind = pending.fault.kind;
        if pending.remaining == 0 {
            registry.pending.remove(index);
        }
        if registry.pending.is_empty() {
            self.inner.armed.store(false, Ordering::Release);
        }
        Some(kind)
    }

    fn registry(&self) -> MutexGuard<'_, Registry> {
        // Every change leaves the registry whole before it could panic.
        self.inner
            .registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether `fault` applies to a request with this method, matched route
/// template and concrete path.
fn matches(fault: &Fault, method: &Method, route: Option<&str>, path: &str) -> bool {
    let method_matches = fault
        .method
        .as_deref()
        .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method.as_str()));
    let path_matches = fault
        .path
        .as_deref()
        .is_none_or(|wanted| wanted == path || route == Some(wanted));
    method_matches && path_matches
}

/// What a faulted request came to, for the log: the status of the answer
/// processed (for a drop after processing, the one never sent), if any.
pub(crate) type Logged<'a> = &'a mut (dyn FnMut(Option<StatusCode>) + Send);

/// Plays `kind` out on a request: `process` is the request's handling (the
/// routes, the webhooks), run or not as the kind says. `log` is called
/// once, before the connection is closed where it is.
///
/// For the drops, the connection is closed through its kill switch and this
/// never returns: a response returned would be written by hyper before the
/// connection task saw the switch.
pub(crate) async fn apply(
    kind: FaultKind,
    connection: Option<ConnectionInfo>,
    on_gateway: bool,
    process: impl Future<Output = Response>,
    log: Logged<'_>,
) -> Response {
    match kind {
        FaultKind::DropBeforeProcessing => {
            log(None);
            sever(connection).await
        }
        FaultKind::DropAfterProcessing => {
            let response = process.await;
            log(Some(response.status()));
            drop(response);
            sever(connection).await
        }
        FaultKind::Status(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            log(Some(status));
            if on_gateway {
                gateway::fatal_status(status)
            } else {
                status.into_response()
            }
        }
        FaultKind::Delay(delay) => {
            tokio::time::sleep(delay).await;
            let response = process.await;
            log(Some(response.status()));
            response
        }
        FaultKind::TruncateBody => {
            let response = process.await;
            log(Some(response.status()));
            truncate::truncated(response).await
        }
    }
}

/// Closes the request's connection without answering, and waits for the
/// connection task to drop this request with it.
async fn sever(connection: Option<ConnectionInfo>) -> Response {
    match connection {
        Some(connection) => {
            tracing::debug!(peer = %connection.peer, "closing a connection unanswered");
            // `notify_one` keeps the signal if the connection task is not
            // waiting at this instant.
            connection.kill.notify_one();
            std::future::pending().await
        }
        // Every connection carries its switch; without one (a router
        // served some other way) an error is the nearest thing to a drop.
        None => {
            tracing::warn!("no connection to close for a drop fault; answering 500");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
