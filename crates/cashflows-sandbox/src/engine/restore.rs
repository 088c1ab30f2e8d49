//! Writing a store out as a [`Snapshot`], putting one back, and emptying
//! the store.
//!
//! A restore checks the whole snapshot first (`snapshot_jobs`,
//! `snapshot_cards`, and the order numbers, authorisation times and Remote
//! Auth ledger here) and only then replaces the state: a refused snapshot
//! leaves the store as it was. The merchant, the clock and the secret
//! tokens are derived from stay; the reference counter only moves on, so
//! no reference is handed out twice in a process, across resets and
//! restores too.

use std::collections::{BTreeMap, HashMap, HashSet};

use cashflows::Decimal;
use cashflows::remote_auth::TransactionType;
use time::{OffsetDateTime, UtcOffset};

use super::dates;
use super::intents::Intents;
use super::job::JobRecord;
use super::kept_cards::{Parents, PendingToken, Tokens};
use super::ledger::{Ledger, RemoteTransaction};
use super::money::is_currency;
use super::references::{FIRST_REFERENCE, REFERENCE_END};
use super::refunds::show_result_attributes;
use super::snapshot::{
    Authorised, FORMAT, IntentEntry, KeptCard, OrderNumber, ParentEntry, PendingStoredCard,
    PendingTokenEntry, PreparationEntry, RemoteEntry, ShopperCardEntry, Snapshot, SnapshotError,
    StoredCardsEntry, TokenEntry,
};
use super::snapshot_cards::{
    IntentLists, check_intents, check_parents, check_pending_tokens, check_tokens,
};
use super::snapshot_jobs::{Seen, amount, check_job, name};
use super::store::Store;

/// Everything a store holds that a reset empties and a restore replaces.
#[derive(Default)]
struct State {
    jobs: BTreeMap<String, JobRecord>,
    order_numbers: HashSet<(String, String)>,
    intents: Intents,
    tokens: Tokens,
    pending_tokens: HashMap<String, PendingToken>,
    parents: Parents,
    ledger: Ledger,
    authorised_at: HashMap<String, OffsetDateTime>,
}

impl Store {
    /// The store's state, to write out (see [`Snapshot`] for what it
    /// leaves out).
    #[allow(
        dead_code,
        reason = "the server's reset, snapshot and restore (built on this) call it"
    )]
    pub(crate) fn snapshot(&self) -> Snapshot {
        let mut order_numbers: Vec<OrderNumber> = (self.order_numbers.iter())
            .map(|(configuration_id, order_number)| OrderNumber {
                configuration_id: configuration_id.clone(),
                order_number: order_number.clone(),
            })
            .collect();
        order_numbers.sort_by(|a, b| {
            (&a.configuration_id, &a.order_number).cmp(&(&b.configuration_id, &b.order_number))
        });
        let mut authorised: Vec<Authorised> = (self.authorised_at.iter())
            .map(|(payment, at)| Authorised {
                payment: payment.clone(),
                at: *at,
            })
            .collect();
        authorised.sort_by(|a, b| a.payment.cmp(&b.payment));
        let mut pending_tokens: Vec<PendingTokenEntry> = (self.pending_tokens.iter())
            .map(|(payment, pending)| PendingTokenEntry {
                payment: payment.clone(),
                job: pending.job.clone(),
                card: KeptCard::of(&pending.card),
            })
            .collect();
        pending_tokens.sort_by(|a, b| a.payment.cmp(&b.payment));
        let mut remote_auth: Vec<RemoteEntry> = (self.ledger.transactions.iter())
            .map(|(id, transaction)| RemoteEntry {
                id: id.clone(),
                transaction: transaction.clone(),
            })
            .collect();
        remote_auth.sort_by(|a, b| a.id.cmp(&b.id));
        let lists = intent_lists(&self.intents);
        Snapshot {
            format: FORMAT,
            next_reference: self.references.upcoming(),
            jobs: self.jobs.values().cloned().collect(),
            order_numbers,
            authorised,
            tokens: token_entries(&self.tokens),
            pending_tokens,
            parents: parent_entries(&self.parents),
            intents: lists.intents,
            preparations: lists.preparations,
            stored_cards: lists.stored_cards,
            pending_stored_cards: lists.pending,
            remote_auth,
        }
    }

    /// Replaces the store's state with `snapshot`'s, once all of it is
    /// checked; the notifications not yet sent are dropped (a restore
    /// notifies nothing). The reference counter moves on past the
    /// snapshot's counter and every reference it holds, never back.
    ///
    /// # Errors
    ///
    /// The first problem found; the store is unchanged then.
    #[allow(
        dead_code,
        reason = "the server's reset, snapshot and restore (built on this) call it"
    )]
    pub(crate) fn restore(&mut self, snapshot: Snapshot) -> Result<(), SnapshotError> {
        let (state, next) = checked(snapshot)?;
        self.install(state);
        self.references.skip_to(next);
        Ok(())
    }

    /// Empties the store, as a new one; the merchant, the clock, the secret
    /// and the reference counter stay, so no reference is handed out twice.
    #[allow(
        dead_code,
        reason = "the server's reset, snapshot and restore (built on this) call it"
    )]
    pub(crate) fn reset(&mut self) {
        self.install(State::default());
    }

    fn install(&mut self, state: State) {
        // Named field by field, so that a field added to the store is not
        // forgotten here: a reset or restore that left one would mix two
        // states.
        let Store {
            clock: _,
            merchant: _,
            references: _,
            jobs,
            order_numbers,
            intents,
            tokens,
            pending_tokens,
            parents,
            ledger,
            authorised_at,
            outbox,
        } = self;
        *jobs = state.jobs;
        *order_numbers = state.order_numbers;
        *intents = state.intents;
        *tokens = state.tokens;
        *pending_tokens = state.pending_tokens;
        *parents = state.parents;
        *ledger = state.ledger;
        *authorised_at = state.authorised_at;
        outbox.clear();
    }
}

/// The state a snapshot describes, and the counter's next reference, once
/// every part is checked.
fn checked(snapshot: Snapshot) -> Result<(State, u64), SnapshotError> {
    if snapshot.format != FORMAT {
        return Err(SnapshotError::whole(format!(
            "snapshot format {} is not one this sandbox reads (it reads format {FORMAT})",
            snapshot.format
        )));
    }
    if !(FIRST_REFERENCE..=REFERENCE_END).contains(&snapshot.next_reference) {
        return Err(SnapshotError::whole(
            "its next reference is not one the sandbox hands out",
        ));
    }
    let mut seen = Seen::default();
    let mut jobs = BTreeMap::new();
    for (index, record) in snapshot.jobs.into_iter().enumerate() {
        let reference = check_job(index, &record, &mut seen)?;
        let mut record = record;
        record.expires = record.expires.to_offset(UtcOffset::UTC);
        let refunds = (record.job.payments.iter_mut()).flat_map(|payment| &mut payment.refunds);
        refunds
            .flat_map(|refund| &mut refund.steps)
            .for_each(show_result_attributes);
        jobs.insert(reference, record);
    }
    let lists = IntentLists {
        intents: snapshot.intents,
        preparations: snapshot.preparations,
        stored_cards: snapshot.stored_cards,
        pending: snapshot.pending_stored_cards,
    };
    let state = State {
        order_numbers: check_order_numbers(&jobs, snapshot.order_numbers)?,
        authorised_at: check_authorised(snapshot.authorised, &seen)?,
        tokens: check_tokens(snapshot.tokens)?,
        pending_tokens: check_pending_tokens(snapshot.pending_tokens, &seen)?,
        parents: check_parents(snapshot.parents, &jobs)?,
        intents: check_intents(lists, &jobs, &seen)?,
        ledger: check_ledger(snapshot.remote_auth, &mut seen)?,
        jobs,
    };
    let next = (snapshot.next_reference).max(seen.highest.saturating_add(1));
    Ok((state, next))
}

/// The order numbers: exactly those of the snapshot's jobs, each once.
/// They are checked against the jobs rather than recomputed, so that a
/// snapshot that disagrees with itself is refused.
fn check_order_numbers(
    jobs: &BTreeMap<String, JobRecord>,
    listed: Vec<OrderNumber>,
) -> Result<HashSet<(String, String)>, SnapshotError> {
    let mut of_jobs = HashMap::new();
    for (reference, record) in jobs {
        let number = (record.job.order.as_ref())
            .and_then(|order| order.order_number.clone())
            .filter(|number| !number.trim().is_empty());
        let Some(number) = number else { continue };
        let key = (
            record.job.configuration_id.clone().unwrap_or_default(),
            number,
        );
        if of_jobs.insert(key, reference).is_some() {
            return Err(SnapshotError::of(
                format!("job {reference}"),
                "its order number is another job's too",
            ));
        }
    }
    let mut numbers = HashSet::new();
    for (index, entry) in listed.into_iter().enumerate() {
        let key = (entry.configuration_id, entry.order_number);
        let problem = if !of_jobs.contains_key(&key) {
            "no job has it"
        } else if numbers.contains(&key) {
            "it is listed twice"
        } else {
            numbers.insert(key);
            continue;
        };
        let entry = format!("order number #{}", index.saturating_add(1));
        return Err(SnapshotError::of(entry, problem));
    }
    let missing = (of_jobs.iter()).find(|(key, _)| !numbers.contains(*key));
    if let Some((_, reference)) = missing {
        return Err(SnapshotError::of(
            format!("job {reference}"),
            "its order number is not among the order numbers",
        ));
    }
    Ok(numbers)
}

/// When payments were authorised: each a payment of the snapshot, once,
/// at a time the sandbox writes.
fn check_authorised(
    entries: Vec<Authorised>,
    seen: &Seen,
) -> Result<HashMap<String, OffsetDateTime>, SnapshotError> {
    let mut times = HashMap::new();
    for (index, Authorised { payment, at }) in entries.into_iter().enumerate() {
        let entry = name("authorisation of payment", index, Some(&payment));
        if !seen.is_payment(&payment) {
            return Err(SnapshotError::of(
                entry,
                "its payment is not in the snapshot",
            ));
        }
        if !dates::in_range(at) {
            return Err(SnapshotError::of(
                entry,
                "its time is not within 0000 to 9999",
            ));
        }
        if times
            .insert(payment, at.to_offset(UtcOffset::UTC))
            .is_some()
        {
            return Err(SnapshotError::of(entry, "it is listed twice"));
        }
    }
    Ok(times)
}

/// The Remote Auth ledger: each transaction valid as the sandbox keeps
/// them, under a reference no other entry holds; and its refunds adding
/// up. An authorised refund adds its amount to its sale's `refunded`, so
/// the two sums are equal (which sale each refund took back from is not
/// kept, so only the sums can be compared).
fn check_ledger(entries: Vec<RemoteEntry>, seen: &mut Seen) -> Result<Ledger, SnapshotError> {
    let mut ledger = Ledger::default();
    let (mut refunded, mut refunds) = (Decimal::ZERO, Decimal::ZERO);
    for (index, RemoteEntry { id, transaction }) in entries.into_iter().enumerate() {
        let entry = name("remote auth transaction", index, Some(&id));
        seen.add(&entry, &id)?;
        check_transaction(&entry, &transaction)?;
        let refund = transaction.kind == TransactionType::Refund && transaction.authorised;
        let overflow = || SnapshotError::of(&entry, "the ledger's sums overflow");
        refunded =
            (refunded.checked_add(transaction.refunded.as_decimal())).ok_or_else(overflow)?;
        if refund {
            refunds =
                (refunds.checked_add(transaction.amount.as_decimal())).ok_or_else(overflow)?;
        }
        ledger.transactions.insert(id, transaction);
    }
    if refunded != refunds {
        return Err(SnapshotError::whole(
            "the remote auth ledger's refunds do not add up to what its sales had refunded",
        ));
    }
    Ok(ledger)
}

/// A Remote Auth transaction as `take_back` leaves them: only an authorised
/// sale is refunded or voided, never both, and never refunded past its
/// amount.
fn check_transaction(entry: &str, transaction: &RemoteTransaction) -> Result<(), SnapshotError> {
    let kind = &transaction.kind;
    if kind.is_unknown() {
        return Err(SnapshotError::of(
            entry,
            "its type is not one the sandbox keeps",
        ));
    }
    let verify = *kind == TransactionType::Verify;
    let total = amount(entry, "amount", Some(transaction.amount), verify)?;
    let refunded = amount(entry, "refunded", Some(transaction.refunded), true)?;
    if !is_currency(&transaction.currency) {
        return Err(SnapshotError::of(
            entry,
            "its currency is not an ISO 4217 code",
        ));
    }
    let sale = *kind == TransactionType::Sale && transaction.authorised;
    let problem = if refunded > total {
        "refunded is more than its amount"
    } else if !refunded.is_zero() && (!sale || transaction.voided) {
        "only an authorised sale not voided has refunds"
    } else if transaction.voided && !sale {
        "only an authorised sale can be voided"
    } else {
        return Ok(());
    };
    Err(SnapshotError::of(entry, problem))
}

/// The card tokens, each customer's in the order they were made (the order
/// their list shows), then those of no customer.
fn token_entries(tokens: &Tokens) -> Vec<TokenEntry> {
    let mut customers: Vec<_> = tokens.by_customer.iter().collect();
    customers.sort_by(|a, b| a.0.cmp(b.0));
    let of_customers = customers.into_iter().flat_map(|(_, list)| list);
    let mut loose: Vec<_> = (tokens.cards.iter())
        .filter(|(_, card)| card.customer.is_none())
        .map(|(token, _)| token)
        .collect();
    loose.sort();
    of_customers
        .chain(loose)
        .filter_map(|token| {
            let card = tokens.cards.get(token)?;
            Some(TokenEntry {
                token: token.clone(),
                card: KeptCard::of(card),
            })
        })
        .collect()
}

/// The recurring parents, by job reference.
fn parent_entries(parents: &Parents) -> Vec<ParentEntry> {
    let mut entries: Vec<ParentEntry> = (parents.iter())
        .map(|(job, recurrence)| ParentEntry {
            job: job.clone(),
            card: KeptCard::of(&recurrence.card),
            criteria: recurrence.criteria.clone(),
            last: recurrence.last,
            children: recurrence.children,
        })
        .collect();
    entries.sort_by(|a, b| a.job.cmp(&b.job));
    entries
}

/// Embedded checkout's state as lists: intents by token, preparations
/// oldest first, stored cards by customer, cards waiting by payment.
fn intent_lists(intents: &Intents) -> IntentLists {
    let mut by_token: Vec<IntentEntry> = (intents.by_token.iter())
        .map(|(token, intent)| IntentEntry {
            token: token.clone(),
            intent: intent.clone(),
        })
        .collect();
    by_token.sort_by(|a, b| a.token.cmp(&b.token));
    let preparations = (intents.preparation_order.iter())
        .filter_map(|id| {
            let preparation = intents.preparations.get(id)?.clone();
            Some(PreparationEntry {
                id: id.clone(),
                preparation,
            })
        })
        .collect();
    let mut stored_cards: Vec<StoredCardsEntry> = (intents.cards.iter())
        .map(|(customer, cards)| StoredCardsEntry {
            customer: customer.clone(),
            cards: cards.iter().map(ShopperCardEntry::of).collect(),
        })
        .collect();
    stored_cards.sort_by(|a, b| a.customer.cmp(&b.customer));
    let mut pending: Vec<PendingStoredCard> = (intents.pending.iter())
        .map(|(payment, (customer, card))| PendingStoredCard {
            payment: payment.clone(),
            customer: customer.clone(),
            card: ShopperCardEntry::of(card),
        })
        .collect();
    pending.sort_by(|a, b| a.payment.cmp(&b.payment));
    IntentLists {
        intents: by_token,
        preparations,
        stored_cards,
        pending,
    }
}
