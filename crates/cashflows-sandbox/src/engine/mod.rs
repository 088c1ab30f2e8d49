//! The sandbox's domain: payment jobs, payments, captures, refunds, payment
//! intents, card tokens, recurring parents, the Remote Auth ledger, the
//! money and card checks, the 3-D Secure outcomes, the project's triggers,
//! and the status changes to notify, as plain data. It knows nothing of HTTP, nor of the server:
//! the adapters above it read requests and write answers, and it reads the
//! time from the clock it is given.
//!
//! Its modules import only each other (a test, `tests/layers.rs`, checks
//! it). A refusal is a [`Refusal`]: which documented Gateway error, not
//! found, or malformed; each adapter says how its protocol answers it.

mod captures;
mod cards;
mod clock;
mod create_job;
mod dates;
mod embedded_checkout;
mod error_report;
mod intents;
mod job;
mod job_options;
mod kept_cards;
mod ledger;
pub mod limits;
mod merchant;
mod money;
mod notifications;
mod payments;
mod recurring;
mod references;
mod refunds;
mod refusal;
mod remote_auth;
mod restore;
mod settlement;
mod shopper;
mod snapshot;
mod snapshot_cards;
mod snapshot_jobs;
#[cfg(test)]
mod snapshot_tests;
mod store;
mod tokenisation;
mod tokens;
mod totals;
pub(crate) mod triggers;

pub use self::clock::{ClockError, SandboxClock};
pub use self::snapshot::{Snapshot, SnapshotError};
pub use self::totals::Totals;

pub(crate) use self::cards::CardEntry;
pub(crate) use self::create_job::JobStep;
pub(crate) use self::dates::{months_later, parse as parse_moment, utc, written};
pub(crate) use self::embedded_checkout::{IntentCard, IntentStep};
pub(crate) use self::error_report::{error_entry, report_entry, warning_entry};
pub(crate) use self::intents::{FIELD_VALUE_LIMIT, FieldKind, PreparationError, ShopperCard};
pub(crate) use self::merchant::{Merchant, constant_time_eq};
pub(crate) use self::notifications::StatusChange;
pub(crate) use self::references::fresh_secret;
pub(crate) use self::refusal::Refusal;
pub(crate) use self::remote_auth::{RemoteAuthFields, RemoteAuthReply};
pub(crate) use self::shopper::{PageError, PageOutcome, ShopperView};
pub(crate) use self::store::Store;
