//! What the shopper does to a job on the sandbox's own pages: sees it, pays
//! it with a card (also through embedded checkout), cancels it, and answers
//! a 3-D Secure challenge.

use cashflows::Amount;
use cashflows::Reference;
use cashflows::models::PaymentStatus;
use time::OffsetDateTime;

use super::cards::{self, Authentication, CardEntry};
use super::job::JobRecord;
use super::limits::MAX_PAYMENT_ATTEMPTS;
use super::money::valid_amount;
use super::payments::{authorise, fail_authentication};
use super::store::Store;

/// What the shopper's pages show of a job.
#[derive(Debug, Clone)]
pub(crate) struct ShopperView {
    /// Whether the hosted page may take a card for the job now.
    pub(crate) payable: bool,
    pub(crate) amount: Option<Amount>,
    pub(crate) currency: String,
    pub(crate) order_number: Option<String>,
    pub(crate) status: Option<PaymentStatus>,
    pub(crate) return_url_success: Option<String>,
    pub(crate) return_url_failed: Option<String>,
    pub(crate) return_url_cancelled: Option<String>,
}

/// Where paying with a card leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageOutcome {
    /// The payment is authorised (Paid, or Reserved).
    Authorised(Reference),
    /// The payment waits for its 3-D Secure challenge.
    Challenge(Reference),
    /// 3-D Secure failed: the payment failed.
    Failed(Reference),
    /// The card was refused; nothing changed. Why, for the shopper.
    Refused(&'static str),
}

/// Why a sandbox browser page (3-D Secure step, hosted page) cannot proceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageError {
    /// No such job or payment.
    NotFound,
    /// The job or payment is not waiting for this step.
    Conflict,
    /// The job has just passed its expiry (its notifications are on their
    /// way).
    Expired,
    /// The job has had [`MAX_PAYMENT_ATTEMPTS`] attempts to pay it.
    TooManyAttempts,
}

impl ShopperView {
    fn of(record: &JobRecord, payable: bool) -> Self {
        let job = &record.job;
        ShopperView {
            payable,
            amount: job.amount_to_collect,
            currency: job.currency.clone().unwrap_or_default(),
            order_number: job
                .order
                .as_ref()
                .and_then(|order| order.order_number.clone()),
            status: job.payment_status.clone(),
            return_url_success: record.return_url_success.clone(),
            return_url_failed: record.return_url_failed.clone(),
            return_url_cancelled: record.return_url_cancelled.clone(),
        }
    }
}

impl Store {
    /// What the shopper's pages show of a job, or why it cannot be paid.
    pub(crate) fn shopper_view(&mut self, job: &str) -> Result<ShopperView, PageError> {
        let now = self.now();
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        if let Some(changes) = record.expire_if_due(now) {
            self.outbox.extend(changes);
            return Err(PageError::Expired);
        }
        Ok(ShopperView::of(record, record.payable(now)))
    }

    /// Pays a job with the card the shopper typed on the hosted page. A card
    /// the sandbox refuses leaves the job as it was.
    pub(crate) fn pay_on_hosted_page(
        &mut self,
        job: &str,
        card: &CardEntry,
    ) -> Result<PageOutcome, PageError> {
        let now = self.now();
        let mut record = self.jobs.remove(job).ok_or(PageError::NotFound)?;
        let result = self.pay_with_card(&mut record, card, now);
        self.jobs.insert(job.to_owned(), record);
        result
    }

    /// Pays a job the shopper may pay with a card the shopper typed or
    /// stored; the same checks and outcomes on the hosted page and through
    /// embedded checkout.
    pub(super) fn pay_with_card(
        &mut self,
        record: &mut JobRecord,
        card: &CardEntry,
        now: OffsetDateTime,
    ) -> Result<PageOutcome, PageError> {
        if let Some(changes) = record.expire_if_due(now) {
            self.outbox.extend(changes);
            return Err(PageError::Expired);
        }
        if !record.payable(now) {
            return Err(PageError::Conflict);
        }
        // Anyone with the job's page can try cards: without a cap, a loop of
        // refused cards would never end.
        if record.attempts >= MAX_PAYMENT_ATTEMPTS {
            return Err(PageError::TooManyAttempts);
        }
        let amount = record
            .job
            .amount_to_collect
            .filter(|amount| valid_amount(*amount, false))
            .ok_or(PageError::Conflict)?;
        record.attempts = record.attempts.saturating_add(1);
        if let Some(reason) = card.refusal(now.date()) {
            return Ok(PageOutcome::Refused(reason));
        }
        let holder = Some(card.card_holder_name.as_str()).filter(|name| !name.trim().is_empty());
        let authentication = cards::authentication(holder);
        let payment = self.add_payment(record, amount, authentication, now);
        self.outbox.extend(record.change(Some(&payment)));
        Ok(match authentication {
            Authentication::Authenticated => PageOutcome::Authorised(payment),
            Authentication::Pending => PageOutcome::Challenge(payment),
            Authentication::Failed => PageOutcome::Failed(payment),
        })
    }

    /// The shopper cancels on the hosted page: the job, while nothing is
    /// waiting, authorised or paid, becomes Cancelled.
    pub(crate) fn cancel_on_hosted_page(&mut self, job: &str) -> Result<(), PageError> {
        let now = self.now();
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        if let Some(changes) = record.expire_if_due(now) {
            self.outbox.extend(changes);
            return Err(PageError::Expired);
        }
        if !record.payable(now) {
            return Err(PageError::Conflict);
        }
        record.cancelled = true;
        record.refresh(now);
        self.outbox.extend(record.change(None));
        Ok(())
    }

    /// Answers a challenged payment's 3-D Secure step: passed, the payment
    /// is authorised (Paid, or Reserved with automatic capture off or
    /// `SimulatedStatus: Reserved`); failed, it fails.
    pub(crate) fn complete_authentication(
        &mut self,
        job: &str,
        payment: &str,
        passed: bool,
    ) -> Result<(), PageError> {
        let now = self.now();
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        let expiry = record.expire_if_due(now);
        let expired = expiry.is_some();
        self.outbox.extend(expiry.into_iter().flatten());
        let status = record.authorised_status(self.merchant.automatic_capture);
        let cancelled = record.cancelled;
        let target = record
            .payment_mut(payment)
            .map_err(|_| PageError::NotFound)?;
        if target.status != Some(PaymentStatus::Pending) || cancelled {
            return Err(if expired {
                PageError::Expired
            } else {
                PageError::Conflict
            });
        }
        if passed {
            authorise(target, status);
        } else {
            fail_authentication(target);
        }
        let reference = target.reference.clone();
        record.refresh(now);
        self.outbox.extend(record.change(reference.as_ref()));
        if let (true, Some(reference)) = (passed, &reference) {
            self.note_authorised(reference, now);
        }
        self.intents.challenge_completed(payment, passed);
        self.token_after_challenge(payment);
        Ok(())
    }
}
