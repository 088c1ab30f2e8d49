//! The checks of what a snapshot keeps beside its jobs, before it is
//! restored: card tokens, the tokens challenged payments wait for,
//! recurring parents, and embedded checkout's intents, preparations and
//! stored cards. Each is held to what the operations that make it keep: a
//! test card, tokens and ids in the sandbox's formats, each once, within
//! the sandbox's limits, referring to jobs and payments the snapshot holds.
//!
//! Entries are named by their place in their list, never by their token,
//! customer or card: those are secrets, or card data.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::cards::StoredCard;
use super::dates;
use super::intents::{
    FIELD_VALUE_LIMIT, Intents, PREPARATION_LIMIT, STORED_CARD_LIMIT, ShopperCard, is_uuid,
};
use super::job::JobRecord;
use super::kept_cards::{Parents, PendingToken, Recurrence, Tokens};
use super::limits::MAX_TOKENS_PER_CUSTOMER;
use super::snapshot::SnapshotError;
use super::snapshot::{
    IntentEntry, KeptCard, ParentEntry, PendingStoredCard, PendingTokenEntry, PreparationEntry,
    ShopperCardEntry, StoredCardsEntry, TokenEntry,
};
use super::snapshot_jobs::{Seen, name};

/// An entry's name by its place in its list.
fn placed(kind: &str, index: usize) -> String {
    format!("{kind} #{}", index.saturating_add(1))
}

/// Whether `token` has the sandbox's token format: 32 lower-case hex digits.
fn is_token(token: &str) -> bool {
    token.len() == 32
        && (token.bytes()).all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

/// A kept card, found again among the test cards.
fn kept(entry: &str, card: KeptCard) -> Result<StoredCard, SnapshotError> {
    card.stored()
        .ok_or_else(|| SnapshotError::of(entry, "its card is not one of the test cards"))
}

/// A shopper's stored card, found again among the test cards.
fn shopper_card(entry: &str, card: ShopperCardEntry) -> Result<ShopperCard, SnapshotError> {
    if card.id.is_empty() {
        return Err(SnapshotError::of(entry, "its card has no id"));
    }
    card.stored()
        .ok_or_else(|| SnapshotError::of(entry, "its card is not one of the test cards"))
}

/// The card tokens, each customer's in the order they were made.
pub(super) fn check_tokens(entries: Vec<TokenEntry>) -> Result<Tokens, SnapshotError> {
    let mut tokens = Tokens::default();
    for (index, TokenEntry { token, card }) in entries.into_iter().enumerate() {
        let entry = placed("card token", index);
        if !is_token(&token) {
            return Err(SnapshotError::of(entry, "its token is not 32 hex digits"));
        }
        if tokens.get(&token).is_some() {
            return Err(SnapshotError::of(entry, "its token is another's too"));
        }
        let card = kept(&entry, card)?;
        if (card.customer.as_deref()).is_some_and(|customer| tokens.cap_reached(customer)) {
            return Err(SnapshotError::of(
                entry,
                format!("its customer holds more than {MAX_TOKENS_PER_CUSTOMER} tokens"),
            ));
        }
        tokens.insert(token, card);
    }
    Ok(tokens)
}

/// The tokens challenged payments wait for: each for a payment of its job.
pub(super) fn check_pending_tokens(
    entries: Vec<PendingTokenEntry>,
    seen: &Seen,
) -> Result<HashMap<String, PendingToken>, SnapshotError> {
    let mut pending = HashMap::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let name = name("pending token of payment", index, Some(&entry.payment));
        if !seen.is_payment_of(&entry.payment, &entry.job) {
            return Err(SnapshotError::of(
                name,
                "its payment is not one of its job's",
            ));
        }
        let card = kept(&name, entry.card)?;
        let token = PendingToken {
            job: entry.job,
            card,
        };
        if pending.insert(entry.payment, token).is_some() {
            return Err(SnapshotError::of(name, "its payment waits for two tokens"));
        }
    }
    Ok(pending)
}

/// The recurring parents: each a job of the snapshot, once, with criteria
/// the sandbox could have read.
pub(super) fn check_parents(
    entries: Vec<ParentEntry>,
    jobs: &BTreeMap<String, JobRecord>,
) -> Result<Parents, SnapshotError> {
    let mut parents = Parents::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let name = name("recurring parent", index, Some(&entry.job));
        if !jobs.contains_key(&entry.job) {
            return Err(SnapshotError::of(name, "its job is not in the snapshot"));
        }
        if !entry.criteria.is_valid() {
            return Err(SnapshotError::of(
                name,
                "its criteria have a negative count or an expiry past 9999",
            ));
        }
        if entry.children < 0 || !dates::in_range(entry.last) {
            return Err(SnapshotError::of(
                name,
                "its children are negative or its last transaction is past 9999",
            ));
        }
        let recurrence = Recurrence {
            card: kept(&name, entry.card)?,
            criteria: entry.criteria,
            last: entry.last,
            children: entry.children,
        };
        if parents.insert(entry.job, recurrence).is_some() {
            return Err(SnapshotError::of(name, "it is listed twice"));
        }
    }
    Ok(parents)
}

/// What embedded checkout keeps, in its four lists.
pub(super) struct IntentLists {
    pub(super) intents: Vec<IntentEntry>,
    pub(super) preparations: Vec<PreparationEntry>,
    pub(super) stored_cards: Vec<StoredCardsEntry>,
    pub(super) pending: Vec<PendingStoredCard>,
}

/// Embedded checkout's state: intents of the snapshot's jobs, preparations
/// within the limit, stored cards within theirs, cards waiting for
/// payments of the snapshot.
pub(super) fn check_intents(
    lists: IntentLists,
    jobs: &BTreeMap<String, JobRecord>,
    seen: &Seen,
) -> Result<Intents, SnapshotError> {
    let mut intents = Intents::default();
    for (index, IntentEntry { token, intent }) in lists.intents.into_iter().enumerate() {
        let entry = placed("intent", index);
        if !is_token(&token) {
            return Err(SnapshotError::of(entry, "its token is not 32 hex digits"));
        }
        if !jobs.contains_key(&intent.job) {
            return Err(SnapshotError::of(entry, "its job is not in the snapshot"));
        }
        if intents.by_token.insert(token, intent).is_some() {
            return Err(SnapshotError::of(entry, "its token is another's too"));
        }
    }
    check_preparations(&mut intents, lists.preparations)?;
    check_stored_cards(&mut intents, lists.stored_cards)?;
    for (index, entry) in lists.pending.into_iter().enumerate() {
        let name = name("card to store for payment", index, Some(&entry.payment));
        if !seen.is_payment(&entry.payment) {
            return Err(SnapshotError::of(
                name,
                "its payment is not in the snapshot",
            ));
        }
        let card = shopper_card(&name, entry.card)?;
        let waiting = (entry.customer, card);
        if intents.pending.insert(entry.payment, waiting).is_some() {
            return Err(SnapshotError::of(name, "its payment waits for two cards"));
        }
    }
    Ok(intents)
}

/// The card-field preparations, oldest first, within the sandbox's limit.
fn check_preparations(
    intents: &mut Intents,
    entries: Vec<PreparationEntry>,
) -> Result<(), SnapshotError> {
    if entries.len() > PREPARATION_LIMIT {
        return Err(SnapshotError::whole(format!(
            "the snapshot holds more than {PREPARATION_LIMIT} card-field preparations"
        )));
    }
    for (index, PreparationEntry { id, preparation }) in entries.into_iter().enumerate() {
        let entry = placed("preparation", index);
        if !is_uuid(&id) {
            return Err(SnapshotError::of(entry, "its id is not a UUID"));
        }
        if preparation.value.len() > FIELD_VALUE_LIMIT {
            return Err(SnapshotError::of(
                entry,
                format!("its value is longer than {FIELD_VALUE_LIMIT} bytes"),
            ));
        }
        if intents
            .preparations
            .insert(id.clone(), preparation)
            .is_some()
        {
            return Err(SnapshotError::of(entry, "its id is another's too"));
        }
        intents.preparation_order.push_back(id);
    }
    Ok(())
}

/// Each shopper's stored cards: a card number once, within the limit.
fn check_stored_cards(
    intents: &mut Intents,
    entries: Vec<StoredCardsEntry>,
) -> Result<(), SnapshotError> {
    for (index, StoredCardsEntry { customer, cards }) in entries.into_iter().enumerate() {
        let entry = placed("stored cards", index);
        if cards.len() > STORED_CARD_LIMIT {
            return Err(SnapshotError::of(
                entry,
                format!("more than {STORED_CARD_LIMIT} cards"),
            ));
        }
        let mut numbers = HashSet::new();
        let mut kept = Vec::with_capacity(cards.len());
        for card in cards {
            let card = shopper_card(&entry, card)?;
            if !numbers.insert(card.card.number) {
                return Err(SnapshotError::of(entry, "a card is stored twice"));
            }
            kept.push(card);
        }
        if intents.cards.insert(customer, kept).is_some() {
            return Err(SnapshotError::of(entry, "its customer is listed twice"));
        }
    }
    Ok(())
}
