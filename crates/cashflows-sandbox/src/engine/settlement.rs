//! What the clock does to a payment once it is authorised: a reservation
//! waits seven days for its capture, and money collected at once is
//! settled at the next midnight, after which a cancel can no longer give it
//! back (a refund does).
//!
//! Cashflows documents both numbers (doc, its guide pages): a reserved
//! payment must be captured "within seven days" (banks release reserved
//! funds after about five to seven), and captures are batched and settled
//! at midnight, only what is not settled being cancellable. The sandbox
//! decides the rest, each choice said where it is made: midnight in UTC,
//! what a reservation becomes after its seven days, and that the clock's
//! effects are applied when a job is next read or changed.

use cashflows::models::{Payment, PaymentStatus};
use cashflows::{Amount, Reference};
use time::{Duration, OffsetDateTime};

use super::captures::captured;
use super::dates::next_midnight;
use super::refusal::Refusal;
use super::store::Store;

/// How long a reservation waits for its capture: seven days, as Cashflows
/// documents.
pub(crate) const CAPTURE_WINDOW: Duration = Duration::days(7);

impl Store {
    /// Notes that `payment` was authorised now (reserved, or paid at once).
    pub(super) fn note_authorised(&mut self, payment: &Reference, now: OffsetDateTime) {
        self.authorised_at.insert(payment.as_str().to_owned(), now);
    }

    /// Applies to a job what the clock did since it was last read: each
    /// reservation past its seven days is released (see [`release`]), and
    /// the change notified. The sandbox notices it when the job is next
    /// read or changed, as it notices a job's expiry.
    pub(super) fn catch_up(&mut self, job: &str, now: OffsetDateTime) -> Result<(), Refusal> {
        let record = self.jobs.get_mut(job).ok_or(Refusal::NotFound)?;
        let mut released = Vec::new();
        for payment in &mut record.job.payments {
            let reserved = payment.status == Some(PaymentStatus::Reserved);
            let authorised = authorised_at(&self.authorised_at, payment);
            if reserved && authorised.is_some_and(|at| lapsed(at, now)) {
                release(payment);
                released.push(payment.reference.clone());
            }
        }
        if !released.is_empty() {
            record.refresh(now);
            self.outbox.extend(record.changes(&released));
        }
        Ok(())
    }

    /// Whether the money `payment` collected at once is settled by `now`:
    /// from the first midnight (UTC) after it was authorised. A payment
    /// whose authorisation the sandbox did not note counts as settled, so
    /// that a cancel never undoes money it cannot place in time.
    pub(super) fn is_settled(&self, payment: &Payment, now: OffsetDateTime) -> bool {
        authorised_at(&self.authorised_at, payment)
            .is_none_or(|authorised| next_midnight(authorised) <= now)
    }
}

/// When `payment` was authorised, if the sandbox noted it.
fn authorised_at(
    times: &std::collections::HashMap<String, OffsetDateTime>,
    payment: &Payment,
) -> Option<OffsetDateTime> {
    let reference = payment.reference.as_ref()?;
    times.get(reference.as_str()).copied()
}

/// Whether a reservation made at `authorised` has passed its seven days:
/// a capture exactly seven days later is still within them.
fn lapsed(authorised: OffsetDateTime, now: OffsetDateTime) -> bool {
    authorised
        .checked_add(CAPTURE_WINDOW)
        .is_some_and(|end| now > end)
}

/// Releases a reservation past its seven days, the sandbox's choice
/// (Cashflows says only that a reservation is captured within them, and
/// that banks release it after about five to seven days): what its
/// completed captures took stays collected, the payment then `Paid` for
/// that, as a final capture would leave it; with nothing captured, the
/// payment is `Expired` and its job with it. Either way it can no longer be
/// captured.
fn release(payment: &mut Payment) {
    let collected = captured(payment);
    if collected.is_zero() {
        payment.status = Some(PaymentStatus::Expired);
    } else {
        payment.status = Some(PaymentStatus::Paid);
        payment.paid_amount = Some(Amount::from_decimal(collected));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_reservation_lapses_after_seven_whole_days() {
        let reserved = datetime!(2030-01-01 10:00:00 UTC);
        assert!(!lapsed(reserved, datetime!(2030-01-08 10:00:00 UTC)));
        assert!(lapsed(reserved, datetime!(2030-01-08 10:00:01 UTC)));
    }
}
