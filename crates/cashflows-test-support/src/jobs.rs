//! Typed payment requests the tests send through the client.

use std::sync::atomic::{AtomicU64, Ordering};

use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentMethodToUse, UpdateOrderRequest,
};
use cashflows::{Amount, CardNumber, CardSecurityCode, test_cards};

/// A unique order number in this process, so jobs never collide.
pub fn order_number() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("order-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A direct card payment of `minor_units` pence with `card` and `holder`.
pub fn card_payment(
    minor_units: i64,
    card: &str,
    cvc: &str,
    holder: &str,
) -> CreatePaymentJobRequest {
    CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(minor_units)),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..UpdateOrderRequest::default()
        }),
        parameters: Some(PaymentJobParameters {
            card_number: Some(CardNumber::new(card)),
            card_cvc: Some(CardSecurityCode::new(cvc)),
            card_expiry_month: Some("12".to_owned()),
            card_expiry_year: Some("30".to_owned()),
            card_holder_name: Some(holder.to_owned()),
            ..PaymentJobParameters::default()
        }),
        ..CreatePaymentJobRequest::default()
    }
}

/// A Luke Skywalker payment with the first Visa test card.
pub fn paid_payment(minor_units: i64) -> CreatePaymentJobRequest {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    card_payment(
        minor_units,
        card.number,
        card.cvc,
        test_cards::LUKE_SKYWALKER.name,
    )
}

/// The same, left Reserved (authorised, not captured) so it can be captured.
pub fn reserved_payment(minor_units: i64) -> CreatePaymentJobRequest {
    let mut request = paid_payment(minor_units);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.simulated_status = Some("Reserved".to_owned());
    }
    request
}
