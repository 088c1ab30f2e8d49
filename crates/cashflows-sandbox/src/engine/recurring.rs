//! Recurring payments: a parent job keeps the card it was created with, and
//! children naming it in `parentPaymentJobReference` are paid from that
//! card, without the cardholder.
//!
//! What Cashflows' guide pages document: the parent is created with
//! option `IsRecurringPaymentJobParent` (flag `RecurringParent`), the
//! cardholder present, with a payment or for a zero amount to verify the
//! card; children name it and get their status in the create answer; a
//! child of a job that is not a recurring parent gets "Cannot recur on a
//! non recurring parent."; `recurrenceCriteria` carries `recurringExpiry`,
//! `recurringFrequency` (minimum days between transactions) and
//! `instalments`.
//!
//! What it does not say, so the sandbox decides (stated here and in the
//! book):
//!
//! - a parent sends card data (`CardNumber`, or `Token`) with its create;
//!   without it the create is refused as malformed;
//! - a zero-amount parent's payment, and so the parent, ends `Verified`;
//! - a child sends `amountToCollect` (above zero) and `currency`, and no
//!   card data, CVC or token (refused as malformed otherwise); it may not be
//!   a parent itself; it goes without 3-D Secure;
//! - a child of no job at all is 404, like any unknown reference; a child
//!   of a parent that is not paid, reserved or verified (failed, cancelled,
//!   expired, waiting for its challenge) gets the same error as a child of
//!   a job that is no parent, with 400 (Cashflows publishes no status);
//! - the criteria are enforced on the sandbox's clock, each with that same
//!   error: past `recurringExpiry`; sooner than `recurringFrequency` days
//!   after the recurrence's last transaction (the parent's, then each paid
//!   or reserved child's); more paid or reserved children than
//!   `instalments` (the parent's own payment not counted);
//! - the parent's card expiry is checked again for each child: expired, the
//!   child is refused `PaymentRefused`, as an expired card is.

use cashflows::models::{CreatePaymentJobRequest, PaymentJobParameters, PaymentStatus};
use cashflows::{Amount, GatewayErrorCode};
use time::OffsetDateTime;

use super::cards::{self, Authentication, StoredCard};
use super::create_job::CheckedCard;
use super::job::JobRecord;
use super::kept_cards::{Recurrence, Recurring};
use super::money::{two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;

/// Whether a request carries card data of its own.
fn has_card_data(parameters: &PaymentJobParameters) -> bool {
    parameters.card_number.is_some()
        || parameters.card_cvc.is_some()
        || parameters.card_expiry_month.is_some()
        || parameters.card_expiry_year.is_some()
        || parameters.card_holder_name.is_some()
        || parameters.token.is_some()
}

/// Whether a parent's card may be recurred on: its payment went through.
fn may_recur(parent: &JobRecord) -> bool {
    !parent.cancelled
        && matches!(
            parent.job.payment_status,
            Some(PaymentStatus::Paid | PaymentStatus::Reserved | PaymentStatus::Verified)
        )
}

impl Store {
    /// The checks of a child's create request, in the order the sandbox
    /// answers them; the parent's card it is paid with.
    pub(super) fn check_child(
        &self,
        parent: &str,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        is_parent: bool,
        now: OffsetDateTime,
    ) -> Result<CheckedCard, Refusal> {
        if has_card_data(parameters) || is_parent {
            return Err(Refusal::Malformed);
        }
        let record = self.jobs.get(parent).ok_or(Refusal::NotFound)?;
        let recurrence = self
            .parents
            .get(parent)
            .filter(|recurrence| may_recur(record) && recurrence.allows(now))
            .ok_or(Refusal::Gateway(
                GatewayErrorCode::CannotRecurOnNonRecurringParent,
            ))?;
        let methods = &request.payment_methods_to_use;
        if !methods.is_empty() && !methods.iter().any(cards::is_card_method) {
            return Err(Refusal::Gateway(GatewayErrorCode::PaymentMethodNotAllowed));
        }
        let amount = child_amount(request.amount_to_collect)?;
        if !recurrence.card.in_date(now.date()) {
            return Err(Refusal::card_refused());
        }
        Ok(CheckedCard {
            amount,
            // The cardholder is not there: no 3-D Secure.
            authentication: Authentication::Authenticated,
            kept: recurrence.card.clone(),
            recurring: Recurring::Child(parent.to_owned()),
            from_token: false,
        })
    }

    /// After a card payment at create: a parent keeps its card for its
    /// children; a child paid or reserved counts in its parent's
    /// recurrence.
    pub(super) fn recur(
        &mut self,
        record: &JobRecord,
        recurring: Recurring,
        card: StoredCard,
        now: OffsetDateTime,
    ) {
        match recurring {
            Recurring::No => {}
            Recurring::Parent(criteria) => {
                let job = record.job.reference.clone().unwrap_or_default();
                let recurrence = Recurrence {
                    card,
                    criteria,
                    last: now,
                    children: 0,
                };
                self.parents.insert(job.to_string(), recurrence);
            }
            Recurring::Child(parent) => {
                let taken = matches!(
                    record.job.payment_status,
                    Some(PaymentStatus::Paid | PaymentStatus::Reserved)
                );
                if let Some(recurrence) = self.parents.get_mut(&parent).filter(|_| taken) {
                    recurrence.last = now;
                    recurrence.children = recurrence.children.saturating_add(1);
                }
            }
        }
    }
}

/// A child's amount: sent, above zero, valid.
fn child_amount(amount: Option<Amount>) -> Result<Amount, Refusal> {
    amount
        .filter(|amount| valid_amount(*amount, false))
        .map(two_places)
        .ok_or(Refusal::Gateway(
            GatewayErrorCode::InvalidAmountForPaymentMethod,
        ))
}
