//! Client overhead where it is the only variable: the client against plain
//! reqwest sending the same pre-signed bytes, both calling a minimal server
//! that answers every request with fixed bytes. The server runs on a thread
//! of its own pinned to one core, the callers on another where the machine
//! has two, so the server's work neither varies nor competes with theirs.
//! Several rounds of alternating batches; the median ratio and the spread
//! of the rounds are reported.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use cashflows::models::{CreatePaymentJobRequest, PaymentMethodToUse, UpdateOrderRequest};
use cashflows::{Amount, Client, Environment, GatewayCredentials, sign_request};
use http_body_util::Full;
use hyper::{Request, Response};

use crate::report::{Report, listed, median_and_range};

const ROUNDS: usize = 9;
const CALLS_PER_ROUND: usize = 4_000;
const BATCH: usize = 20;
const CONFIGURATION_ID: &str = "bench-configuration";
const API_KEY: &str = "bench-api-key";
const REFERENCE: &str = "220000000000000001";

/// What the server answers to every create (201) and retrieve (200): a
/// payment job as the Gateway shapes it.
fn job_body() -> Bytes {
    let job = serde_json::json!({
        "data": {
            "reference": REFERENCE,
            "type": "Payment",
            "paymentStatus": "Paid",
            "currency": "GBP",
            "amountToCollect": "10.00",
            "order": { "orderNumber": "bench-order" },
            "payments": [{
                "reference": "220000000000000002",
                "status": "Paid",
                "paymentMethod": "Card",
                "amountToCollect": "10.00",
                "paidAmount": "10.00",
            }],
        },
        "errorReport": null,
        "links": { "data": { "url": "https://gateway.example/job", "type": "application/json" } },
    });
    Bytes::from(serde_json::to_vec(&job).unwrap_or_default())
}

/// Pins the calling thread to core `index`, where the machine has it.
fn pin(index: usize) -> bool {
    core_affinity::get_core_ids()
        .and_then(|cores| cores.get(index).copied())
        .is_some_and(core_affinity::set_for_current)
}

/// Starts the fixed-response server on a thread of its own; returns its
/// address and whether it could be pinned.
fn start_server() -> Result<(SocketAddr, bool), String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|err| err.to_string())?;
    listener
        .set_nonblocking(true)
        .map_err(|err| err.to_string())?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    let (pinned_tx, pinned_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = pinned_tx.send(pin(1));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        let Ok(runtime) = runtime else { return };
        runtime.block_on(serve(listener, job_body()));
    });
    let pinned = pinned_rx.recv().map_err(|err| err.to_string())?;
    Ok((address, pinned))
}

async fn serve(listener: std::net::TcpListener, body: Bytes) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    while let Ok((stream, _)) = listener.accept().await {
        let _ = stream.set_nodelay(true);
        let body = body.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                    let status = if request.method() == hyper::Method::POST {
                        201
                    } else {
                        200
                    };
                    let body = body.clone();
                    async move {
                        let response = Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .body(Full::new(body));
                        Ok::<_, Infallible>(response.unwrap_or_default())
                    }
                });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

fn request(order: usize) -> CreatePaymentJobRequest {
    CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
        order: Some(UpdateOrderRequest {
            order_number: Some(format!("bench-{order}")),
            ..UpdateOrderRequest::default()
        }),
        ..CreatePaymentJobRequest::default()
    }
}

/// A create then a retrieve through the client (which signs, serialises and
/// decodes the answers into models).
async fn client_pair(client: &Client, request: &CreatePaymentJobRequest) -> Result<(), String> {
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

/// The same two calls with plain reqwest: pre-serialised, pre-signed bytes
/// out, the answers read as JSON values.
async fn raw_pair(
    http: &reqwest::Client,
    base: &str,
    body: &[u8],
    hash: &str,
    empty_hash: &str,
) -> Result<(), String> {
    let created = http
        .post(format!("{base}/api/gateway/payment-jobs"))
        .header("ConfigurationId", CONFIGURATION_ID)
        .header("Hash", hash)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(body.to_vec())
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
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let bytes = retrieved.bytes().await.map_err(|err| err.to_string())?;
    let _: serde_json::Value = serde_json::from_slice(&bytes).map_err(|err| err.to_string())?;
    Ok(())
}

/// One round: alternating batches; the client's throughput over raw's.
async fn round(
    client: &Client,
    http: &reqwest::Client,
    base: &str,
    requests: &[CreatePaymentJobRequest],
    prepared: &[(Vec<u8>, String)],
    empty_hash: &str,
) -> Result<f64, String> {
    let (mut client_time, mut raw_time) = (Duration::ZERO, Duration::ZERO);
    for start in (0..requests.len()).step_by(BATCH) {
        let end = (start + BATCH).min(requests.len());
        let started = Instant::now();
        for request in &requests[start..end] {
            client_pair(client, request).await?;
        }
        client_time += started.elapsed();
        let started = Instant::now();
        for (body, hash) in &prepared[start..end] {
            raw_pair(http, base, body, hash, empty_hash).await?;
        }
        raw_time += started.elapsed();
    }
    Ok(raw_time.as_secs_f64() / client_time.as_secs_f64())
}

pub fn measure(report: &mut Report) -> Result<(), String> {
    // The callers run on a thread of their own, so pinning it leaves the
    // other benchmarks free to use every core.
    let (mut ratios, pinned) = std::thread::spawn(callers)
        .join()
        .map_err(|_| "the callers' thread panicked".to_owned())??;
    let (median, low, high) = median_and_range(&mut ratios);
    let spread = (high - low) / median * 100.0;
    let pinning = if pinned {
        "server and callers pinned to separate cores"
    } else {
        "not pinned (the machine does not allow it)"
    };
    report.add(
        "client overhead against a fixed-response server (client/raw throughput, median)",
        format!("{median:.3} (spread {spread:.1} % over {ROUNDS} rounds)"),
        "≥ 0.95, spread < 2 %",
        Some(median >= 0.95 && spread < 2.0),
        format!(
            "{ROUNDS} rounds of {CALLS_PER_ROUND} create-then-retrieve pairs each, \
             in alternating batches of {BATCH}; {pinning}; rounds {}",
            listed(&ratios)
        ),
    );
    Ok(())
}

/// Starts the server, pins this thread away from it, and runs the rounds:
/// each round's ratio, and whether both sides were pinned.
fn callers() -> Result<(Vec<f64>, bool), String> {
    let (address, server_pinned) = start_server()?;
    let callers_pinned = pin(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| err.to_string())?;
    let base = format!("http://{address}");
    let client = Client::builder(Environment::Custom(base.clone()))
        .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
        .build()
        .map_err(|err| err.to_string())?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| err.to_string())?;
    let requests: Vec<_> = (0..CALLS_PER_ROUND).map(request).collect();
    let prepared: Vec<(Vec<u8>, String)> = requests
        .iter()
        .map(|request| {
            let body = serde_json::to_vec(request).unwrap_or_default();
            let hash = sign_request(API_KEY, &body);
            (body, hash)
        })
        .collect();
    let empty_hash = sign_request(API_KEY, b"");
    let ratios = runtime.block_on(async {
        // One uncounted round warms both connection pools, the allocator and
        // the server.
        round(&client, &http, &base, &requests, &prepared, &empty_hash).await?;
        let mut ratios = Vec::new();
        for _ in 0..ROUNDS {
            ratios.push(round(&client, &http, &base, &requests, &prepared, &empty_hash).await?);
        }
        Ok::<_, String>(ratios)
    })?;
    Ok((ratios, server_pinned && callers_pinned))
}
