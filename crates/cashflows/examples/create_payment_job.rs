//! Creates a GBP 10.00 payment job paid with a test card, and prints its
//! reference and status.
//!
//! ```sh
//! CASHFLOWS_CONFIGURATION_ID=… CASHFLOWS_API_KEY=… \
//!   cargo run -p cashflows --example create_payment_job
//! ```
//!
//! `CASHFLOWS_BASE_URL` selects another Gateway (a local sandbox, say); the
//! integration environment is used when it is unset. `RUST_LOG=debug` shows
//! each call's span (never bodies or secrets).

mod support;

use std::process::ExitCode;

use cashflows::{Client, CreateOutcome, Error, GatewayCredentials};
use support::required;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("create_payment_job failed: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let configuration_id = required("CASHFLOWS_CONFIGURATION_ID")?;
    let api_key = required("CASHFLOWS_API_KEY")?;
    let client = Client::builder(support::environment())
        .gateway_credentials(GatewayCredentials::new(configuration_id, api_key))
        .build()
        .map_err(|err| err.to_string())?;

    // A GBP 10.00 card payment with a test card: see `support/mod.rs`.
    let request = support::test_card_payment();
    let response = match client.create_payment_job(&request).await {
        Ok(response) => response,
        // The create may have happened: never send it again blindly.
        Err(Error::OutcomeUnknown(unknown)) => {
            return match client.resolve_unknown_create(&unknown).await {
                Ok(CreateOutcome::Created) => {
                    println!("the job was created; its reference comes with its webhook");
                    Ok(())
                }
                Ok(CreateOutcome::NotCreated) => {
                    Err("the job was not created; it is safe to create it again".to_owned())
                }
                Err(error) => Err(format!("still unknown: {error}")),
            };
        }
        Err(other) => return Err(other.to_string()),
    };
    let job = response.data;
    let status = job
        .payment_status
        .as_ref()
        .map_or("unknown", |status| status.as_str());
    let reference = job.job_reference().unwrap_or_default();
    println!("payment job {reference} is {status}");
    for warning in &response.warnings {
        println!("warning: {}", warning.message);
    }
    Ok(())
}
