//! The checks of a snapshot's jobs before they are restored: a snapshot is
//! input like any other, and one edited by hand (or by someone hostile)
//! must not create money nor leave the store in a state its operations
//! never make.
//!
//! The rules are those the operations keep: every amount valid as the
//! sandbox accepts it (not negative, two decimal places, at most
//! [`MAX_AMOUNT`](super::limits::MAX_AMOUNT)); a payment's captures hold at
//! most its authorised amount, and its refunds at most what it paid (the
//! limits `captures.rs` and `refunds.rs` check); a payment that is not
//! `Paid` has paid nothing; a captured payment paid at most what its
//! captures took; a job's `paidAmount` and `amountCollected` are its paid
//! payments' sum. The job's amounts are checked against its payments, not
//! recomputed: a snapshot that disagrees with itself is refused, rather
//! than quietly made to agree.

use std::collections::{HashMap, HashSet};

use cashflows::models::{Payment, PaymentStatus};
use cashflows::{Amount, Decimal, Reference};

use super::captures::captured;
use super::dates;
use super::job::JobRecord;
use super::limits::{MAX_AMOUNT, MAX_PAYMENT_ATTEMPTS};
use super::money::{Taken, decimal, exact_sum};
use super::references::{FIRST_REFERENCE, REFERENCE_END};
use super::snapshot::SnapshotError;

/// The references a snapshot's entries hold, each once, and what the jobs
/// hold: the payments each job has, by payment reference.
#[derive(Default)]
pub(super) struct Seen {
    references: HashSet<String>,
    /// The highest reference seen.
    pub(super) highest: u64,
    /// The job each payment belongs to.
    pub(super) payments: HashMap<String, String>,
}

impl Seen {
    /// Notes `reference`, which must be 18 digits, as the sandbox writes
    /// them, and held by no other entry.
    pub(super) fn add(&mut self, entry: &str, reference: &str) -> Result<(), SnapshotError> {
        let number = sandbox_reference(reference)
            .ok_or_else(|| SnapshotError::of(entry, "its reference is not 18 digits"))?;
        if !self.references.insert(reference.to_owned()) {
            return Err(SnapshotError::of(
                entry,
                "its reference is another entry's too",
            ));
        }
        self.highest = self.highest.max(number);
        Ok(())
    }

    /// Whether `payment` is a payment of `job`.
    pub(super) fn is_payment_of(&self, payment: &str, job: &str) -> bool {
        self.payments.get(payment).is_some_and(|owner| owner == job)
    }

    /// Whether `payment` is a payment of some job.
    pub(super) fn is_payment(&self, payment: &str) -> bool {
        self.payments.contains_key(payment)
    }
}

/// A reference as the sandbox hands them out: 18 digits, from the first.
pub(super) fn sandbox_reference(reference: &str) -> Option<u64> {
    let digits = reference.len() == 18 && reference.bytes().all(|byte| byte.is_ascii_digit());
    let number = reference.parse::<u64>().ok().filter(|_| digits)?;
    (FIRST_REFERENCE..REFERENCE_END)
        .contains(&number)
        .then_some(number)
}

/// An entry's name for messages: its reference when it is one the sandbox
/// writes, else its place in its list (a reference that is not one may be
/// anything, card data included).
pub(super) fn name(kind: &str, index: usize, reference: Option<&str>) -> String {
    match reference.filter(|reference| sandbox_reference(reference).is_some()) {
        Some(reference) => format!("{kind} {reference}"),
        None => format!("{kind} #{}", index.saturating_add(1)),
    }
}

/// Checks a job: its reference, amounts, dates, and each payment's.
pub(super) fn check_job(
    index: usize,
    record: &JobRecord,
    seen: &mut Seen,
) -> Result<String, SnapshotError> {
    let reference = record.job.reference.as_ref().map(Reference::as_str);
    let job = name("job", index, reference);
    seen.add(&job, reference.unwrap_or_default())?;
    amount(&job, "amountToCollect", record.job.amount_to_collect, true)?;
    if record.attempts > MAX_PAYMENT_ATTEMPTS {
        return Err(SnapshotError::of(
            &job,
            format!("more than {MAX_PAYMENT_ATTEMPTS} payment attempts"),
        ));
    }
    if !dates::in_range(record.expires) {
        return Err(SnapshotError::of(
            &job,
            "its expiry is not within 0000 to 9999",
        ));
    }
    for (index, payment) in record.job.payments.iter().enumerate() {
        let entry = check_payment(&job, index, payment, seen)?;
        let owner = reference.unwrap_or_default().to_owned();
        seen.payments.insert(entry, owner);
    }
    let paid = exact_sum(
        (record.job.payments.iter())
            .filter(|payment| payment.status == Some(PaymentStatus::Paid))
            .map(|payment| payment.paid_amount),
    )
    .ok_or_else(|| SnapshotError::of(&job, "its payments' sum overflows"))?;
    let collected = if record.is_credit() {
        Decimal::ZERO
    } else {
        paid
    };
    if decimal(record.job.paid_amount) != paid {
        return Err(SnapshotError::of(
            &job,
            "paidAmount is not the sum of its paid payments",
        ));
    }
    if decimal(record.job.amount_collected) != collected {
        return Err(SnapshotError::of(
            &job,
            "amountCollected is not what its paid payments collected",
        ));
    }
    Ok(reference.unwrap_or_default().to_owned())
}

/// Checks a payment, its captures and refunds; returns its reference.
fn check_payment(
    job: &str,
    index: usize,
    payment: &Payment,
    seen: &mut Seen,
) -> Result<String, SnapshotError> {
    let reference = payment.reference.as_ref().map(Reference::as_str);
    let entry = format!("{job}, {}", name("payment", index, reference));
    seen.add(&entry, reference.unwrap_or_default())?;
    let authorised = amount(&entry, "amountToCollect", payment.amount_to_collect, true)?;
    let paid = amount(&entry, "paidAmount", payment.paid_amount, true)?;
    if paid > authorised {
        return Err(SnapshotError::of(
            &entry,
            "paidAmount is more than amountToCollect",
        ));
    }
    if payment.status != Some(PaymentStatus::Paid) && !paid.is_zero() {
        return Err(SnapshotError::of(
            &entry,
            "it is not Paid, yet its paidAmount is not zero",
        ));
    }
    for (index, capture) in payment.captures.iter().enumerate() {
        let reference = capture.reference.as_ref().map(Reference::as_str);
        let capture_entry = format!("{entry}, {}", name("capture", index, reference));
        seen.add(&capture_entry, reference.unwrap_or_default())?;
        amount(
            &capture_entry,
            "amountToCapture",
            capture.amount_to_capture,
            false,
        )?;
    }
    within(
        &entry,
        "its captures hold more than amountToCollect",
        authorised,
        &payment.captures,
    )?;
    let has_captures = !payment.captures.is_empty();
    if has_captures && paid > captured(payment) {
        return Err(SnapshotError::of(
            &entry,
            "paidAmount is more than its captures took",
        ));
    }
    check_refunds(&entry, payment, seen)?;
    within(
        &entry,
        "its refunds hold more than paidAmount",
        paid,
        &payment.refunds,
    )?;
    Ok(reference.unwrap_or_default().to_owned())
}

/// Checks a payment's refunds, each with its steps.
fn check_refunds(entry: &str, payment: &Payment, seen: &mut Seen) -> Result<(), SnapshotError> {
    if !payment.refunds.is_empty() && payment.status != Some(PaymentStatus::Paid) {
        return Err(SnapshotError::of(entry, "it has refunds but is not Paid"));
    }
    for (index, refund) in payment.refunds.iter().enumerate() {
        let reference = refund.reference.as_ref().map(Reference::as_str);
        let refund_entry = format!("{entry}, {}", name("refund", index, reference));
        seen.add(&refund_entry, reference.unwrap_or_default())?;
        amount(
            &refund_entry,
            "amountToRefund",
            refund.amount_to_refund,
            false,
        )?;
        for (index, step) in refund.steps.iter().enumerate() {
            let reference = step.reference.as_ref().map(Reference::as_str);
            let step_entry = format!("{refund_entry}, {}", name("step", index, reference));
            seen.add(&step_entry, reference.unwrap_or_default())?;
        }
    }
    Ok(())
}

/// Refuses captures or refunds that hold more than `limit` (or whose sum
/// overflows): the operations' own rule (`Allowance`), where a failed one
/// holds nothing and a pending one holds its amount.
fn within<T: Taken>(
    entry: &str,
    problem: &str,
    limit: Decimal,
    taken: &[T],
) -> Result<(), SnapshotError> {
    let held = exact_sum(
        taken
            .iter()
            .filter(|taken| !taken.failed())
            .map(Taken::amount),
    )
    .ok_or_else(|| SnapshotError::of(entry, "the sum of its amounts overflows"))?;
    if held > limit {
        return Err(SnapshotError::of(entry, problem));
    }
    Ok(())
}

/// An amount as the sandbox accepts it, named `field` in messages; absent
/// counts as zero, where zero is allowed.
pub(super) fn amount(
    entry: &str,
    field: &str,
    amount: Option<Amount>,
    zero_allowed: bool,
) -> Result<Decimal, SnapshotError> {
    let value = decimal(amount);
    let problem = if amount.is_none() && !zero_allowed {
        "is missing"
    } else if value.is_sign_negative() && !value.is_zero() {
        "is negative"
    } else if value.scale() > 2 {
        "has more than two decimal places"
    } else if value > MAX_AMOUNT {
        "is more than the largest amount, 999999999.99"
    } else if value.is_zero() && !zero_allowed {
        "is zero"
    } else {
        return Ok(value);
    };
    Err(SnapshotError::of(entry, format!("{field} {problem}")))
}
