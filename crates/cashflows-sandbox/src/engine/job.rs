//! A payment job as the sandbox keeps it: the job the Gateway returns, and
//! what the sandbox keeps beside it (return URLs, simulated status, expiry,
//! attempts), with the rules that derive the job's status from its
//! payments.

use cashflows::models::{Payment, PaymentJob, PaymentJobType, PaymentStatus};
use cashflows::{Amount, Decimal, Reference};
use time::OffsetDateTime;

use super::dates::written;
use super::money::checked_sum;
use super::notifications::StatusChange;
use super::refusal::Refusal;

/// A payment job and what the sandbox keeps beside it. A snapshot writes
/// it whole, the job with its wire names.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct JobRecord {
    /// The job as the Gateway returns it, payments included.
    pub(crate) job: PaymentJob,
    /// Where its status changes are notified: `parameters.WebhookUrl`, or
    /// else the configuration's webhook URL.
    pub(crate) webhook_url: Option<String>,
    /// The status `parameters.SimulatedStatus` gives an authorised payment
    /// (`Paid`, `Reserved` or a project trigger's), whatever the
    /// configuration's automatic capture.
    pub(crate) simulated: Option<PaymentStatus>,
    /// `parameters.ReturnUrlSuccess`.
    pub(crate) return_url_success: Option<String>,
    /// `parameters.ReturnUrlFailed`.
    pub(crate) return_url_failed: Option<String>,
    /// `parameters.ReturnUrlCancelled`.
    pub(crate) return_url_cancelled: Option<String>,
    /// The merchant or the shopper cancelled the job.
    pub(crate) cancelled: bool,
    /// `expirationDateTimeUtc`: after it, a job not yet paid is `Expired`.
    #[serde(with = "time::serde::rfc3339")]
    pub(crate) expires: OffsetDateTime,
    /// The job passed its expiry unpaid.
    pub(crate) expired: bool,
    /// How many times a shopper tried to pay the job (refused cards
    /// included); at most [`MAX_PAYMENT_ATTEMPTS`](super::limits::MAX_PAYMENT_ATTEMPTS).
    pub(crate) attempts: u32,
}

impl JobRecord {
    /// The notification of a change of the job, or of one of its payments;
    /// none when the job has no webhook URL.
    pub(crate) fn change(&self, payment: Option<&Reference>) -> Option<StatusChange> {
        self.webhook_url.as_ref().map(|url| StatusChange {
            url: url.clone(),
            job: self.job.reference.clone().unwrap_or_default(),
            payment: payment.cloned(),
        })
    }

    /// The notifications of a change that touched `payments`: one per
    /// payment, or the job's own when it touched none.
    pub(crate) fn changes(&self, payments: &[Option<Reference>]) -> Vec<StatusChange> {
        if payments.is_empty() {
            return self.change(None).into_iter().collect();
        }
        payments
            .iter()
            .filter_map(|payment| self.change(payment.as_ref()))
            .collect()
    }

    /// The payment with this reference, to change.
    pub(crate) fn payment_mut(&mut self, payment: &str) -> Result<&mut Payment, Refusal> {
        self.job
            .payments
            .iter_mut()
            .find(|candidate| reference_is(&candidate.reference, payment))
            .ok_or(Refusal::NotFound)
    }

    /// The payment with this reference.
    pub(crate) fn payment(&self, payment: &str) -> Result<&Payment, Refusal> {
        self.job
            .payments
            .iter()
            .find(|candidate| reference_is(&candidate.reference, payment))
            .ok_or(Refusal::NotFound)
    }

    /// The status an authorised payment of this job takes: `Verified` for a
    /// zero amount, else the one its `SimulatedStatus` asks for, else `Paid`
    /// with automatic capture on and `Reserved` with it off (Cashflows'
    /// portal setting).
    pub(crate) fn authorised_status(&self, automatic_capture: bool) -> PaymentStatus {
        // A zero amount (a recurring parent's, the one job that may have
        // it) only verifies the card: `Verified`, the sandbox's choice.
        if self
            .job
            .amount_to_collect
            .is_some_and(|amount| amount.as_decimal().is_zero())
        {
            return PaymentStatus::Verified;
        }
        let captured = if automatic_capture {
            PaymentStatus::Paid
        } else {
            PaymentStatus::Reserved
        };
        self.simulated.clone().unwrap_or(captured)
    }

    /// Whether the job pays money out (`Credit`) rather than collecting it.
    pub(crate) fn is_credit(&self) -> bool {
        self.job.job_type == Some(PaymentJobType::Credit)
    }

    /// Whether the job's status can no longer change (see [`is_final`]).
    pub(crate) fn is_final(&self) -> bool {
        self.job.payment_status.as_ref().is_some_and(is_final)
    }

    /// Whether a shopper may still pay this job: not expired, not final
    /// (the rule `cancel_job` uses: see [`is_final`]), and no payment yet
    /// but cancelled ones.
    ///
    /// A cancelled payment leaves its job usable for another: Cashflows
    /// documents that "if you cancel a payment but not the payment job, you
    /// can still use the payment job for submitting more payments". Any
    /// other payment decides the job: authorised, the job is paid or holds
    /// a reservation (a job is paid once); waiting for its challenge, the
    /// job waits; failed (or a project trigger's status), the job reads
    /// that status, which is final. What a failed payment means for its job
    /// Cashflows does not say: that it ends the job is the sandbox's choice,
    /// after Cashflows' own JavaScript library (as its source shows), which only starts
    /// a checkout on a job that reads `Pending` and gives up on any other
    /// status with the payment's error.
    pub(crate) fn payable(&self, now: OffsetDateTime) -> bool {
        !self.cancelled
            && !self.expired
            && now <= self.expires
            && !self.is_final()
            && self.job.payments.iter().all(is_cancelled)
    }

    /// Marks an unpaid job past its expiry `Expired`, with its waiting
    /// payments; returns the notifications of that change, or `None` when
    /// nothing changed.
    pub(crate) fn expire_if_due(&mut self, now: OffsetDateTime) -> Option<Vec<StatusChange>> {
        // A job holding a reservation reads `Pending` too, but it was paid
        // for: its reservation lapses on its own clock (`catch_up`).
        let reserved = (self.job.payments.iter())
            .any(|payment| payment.status == Some(PaymentStatus::Reserved));
        if self.expired
            || self.cancelled
            || now <= self.expires
            || reserved
            || self.job.payment_status != Some(PaymentStatus::Pending)
        {
            return None;
        }
        self.expired = true;
        let mut expired = Vec::new();
        for payment in &mut self.job.payments {
            if payment.status == Some(PaymentStatus::Pending) {
                payment.status = Some(PaymentStatus::Expired);
                expired.push(payment.reference.clone());
            }
        }
        self.refresh(now);
        Some(self.changes(&expired))
    }

    /// Recomputes the job's amounts and status from its payments. Sums are
    /// bounded: every amount is at most [`MAX_AMOUNT`](super::limits::MAX_AMOUNT),
    /// and a payment's captures and refunds never exceed it.
    pub(crate) fn refresh(&mut self, now: OffsetDateTime) {
        let paid = checked_sum(
            self.job
                .payments
                .iter()
                .filter(|payment| payment.status == Some(PaymentStatus::Paid))
                .map(|payment| payment.paid_amount),
        );
        let collected = if self.is_credit() {
            Decimal::ZERO
        } else {
            paid
        };
        let status = self.status();
        let job = &mut self.job;
        // When the job was first paid, as Cashflows' answers show it.
        if status == PaymentStatus::Paid && job.paid_date_time_utc.is_none() {
            job.paid_date_time_utc = Some(written(now));
        }
        job.paid_amount = Some(Amount::from_decimal(paid));
        job.amount_collected = Some(Amount::from_decimal(collected));
        job.payment_status = Some(status);
        job.last_update_time_utc = Some(written(now));
    }

    /// The job's status, from its own state and its payments': cancelled
    /// or expired as a job, else the status of its last payment that was
    /// not cancelled (a cancelled payment leaves the job usable: see
    /// [`payable`](Self::payable)), `Pending` before any.
    ///
    /// A job whose payment is `Reserved` reads `Pending`: in the browser
    /// flows with automatic capture off, the job stays `Pending` while its
    /// last payment is `Reserved` (observed in integrations, not published).
    /// That a job paid directly by card reads so too is the sandbox's
    /// choice: one rule for a job's status, however it was paid.
    fn status(&self) -> PaymentStatus {
        if self.cancelled {
            return PaymentStatus::Cancelled;
        }
        if self.expired {
            return PaymentStatus::Expired;
        }
        let last = (self.job.payments.iter().rev())
            .find(|payment| !is_cancelled(payment))
            .and_then(|payment| payment.status.clone());
        match last {
            None | Some(PaymentStatus::Reserved) => PaymentStatus::Pending,
            Some(status) => status,
        }
    }
}

/// Whether a job in this status can no longer change.
pub(crate) fn is_final(status: &PaymentStatus) -> bool {
    match status {
        PaymentStatus::Paid
        | PaymentStatus::Verified
        | PaymentStatus::Cancelled
        | PaymentStatus::Failed
        | PaymentStatus::Rejected
        | PaymentStatus::Expired
        | PaymentStatus::Blocked
        | PaymentStatus::Declined => true,
        // Pending, Reserved, Commissioned and statuses this version does not know.
        _ => false,
    }
}

/// Whether a payment was cancelled.
fn is_cancelled(payment: &Payment) -> bool {
    payment.status == Some(PaymentStatus::Cancelled)
}

/// Whether a model's reference is `wanted`.
fn reference_is(reference: &Option<Reference>, wanted: &str) -> bool {
    reference
        .as_ref()
        .is_some_and(|reference| reference.as_str() == wanted)
}
