//! The control surface: what a test does to the sandbox beyond the
//! Cashflows protocols. It moves the clock, empties the sandbox, saves and
//! restores its state, injects faults, lists and redelivers webhooks and
//! reads the request log: as a library API ([`Controls`], behind
//! [`Sandbox`](super::Sandbox)'s methods), as JSON under [`PREFIX`]
//! (`api`), and as a dashboard page there (`dashboard`).
//!
//! Its routes are the sandbox's own and no Cashflows request can reach
//! them by mistake: a prefix no Gateway path has, no Gateway credentials
//! (a request carrying them is refused), loopback callers only unless a
//! control token is configured, and no cross-site state changes (`access`).
//! They are not recorded in the request log, and faults never touch them.

mod access;
mod api;
mod body;
mod clock;
mod controls;
mod dashboard;
mod pages;
mod refusal;
mod requests;
mod state;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware;

pub(crate) use self::access::Access;
pub(crate) use self::controls::Controls;
pub use self::controls::PREFIX;
use self::pages::Pages;
use self::state::ControlState;

/// The control surface's routes, JSON and HTML, behind its access checks;
/// their bodies read within `read_timeout`.
pub(crate) fn router(controls: Controls, access: Access, read_timeout: Duration) -> Router {
    let access = Arc::new(access);
    let state = ControlState {
        controls,
        access: Arc::clone(&access),
        pages: Arc::new(Pages::default()),
    };
    api::router()
        .merge(dashboard::router())
        .layer(middleware::from_fn_with_state(
            read_timeout,
            body::read_within,
        ))
        .layer(middleware::from_fn_with_state(access, access::guard))
        .with_state(state)
}
