//! The blocking client (the `blocking` feature): creates a GBP 10.00 payment
//! job paid with a test card, retrieves it and prints its status. No async
//! code anywhere: the client owns its runtime.
//!
//! ```sh
//! CASHFLOWS_CONFIGURATION_ID=… CASHFLOWS_API_KEY=… \
//!   cargo run -p cashflows --features blocking --example blocking_payment_job
//! ```
//!
//! `CASHFLOWS_BASE_URL` selects another Gateway (a local sandbox, say); the
//! integration environment is used when it is unset.

mod support;

use std::process::ExitCode;

use cashflows::{Error, GatewayCredentials, blocking};
use support::required;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("blocking_payment_job failed: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let client = blocking::Client::builder(support::environment())
        .gateway_credentials(GatewayCredentials::new(
            required("CASHFLOWS_CONFIGURATION_ID")?,
            required("CASHFLOWS_API_KEY")?,
        ))
        .build_blocking()
        .map_err(|err| err.to_string())?;

    // A GBP 10.00 card payment with a test card: see `support/mod.rs`.
    let request = support::test_card_payment();
    let created = match client.create_payment_job(&request) {
        Ok(created) => created.data,
        // It may have happened: never send it again blindly.
        Err(Error::OutcomeUnknown(unknown)) => {
            let outcome = client
                .resolve_unknown_create(&unknown)
                .map_err(|err| format!("still unknown: {err}"))?;
            return Err(format!("the create's answer was lost; it was {outcome:?}"));
        }
        Err(other) => return Err(other.to_string()),
    };
    let reference = created
        .job_reference()
        .ok_or("the Gateway sent no job reference")?;
    // Confirm from the Gateway, not from the create's answer alone.
    let job = client
        .retrieve_payment_job(reference)
        .map_err(|err| err.to_string())?
        .data;
    let status = job
        .payment_status
        .as_ref()
        .map_or("unknown", |status| status.as_str());
    println!("payment job {reference} is {status}");
    Ok(())
}
