//! What the examples share: configuration from the environment, and the
//! card payment they create.

use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentJobType, PaymentMethodToUse,
    UpdateOrderRequest,
};
use cashflows::{Amount, CardNumber, CardSecurityCode, Environment, test_cards};

/// `CASHFLOWS_BASE_URL` (a local sandbox, say), else the integration
/// environment.
pub fn environment() -> Environment {
    match std::env::var("CASHFLOWS_BASE_URL") {
        Ok(base) if !base.trim().is_empty() => Environment::Custom(base),
        _ => Environment::Integration,
    }
}

/// An environment variable that must be set.
pub fn required(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// A unique order number: the Gateway refuses one it has seen.
fn order_number() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("example-{nanos}")
}

/// December, two years from now, as `MM` and `YY`.
fn expiry_two_years_ahead() -> (String, String) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let year = 1970 + seconds / 31_556_952 + 2;
    ("12".to_owned(), format!("{:02}", year % 100))
}

/// A GBP 10.00 payment job paid at once with the first Visa test card and
/// Luke Skywalker (no 3-D Secure challenge), under a unique order number.
pub fn test_card_payment() -> CreatePaymentJobRequest {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let (month, year) = expiry_two_years_ahead();
    CreatePaymentJobRequest {
        job_type: Some(PaymentJobType::Payment),
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..UpdateOrderRequest::default()
        }),
        parameters: Some(PaymentJobParameters {
            card_number: Some(CardNumber::new(card.number)),
            card_cvc: Some(CardSecurityCode::new(card.cvc)),
            card_expiry_month: Some(month),
            card_expiry_year: Some(year),
            card_holder_name: Some(test_cards::LUKE_SKYWALKER.name.to_owned()),
            ..PaymentJobParameters::default()
        }),
        ..CreatePaymentJobRequest::default()
    }
}
