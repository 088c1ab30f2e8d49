//! The sandbox as a server: how soon after `Sandbox::start` it answers its
//! first request, and how many requests a second it serves to 64 concurrent
//! clients, each against a minimal axum server measured alongside in the same
//! run, alternating the two so a noisy machine affects both alike.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use cashflows::models::{CreatePaymentJobRequest, PaymentMethodToUse};
use cashflows::{Amount, Client, Environment, GatewayCredentials, sign_request};
use cashflows_sandbox::{Sandbox, SandboxConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::report::{self, Report};

/// Starts of each server for the first-answer figure.
const STARTS: usize = 200;
/// Starts of each server before measuring, not counted.
const WARM_STARTS: usize = 5;
/// Concurrent clients for the throughput figure.
const CLIENTS: usize = 64;
/// Requests each client sends per round.
const PER_CLIENT: usize = 150;
/// Measured rounds against each server (one more, uncounted, warms up).
const ROUNDS: usize = 3;

const CONFIGURATION_ID: &str = "bench-configuration";
const API_KEY: &str = "bench-api-key";
/// The path both servers answer; the sandbox's retrieve-payment-job route.
const JOB_ROUTE: &str = "/api/gateway/payment-jobs/{reference}";
/// What the minimal server answers in the first-answer figure.
const FIXED_JSON: &[u8] = br#"{"data":{"reference":"1"}}"#;

fn config() -> SandboxConfig {
    SandboxConfig::new(CONFIGURATION_ID, API_KEY, "1234567", "bench-pass")
}

/// A minimal axum 0.8 server: one route answering fixed JSON bytes.
struct Minimal {
    base_url: String,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl Minimal {
    async fn start(body: Bytes) -> io::Result<Minimal> {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
        let addr = listener.local_addr()?;
        let app = Router::new().route(
            JOB_ROUTE,
            get(move || {
                let body = body.clone();
                async move { ([(CONTENT_TYPE, "application/json")], body) }
            }),
        );
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Minimal {
            base_url: format!("http://{addr}"),
            stop,
            task,
        })
    }

    async fn shutdown(self) -> Result<(), String> {
        let _ = self.stop.send(());
        self.task
            .await
            .map_err(|err| err.to_string())?
            .map_err(|err| err.to_string())
    }
}

/// One GET; any answer counts.
async fn probe(http: &reqwest::Client, base: &str) -> Result<(), String> {
    let answer = http
        .get(format!("{base}/api/gateway/payment-jobs/1"))
        .send()
        .await
        .map_err(|err| err.to_string())?;
    answer.bytes().await.map_err(|err| err.to_string())?;
    Ok(())
}

async fn sandbox_first_answer(http: &reqwest::Client) -> Result<Duration, String> {
    let started = Instant::now();
    let sandbox = Sandbox::start(config())
        .await
        .map_err(|err| err.to_string())?;
    probe(http, sandbox.base_url()).await?;
    let elapsed = started.elapsed();
    sandbox.shutdown().await;
    Ok(elapsed)
}

async fn minimal_first_answer(http: &reqwest::Client) -> Result<Duration, String> {
    let started = Instant::now();
    let minimal = Minimal::start(Bytes::from_static(FIXED_JSON))
        .await
        .map_err(|err| err.to_string())?;
    probe(http, &minimal.base_url).await?;
    let elapsed = started.elapsed();
    minimal.shutdown().await?;
    Ok(elapsed)
}

async fn first_answer(report: &mut Report) -> Result<(), String> {
    // A fresh connection for every probe, as a test's first request would make.
    let http = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|err| err.to_string())?;
    for _ in 0..WARM_STARTS {
        sandbox_first_answer(&http).await?;
        minimal_first_answer(&http).await?;
    }
    let (mut sandbox, mut minimal) = (Vec::with_capacity(STARTS), Vec::with_capacity(STARTS));
    for _ in 0..STARTS {
        sandbox.push(sandbox_first_answer(&http).await?);
        minimal.push(minimal_first_answer(&http).await?);
    }
    let (sandbox, minimal) = (report::median(sandbox), report::median(minimal));
    let ratio = sandbox.as_secs_f64() / minimal.as_secs_f64();
    report.add(
        &format!(
            "sandbox start to first answer (median of {STARTS} starts; minimal axum server alongside)"
        ),
        format!(
            "{:.2} ms vs {:.2} ms ({ratio:.1}×)",
            report::millis(sandbox),
            report::millis(minimal)
        ),
        "≤ 2× the minimal server",
        Some(ratio <= 2.0),
        format!(
            "start, then one GET on a fresh loopback connection (sandbox answers 401, minimal 200); \
             alternating, after {WARM_STARTS} uncounted starts each"
        ),
    );
    Ok(())
}

/// Creates one payment job and returns its retrieve URL path and the exact
/// bytes the sandbox answers a signed GET of it with.
async fn job_answer(
    sandbox: &Sandbox,
    http: &reqwest::Client,
    empty_hash: &str,
) -> Result<(String, Bytes), String> {
    let client = Client::builder(Environment::Custom(sandbox.base_url().to_owned()))
        .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
        .build()
        .map_err(|err| err.to_string())?;
    let job = client
        .create_payment_job(&CreatePaymentJobRequest {
            currency: "GBP".to_owned(),
            amount_to_collect: Some(Amount::from_minor_units(1000)),
            payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
            ..CreatePaymentJobRequest::default()
        })
        .await
        .map_err(|err| err.to_string())?;
    let reference = job
        .data
        .reference
        .as_ref()
        .ok_or("the created job has no reference")?;
    let path = format!("/api/gateway/payment-jobs/{}", reference.as_str());
    let answer = http
        .get(format!("{}{path}", sandbox.base_url()))
        .header("ConfigurationId", CONFIGURATION_ID)
        .header("Hash", empty_hash)
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let status = answer.status();
    let body = answer.bytes().await.map_err(|err| err.to_string())?;
    if status != reqwest::StatusCode::OK {
        return Err(format!("retrieving the job answered {status}"));
    }
    Ok((path, body))
}

/// One round: `CLIENTS` tasks sharing `http`, each sending `PER_CLIENT`
/// signed GETs of `url`; every answer must be 200 with `expected` as body.
async fn round(
    http: &reqwest::Client,
    url: &Arc<str>,
    empty_hash: &Arc<str>,
    expected: &Bytes,
) -> Result<Duration, String> {
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for _ in 0..CLIENTS {
        let (http, url, hash, expected) = (
            http.clone(),
            Arc::clone(url),
            Arc::clone(empty_hash),
            expected.clone(),
        );
        clients.spawn(async move {
            for _ in 0..PER_CLIENT {
                let answer = http
                    .get(&*url)
                    .header("ConfigurationId", CONFIGURATION_ID)
                    .header("Hash", &*hash)
                    .send()
                    .await
                    .map_err(|err| err.to_string())?;
                let status = answer.status();
                let body = answer.bytes().await.map_err(|err| err.to_string())?;
                if status != reqwest::StatusCode::OK {
                    return Err(format!("{url} answered {status}"));
                }
                if body != expected {
                    return Err(format!("{url} answered different bytes"));
                }
            }
            Ok::<(), String>(())
        });
    }
    while let Some(joined) = clients.join_next().await {
        joined.map_err(|err| err.to_string())??;
    }
    Ok(started.elapsed())
}

async fn throughput(report: &mut Report) -> Result<(), String> {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .map_err(|err| err.to_string())?;
    let empty_hash: Arc<str> = sign_request(API_KEY, b"").into();
    let sandbox = Sandbox::start(config())
        .await
        .map_err(|err| err.to_string())?;
    let (path, body) = job_answer(&sandbox, &http, &empty_hash).await?;
    let minimal = Minimal::start(body.clone())
        .await
        .map_err(|err| err.to_string())?;
    let sandbox_url: Arc<str> = format!("{}{path}", sandbox.base_url()).into();
    let minimal_url: Arc<str> = format!("{}{path}", minimal.base_url).into();

    // One uncounted round each opens the connections.
    round(&http, &sandbox_url, &empty_hash, &body).await?;
    round(&http, &minimal_url, &empty_hash, &body).await?;
    let (mut sandbox_time, mut minimal_time) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..ROUNDS {
        sandbox_time += round(&http, &sandbox_url, &empty_hash, &body).await?;
        minimal_time += round(&http, &minimal_url, &empty_hash, &body).await?;
    }
    sandbox.shutdown().await;
    minimal.shutdown().await?;

    let requests = (ROUNDS * CLIENTS * PER_CLIENT) as f64;
    let (sandbox_rate, minimal_rate) = (
        requests / sandbox_time.as_secs_f64(),
        requests / minimal_time.as_secs_f64(),
    );
    let ratio = sandbox_rate / minimal_rate;
    report.add(
        &format!(
            "sandbox throughput, {CLIENTS} concurrent clients, vs minimal axum answering the same JSON"
        ),
        format!(
            "{ratio:.2} ({} vs {} req/s)",
            thousands(sandbox_rate),
            thousands(minimal_rate)
        ),
        "≥ 0.90",
        Some(ratio >= 0.90),
        format!(
            "signed GET of one payment job ({} bytes of JSON), {ROUNDS} alternating rounds of \
             {CLIENTS} × {PER_CLIENT} requests each, after one uncounted round each; every answer \
             checked (200, same bytes)",
            body.len()
        ),
    );
    Ok(())
}

/// `12345.6` as `12,346`.
pub fn thousands(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

pub async fn measure(report: &mut Report) -> Result<(), String> {
    first_answer(report).await?;
    throughput(report).await
}
