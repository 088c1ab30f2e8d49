//! A local Cashflows sandbox: the Gateway and Remote Auth protocols on
//! loopback HTTP, driven by the client crate's tables (endpoints, codes,
//! test cards), so a new row of the spec reaches the client and the sandbox
//! together. Start it from a test with [`Sandbox::start`], or run the
//! `cashflows-sandbox` binary.
//!
//! Every row of every table can be provoked on purpose, by the trigger
//! `cashflows::sandbox_triggers` names for it. A job without card data
//! waits on a hosted payment page (`links.action.url`): an HTML card form,
//! a 3-D Secure challenge page for the challenge holders, and redirects to
//! the job's return URLs with the documented parameters. Those pages are the
//! sandbox's own, not Cashflows'. [`Shopper`] submits them over plain HTTP,
//! for tests that need no real browser.
//!
//! It also speaks the browser side of embedded checkout, as Cashflows' own
//! JavaScript library calls it: the intent read with its token, payments
//! from card field pages (`/preparations/{uuid}`) or stored cards, stored
//! card lists, CORS for a shop on another origin. The field pages, token
//! format and lifetimes are the sandbox's own choices (not published).
//!
//! It models the flows Cashflows' guide pages describe: recurring parents
//! and their children (paid from the parent's card, `recurrenceCriteria`
//! kept on its clock), MOTO payments (no 3-D Secure), and card tokens made
//! during a payment (`GenerateToken`, `StoreCardDetails`) for the order's
//! customer, listed by the supported payment methods and paid with later.
//! Where Cashflows publishes nothing (the status of a zero-amount parent,
//! where a payment's token comes back, the per-customer token cap in
//! [`limits`]) the sandbox decides; the book's "Testing with the sandbox"
//! page lists each decision beside what Cashflows publishes, with its grade.
//!
//! It reads the time from a [`SandboxClock`]: the system clock, unless it
//! is started with [`Sandbox::start_with_clock`] on a manual clock that the
//! test moves forward, or a movable one (the system clock plus an offset
//! that only grows, for a long-running sandbox), to expire a job or a card,
//! pass a reservation's seven days or a midnight settlement, without
//! waiting. Neither goes backwards, nor past [`SandboxClock::latest`].
//!
//! Its whole state (jobs, tokens, intents, recurring parents, the Remote
//! Auth ledger) can be written out as a [`Snapshot`], in JSON, and read
//! back; a snapshot read back is checked whole before it replaces anything.
//!
//! A test can make the next requests fail as a network or a server would
//! ([`Sandbox::inject_fault`]: a connection dropped before or after the
//! request was processed, a 500 or 503, a delay, a body cut short), and
//! read every webhook notification sent, attempt by attempt
//! ([`Sandbox::webhook_deliveries`], [`Sandbox::redeliver`]).
//!
//! Automatic capture is on, as Cashflows ships its portal setting; with
//! [`SandboxConfig::automatic_capture`] off, card payments stop at
//! `Reserved` until captured.
//!
//! Inside, the crate is layered, each layer importing only those below it
//! (`tests/layers.rs` checks it): the engine (`engine/`: the domain, with no
//! HTTP, on the injected clock); what the adapters share (`app.rs`,
//! `paths.rs`, `journal.rs`); one adapter per protocol (`gateway/`,
//! `remote_auth.rs`, `pages/`, `embedded/`) and the [`Shopper`] that
//! drives the pages (`shopper.rs`); and the server (`server/`), which wires
//! them together.

#![deny(missing_docs)]
// Functions stay short enough to read at once: 80 lines at most
// (`clippy.toml`).
#![warn(clippy::too_many_lines)]
// Request data never panics the sandbox nor wraps its sums: every read of
// it is checked, and these lints keep it so.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )
)]

mod app;
mod embedded;
mod engine;
mod gateway;
mod journal;
mod pages;
mod paths;
mod remote_auth;
mod server;
mod shopper;

pub use engine::limits;
pub use engine::{ClockError, SandboxClock, Snapshot, SnapshotError, Totals};
pub use journal::RecordedRequest;
pub use limits::RECORDED_BODY_LIMIT;
pub use server::{
    CONTROL_PREFIX, FAULT_KINDS, FAULT_STATUSES, Fault, FaultError, FaultKind, MAX_FAULT_DELAY,
    MAX_FAULT_TIMES, MAX_PENDING_FAULTS, PendingFault, RedeliverError, Sandbox, SandboxConfig,
    WEBHOOK_ANSWER_KEPT, WEBHOOK_DELIVERIES_KEPT, WebhookAttempt, WebhookDelivery,
};
pub use shopper::{Shopper, ShopperStep};
