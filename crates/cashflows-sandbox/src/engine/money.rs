//! Money as the sandbox keeps it: the amounts it accepts, at two decimal
//! places, sums that never wrap, and how much of a payment its captures or
//! refunds already hold.

use cashflows::models::{Capture, CaptureStatus, Refund, RefundStatus};
use cashflows::{Amount, Decimal};

use super::limits::MAX_AMOUNT;

/// An amount of money the sandbox accepts: not negative, at most two
/// decimal places as sent (amounts are sent with two, as published; `10.000`
/// is refused, not read as `10.00`), at most [`MAX_AMOUNT`], and above
/// zero unless `zero_allowed`.
pub(crate) fn valid_amount(amount: Amount, zero_allowed: bool) -> bool {
    let decimal = amount.as_decimal();
    !amount.is_negative()
        && decimal.scale() <= 2
        && decimal <= MAX_AMOUNT
        && (zero_allowed || !decimal.is_zero())
}

/// A valid amount as the sandbox keeps it: at two decimal places (`10` and
/// `10.5` become `10.00` and `10.50`), like every amount it sends.
pub(crate) fn two_places(amount: Amount) -> Amount {
    let mut decimal = amount.as_decimal();
    // Only called on valid amounts (scale at most 2): nothing is rounded.
    if decimal.scale() < 2 {
        decimal.rescale(2);
    }
    Amount::from_decimal(decimal)
}

/// An amount a model may leave out, as a number (absent is zero).
pub(crate) fn decimal(amount: Option<Amount>) -> Decimal {
    amount.map(|amount| amount.as_decimal()).unwrap_or_default()
}

/// The sum of amounts (absent ones count as zero). Every amount the sandbox
/// keeps is at most [`MAX_AMOUNT`], so no realistic sum overflows; one that
/// did would stop at `Decimal::MAX` rather than wrap or panic.
pub(crate) fn checked_sum(amounts: impl Iterator<Item = Option<Amount>>) -> Decimal {
    amounts.fold(Decimal::ZERO, |sum, amount| {
        sum.checked_add(decimal(amount)).unwrap_or(Decimal::MAX)
    })
}

/// The exact sum of amounts (absent ones count as zero); `None` when it
/// overflows. For amounts the sandbox did not check itself (a snapshot's).
pub(crate) fn exact_sum(amounts: impl IntoIterator<Item = Option<Amount>>) -> Option<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, |sum, amount| {
        sum.checked_add(decimal(amount))
    })
}

/// Whether `code` is an ISO 4217 currency code (`GBP`, `EUR`, …).
pub(crate) fn is_currency(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some()
}

/// An amount taken from a payment: a capture, or a refund.
pub(crate) trait Taken {
    /// The amount taken.
    fn amount(&self) -> Option<Amount>;
    /// Whether it failed: a failed capture or refund took nothing.
    fn failed(&self) -> bool;
}

impl Taken for Capture {
    fn amount(&self) -> Option<Amount> {
        self.amount_to_capture
    }
    fn failed(&self) -> bool {
        self.status == Some(CaptureStatus::Failed)
    }
}

impl Taken for Refund {
    fn amount(&self) -> Option<Amount> {
        self.amount_to_refund
    }
    fn failed(&self) -> bool {
        self.status == Some(RefundStatus::Failed)
    }
}

/// How much of a limit (a payment's authorised amount for its captures, its
/// paid amount for its refunds) is held already: a failed capture or refund
/// took nothing; a pending one holds its amount as a completed one does, so
/// that the two together can never take more than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Allowance {
    limit: Decimal,
    held: Decimal,
}

impl Allowance {
    /// What `taken` holds of `limit`.
    pub(crate) fn of<T: Taken>(limit: Decimal, taken: &[T]) -> Self {
        let held = checked_sum(
            taken
                .iter()
                .filter(|taken| !taken.failed())
                .map(Taken::amount),
        );
        Allowance { limit, held }
    }

    /// What is left to take.
    pub(crate) fn left(&self) -> Decimal {
        self.limit.checked_sub(self.held).unwrap_or(Decimal::ZERO)
    }

    /// Whether nothing is left to take.
    pub(crate) fn is_used_up(&self) -> bool {
        self.held >= self.limit
    }

    /// What would be held once `amount` is taken too, if that stays within
    /// the limit.
    pub(crate) fn held_with(&self, amount: Decimal) -> Option<Decimal> {
        self.held
            .checked_add(amount)
            .filter(|total| *total <= self.limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        text.parse().unwrap()
    }

    #[test]
    fn the_amount_cap() {
        assert_eq!(MAX_AMOUNT.to_string(), "999999999.99");
        assert!(valid_amount(amount("999999999.99"), false));
        assert!(!valid_amount(amount("1000000000.00"), false));
        assert!(!valid_amount(amount("0.00"), false));
        assert!(valid_amount(amount("0.00"), true));
    }

    #[test]
    fn what_failed_holds_nothing_and_what_is_pending_holds_its_amount() {
        let capture = |value: &str, status: CaptureStatus| Capture {
            amount_to_capture: Some(amount(value)),
            status: Some(status),
            ..Capture::default()
        };
        let captures = [
            capture("3.00", CaptureStatus::Completed),
            capture("4.00", CaptureStatus::Failed),
            capture("2.00", CaptureStatus::Pending),
        ];
        let allowance = Allowance::of(amount("10.00").as_decimal(), &captures);
        assert_eq!(allowance.left(), amount("5.00").as_decimal());
        assert!(!allowance.is_used_up());
        let limit = allowance.held_with(amount("5.00").as_decimal());
        assert_eq!(limit, Some(amount("10.00").as_decimal()));
        assert_eq!(allowance.held_with(amount("5.01").as_decimal()), None);
        let refunds = [Refund {
            amount_to_refund: Some(amount("10.00")),
            status: Some(RefundStatus::Pending),
            ..Refund::default()
        }];
        assert!(Allowance::of(amount("10.00").as_decimal(), &refunds).is_used_up());
    }
}
