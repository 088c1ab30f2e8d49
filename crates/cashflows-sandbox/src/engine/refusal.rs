//! Why the engine refuses an operation, as the domain says it: the job or
//! payment does not exist, the request cannot be read as what it must be,
//! or a documented Gateway error. Each protocol's adapter turns a refusal
//! into its own answer.

use cashflows::GatewayErrorCode;

/// Why the engine refuses an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No such job, payment, intent, token or stored card.
    NotFound,
    /// The request is not what the operation reads: a currency that is no
    /// ISO 4217 code, an unreadable date, a return URL a browser cannot
    /// follow.
    Malformed,
    /// The request was understood and refused with a documented Gateway
    /// error.
    Gateway(GatewayErrorCode),
}

impl Refusal {
    /// The refusal of a card the sandbox does not take (not a test card, a
    /// CVC of the wrong length, an expiry in the past or more than ten years
    /// ahead, an unknown token or card fields): `PaymentRefused` ("Payment
    /// has been refused."), which the Gateway adapter answers with 400.
    /// Cashflows does not publish which error code or HTTP status a refused
    /// card payment answers with (Cashflows publishes neither): both are the sandbox's own
    /// choice.
    pub(crate) fn card_refused() -> Self {
        Refusal::Gateway(GatewayErrorCode::PaymentRefused)
    }
}
