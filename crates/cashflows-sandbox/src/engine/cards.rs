//! What a card does in the sandbox: the card checks (Luhn, test card, CVC,
//! expiry) and the 3-D Secure outcome its holder name selects. Every value
//! comes from the client crate's test card tables. Expiry dates are checked
//! against the sandbox's clock, which the caller reads.

use cashflows::CardNumber;
use cashflows::models::PaymentMethodToUse;
use cashflows::test_cards::{self, TestCard, ThreeDSecureScenario};

use time::Date;

/// The test card with this number, if the number passes the Luhn check and
/// is one of the published test cards. The sandbox accepts no other card.
pub(crate) fn find_test_card(number: &str) -> Option<&'static TestCard> {
    if CardNumber::new(number).passes_luhn() {
        test_cards::find_card(number)
    } else {
        None
    }
}

/// Whether `cvc` has the digits the card's scheme uses (3, or 4 for Amex).
/// The sandbox checks the length only, not the test card's value.
pub(crate) fn cvc_matches(card: &TestCard, cvc: &str) -> bool {
    cvc.len() == card.scheme.cvc_length() && cvc.bytes().all(|byte| byte.is_ascii_digit())
}

/// The result of an expiry date check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expiry {
    /// In the current month or later.
    Valid,
    /// Not a month and year.
    Invalid,
    /// Before the current month.
    Expired,
}

/// How far ahead a card's expiry may be.
const EXPIRY_YEARS: i64 = 10;

/// Checks an expiry month (`M` or `MM`) and year (`YY` or `YYYY`).
///
/// The test card rules ask for "any future date within 10 years": the
/// sandbox accepts the current month and the next ten years' months, and
/// reads a later date as invalid.
pub(crate) fn check_expiry(month: &str, year: &str, today: Date) -> Expiry {
    let digits = |text: &str, lengths: &[usize]| {
        lengths.contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !digits(month, &[1, 2]) || !digits(year, &[2, 4]) {
        return Expiry::Invalid;
    }
    let (Ok(month), Ok(mut year)) = (month.parse::<i64>(), year.parse::<i64>()) else {
        return Expiry::Invalid;
    };
    if !(1..=12).contains(&month) {
        return Expiry::Invalid;
    }
    if year < 100 {
        year = year.saturating_add(2000);
    }
    let now = (i64::from(today.year()), i64::from(u8::from(today.month())));
    let last = (now.0.saturating_add(EXPIRY_YEARS), now.1);
    if (year, month) < now {
        Expiry::Expired
    } else if (year, month) > last {
        Expiry::Invalid
    } else {
        Expiry::Valid
    }
}

/// Checks a Remote Auth `MMYY` expiry.
pub(crate) fn check_mmyy(expiry: &str, today: Date) -> Expiry {
    if expiry.len() != 4 || !expiry.is_ascii() {
        return Expiry::Invalid;
    }
    let (month, year) = expiry.split_at(2);
    check_expiry(month, year, today)
}

/// A card a shopper typed: on the hosted page, into embedded checkout's
/// card fields, or stored earlier.
#[derive(Debug, Default, Clone)]
pub(crate) struct CardEntry {
    pub(crate) card_number: String,
    pub(crate) card_expiry_month: String,
    pub(crate) card_expiry_year: String,
    pub(crate) card_cvc: String,
    pub(crate) card_holder_name: String,
}

impl CardEntry {
    /// Why the sandbox refuses this card, in words for the shopper: the
    /// same checks as a direct card payment.
    pub(crate) fn refusal(&self, today: Date) -> Option<&'static str> {
        let number: String = self
            .card_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let Some(card) = find_test_card(&number) else {
            return Some("This card number is not one of the test cards.");
        };
        if !cvc_matches(card, self.card_cvc.trim()) {
            return Some("The security code does not have the card's number of digits.");
        }
        let expiry = check_expiry(
            self.card_expiry_month.trim(),
            self.card_expiry_year.trim(),
            today,
        );
        match expiry {
            Expiry::Valid => None,
            Expiry::Expired => Some("The card has expired."),
            Expiry::Invalid => {
                Some("The expiry date is not a month and year within the next ten years.")
            }
        }
    }
}

/// A card the sandbox keeps to pay with later: under a token (card
/// tokenisation, or a payment that asked for one) or as a recurring
/// parent's card. Never its security code: a later payment goes without it.
#[derive(Clone)]
pub(crate) struct StoredCard {
    pub(crate) card: &'static TestCard,
    pub(crate) holder: Option<String>,
    /// The expiry as it was sent (`MM` or `M`; `YY` or `YYYY`), checked
    /// again on the sandbox's clock each time the card pays.
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
    /// The customer (`order.customerReference`) whose card it is; `None`
    /// for a card tokenised on its own, which names no customer.
    pub(crate) customer: Option<String>,
}

impl StoredCard {
    /// Whether the card has not expired by `today`.
    pub(crate) fn in_date(&self, today: Date) -> bool {
        check_expiry(&self.expiry_month, &self.expiry_year, today) == Expiry::Valid
    }
}

/// Where 3-D Secure leaves a card payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Authentication {
    /// Authenticated: the payment is authorised at once.
    Authenticated,
    /// A (decoupled) challenge: the payment waits for the 3-D Secure step.
    Pending,
    /// Not authenticated: the payment fails.
    Failed,
}

/// The 3-D Secure outcome the card holder name selects, from the published
/// test card holders.
///
/// The sandbox's own choice: a name that is not in the list (or no name)
/// behaves like "Luke Skywalker", authenticated.
pub(crate) fn authentication(holder: Option<&str>) -> Authentication {
    let scenario = holder
        .and_then(|name| test_cards::find_holder(name.trim()))
        .map(|holder| holder.scenario);
    match scenario {
        Some(ThreeDSecureScenario::Challenge | ThreeDSecureScenario::DecoupledChallenge) => {
            Authentication::Pending
        }
        Some(
            ThreeDSecureScenario::NotAuthenticated
            | ThreeDSecureScenario::AttemptedNotAuthenticated,
        ) => Authentication::Failed,
        // Authenticated, no name, a name not in the list, or a scenario this
        // version does not know.
        _ => Authentication::Authenticated,
    }
}

/// Whether a `paymentMethodsToUse` entry is a card method (`Card`,
/// `CreditCard`, `DebitCard`, both published spellings), in any letter case
/// (the seed's example writes `creditcard`).
pub(crate) fn is_card_method(method: &PaymentMethodToUse) -> bool {
    [
        PaymentMethodToUse::Card,
        PaymentMethodToUse::CreditCard,
        PaymentMethodToUse::DebitCard,
    ]
    .iter()
    .any(|card| card.as_str().eq_ignore_ascii_case(method.as_str()))
}

/// A request's `paymentMethodsToUse` as the job answers it: each card
/// method (`creditcard`, `DebitCard`, …) as `Card`, once, as Cashflows'
/// documented MOTO answer shows `["Card"]` for a request's `["creditcard"]`
/// (doc); other methods as sent.
pub(crate) fn as_answered(methods: &[PaymentMethodToUse]) -> Vec<PaymentMethodToUse> {
    let mut answered: Vec<PaymentMethodToUse> = Vec::new();
    for method in methods {
        let method = if is_card_method(method) {
            PaymentMethodToUse::Card
        } else {
            method.clone()
        };
        if !answered.contains(&method) {
            answered.push(method);
        }
    }
    answered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        time::macros::date!(2025 - 06 - 16)
    }

    #[test]
    fn expiry() {
        let today = today();
        assert_eq!(check_expiry("06", "25", today), Expiry::Valid);
        assert_eq!(check_expiry("5", "2025", today), Expiry::Expired);
        assert_eq!(check_expiry("13", "26", today), Expiry::Invalid);
        assert_eq!(check_expiry("06", "35", today), Expiry::Valid);
        assert_eq!(check_expiry("07", "35", today), Expiry::Invalid);
        assert_eq!(check_expiry("12", "9999", today), Expiry::Invalid);
        assert_eq!(check_mmyy("1230", today), Expiry::Valid);
        assert_eq!(check_mmyy("1299", today), Expiry::Invalid);
        assert_eq!(check_mmyy("0124", today), Expiry::Expired);
        assert_eq!(check_mmyy("12/30", today), Expiry::Invalid);
    }

    #[test]
    fn holders() {
        assert_eq!(authentication(Some("Han Solo")), Authentication::Pending);
        assert_eq!(authentication(Some("Darth Maul")), Authentication::Failed);
        assert_eq!(
            authentication(Some("Someone Else")),
            Authentication::Authenticated
        );
    }
}
