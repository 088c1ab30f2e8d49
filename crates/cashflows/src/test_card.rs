//! Test cards and the card holder names that select a 3-D Secure scenario;
//! the rows are generated (`generated/test_cards.rs`).

use crate::Provenance;
use crate::generated::test_cards::{
    ALL_CARDS, ALL_HOLDERS, CardScheme, SCHEMES, ThreeDSecureScenario,
};

/// Whether a card is a credit or a debit card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Funding {
    /// A credit card.
    Credit,
    /// A debit card.
    Debit,
}

/// A test card. Public test data: usable in the integration environment only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TestCard {
    /// The card number.
    pub number: &'static str,
    /// The scheme.
    pub scheme: CardScheme,
    /// Credit or debit.
    pub funding: Funding,
    /// The card security code.
    pub cvc: &'static str,
    /// How sure the spec is of this card.
    pub provenance: Provenance,
}

/// A card holder name that selects a 3-D Secure scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TestCardHolder {
    /// The name to send as the card holder.
    pub name: &'static str,
    /// What 3-D Secure does for it.
    pub scenario: ThreeDSecureScenario,
    /// What happens, as documented.
    pub description: &'static str,
    /// How sure the spec is of this row.
    pub provenance: Provenance,
}

/// A scheme's row.
#[derive(Debug)]
pub(crate) struct SchemeRow {
    pub(crate) name: &'static str,
    pub(crate) number_lengths: &'static [usize],
    pub(crate) cvc_length: usize,
}

impl CardScheme {
    fn row(self) -> &'static SchemeRow {
        // The generated table lists the schemes in the enum's order.
        &SCHEMES[self as usize]
    }

    /// The scheme's name.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The lengths a card number of this scheme may have: general
    /// card-scheme knowledge, not Cashflows' text.
    pub fn number_lengths(self) -> &'static [usize] {
        self.row().number_lengths
    }

    /// The number of digits of the card security code: general card-scheme
    /// knowledge, not Cashflows' text.
    pub fn cvc_length(self) -> usize {
        self.row().cvc_length
    }
}

/// The test card with this number, if it is one.
///
/// ```
/// use cashflows::test_cards;
///
/// let card = test_cards::find_card("4000000000000002").unwrap();
/// assert_eq!(card.cvc, "123");
/// ```
pub fn find_card(number: &str) -> Option<&'static TestCard> {
    ALL_CARDS.iter().find(|card| card.number == number)
}

/// The card holder name's row, if it selects a scenario.
pub fn find_holder(name: &str) -> Option<&'static TestCardHolder> {
    ALL_HOLDERS.iter().find(|holder| holder.name == name)
}
