//! The cards the sandbox keeps to pay with later, as plain data: card
//! tokens (with the customer each belongs to), the tokens a challenged
//! payment waits for, and recurring parents with their cards and criteria.
//! The operations over them are `tokens.rs` and `recurring.rs`; what
//! Cashflows publishes of each flow, and what the sandbox decides, is said
//! there.

use std::collections::HashMap;

use cashflows::models::{CardTokenData, RecurrenceCriteria};
use cashflows::{CardNumber, CardToken, GatewayErrorCode};
use time::{Duration, OffsetDateTime};

use super::cards::StoredCard;
use super::dates;
use super::limits::MAX_TOKENS_PER_CUSTOMER;
use super::refusal::Refusal;

/// The cards kept under a token, and each customer's tokens in the order
/// they were made.
#[derive(Default)]
pub(crate) struct Tokens {
    pub(super) cards: HashMap<String, StoredCard>,
    pub(super) by_customer: HashMap<String, Vec<String>>,
}

impl Tokens {
    /// The card kept under `token`.
    pub(crate) fn get(&self, token: &str) -> Option<&StoredCard> {
        self.cards.get(token)
    }

    /// Keeps `card` under `token`, in its customer's list.
    pub(crate) fn insert(&mut self, token: String, card: StoredCard) {
        if let Some(customer) = &card.customer {
            let list = self.by_customer.entry(customer.clone()).or_default();
            list.push(token.clone());
        }
        self.cards.insert(token, card);
    }

    /// Whether `customer` holds as many tokens as the sandbox allows
    /// ([`MAX_TOKENS_PER_CUSTOMER`]).
    pub(crate) fn cap_reached(&self, customer: &str) -> bool {
        self.by_customer
            .get(customer)
            .is_some_and(|tokens| tokens.len() >= MAX_TOKENS_PER_CUSTOMER)
    }

    /// The card `token` keeps, for a job whose order names `customer`. An
    /// unknown token is a refused card (as before tokens had customers); a
    /// token of another customer, or of a customer when the job names none,
    /// is `InvalidCustomerReference`: the sandbox's rule, as Cashflows does
    /// not say when that error comes.
    pub(crate) fn card_for(
        &self,
        token: &str,
        customer: Option<&str>,
    ) -> Result<&StoredCard, Refusal> {
        let stored = self.get(token).ok_or_else(Refusal::card_refused)?;
        match stored.customer.as_deref() {
            Some(owner) if Some(owner) != customer => {
                Err(Refusal::Gateway(GatewayErrorCode::InvalidCustomerReference))
            }
            _ => Ok(stored),
        }
    }

    /// `customer`'s tokenised cards, oldest first, as the supported payment
    /// methods list them (`tokenizedCards`). `issuerReturnCode` is not
    /// published: left out.
    pub(crate) fn of_customer(&self, customer: &str) -> Vec<CardTokenData> {
        let tokens = self
            .by_customer
            .get(customer)
            .map_or(&[][..], Vec::as_slice);
        tokens
            .iter()
            .filter_map(|token| Some((token, self.cards.get(token)?)))
            .map(|(token, stored)| CardTokenData {
                token: Some(CardToken::new(token.clone())),
                card_expiry_month: Some(stored.expiry_month.clone()),
                card_expiry_year: Some(stored.expiry_year.clone()),
                issuer_return_code: None,
                truncated_card_number: Some(CardNumber::new(stored.card.number).masked()),
                ..CardTokenData::default()
            })
            .collect()
    }
}

/// A token a payment waits for: made if its 3-D Secure challenge passes.
pub(crate) struct PendingToken {
    pub(crate) job: String,
    pub(crate) card: StoredCard,
}

/// The recurring parents, by job reference.
pub(crate) type Parents = HashMap<String, Recurrence>;

/// What a recurring parent keeps for its children.
pub(crate) struct Recurrence {
    pub(crate) card: StoredCard,
    pub(crate) criteria: Criteria,
    /// The recurrence's last transaction: the parent's payment, then each
    /// child paid or reserved.
    pub(crate) last: OffsetDateTime,
    /// The children paid or reserved so far.
    pub(crate) children: i64,
}

impl Recurrence {
    /// Whether the criteria allow a child at `now`: not past
    /// `recurringExpiry`, at least `recurringFrequency` days after the last
    /// transaction, fewer children than `instalments`.
    pub(crate) fn allows(&self, now: OffsetDateTime) -> bool {
        let criteria = &self.criteria;
        let before_expiry = criteria.expiry.is_none_or(|expiry| now <= expiry);
        let spaced = criteria.frequency_days.is_none_or(|days| {
            // A frequency too large for a date is never reached.
            days.checked_mul(86_400)
                .and_then(|seconds| self.last.checked_add(Duration::seconds(seconds)))
                .is_some_and(|next| now >= next)
        });
        let left = criteria
            .instalments
            .is_none_or(|count| self.children < count);
        before_expiry && spaced && left
    }
}

/// A parent's `recurrenceCriteria`, read.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Criteria {
    #[serde(with = "time::serde::rfc3339::option")]
    expiry: Option<OffsetDateTime>,
    frequency_days: Option<i64>,
    instalments: Option<i64>,
}

impl Criteria {
    /// Whether these criteria are ones [`read`](Self::read) could give: no
    /// negative count, an expiry the sandbox can write.
    pub(crate) fn is_valid(&self) -> bool {
        let negative = |count: Option<i64>| count.is_some_and(|count| count < 0);
        !negative(self.frequency_days)
            && !negative(self.instalments)
            && self.expiry.is_none_or(dates::in_range)
    }

    /// Reads a parent's criteria: an unreadable `recurringExpiry`, or a
    /// negative frequency or instalment count, is malformed.
    pub(crate) fn read(criteria: Option<&RecurrenceCriteria>) -> Result<Criteria, Refusal> {
        let Some(criteria) = criteria else {
            return Ok(Criteria::default());
        };
        let expiry = match &criteria.recurring_expiry {
            Some(text) => Some(dates::parse(text).ok_or(Refusal::Malformed)?),
            None => None,
        };
        let negative = |count: Option<i64>| count.is_some_and(|count| count < 0);
        if negative(criteria.recurring_frequency) || negative(criteria.instalments) {
            return Err(Refusal::Malformed);
        }
        Ok(Criteria {
            expiry,
            frequency_days: criteria.recurring_frequency,
            instalments: criteria.instalments,
        })
    }
}

/// Whether a create is part of a recurrence, and how.
#[derive(Debug, Clone)]
pub(crate) enum Recurring {
    /// An ordinary job.
    No,
    /// A recurring parent, with its criteria.
    Parent(Criteria),
    /// A child of the parent with this reference.
    Child(String),
}
