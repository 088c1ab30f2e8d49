//! Refunds: giving back (part of) what a paid payment collected, once per
//! refund number. Several partial refunds may follow each other while
//! their total stays within what the payment paid (observed in
//! integrations; Cashflows documents that one refund never exceeds it).

use cashflows::models::{
    Payment, PaymentStatus, Refund, RefundPaymentRequest, RefundStatus, RefundStep,
    RefundStepAction,
};
use cashflows::{Amount, GatewayErrorCode, Reference};
use time::OffsetDateTime;

use super::dates::written;
use super::money::{Allowance, decimal, two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;
use super::triggers;

impl Store {
    /// Refunds (part of) a paid payment: by default what is left of its
    /// paid amount. Answered `Completed` at once, with one step, as
    /// Cashflows documents a refund's answer.
    pub(crate) fn refund(
        &mut self,
        job: &str,
        payment: &str,
        request: &RefundPaymentRequest,
    ) -> Result<Refund, Refusal> {
        let now = self.now();
        // A reservation closed by its seven days may have become refundable.
        self.catch_up(job, now)?;
        let reference = Reference::new(self.references.next());
        let step = Reference::new(self.references.next());
        let record = self.jobs.get_mut(job).ok_or(Refusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        if let Some(earlier) = earlier_refund(target, request)? {
            return Ok(earlier);
        }
        if target.status != Some(PaymentStatus::Paid) {
            return Err(Refusal::Gateway(GatewayErrorCode::InvalidPaymentForRefund));
        }
        let allowance = Allowance::of(decimal(target.paid_amount), &target.refunds);
        if allowance.is_used_up() {
            return Err(Refusal::Gateway(
                GatewayErrorCode::PaymentAlreadyFullyRefunded,
            ));
        }
        let amount = request
            .amount_to_refund
            .unwrap_or(Amount::from_decimal(allowance.left()));
        if !valid_amount(amount, false) {
            return Err(Refusal::Gateway(GatewayErrorCode::InvalidPaymentForRefund));
        }
        let amount = two_places(amount);
        if allowance.held_with(amount.as_decimal()).is_none() {
            return Err(Refusal::Gateway(
                GatewayErrorCode::RefundAmountExceedsOriginalAmount,
            ));
        }
        let status = (request.parameters.get(triggers::SIMULATED_STATUS))
            .and_then(triggers::refund_status)
            .unwrap_or(RefundStatus::Completed);
        let refund = Refund {
            reference: Some(reference),
            create_date_time_utc: Some(written(now)),
            refund_number: request.refund_number.clone(),
            status: Some(status.clone()),
            amount_to_refund: Some(amount),
            steps: vec![first_step(step, status, now)],
            ..Refund::default()
        };
        target.refunds.push(refund.clone());
        let payment_reference = target.reference.clone();
        record.refresh(now);
        self.outbox
            .extend(record.change(payment_reference.as_ref()));
        Ok(refund)
    }
}

/// A refund's one step, as Cashflows documents a refund's answer: `action`
/// `Start`, with the refund's status, and `resultAttributes` `{}`. (That a
/// `Pending` or `Failed` refund, which only the sandbox's triggers make,
/// has the same one step with its own status is the sandbox's choice.)
fn first_step(reference: Reference, status: RefundStatus, now: OffsetDateTime) -> RefundStep {
    let mut step = RefundStep {
        reference: Some(reference),
        create_date_time_utc: Some(written(now)),
        action: Some(RefundStepAction::Start),
        status: Some(status),
        ..RefundStep::default()
    };
    show_result_attributes(&mut step);
    step
}

/// Makes a step with no `resultAttributes` show them, empty. The model
/// leaves an empty map out when it is written; the documented answer shows
/// it, empty. Kept as an unlisted field, it is written as is (and read back
/// into the listed one, so a restored step needs it again).
pub(super) fn show_result_attributes(step: &mut RefundStep) {
    if step.result_attributes.is_empty() {
        let empty = serde_json::Value::Object(serde_json::Map::new());
        step.other.insert("resultAttributes".to_owned(), empty);
    }
}

/// The refund this request repeats, if it repeats one.
///
/// The same refund number again is the same refund: answered again, never
/// made twice. With another amount it is not the same request: answering
/// with the earlier refund would tell the caller its new amount was
/// refunded, and making a second refund would break the number's meaning,
/// so it is refused. `GenericRejectionOfRefund` ("Refund has been
/// refused.") is the closest published error: the refund itself is refused,
/// not the payment's status or amounts (`InvalidPaymentForRefund`,
/// `RefundAmountExceedsOriginalAmount`). A repeat without an amount names
/// none, and gets the earlier refund.
fn earlier_refund(
    payment: &Payment,
    request: &RefundPaymentRequest,
) -> Result<Option<Refund>, Refusal> {
    let Some(number) = request.refund_number.as_deref() else {
        return Ok(None);
    };
    let Some(earlier) = payment
        .refunds
        .iter()
        .find(|refund| refund.refund_number.as_deref() == Some(number))
    else {
        return Ok(None);
    };
    let other_amount = request
        .amount_to_refund
        .is_some_and(|amount| Some(amount) != earlier.amount_to_refund);
    if other_amount {
        return Err(Refusal::Gateway(GatewayErrorCode::GenericRejectionOfRefund));
    }
    Ok(Some(earlier.clone()))
}
