//! Captures: taking (part of) a reserved payment's authorised amount,
//! within the reservation's seven days (`settlement`).
//!
//! Without `amountToCapture`, a capture takes what is left of the
//! reservation (Cashflows documents the whole reserved amount). Cashflows'
//! guide says that for cards a full capture is "the only option now": the
//! sandbox still takes partial captures, its own choice, so that a shop's
//! code for them can be tested; `isFinalCapture` then closes the payment,
//! and it matters only for a partial capture, as Cashflows documents (one
//! that takes the rest closes the payment whatever it says).

use cashflows::models::{Capture, CapturePaymentRequest, CaptureStatus, Payment, PaymentStatus};
use cashflows::{Amount, Decimal, GatewayErrorCode, Reference};

use super::dates::written;
use super::money::{Allowance, checked_sum, decimal, two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;
use super::triggers;

impl Store {
    /// Captures (part of) a reserved payment: by default what is left of
    /// its authorised amount. A capture that takes the rest, or says it is
    /// final, closes the payment. A payment whose seven days have passed is
    /// no longer `Reserved` (`settlement`): its capture is refused with
    /// `InvalidPaymentStatus`, as any capture of a payment that is not.
    pub(crate) fn capture(
        &mut self,
        job: &str,
        payment: &str,
        request: &CapturePaymentRequest,
    ) -> Result<Capture, Refusal> {
        let now = self.now();
        self.catch_up(job, now)?;
        let reference = Reference::new(self.references.next());
        let record = self.jobs.get_mut(job).ok_or(Refusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        if target.status != Some(PaymentStatus::Reserved) {
            return Err(Refusal::Gateway(GatewayErrorCode::InvalidPaymentStatus));
        }
        let authorised = decimal(target.amount_to_collect);
        let allowance = Allowance::of(authorised, &target.captures);
        let amount = request
            .amount_to_capture
            .unwrap_or(Amount::from_decimal(allowance.left()));
        if !valid_amount(amount, false) {
            return Err(Refusal::Gateway(
                GatewayErrorCode::InvalidAmountForPaymentMethod,
            ));
        }
        let amount = two_places(amount);
        let total = allowance
            .held_with(amount.as_decimal())
            .ok_or(Refusal::Gateway(
                GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation,
            ))?;
        let status = request
            .parameters
            .get(triggers::SIMULATED_STATUS)
            .and_then(triggers::capture_status)
            .unwrap_or(CaptureStatus::Completed);
        let is_final = request.is_final_capture == Some(true) || total == authorised;
        let capture = Capture {
            reference: Some(reference),
            create_date_time_utc: Some(written(now)),
            status: Some(status.clone()),
            amount_to_capture: Some(amount),
            is_final_capture: Some(is_final),
            ..Capture::default()
        };
        target.captures.push(capture.clone());
        if is_final && status == CaptureStatus::Completed {
            target.status = Some(PaymentStatus::Paid);
            target.paid_amount = Some(Amount::from_decimal(captured(target)));
        }
        let payment_reference = target.reference.clone();
        record.refresh(now);
        self.outbox
            .extend(record.change(payment_reference.as_ref()));
        Ok(capture)
    }
}

/// What a payment's captures collected. Only completed captures collected
/// money: a pending one holds its amount against over-capture but is never
/// paid, nor refundable.
pub(super) fn captured(payment: &Payment) -> Decimal {
    checked_sum(
        (payment.captures.iter())
            .filter(|capture| capture.status == Some(CaptureStatus::Completed))
            .map(|capture| capture.amount_to_capture),
    )
}
