//! The sandbox's in-memory store: payment jobs with their payments, captures
//! and refunds, embedded checkout's intents, card tokens, recurring parents
//! and Remote Auth transactions, the clock it reads and the notifications
//! it owes. Every operation runs under one lock (the server's), so
//! concurrent requests see a consistent store.
//!
//! The operations are `impl Store` blocks, one file each: `create_job`,
//! `payments`, `captures`, `refunds`, `settlement`, `shopper`,
//! `embedded_checkout`, `tokenisation`, `tokens`, `recurring`, `job_options`,
//! `remote_auth`, `totals`, and `restore` (snapshot, restore, reset).

use std::collections::{BTreeMap, HashMap, HashSet};

use cashflows::models::PaymentJob;
use time::OffsetDateTime;

use super::clock::SandboxClock;
use super::dates;
use super::intents::Intents;
use super::job::JobRecord;
use super::kept_cards::{Parents, PendingToken, Tokens};
use super::ledger::Ledger;
use super::merchant::Merchant;
use super::notifications::StatusChange;
use super::references::References;

/// Everything the sandbox holds.
pub(crate) struct Store {
    /// Where the time comes from.
    pub(super) clock: SandboxClock,
    pub(super) merchant: Merchant,
    pub(super) references: References,
    pub(super) jobs: BTreeMap<String, JobRecord>,
    /// `(configuration ID, order number)` of every job created.
    pub(super) order_numbers: HashSet<(String, String)>,
    /// Embedded checkout: intents by token, card-field preparations and
    /// shoppers' stored cards.
    pub(super) intents: Intents,
    /// Cards kept under a token (card tokenisation, or a payment that
    /// asked for one), by token and by customer.
    pub(super) tokens: Tokens,
    /// Tokens challenged payments wait for, by payment reference.
    pub(super) pending_tokens: HashMap<String, PendingToken>,
    /// Recurring parents and their cards, by job reference.
    pub(super) parents: Parents,
    pub(super) ledger: Ledger,
    /// When each payment was authorised, by its reference: its
    /// reservation's seven days and its settlement count from then
    /// (`settlement`).
    pub(super) authorised_at: HashMap<String, OffsetDateTime>,
    /// Status changes not yet handed to the webhook sender.
    pub(super) outbox: Vec<StatusChange>,
}

impl Store {
    /// An empty store for `merchant`, reading the time from `clock`.
    pub(crate) fn new(merchant: Merchant, clock: SandboxClock) -> Self {
        Store {
            clock,
            merchant,
            references: References::new(),
            jobs: BTreeMap::new(),
            order_numbers: HashSet::new(),
            intents: Intents::default(),
            tokens: Tokens::default(),
            pending_tokens: HashMap::new(),
            parents: Parents::new(),
            ledger: Ledger::default(),
            authorised_at: HashMap::new(),
            outbox: Vec::new(),
        }
    }

    /// The time now, to the second, in UTC.
    pub(super) fn now(&self) -> OffsetDateTime {
        dates::utc(self.clock.now())
    }

    /// The status changes to notify since the last call, oldest first.
    pub(crate) fn take_notifications(&mut self) -> Vec<StatusChange> {
        std::mem::take(&mut self.outbox)
    }

    /// Whether status changes wait to be notified.
    pub(crate) fn has_notifications(&self) -> bool {
        !self.outbox.is_empty()
    }

    /// A snapshot of a job, as it is (its expiry not applied).
    pub(crate) fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.jobs.get(reference).map(|record| record.job.clone())
    }

    /// Whether a job with this order number exists for the configuration.
    pub(crate) fn order_exists(&self, order_number: &str) -> bool {
        let key = (
            self.merchant.configuration_id.clone(),
            order_number.to_owned(),
        );
        self.order_numbers.contains(&key)
    }
}
