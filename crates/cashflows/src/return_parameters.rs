//! Reading the query parameters the Gateway appends to a return URL; their
//! names are generated (`generated/return_url.rs`).

use crate::Reference;
use crate::generated::return_url::{ORDERNUMBER, PAYMENTJOBREF, PAYMENTREF, STATUS};
use crate::models::PaymentStatus;

/// The query parameters the Gateway appends to a return URL when it sends
/// the shopper back.
///
/// **Untrusted**: anyone can type a URL. Use them to find the job, then
/// retrieve the job with the client and act on what it says, never on these.
///
/// ```
/// use cashflows::ReturnParameters;
/// use cashflows::models::PaymentStatus;
///
/// let back = ReturnParameters::from_url(
///     "https://shop.example/paid?status=Paid&paymentjobref=2205161430&paymentref=2205161431&ordernumber=A-17",
/// );
/// assert_eq!(back.payment_job_reference.as_ref().map(|r| r.as_str()), Some("2205161430"));
/// assert_eq!(back.claimed_status, Some(PaymentStatus::Paid)); // a claim, not a fact
/// // Now: client.retrieve_payment_job("2205161430") and act on its status.
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReturnParameters {
    /// The status the URL claims (`status`). Do not act on it.
    pub claimed_status: Option<PaymentStatus>,
    /// The payment job (`paymentjobref`).
    pub payment_job_reference: Option<Reference>,
    /// The payment (`paymentref`).
    pub payment_reference: Option<Reference>,
    /// The merchant's order number (`ordernumber`).
    pub order_number: Option<String>,
}

impl ReturnParameters {
    /// Reads a query string (with or without its leading `?`). Names are
    /// compared without regard to case; the first of a repeated parameter
    /// counts; other parameters are ignored.
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut found = ReturnParameters::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
            let value = value.into_owned();
            if is(STATUS) && found.claimed_status.is_none() {
                found.claimed_status = Some(PaymentStatus::from(value));
            } else if is(PAYMENTJOBREF) && found.payment_job_reference.is_none() {
                found.payment_job_reference = Some(Reference::new(value));
            } else if is(PAYMENTREF) && found.payment_reference.is_none() {
                found.payment_reference = Some(Reference::new(value));
            } else if is(ORDERNUMBER) && found.order_number.is_none() {
                found.order_number = Some(value);
            }
        }
        found
    }

    /// Reads the query of a whole URL (anything after its `?`, up to a `#`).
    pub fn from_url(url: &str) -> Self {
        let without_fragment = url.split('#').next().unwrap_or_default();
        let query = without_fragment
            .split_once('?')
            .map_or("", |(_, query)| query);
        Self::from_query(query)
    }
}
