//! Refunds: giving back (part of) what a paid payment collected, once per
//! refund number.

use cashflows::models::{Payment, PaymentStatus, Refund, RefundPaymentRequest, RefundStatus};
use cashflows::{Amount, GatewayErrorCode, Reference};

use super::dates::written;
use super::money::{Allowance, decimal, two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;
use super::triggers;

impl Store {
    /// Refunds (part of) a paid payment: by default what is left of its
    /// paid amount.
    pub(crate) fn refund(
        &mut self,
        job: &str,
        payment: &str,
        request: &RefundPaymentRequest,
    ) -> Result<Refund, Refusal> {
        let now = self.now();
        let reference = Reference::new(self.references.next());
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
        let refund = Refund {
            reference: Some(reference),
            create_date_time_utc: Some(written(now)),
            refund_number: request.refund_number.clone(),
            status: Some(
                request
                    .parameters
                    .get(triggers::SIMULATED_STATUS)
                    .and_then(triggers::refund_status)
                    .unwrap_or(RefundStatus::Completed),
            ),
            amount_to_refund: Some(amount),
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
