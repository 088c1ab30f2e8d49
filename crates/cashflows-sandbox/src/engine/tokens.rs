//! Card tokens: the cards the sandbox keeps under a token, whose customer
//! each belongs to, and the tokens a card payment asks for.
//!
//! Cashflows' guide pages document three ways to a token: card tokenisation
//! (its own call), a payment with option `GenerateToken` ("generate a token
//! for the supplied card information if the payment is successful",
//! observed wording), and paying with `parameters.Token`. It does not say
//! where a payment's token comes back, how `StoreCardDetails` differs from
//! `GenerateToken`, how many tokens a customer may hold, or how long a
//! token lives. The sandbox's choices, stated here and in the book:
//!
//! - both options make a token, from card data sent with the create (not
//!   from a card typed on the hosted page), once the payment is paid,
//!   reserved or verified (after its 3-D Secure challenge, if it has one);
//! - the token comes back in the payment's `attributes.Token`;
//! - it belongs to the order's `customerReference` (none: to no customer),
//!   and pays only jobs whose order names that customer;
//! - a customer holds at most `limits::MAX_TOKENS_PER_CUSTOMER` tokens: asking
//!   for one more creates the job, with warning `MaximunNumberOfTokensReached`
//!   and no token;
//! - a token lives as long as the sandbox, and its card's expiry is checked
//!   again each time it pays.

use cashflows::models::{CardTokenData, Payment, PaymentAttributes, PaymentStatus};
use cashflows::{CardToken, Reference};

use super::cards::StoredCard;
use super::job::JobRecord;
use super::kept_cards::PendingToken;
use super::store::Store;

impl Store {
    /// The token a new job's card payment asked for (`GenerateToken` or
    /// `StoreCardDetails`): made now when the payment succeeded, after its
    /// challenge when it waits for one. Returns whether the customer's cap
    /// stopped it (the create then carries the warning).
    pub(super) fn token_for_new_job(&mut self, record: &mut JobRecord, card: StoredCard) -> bool {
        if card
            .customer
            .as_deref()
            .is_some_and(|customer| self.tokens.cap_reached(customer))
        {
            return true;
        }
        let Some(payment) = record.job.payments.last() else {
            return false;
        };
        let reference = payment.reference.clone().unwrap_or_default();
        if payment.status == Some(PaymentStatus::Pending) {
            let job = record.job.reference.clone().unwrap_or_default();
            let pending = PendingToken {
                job: job.to_string(),
                card,
            };
            self.pending_tokens.insert(reference.to_string(), pending);
        } else {
            self.issue_token(record, &reference, card);
        }
        false
    }

    /// The token a challenged payment waited for: made when the challenge
    /// passed, forgotten when it failed.
    pub(super) fn token_after_challenge(&mut self, payment: &str) {
        let Some(pending) = self.pending_tokens.remove(payment) else {
            return;
        };
        let Some(mut record) = self.jobs.remove(&pending.job) else {
            return;
        };
        self.issue_token(&mut record, &Reference::new(payment), pending.card);
        self.jobs.insert(pending.job, record);
    }

    /// Keeps `card` under a fresh token and shows it in the payment's
    /// `attributes.Token`, if the payment succeeded. The cap is checked
    /// again: a challenge may end after the customer's other tokens.
    fn issue_token(&mut self, record: &mut JobRecord, payment: &Reference, card: StoredCard) {
        let Ok(target) = record.payment_mut(payment.as_str()) else {
            return;
        };
        let succeeded = matches!(
            target.status,
            Some(PaymentStatus::Paid | PaymentStatus::Reserved | PaymentStatus::Verified)
        );
        let capped = card
            .customer
            .as_deref()
            .is_some_and(|customer| self.tokens.cap_reached(customer));
        if !succeeded || capped {
            return;
        }
        let token = self.references.token("card");
        show_token(target, &token);
        self.tokens.insert(token, card);
    }

    /// The tokenised cards of `customer` (none for an unknown customer).
    pub(crate) fn tokenised_cards(&self, customer: &str) -> Vec<CardTokenData> {
        self.tokens.of_customer(customer)
    }
}

/// Shows a payment's token in its `attributes.Token`: where the sandbox
/// returns it (its choice; Cashflows does not say).
fn show_token(payment: &mut Payment, token: &str) {
    let attributes = payment
        .attributes
        .get_or_insert_with(PaymentAttributes::default);
    attributes.token = Some(CardToken::new(token));
}
