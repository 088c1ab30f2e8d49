//! Counts and sums over everything the sandbox holds, for reconciliation.

use cashflows::Amount;
use cashflows::models::{CaptureStatus, PaymentStatus, RefundStatus};
use cashflows::remote_auth::TransactionType;

use super::money::checked_sum;
use super::store::Store;

/// Counts and sums over everything the sandbox holds, for reconciliation.
///
/// Amounts are summed as exact decimals, whatever their currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Totals {
    /// Payment jobs created.
    pub payment_jobs: usize,
    /// Payments made (including failed and cancelled ones).
    pub payments: usize,
    /// Captures taken.
    pub captures: usize,
    /// Refunds made through the Gateway.
    pub refunds: usize,
    /// The sum of `paidAmount` over the payments of `Payment` jobs that are
    /// `Paid`: money collected at once (an authenticated card payment) or by
    /// a final capture. A partly captured payment counts once its final
    /// capture, or the end of its seven days, closes it; a cancelled payment
    /// never counts.
    pub paid: Amount,
    /// The sum of `paidAmount` over the payments of `Credit` jobs that are
    /// `Paid`: money paid out to shoppers, never counted as collected.
    pub credited: Amount,
    /// The sum of every capture's `amountToCapture`.
    pub captured: Amount,
    /// The sum of every Gateway refund's `amountToRefund`.
    pub refunded: Amount,
    /// Remote Auth transactions kept for later refunds and voids: requests
    /// with the merchant's `auth_id` and `auth_pass` whose type, amount and
    /// currency were valid (authorised or declined after those checks).
    /// Other requests are answered and not kept.
    pub remote_auth_transactions: usize,
    /// The sum of authorised Remote Auth `sale` amounts that were not voided.
    pub remote_auth_sales: Amount,
    /// The sum of authorised Remote Auth `refund` amounts that were not voided.
    pub remote_auth_refunds: Amount,
}

impl Store {
    /// Counts and sums over everything the store holds.
    pub(crate) fn totals(&self) -> Totals {
        let mut totals = Totals {
            payment_jobs: self.jobs.len(),
            remote_auth_transactions: self.ledger.transactions.len(),
            ..Totals::default()
        };
        let payments = || self.jobs.values().flat_map(|record| &record.job.payments);
        totals.payments = payments().count();
        totals.captures = payments().map(|payment| payment.captures.len()).sum();
        totals.refunds = payments().map(|payment| payment.refunds.len()).sum();
        let paid_in = |credit: bool| {
            checked_sum(
                self.jobs
                    .values()
                    .filter(|record| record.is_credit() == credit)
                    .flat_map(|record| &record.job.payments)
                    .filter(|payment| payment.status == Some(PaymentStatus::Paid))
                    .map(|payment| payment.paid_amount),
            )
        };
        totals.paid = Amount::from_decimal(paid_in(false));
        totals.credited = Amount::from_decimal(paid_in(true));
        totals.captured = Amount::from_decimal(checked_sum(
            payments()
                .flat_map(|payment| &payment.captures)
                .filter(|capture| capture.status == Some(CaptureStatus::Completed))
                .map(|capture| capture.amount_to_capture),
        ));
        totals.refunded = Amount::from_decimal(checked_sum(
            payments()
                .flat_map(|payment| &payment.refunds)
                .filter(|refund| refund.status == Some(RefundStatus::Completed))
                .map(|refund| refund.amount_to_refund),
        ));
        let remote = |kind: TransactionType| {
            checked_sum(
                self.ledger
                    .transactions
                    .values()
                    .filter(|transaction| transaction.authorised && !transaction.voided)
                    .filter(|transaction| transaction.kind == kind)
                    .map(|transaction| Some(transaction.amount)),
            )
        };
        totals.remote_auth_sales = Amount::from_decimal(remote(TransactionType::Sale));
        totals.remote_auth_refunds = Amount::from_decimal(remote(TransactionType::Refund));
        totals
    }
}
