//! The Remote Auth ledger: the transactions kept for later refunds and
//! voids, and what a refund or void does to its original.

use std::collections::HashMap;

use cashflows::remote_auth::TransactionType;
use cashflows::{AcquirerReason, Amount};

/// A Remote Auth transaction, kept for later refunds and voids.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RemoteTransaction {
    pub(crate) kind: TransactionType,
    pub(crate) authorised: bool,
    pub(crate) amount: Amount,
    pub(crate) currency: String,
    pub(crate) refunded: Amount,
    pub(crate) voided: bool,
}

/// The transactions kept, by transaction ID.
#[derive(Default)]
pub(crate) struct Ledger {
    pub(crate) transactions: HashMap<String, RemoteTransaction>,
}

impl RemoteTransaction {
    /// A refund or void of this transaction, checked in the documented
    /// order: its kind (Vx23 for a refund of anything but a sale; Vx34 for a
    /// void of anything but a sale, or of a sale already voided or partly
    /// refunded), whether it was authorised and not voided (Vx35), its
    /// currency (Vx20) and, for a refund, the amount left (Vx22).
    pub(crate) fn take_back(
        &mut self,
        kind: &TransactionType,
        amount: Amount,
        currency: &str,
    ) -> Result<(), AcquirerReason> {
        if *kind == TransactionType::Refund {
            if self.kind != TransactionType::Sale {
                return Err(AcquirerReason::VX23);
            }
        } else if self.kind != TransactionType::Sale
            || self.voided
            || !self.refunded.as_decimal().is_zero()
        {
            return Err(AcquirerReason::VX34);
        }
        if !self.authorised || self.voided {
            return Err(AcquirerReason::VX35);
        }
        if self.currency != currency {
            return Err(AcquirerReason::VX20);
        }
        if *kind == TransactionType::Refund {
            let total = self
                .refunded
                .as_decimal()
                .checked_add(amount.as_decimal())
                .filter(|total| *total <= self.amount.as_decimal())
                .ok_or(AcquirerReason::VX22)?;
            self.refunded = Amount::from_decimal(total);
        } else {
            self.voided = true;
        }
        Ok(())
    }
}
