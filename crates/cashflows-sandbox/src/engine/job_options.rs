//! The options of a create request (`options`, PaymentJobOption) the
//! sandbox acts on, and what they change on the new job before it is paid.
//!
//! Values are compared without regard to letter case, as the Gateway reads
//! keys (the sandbox's reading: Cashflows does not say how it reads
//! values). `Frictionless` and values this version does not know change
//! nothing.

use cashflows::models::{Order, PaymentJob, PaymentJobFlags, PaymentJobOption};
use time::OffsetDateTime;

use super::dates::written;
use super::job::JobRecord;
use super::store::Store;

/// The options of a create request, read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JobOptions {
    /// `IsRecurringPaymentJobParent`.
    pub(crate) recurring_parent: bool,
    /// `IsMoto`: the card is processed without 3-D Secure (doc).
    pub(crate) moto: bool,
    /// `GenerateToken` or `StoreCardDetails`: a token for the card (the
    /// sandbox treats both alike; Cashflows does not say how they differ).
    pub(crate) token: bool,
    /// `StoreCustomerInformation`.
    pub(crate) store_customer: bool,
}

impl JobOptions {
    pub(crate) fn of(options: &[PaymentJobOption]) -> Self {
        let has = |wanted: PaymentJobOption| {
            options
                .iter()
                .any(|option| option.as_str().eq_ignore_ascii_case(wanted.as_str()))
        };
        JobOptions {
            recurring_parent: has(PaymentJobOption::IsRecurringPaymentJobParent),
            moto: has(PaymentJobOption::IsMoto),
            token: has(PaymentJobOption::GenerateToken) || has(PaymentJobOption::StoreCardDetails),
            store_customer: has(PaymentJobOption::StoreCustomerInformation),
        }
    }

    /// Whether an option needs card data in the create request itself: a
    /// recurring parent keeps that card, and MOTO processes it. Without
    /// card data the sandbox refuses the create (its choice: Cashflows
    /// documents both with card data, and says nothing of a parent or a
    /// MOTO job paid later on the hosted page).
    pub(crate) fn need_card_data(self) -> bool {
        self.recurring_parent || self.moto
    }
}

impl Store {
    /// What the options change on a new job: flag `RecurringParent` on a
    /// recurring parent (doc), and a customer reference where
    /// `StoreCustomerInformation` comes without one (observed, in an
    /// official example). The reference is the sandbox's own format: 32
    /// hex digits no one can guess, as it gives access to the customer's
    /// tokenised cards. The other flags are not set: Cashflows does not
    /// say when they are.
    pub(super) fn apply_options(
        &mut self,
        record: &mut JobRecord,
        options: JobOptions,
        now: OffsetDateTime,
    ) {
        if options.recurring_parent {
            flags(&mut record.job).recurring_parent = Some(true);
        }
        let named = record
            .job
            .order
            .as_ref()
            .and_then(|order| order.customer_reference.as_deref())
            .is_some_and(|customer| !customer.trim().is_empty());
        if options.store_customer && !named {
            let order = record.job.order.get_or_insert_with(|| Order {
                create_date_time_utc: Some(written(now)),
                ..Order::default()
            });
            order.customer_reference = Some(self.references.token("customer"));
        }
    }
}

/// A job's flags, to set one.
fn flags(job: &mut PaymentJob) -> &mut PaymentJobFlags {
    job.flags.get_or_insert_with(PaymentJobFlags::default)
}
