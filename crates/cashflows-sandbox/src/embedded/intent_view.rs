//! What the shopper's browser reads of a payment intent.

use cashflows::Amount;
use cashflows::models::{ErrorReport, PaymentJob, PaymentStatus};

/// What the shopper's browser reads of an intent: the fields Cashflows'
/// library reads (`paymentStatus`, `lastPaymentStatus`,
/// `lastErrorReport.errors[0].translatedMessage`) and a few the shop may
/// show. The shape beyond those fields is the sandbox's own choice.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IntentView {
    payment_job_reference: String,
    /// The job's status; a job whose payment is reserved reads `Pending`
    /// (the job's own rule) with `lastPaymentStatus: Reserved`, as the
    /// library expects.
    payment_status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_payment_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_payment_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error_report: Option<ErrorReport>,
    currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_to_collect: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_amount: Option<Amount>,
}

impl IntentView {
    /// The reference of the job the intent pays.
    pub(crate) fn job_reference(&self) -> &str {
        &self.payment_job_reference
    }

    /// What the browser reads of the intent that pays `job`.
    pub(crate) fn of(job: &PaymentJob) -> Self {
        let last = job.payments.last();
        let status = job.payment_status.clone().unwrap_or(PaymentStatus::Pending);
        IntentView {
            payment_job_reference: job
                .reference
                .as_ref()
                .map(|reference| reference.as_str().to_owned())
                .unwrap_or_default(),
            payment_status: status.as_str().to_owned(),
            last_payment_status: last
                .and_then(|payment| payment.status.as_ref())
                .map(|status| status.as_str().to_owned()),
            last_payment_reference: last
                .and_then(|payment| payment.reference.as_ref())
                .map(|reference| reference.as_str().to_owned()),
            last_error_report: last.and_then(|payment| payment.last_error_report.clone()),
            currency: job.currency.clone().unwrap_or_default(),
            amount_to_collect: job.amount_to_collect,
            paid_amount: job.paid_amount,
        }
    }
}
