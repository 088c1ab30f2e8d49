//! What the sandbox keeps for embedded checkout, beside the payment jobs:
//! payment intents by token, the card fields' preparations (what the
//! shopper typed into each field page), and the cards shoppers chose to
//! store.
//!
//! Cashflows publishes none of this; its own JavaScript library only shows
//! the calls it makes. Token format, preparation lifetime, where stored
//! cards belong and every limit here are the sandbox's own choices.

use std::collections::{HashMap, VecDeque};

use cashflows::test_cards::TestCard;

use super::cards::CardEntry;

/// How many preparations the sandbox keeps (the newest): a page that opens
/// field pages without end cannot grow its memory without bound. The
/// sandbox's own choice.
pub(crate) const PREPARATION_LIMIT: usize = 10_000;

/// The longest value a card field keeps, in bytes: the longest card number,
/// holder name or expiry fits. The sandbox's own choice.
pub(crate) const FIELD_VALUE_LIMIT: usize = 128;

/// How many cards one shopper may store; storing one more forgets the
/// oldest. The sandbox's own choice.
pub(crate) const STORED_CARD_LIMIT: usize = 20;

/// The four card fields the library asks for (`inputtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum FieldKind {
    Number,
    HolderName,
    Expiry,
    Cvc,
}

impl FieldKind {
    pub(crate) const ALL: [FieldKind; 4] = [
        FieldKind::Number,
        FieldKind::HolderName,
        FieldKind::Expiry,
        FieldKind::Cvc,
    ];

    /// The kind an `inputtype` names, exactly as the library writes it.
    pub(crate) fn parse(inputtype: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == inputtype)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FieldKind::Number => "cardnumber",
            FieldKind::HolderName => "cardholdername",
            FieldKind::Expiry => "cardexpiry",
            FieldKind::Cvc => "cardcvc",
        }
    }
}

/// One card field page: its kind and what the shopper typed last.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Preparation {
    pub(super) kind: FieldKind,
    pub(super) value: String,
    /// The sequence number of the value kept: a field page numbers its
    /// updates, and an update that arrives late never replaces a newer one.
    pub(super) sequence: u64,
    /// A payment was made from it: it can never pay again.
    pub(super) used: bool,
}

/// A payment intent: the job it pays, and the shopper its stored cards
/// belong to.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Intent {
    pub(crate) job: String,
    /// The order's `customerReference`: the shopper whose cards the intent
    /// may list, store and pay with (the sandbox's own choice; without one
    /// the intent has no stored cards).
    pub(crate) customer: Option<String>,
}

/// A card a shopper stored.
#[derive(Clone)]
pub(crate) struct ShopperCard {
    /// Its `encryptedCardData`: an opaque identifier (the sandbox's own
    /// format), never the card number.
    pub(crate) id: String,
    pub(crate) card: &'static TestCard,
    pub(crate) holder: String,
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
}

impl ShopperCard {
    /// The card as the payment reads it. A stored card pays without its
    /// security code (the sandbox's own choice): the test card's own is
    /// used, so the expiry is checked again.
    pub(crate) fn entry(&self) -> CardEntry {
        CardEntry {
            card_number: self.card.number.to_owned(),
            card_expiry_month: self.expiry_month.clone(),
            card_expiry_year: self.expiry_year.clone(),
            card_cvc: self.card.cvc.to_owned(),
            card_holder_name: self.holder.clone(),
        }
    }

    /// The first six and last four digits, the rest masked.
    pub(crate) fn masked_number(&self) -> String {
        let number = self.card.number;
        let length = number.len();
        number
            .char_indices()
            .map(|(index, digit)| {
                let shown = index < 6 || length.saturating_sub(index) <= 4;
                if shown { digit } else { '*' }
            })
            .collect()
    }
}

/// Why a preparation cannot be opened or updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PreparationError {
    /// Not a UUID, or no field page was opened for it.
    NotFound,
    /// Opened already, or already paid with.
    Conflict,
    /// The value is longer than [`FIELD_VALUE_LIMIT`].
    TooLong,
}

/// Why preparations cannot pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardFieldsError {
    /// Not exactly one known, unused preparation of each kind.
    Invalid,
}

/// Everything embedded checkout keeps.
#[derive(Default)]
pub(crate) struct Intents {
    pub(super) by_token: HashMap<String, Intent>,
    pub(super) preparations: HashMap<String, Preparation>,
    /// Preparation ids, oldest first, to forget the oldest past the limit.
    pub(super) preparation_order: VecDeque<String>,
    /// Stored cards by customer reference.
    pub(super) cards: HashMap<String, Vec<ShopperCard>>,
    /// Cards to store once a challenged payment is authorised, by payment
    /// reference.
    pub(super) pending: HashMap<String, (String, ShopperCard)>,
}

impl Intents {
    pub(crate) fn insert(&mut self, token: String, intent: Intent) {
        self.by_token.insert(token, intent);
    }

    pub(crate) fn intent(&self, token: &str) -> Option<&Intent> {
        self.by_token.get(token)
    }

    /// A field page was opened: its preparation starts empty. Each id is
    /// opened once.
    pub(crate) fn open_preparation(
        &mut self,
        id: &str,
        kind: FieldKind,
    ) -> Result<(), PreparationError> {
        if !is_uuid(id) {
            return Err(PreparationError::NotFound);
        }
        if self.preparations.contains_key(id) {
            return Err(PreparationError::Conflict);
        }
        while self.preparation_order.len() >= PREPARATION_LIMIT {
            if let Some(oldest) = self.preparation_order.pop_front() {
                self.preparations.remove(&oldest);
            }
        }
        self.preparations.insert(
            id.to_owned(),
            Preparation {
                kind,
                value: String::new(),
                sequence: 0,
                used: false,
            },
        );
        self.preparation_order.push_back(id.to_owned());
        Ok(())
    }

    /// What the shopper typed into a field page, numbered by the page.
    pub(crate) fn update_preparation(
        &mut self,
        id: &str,
        sequence: u64,
        value: &str,
    ) -> Result<(), PreparationError> {
        if value.len() > FIELD_VALUE_LIMIT {
            return Err(PreparationError::TooLong);
        }
        let preparation = self
            .preparations
            .get_mut(id)
            .ok_or(PreparationError::NotFound)?;
        if preparation.used {
            return Err(PreparationError::Conflict);
        }
        if sequence > preparation.sequence {
            preparation.sequence = sequence;
            value.clone_into(&mut preparation.value);
        }
        Ok(())
    }

    /// The card the preparations `ids` hold: exactly one unused preparation
    /// of each of the four kinds. The expiry is read as `MM/YY` (or
    /// `MM/YYYY`, `MMYY`, spaces ignored).
    pub(crate) fn card_from(&self, ids: &[String]) -> Result<CardEntry, CardFieldsError> {
        if ids.len() != FieldKind::ALL.len() {
            return Err(CardFieldsError::Invalid);
        }
        let value = |kind: FieldKind| -> Result<&str, CardFieldsError> {
            let mut found = ids.iter().filter_map(|id| {
                self.preparations
                    .get(id)
                    .filter(|preparation| preparation.kind == kind && !preparation.used)
            });
            match (found.next(), found.next()) {
                (Some(preparation), None) => Ok(preparation.value.as_str()),
                _ => Err(CardFieldsError::Invalid),
            }
        };
        let number = value(FieldKind::Number)?;
        let holder = value(FieldKind::HolderName)?;
        let expiry = value(FieldKind::Expiry)?;
        let cvc = value(FieldKind::Cvc)?;
        let (month, year) = split_expiry(expiry);
        Ok(CardEntry {
            card_number: number.chars().filter(|c| !c.is_whitespace()).collect(),
            card_expiry_month: month,
            card_expiry_year: year,
            card_cvc: cvc.trim().to_owned(),
            card_holder_name: holder.trim().to_owned(),
        })
    }

    /// A payment was made from these preparations: none pays again.
    pub(crate) fn use_preparations(&mut self, ids: &[String]) {
        for id in ids {
            if let Some(preparation) = self.preparations.get_mut(id) {
                preparation.used = true;
            }
        }
    }

    /// The cards `customer` stored, oldest first.
    pub(crate) fn cards(&self, customer: &str) -> &[ShopperCard] {
        self.cards.get(customer).map_or(&[], Vec::as_slice)
    }

    /// The card `customer` stored under `id`.
    pub(crate) fn card(&self, customer: &str, id: &str) -> Option<&ShopperCard> {
        self.cards(customer).iter().find(|card| card.id == id)
    }

    /// Stores a card for `customer`; the same card number again replaces
    /// the earlier one.
    pub(crate) fn store_card(&mut self, customer: &str, card: ShopperCard) {
        let cards = self.cards.entry(customer.to_owned()).or_default();
        cards.retain(|stored| stored.card.number != card.card.number);
        while cards.len() >= STORED_CARD_LIMIT {
            cards.remove(0);
        }
        cards.push(card);
    }

    /// Forgets a stored card; whether there was one.
    pub(crate) fn delete_card(&mut self, customer: &str, id: &str) -> bool {
        let Some(cards) = self.cards.get_mut(customer) else {
            return false;
        };
        let before = cards.len();
        cards.retain(|card| card.id != id);
        cards.len() != before
    }

    /// Stores `card` for `customer` once `payment` passes its challenge.
    pub(crate) fn store_when_authorised(
        &mut self,
        payment: &str,
        customer: &str,
        card: ShopperCard,
    ) {
        self.pending
            .insert(payment.to_owned(), (customer.to_owned(), card));
    }

    /// `payment`'s challenge is over: its card is stored when it passed.
    pub(crate) fn challenge_completed(&mut self, payment: &str, passed: bool) {
        if let Some((customer, card)) = self.pending.remove(payment) {
            if passed {
                self.store_card(&customer, card);
            }
        }
    }
}

/// Whether `id` has the shape of a UUID (`8-4-4-4-12` hex digits), as the
/// library's `uuid.v4()` writes it.
pub(crate) fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(index, c)| match index {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Month and year of an expiry typed as `MM/YY`, `MM/YYYY` or `MMYY`.
fn split_expiry(expiry: &str) -> (String, String) {
    let compact: String = expiry.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((month, year)) = compact.split_once('/') {
        return (month.to_owned(), year.to_owned());
    }
    match (compact.get(..2), compact.get(2..)) {
        (Some(month), Some(year)) => (month.to_owned(), year.to_owned()),
        _ => (compact, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0b6f1c52-3c1e-4a8e-9b7d-2f4a5c6d7e8f";

    #[test]
    fn uuids() {
        assert!(is_uuid(A));
        assert!(!is_uuid("../../etc/passwd"));
        assert!(!is_uuid("0b6f1c52x3c1e-4a8e-9b7d-2f4a5c6d7e8f"));
        assert!(!is_uuid("0b6f1c52-3c1e-4a8e-9b7d-2f4a5c6d7e8"));
    }

    #[test]
    fn expiry_spellings() {
        assert_eq!(split_expiry("12/30"), ("12".into(), "30".into()));
        assert_eq!(split_expiry(" 12 / 2030 "), ("12".into(), "2030".into()));
        assert_eq!(split_expiry("1230"), ("12".into(), "30".into()));
        assert_eq!(split_expiry("1"), ("1".into(), String::new()));
        assert_eq!(split_expiry("é"), ("é".into(), String::new()));
    }

    #[test]
    fn a_late_update_never_replaces_a_newer_one() {
        let mut intents = Intents::default();
        intents.open_preparation(A, FieldKind::Cvc).unwrap();
        intents.update_preparation(A, 2, "123").unwrap();
        intents.update_preparation(A, 1, "12").unwrap();
        assert_eq!(intents.preparations[A].value, "123");
        assert_eq!(
            intents.open_preparation(A, FieldKind::Cvc),
            Err(PreparationError::Conflict)
        );
        intents.use_preparations(&[A.to_owned()]);
        assert_eq!(
            intents.update_preparation(A, 3, "456"),
            Err(PreparationError::Conflict)
        );
    }

    #[test]
    fn the_oldest_preparations_are_forgotten_past_the_limit() {
        let mut intents = Intents::default();
        for index in 0..=PREPARATION_LIMIT {
            let id = format!("00000000-0000-4000-8000-{index:012x}");
            intents.open_preparation(&id, FieldKind::Cvc).unwrap();
        }
        assert_eq!(intents.preparations.len(), PREPARATION_LIMIT);
        assert!(
            !intents
                .preparations
                .contains_key("00000000-0000-4000-8000-000000000000")
        );
    }
}
