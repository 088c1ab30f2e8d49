//! Client overhead: create-then-retrieve through the client, against the same
//! requests sent with plain reqwest from pre-serialised, pre-signed bytes,
//! both against one in-process sandbox, in alternating batches; several
//! rounds, with the median ratio and the rounds' spread reported.

use std::time::{Duration, Instant};

use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentMethodToUse, UpdateOrderRequest,
};
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Client, Environment, GatewayCredentials, sign_request,
    test_cards,
};
use cashflows_sandbox::{Sandbox, SandboxConfig};

use crate::report::{Report, listed, median_and_range};

const ROUNDS: usize = 5;
const CALLS: usize = 2_000;
const BATCH: usize = 100;
const CONFIGURATION_ID: &str = "bench-configuration";
const API_KEY: &str = "bench-api-key";

fn request(order: usize, prefix: &str) -> CreatePaymentJobRequest {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
        order: Some(UpdateOrderRequest {
            order_number: Some(format!("{prefix}-{order}")),
            ..UpdateOrderRequest::default()
        }),
        parameters: Some(PaymentJobParameters {
            card_number: Some(CardNumber::new(card.number)),
            card_cvc: Some(CardSecurityCode::new(card.cvc)),
            card_expiry_month: Some("12".to_owned()),
            card_expiry_year: Some("30".to_owned()),
            card_holder_name: Some(test_cards::LUKE_SKYWALKER.name.to_owned()),
            ..PaymentJobParameters::default()
        }),
        ..CreatePaymentJobRequest::default()
    }
}

/// Pre-serialised, pre-signed bodies for the plain reqwest side.
struct Prepared {
    body: Vec<u8>,
    hash: String,
}

async fn raw_call(
    http: &reqwest::Client,
    base: &str,
    prepared: &Prepared,
    empty_hash: &str,
) -> Result<(), String> {
    let created = http
        .post(format!("{base}/api/gateway/payment-jobs"))
        .header("ConfigurationId", CONFIGURATION_ID)
        .header("Hash", &prepared.hash)
        .header("Content-Type", "application/json")
        .body(prepared.body.clone())
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let bytes = created.bytes().await.map_err(|err| err.to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|err| err.to_string())?;
    let reference = value["data"]["reference"].as_str().ok_or("no reference")?;
    let retrieved = http
        .get(format!("{base}/api/gateway/payment-jobs/{reference}"))
        .header("ConfigurationId", CONFIGURATION_ID)
        .header("Hash", empty_hash)
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let status = retrieved.status();
    retrieved.bytes().await.map_err(|err| err.to_string())?;
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("retrieve answered {status}"))
    }
}

async fn client_call(client: &Client, request: &CreatePaymentJobRequest) -> Result<(), String> {
    let job = client
        .create_payment_job(request)
        .await
        .map_err(|err| err.to_string())?;
    let reference = job.data.reference.ok_or("no reference")?;
    client
        .retrieve_payment_job(reference.as_str())
        .await
        .map_err(|err| err.to_string())?;
    Ok(())
}

pub async fn measure(report: &mut Report) -> Result<(), String> {
    let config = SandboxConfig::new(CONFIGURATION_ID, API_KEY, "1234567", "bench-pass");
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|err| err.to_string())?;
    let base = sandbox.base_url().to_owned();
    let client = Client::builder(Environment::Custom(base.clone()))
        .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
        .build()
        .map_err(|err| err.to_string())?;
    let http = reqwest::Client::new();
    let empty_hash = sign_request(API_KEY, b"");

    // Warm both connection pools.
    client_call(&client, &request(0, "warm-client")).await?;
    raw_call(&http, &base, &prepare(request(0, "warm-raw")), &empty_hash).await?;

    let (mut ratios, mut client_time, mut raw_time) = (Vec::new(), Duration::ZERO, Duration::ZERO);
    for round in 0..ROUNDS {
        let (client, raw) = measure_round(&client, &http, &base, round, &empty_hash).await?;
        ratios.push(raw.as_secs_f64() / client.as_secs_f64());
        client_time += client;
        raw_time += raw;
    }
    let (median, low, high) = median_and_range(&mut ratios);
    let spread = (high - low) / median * 100.0;
    let per_second = |time: Duration| (ROUNDS * CALLS) as f64 / time.as_secs_f64();
    report.add(
        "client overhead against the in-process sandbox (client/raw throughput, median)",
        format!("{median:.3} (spread {spread:.1} % over {ROUNDS} rounds)"),
        "≥ 0.90",
        Some(median >= 0.90),
        format!(
            "{ROUNDS} rounds of {CALLS} create-then-retrieve calls each, in alternating batches \
             of {BATCH}: client {:.0}/s, raw reqwest {:.0}/s; rounds {}",
            per_second(client_time),
            per_second(raw_time),
            listed(&ratios)
        ),
    );
    Ok(())
}

/// The body and signature of a request, made before the clock starts.
fn prepare(request: CreatePaymentJobRequest) -> Prepared {
    let body = serde_json::to_vec(&request).unwrap_or_default();
    let hash = sign_request(API_KEY, &body);
    Prepared { body, hash }
}

/// One round: the client's and plain reqwest's time for the same calls, in
/// alternating batches. Order numbers are new each round: the sandbox, like
/// the Gateway, refuses a second job with one.
async fn measure_round(
    client: &Client,
    http: &reqwest::Client,
    base: &str,
    round: usize,
    empty_hash: &str,
) -> Result<(Duration, Duration), String> {
    let client_requests: Vec<_> = (0..CALLS)
        .map(|i| request(i, &format!("client{round}")))
        .collect();
    let prepared: Vec<Prepared> = (0..CALLS)
        .map(|i| prepare(request(i, &format!("raw{round}"))))
        .collect();
    let (mut client_time, mut raw_time) = (Duration::ZERO, Duration::ZERO);
    for start in (0..CALLS).step_by(BATCH) {
        let end = (start + BATCH).min(CALLS);
        let started = Instant::now();
        for request in &client_requests[start..end] {
            client_call(client, request).await?;
        }
        client_time += started.elapsed();
        let started = Instant::now();
        for prepared in &prepared[start..end] {
            raw_call(http, base, prepared, empty_hash).await?;
        }
        raw_time += started.elapsed();
    }
    Ok((client_time, raw_time))
}
