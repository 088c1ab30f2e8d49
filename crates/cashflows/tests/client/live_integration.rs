//! A live call against Cashflows' integration environment. It runs only
//! when credentials are given in the environment; otherwise it says it
//! skipped and passes.

use cashflows::models::{CreatePaymentJobRequest, PaymentMethodToUse};
use cashflows::{Amount, Client, Environment, GatewayCredentials};

#[tokio::test]
async fn live_integration_create_and_retrieve_a_payment_job() {
    let (Ok(configuration_id), Ok(api_key)) = (
        std::env::var("CASHFLOWS_CONFIGURATION_ID"),
        std::env::var("CASHFLOWS_API_KEY"),
    ) else {
        // Written past the test harness's capture, so that a skip shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr().lock(),
            "live_integration: skipped (set CASHFLOWS_CONFIGURATION_ID and CASHFLOWS_API_KEY to run it against the integration environment)"
        );
        return;
    };
    let client = Client::builder(Environment::Integration)
        .gateway_credentials(GatewayCredentials::new(configuration_id, api_key))
        .build()
        .expect("the client builds");
    let request = CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        payment_methods_to_use: vec![PaymentMethodToUse::Card],
        ..CreatePaymentJobRequest::default()
    };
    let created = client
        .create_payment_job(&request)
        .await
        .expect("the integration environment creates the job");
    let retrieved = client
        .retrieve_payment_job(
            created
                .data
                .reference
                .as_ref()
                .expect("a reference")
                .as_str(),
        )
        .await
        .expect("and returns it");
    assert_eq!(retrieved.data.reference, created.data.reference);
}
