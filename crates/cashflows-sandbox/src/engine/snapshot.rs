//! The sandbox's state as data that outlives it: a [`Snapshot`], written
//! and read as JSON. What it holds, and what it leaves out, is said on the
//! type; how a snapshot is checked before it replaces a store is
//! `restore.rs`.

use std::error::Error;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::cards::{StoredCard, find_test_card};
use super::intents::{Intent, Preparation, ShopperCard};
use super::job::JobRecord;
use super::kept_cards::Criteria;
use super::ledger::RemoteTransaction;
use super::limits::{SNAPSHOT_LIMIT, SNAPSHOT_OBJECT_LIMIT, SNAPSHOT_VALUE_LIMIT};

/// The snapshot format this version writes and reads.
pub(crate) const FORMAT: u32 = 1;

/// The whole state of a sandbox's engine, to write out and read back: its
/// payment jobs (payments, captures and refunds included), order numbers,
/// when each payment was authorised, card tokens and the tokens challenged
/// payments wait for, recurring parents with their cards, embedded
/// checkout's intents, card-field preparations and stored cards, the Remote
/// Auth ledger, and the reference counter.
///
/// It leaves out what is not the sandbox's state but its setting: the
/// merchant (from the configuration), the clock, the secret tokens are
/// derived from (each process has its own), and the notifications not yet
/// sent (a restored state notifies nothing).
///
/// It holds the kept cards (test card numbers, what a shopper typed into
/// card fields) and tokens: its [`Debug`](fmt::Debug) shows counts only.
///
/// ```
/// use cashflows_sandbox::Snapshot;
///
/// let refused = Snapshot::from_json(br#"{"format": 2}"#).unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "snapshot format 2 is not one this sandbox reads (it reads format 1)"
/// );
/// ```
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    pub(super) format: u32,
    /// The reference the counter hands out next.
    pub(super) next_reference: u64,
    pub(super) jobs: Vec<JobRecord>,
    pub(super) order_numbers: Vec<OrderNumber>,
    pub(super) authorised: Vec<Authorised>,
    pub(super) tokens: Vec<TokenEntry>,
    pub(super) pending_tokens: Vec<PendingTokenEntry>,
    pub(super) parents: Vec<ParentEntry>,
    pub(super) intents: Vec<IntentEntry>,
    /// Oldest first, as the store forgets them.
    pub(super) preparations: Vec<PreparationEntry>,
    pub(super) stored_cards: Vec<StoredCardsEntry>,
    pub(super) pending_stored_cards: Vec<PendingStoredCard>,
    pub(super) remote_auth: Vec<RemoteEntry>,
}

/// `(configuration ID, order number)` of a job created.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct OrderNumber {
    pub(crate) configuration_id: String,
    pub(crate) order_number: String,
}

/// When a payment was authorised.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Authorised {
    pub(crate) payment: String,
    #[serde(with = "time::serde::rfc3339")]
    pub(crate) at: OffsetDateTime,
}

/// A card kept under a token, or for a recurring parent. The test card is
/// written by its number, and found again by it.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct KeptCard {
    pub(crate) card_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) holder: Option<String>,
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) customer: Option<String>,
}

impl KeptCard {
    pub(crate) fn of(stored: &StoredCard) -> Self {
        KeptCard {
            card_number: stored.card.number.to_owned(),
            holder: stored.holder.clone(),
            expiry_month: stored.expiry_month.clone(),
            expiry_year: stored.expiry_year.clone(),
            customer: stored.customer.clone(),
        }
    }

    /// The card as the store keeps it; `None` when it is no test card.
    pub(crate) fn stored(self) -> Option<StoredCard> {
        Some(StoredCard {
            card: find_test_card(&self.card_number)?,
            holder: self.holder,
            expiry_month: self.expiry_month,
            expiry_year: self.expiry_year,
            customer: self.customer,
        })
    }
}

/// A card token and its card.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct TokenEntry {
    pub(crate) token: String,
    pub(crate) card: KeptCard,
}

/// A token a challenged payment waits for.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PendingTokenEntry {
    pub(crate) payment: String,
    pub(crate) job: String,
    pub(crate) card: KeptCard,
}

/// A recurring parent: its job, card, criteria and recurrence so far.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ParentEntry {
    pub(crate) job: String,
    pub(crate) card: KeptCard,
    pub(crate) criteria: Criteria,
    #[serde(with = "time::serde::rfc3339")]
    pub(crate) last: OffsetDateTime,
    pub(crate) children: i64,
}

/// A payment intent, by its token.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct IntentEntry {
    pub(crate) token: String,
    pub(crate) intent: Intent,
}

/// A card-field preparation, by its id.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PreparationEntry {
    pub(crate) id: String,
    pub(crate) preparation: Preparation,
}

/// A card a shopper stored through embedded checkout.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ShopperCardEntry {
    pub(crate) id: String,
    pub(crate) card_number: String,
    pub(crate) holder: String,
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
}

impl ShopperCardEntry {
    pub(crate) fn of(card: &ShopperCard) -> Self {
        ShopperCardEntry {
            id: card.id.clone(),
            card_number: card.card.number.to_owned(),
            holder: card.holder.clone(),
            expiry_month: card.expiry_month.clone(),
            expiry_year: card.expiry_year.clone(),
        }
    }

    /// The card as the store keeps it; `None` when it is no test card.
    pub(crate) fn stored(self) -> Option<ShopperCard> {
        Some(ShopperCard {
            id: self.id,
            card: find_test_card(&self.card_number)?,
            holder: self.holder,
            expiry_month: self.expiry_month,
            expiry_year: self.expiry_year,
        })
    }
}

/// A shopper's stored cards, oldest first.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct StoredCardsEntry {
    pub(crate) customer: String,
    pub(crate) cards: Vec<ShopperCardEntry>,
}

/// A card to store for a customer once a challenged payment passes.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PendingStoredCard {
    pub(crate) payment: String,
    pub(crate) customer: String,
    pub(crate) card: ShopperCardEntry,
}

/// A Remote Auth transaction, by its ID.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RemoteEntry {
    pub(crate) id: String,
    pub(crate) transaction: RemoteTransaction,
}

/// Only the format, read first: a snapshot of another format is refused
/// as such, whatever its shape.
#[derive(Deserialize)]
struct Format {
    format: Option<serde_json::Value>,
}

impl Snapshot {
    /// Reads a snapshot written by [`to_json`](Self::to_json).
    ///
    /// Only its form is checked here; whether its state holds together
    /// (amounts, references, what refers to what) is checked when it is
    /// restored, before it replaces anything.
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] when the input is larger than
    /// [`SNAPSHOT_LIMIT`](crate::limits::SNAPSHOT_LIMIT), holds more
    /// objects or values than
    /// [`SNAPSHOT_OBJECT_LIMIT`](crate::limits::SNAPSHOT_OBJECT_LIMIT) and
    /// [`SNAPSHOT_VALUE_LIMIT`](crate::limits::SNAPSHOT_VALUE_LIMIT), is
    /// not JSON, names a format other than 1, or is not a snapshot's shape.
    pub fn from_json(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
        if bytes.len() > SNAPSHOT_LIMIT {
            return Err(SnapshotError::whole(format!(
                "the snapshot is larger than {SNAPSHOT_LIMIT} bytes"
            )));
        }
        let (objects, values) = count_json(bytes);
        if objects > SNAPSHOT_OBJECT_LIMIT || values > SNAPSHOT_VALUE_LIMIT {
            return Err(SnapshotError::whole(format!(
                "the snapshot holds more than {SNAPSHOT_OBJECT_LIMIT} objects \
                 or {SNAPSHOT_VALUE_LIMIT} values"
            )));
        }
        let probe: Format = serde_json::from_slice(bytes).map_err(not_read)?;
        match probe.format {
            Some(serde_json::Value::Number(number)) if number.as_u64() == Some(FORMAT.into()) => {}
            Some(serde_json::Value::Number(number)) => {
                return Err(SnapshotError::whole(format!(
                    "snapshot format {number} is not one this sandbox reads (it reads format {FORMAT})"
                )));
            }
            Some(_) => return Err(SnapshotError::whole("its format is not a number")),
            None => return Err(SnapshotError::whole("not a snapshot: it names no format")),
        }
        serde_json::from_slice(bytes).map_err(not_read)
    }

    /// The snapshot as JSON, for [`from_json`](Self::from_json).
    pub fn to_json(&self) -> Vec<u8> {
        // Writing fails only for a date outside the years 0000 to 9999, and
        // the store keeps none (its clock reads within them, a restore
        // checks them). Empty is refused by `from_json`: a failure can never
        // be read back as a state.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// How many payments the snapshot's jobs hold.
    fn payments(&self) -> usize {
        self.jobs
            .iter()
            .map(|record| record.job.payments.len())
            .sum()
    }
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Snapshot")
            .field("format", &self.format)
            .field("jobs", &self.jobs.len())
            .field("payments", &self.payments())
            .field("tokens", &self.tokens.len())
            .field("pending_tokens", &self.pending_tokens.len())
            .field("parents", &self.parents.len())
            .field("intents", &self.intents.len())
            .field("preparations", &self.preparations.len())
            .field("stored_cards", &self.stored_cards.len())
            .field("remote_auth", &self.remote_auth.len())
            .finish_non_exhaustive()
    }
}

/// How many objects, and roughly how many values, a JSON text holds: its
/// `{` and its `[`, `{` and `,` outside strings. Counted before parsing,
/// which would allocate each.
fn count_json(bytes: &[u8]) -> (usize, usize) {
    let (mut objects, mut values) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in bytes {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' => {
                objects = objects.saturating_add(1);
                values = values.saturating_add(1);
            }
            b'[' | b',' => values = values.saturating_add(1),
            _ => {}
        }
    }
    (objects, values)
}

/// Why JSON was not read as a snapshot, without what it held: serde's
/// message quotes the values it did not expect, and those may be card
/// numbers.
fn not_read(error: serde_json::Error) -> SnapshotError {
    let what = match error.classify() {
        serde_json::error::Category::Io | serde_json::error::Category::Eof => {
            "the snapshot ends too soon"
        }
        serde_json::error::Category::Syntax => "the snapshot is not JSON",
        serde_json::error::Category::Data => "the snapshot does not have a snapshot's shape",
    };
    SnapshotError::whole(format!(
        "{what} ({}, at line {} column {})",
        redacted(&error.to_string()),
        error.line(),
        error.column()
    ))
}

/// serde's message without its line and column (said apart) and with every
/// quoted value that holds a digit, or is long, replaced by `…`: field
/// and type names stay, values that could be card data go.
fn redacted(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or_default();
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let (before, quoted) = rest.split_at(start);
        out.push_str(before);
        let mut chars = quoted.chars();
        let quote = chars.next().unwrap_or('"');
        let inner = chars.as_str();
        let Some(end) = inner.find(quote) else {
            out.push('…');
            return out;
        };
        let (value, after) = inner.split_at(end);
        let secret = value.len() > 40 || value.bytes().any(|byte| byte.is_ascii_digit());
        out.push(quote);
        out.push_str(if secret { "…" } else { value });
        out.push(quote);
        rest = after.get(1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Why a snapshot was refused: which entry, and what is wrong with it
/// (`job 220000000000000007, payment 220000000000000008: amountToCollect
/// is negative`). It never quotes card data: entries are named by their
/// sandbox reference, or by their place in their list (`card token #3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotError {
    entry: Option<String>,
    problem: String,
}

impl SnapshotError {
    /// A problem of the snapshot as a whole.
    pub(crate) fn whole(problem: impl Into<String>) -> Self {
        SnapshotError {
            entry: None,
            problem: problem.into(),
        }
    }

    /// A problem of one entry.
    pub(crate) fn of(entry: impl Into<String>, problem: impl Into<String>) -> Self {
        SnapshotError {
            entry: Some(entry.into()),
            problem: problem.into(),
        }
    }

    /// The entry refused (`job 220000000000000007, payment
    /// 220000000000000008`), if the problem is one entry's.
    pub fn entry(&self) -> Option<&str> {
        self.entry.as_deref()
    }

    /// What is wrong.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(entry) => write!(f, "{entry}: {}", self.problem),
            None => f.write_str(&self.problem),
        }
    }
}

impl Error for SnapshotError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_values_are_counted_outside_strings() {
        assert_eq!(count_json(br#"{"a": [1, 2], "b": "{,[\"{"}"#), (1, 4));
    }

    #[test]
    fn quoted_values_with_digits_are_left_out() {
        let message = r#"invalid type: string "4000000000000002", expected u64 at line 1 column 9"#;
        assert_eq!(
            redacted(message),
            r#"invalid type: string "…", expected u64"#
        );
        assert_eq!(
            redacted("unknown field `cardNumbr`, expected `cardNumber`"),
            "unknown field `cardNumbr`, expected `cardNumber`"
        );
        assert_eq!(redacted(r#"open "4000"#), "open …");
    }
}
