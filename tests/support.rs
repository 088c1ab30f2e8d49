//! A sandbox and a client that talks to it, for end-to-end tests.

use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentMethodToUse, UpdateOrderRequest,
};
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Client, Environment, GatewayCredentials,
    RemoteAuthCredentials,
};
use cashflows_sandbox::{Sandbox, SandboxConfig};

pub const CONFIGURATION_ID: &str = "23001234567890";
pub const API_KEY: &str = "sandbox-api-key-7f3a9c";
pub const AUTH_ID: &str = "1234567";
pub const AUTH_PASS: &str = "sandbox-auth-pass-5e2b";

/// A fresh sandbox and a client with the right credentials.
pub async fn start() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(SandboxConfig::new(
        CONFIGURATION_ID,
        API_KEY,
        AUTH_ID,
        AUTH_PASS,
    ))
    .await
    .expect("the sandbox starts on loopback");
    let client = client_for(&sandbox, API_KEY, AUTH_PASS);
    (sandbox, client)
}

/// A client of `sandbox` with the given secrets (wrong ones, for some tests).
pub fn client_for(sandbox: &Sandbox, api_key: &str, auth_pass: &str) -> Client {
    Client::builder(Environment::Custom(sandbox.base_url().to_owned()))
        .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, api_key))
        .remote_auth_credentials(RemoteAuthCredentials::new(AUTH_ID, auth_pass))
        .build()
        .expect("the client builds")
}

/// A unique order number, so jobs never collide.
pub fn order_number() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
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
    let card = cashflows::test_cards::VISA_CREDIT_4000000000000002;
    card_payment(
        minor_units,
        card.number,
        card.cvc,
        cashflows::test_cards::LUKE_SKYWALKER.name,
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
