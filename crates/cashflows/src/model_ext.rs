//! The everyday values of the generated models, without a chain of
//! `Option`s: hand-written methods over the generated structs (as
//! rust-analyzer writes `*_ext.rs` beside its generated AST), so the models
//! themselves stay one statement of the spec.
//!
//! Every field of an answer may be left out by the Gateway (the client reads
//! what is there and keeps what it does not know), so each method returns
//! `None` (or `false`) when the answer does not carry the value.

use crate::Response;
use crate::models::{Payment, PaymentJob, PaymentStatus};

impl<T> Response<T> {
    /// Where the Gateway sends the shopper next (`links.action.url`): for a
    /// created payment job, its hosted payment page. `None` when the answer
    /// has no action link, as a retrieved job's answer has none, nor a job
    /// the Gateway finished in its create answer.
    pub fn payment_page_url(&self) -> Option<&str> {
        self.links.as_ref()?.action.as_ref()?.url.as_deref()
    }
}

impl PaymentJob {
    /// The job's reference (`reference`), as text.
    pub fn job_reference(&self) -> Option<&str> {
        self.reference.as_ref().map(|reference| reference.as_str())
    }

    /// The order number the job was created with (`order.orderNumber`).
    pub fn order_number(&self) -> Option<&str> {
        self.order.as_ref()?.order_number.as_deref()
    }

    /// The last payment the answer lists (`payments`), the newest attempt to
    /// pay the job in the order the Gateway lists them. `None` before any
    /// payment was made.
    pub fn latest_payment(&self) -> Option<&Payment> {
        self.payments.last()
    }

    /// The reference of [`latest_payment`](Self::latest_payment), as text.
    pub fn latest_payment_reference(&self) -> Option<&str> {
        self.latest_payment()?.payment_reference()
    }

    /// Whether the job's status (`paymentStatus`) is `Paid`. `false` for
    /// every other status, and when the answer gives none: a job whose
    /// status is unknown is not treated as paid.
    pub fn is_paid(&self) -> bool {
        self.payment_status == Some(PaymentStatus::Paid)
    }
}

impl Payment {
    /// The payment's reference (`reference`), as text.
    pub fn payment_reference(&self) -> Option<&str> {
        self.reference.as_ref().map(|reference| reference.as_str())
    }
}
