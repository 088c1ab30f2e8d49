//! Payments: how a card payment joins its job in the state its 3-D Secure
//! outcome and the configuration's automatic capture lead to, reading jobs
//! and payments, and cancelling them.

use cashflows::models::{ErrorReport, Locale, Payment, PaymentJob, PaymentMethod, PaymentStatus};
use cashflows::{Amount, GatewayErrorCode, Reference};
use time::OffsetDateTime;

use super::cards::Authentication;
use super::dates::written;
use super::error_report::error_entry;
use super::job::JobRecord;
use super::refusal::Refusal;
use super::store::Store;

impl Store {
    /// Adds a card payment to a job, in the state its authentication leads
    /// to, and refreshes the job. Returns the payment's reference.
    pub(super) fn add_payment(
        &mut self,
        record: &mut JobRecord,
        amount: Amount,
        authentication: Authentication,
        now: OffsetDateTime,
    ) -> Reference {
        let reference = Reference::new(self.references.next());
        let mut payment = Payment {
            reference: Some(reference.clone()),
            create_date_time_utc: Some(written(now)),
            payment_methods: vec![PaymentMethod::Card],
            amount_to_collect: Some(amount),
            paid_amount: Some(Amount::ZERO),
            ..Payment::default()
        };
        match authentication {
            Authentication::Authenticated => {
                let status = record.authorised_status(self.merchant.automatic_capture);
                authorise(&mut payment, status);
                self.note_authorised(&reference, now);
            }
            Authentication::Pending => payment.status = Some(PaymentStatus::Pending),
            Authentication::Failed => fail_authentication(&mut payment),
        }
        record.job.payments.push(payment);
        record.refresh(now);
        reference
    }

    /// A snapshot of a job after the clock's effects (its expiry, its
    /// lapsed reservations) have been applied.
    pub(crate) fn current_payment_job(&mut self, reference: &str) -> Result<PaymentJob, Refusal> {
        let now = self.now();
        self.catch_up(reference, now)?;
        let record = self.jobs.get_mut(reference).ok_or(Refusal::NotFound)?;
        if let Some(changes) = record.expire_if_due(now) {
            self.outbox.extend(changes);
        }
        Ok(record.job.clone())
    }

    /// The newest `limit` jobs, newest first, each as
    /// [`current_payment_job`](Self::current_payment_job) gives it.
    pub(crate) fn newest_payment_jobs(&mut self, limit: usize) -> Vec<PaymentJob> {
        // References count up, and all have as many digits: the last key
        // is the newest job.
        let newest: Vec<String> = self.jobs.keys().rev().take(limit).cloned().collect();
        newest
            .iter()
            .filter_map(|reference| self.current_payment_job(reference).ok())
            .collect()
    }

    /// A snapshot of a payment, its lapsed reservation applied.
    pub(crate) fn payment(&mut self, job: &str, payment: &str) -> Result<Payment, Refusal> {
        let now = self.now();
        self.catch_up(job, now)?;
        let record = self.jobs.get(job).ok_or(Refusal::NotFound)?;
        record.payment(payment).cloned()
    }

    /// Cancels a payment job that is not final, and its open payments.
    pub(crate) fn cancel_job(&mut self, job: &str) -> Result<PaymentJob, Refusal> {
        let now = self.now();
        self.catch_up(job, now)?;
        let record = self.jobs.get_mut(job).ok_or(Refusal::NotFound)?;
        if record.is_final() {
            return Err(Refusal::Gateway(GatewayErrorCode::PaymentJobAlreadyFinal));
        }
        // Captured money is collected: cancelling would lose it. A partly
        // captured payment is closed by a final capture instead.
        if record
            .job
            .payments
            .iter()
            .any(|payment| !payment.captures.is_empty())
        {
            return Err(Refusal::Gateway(
                GatewayErrorCode::PaymentJobCannotBeCancelled,
            ));
        }
        record.cancelled = true;
        let mut cancelled = Vec::new();
        for payment in &mut record.job.payments {
            if is_open(payment) {
                payment.status = Some(PaymentStatus::Cancelled);
                cancelled.push(payment.reference.clone());
            }
        }
        record.refresh(now);
        self.outbox.extend(record.changes(&cancelled));
        Ok(record.job.clone())
    }

    /// Cancels a payment, in full (see [`cancellable`]); its job stays
    /// usable for another payment. A payment that cannot be cancelled is
    /// refused with `InvalidPaymentStatus` ("Payment has an invalid
    /// status."), settled ones included: which error Cashflows gives a
    /// cancel after the settlement it does not publish, so the code is the
    /// sandbox's choice.
    pub(crate) fn cancel_payment(&mut self, job: &str, payment: &str) -> Result<Payment, Refusal> {
        let now = self.now();
        self.catch_up(job, now)?;
        let record = self.jobs.get(job).ok_or(Refusal::NotFound)?;
        let settled = self.is_settled(record.payment(payment)?, now);
        let record = self.jobs.get_mut(job).ok_or(Refusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        if !cancellable(target, settled) {
            return Err(Refusal::Gateway(GatewayErrorCode::InvalidPaymentStatus));
        }
        // Nothing is collected any more: a payment paid at once gives its
        // money back whole, before it was settled.
        target.status = Some(PaymentStatus::Cancelled);
        target.paid_amount = Some(Amount::ZERO);
        let snapshot = target.clone();
        record.refresh(now);
        self.outbox
            .extend(record.change(snapshot.reference.as_ref()));
        Ok(snapshot)
    }
}

/// Whether a payment can be cancelled, in full: one waiting for its
/// challenge (`Pending`), a reservation (`Reserved`), or one paid at once
/// (automatic capture) and not yet `settled`.
///
/// Cashflows documents that only what is not settled can be cancelled, and
/// only in full, and that captures are settled at midnight. The sandbox is
/// stricter about captures, its own choice: a payment with any capture is
/// not cancelled, settled or not. A capture has no cancelled status (its
/// statuses are Pending, Completed and Failed) and Cashflows does not say
/// what a cancel makes of one, so a captured payment's way back is a
/// refund; and a capture racing a cancel has one winner. A refunded payment
/// can no longer be cancelled in full either.
fn cancellable(payment: &Payment, settled: bool) -> bool {
    if !payment.captures.is_empty() || !payment.refunds.is_empty() {
        return false;
    }
    match payment.status {
        Some(PaymentStatus::Paid) => !settled,
        _ => is_open(payment),
    }
}

/// Whether a payment is still open: pending or reserved.
fn is_open(payment: &Payment) -> bool {
    matches!(
        payment.status,
        Some(PaymentStatus::Pending | PaymentStatus::Reserved)
    )
}

/// Makes a payment authorised: `Paid` (collected at once, `paidAmount` =
/// the amount) or `Reserved` (authorised, waiting for a capture).
pub(super) fn authorise(payment: &mut Payment, status: PaymentStatus) {
    if status == PaymentStatus::Paid {
        payment.paid_amount = payment.amount_to_collect;
    }
    payment.status = Some(status);
}

/// Makes a payment fail its 3-D Secure step, with the documented error.
pub(super) fn fail_authentication(payment: &mut Payment) {
    payment.status = Some(PaymentStatus::Failed);
    payment.last_error_report = Some(ErrorReport {
        errors: vec![error_entry(&GatewayErrorCode::ThreeDSecureFailed)],
        warnings: Vec::new(),
        language: Some(Locale::EnGb.as_str().to_owned()),
        is_fatal_error: Some(true),
        ..ErrorReport::default()
    });
}
