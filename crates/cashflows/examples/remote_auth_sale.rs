//! Performs a Remote Auth sale of GBP 10.00 with a test card and prints the
//! reply.
//!
//! ```sh
//! CASHFLOWS_AUTH_ID=… CASHFLOWS_AUTH_PASS=… \
//!   cargo run -p cashflows --example remote_auth_sale
//! ```
//!
//! `CASHFLOWS_REMOTE_AUTH_URL` selects another Remote Auth URL (a local
//! sandbox's base URL, or a full `…/gateway/remote_auth` URL); the integration
//! environment is used when it is unset. `RUST_LOG=debug` shows the call's span.

use std::process::ExitCode;

use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Client, Environment, RemoteAuthCredentials, test_cards,
};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("remote_auth_sale failed: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let environment = match std::env::var("CASHFLOWS_REMOTE_AUTH_URL") {
        Ok(url) if !url.trim().is_empty() => {
            let base = url
                .trim_end_matches('/')
                .trim_end_matches(cashflows::environments::REMOTE_AUTH_PATH);
            Environment::Custom(base.to_owned())
        }
        _ => Environment::Integration,
    };
    let auth_id = std::env::var("CASHFLOWS_AUTH_ID").map_err(|_| "set CASHFLOWS_AUTH_ID")?;
    let auth_pass = std::env::var("CASHFLOWS_AUTH_PASS").map_err(|_| "set CASHFLOWS_AUTH_PASS")?;
    let client = Client::builder(environment)
        .remote_auth_credentials(RemoteAuthCredentials::new(auth_id, auth_pass))
        .build()
        .map_err(|err| err.to_string())?;

    let card = test_cards::VISA_CREDIT_4000000000000002;
    let request = RemoteAuthRequest {
        tran_type: Some(TransactionType::Sale),
        tran_class: Some(TransactionClass::Ecommerce),
        card_num: Some(CardNumber::new(card.number)),
        card_cvv: Some(CardSecurityCode::new(card.cvc)),
        card_expiry: Some(expiry_two_years_ahead()),
        cust_name: Some(test_cards::LUKE_SKYWALKER.name.to_owned()),
        tran_ref: Some("remote-auth-example".to_owned()),
        tran_amount: Some(Amount::from_minor_units(1000)),
        tran_currency: Some("GBP".to_owned()),
        tran_testmode: Some(true),
        ..RemoteAuthRequest::default()
    };
    let reply = client
        .remote_auth(&request)
        .await
        .map_err(|err| err.to_string())?;
    if reply.is_authorised() {
        println!(
            "authorised: transaction {} code {}",
            reply.transaction_id, reply.code
        );
        Ok(())
    } else {
        Err(format!("declined: {} {}", reply.code, reply.message))
    }
}

/// December, two years from now, as `MMYY`.
fn expiry_two_years_ahead() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let year = 1970 + seconds / 31_556_952 + 2;
    format!("12{:02}", year % 100)
}
