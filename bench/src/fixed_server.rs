//! Client overhead where it is the only variable: the client against the
//! code a user would write instead (reqwest and serde's derive, with the
//! client's guarantees and without them, `crate::peer`), and against plain
//! reqwest sending the same pre-signed bytes, all calling a minimal server
//! that answers every request with fixed bytes. The server runs on a thread
//! of its own pinned to one core, the callers on another where the machine
//! has two, so the server's work neither varies nor competes with theirs.
//! Several rounds of alternating batches; for each other side, the median
//! ratio and the spread of the rounds are reported.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use cashflows::models::{CreatePaymentJobRequest, PaymentMethodToUse, UpdateOrderRequest};
use cashflows::{Amount, Client, Environment, GatewayCredentials, sign_request};
use http_body_util::Full;
use hyper::{Request, Response};

use crate::alternate::alternate;
use crate::peer::{self, CreateJob, Peer, loose, strict};
use crate::report::{Report, Rounds};

/// Rounds when the command does not say.
pub const DEFAULT_ROUNDS: usize = 9;
const CALLS_PER_ROUND: usize = 12_000;
const BATCH: usize = 20;
const CONFIGURATION_ID: &str = "bench-configuration";
const API_KEY: &str = "bench-api-key";
const REFERENCE: &str = "220000000000000001";

/// What the server answers to every create (201) and retrieve (200): a
/// payment job as the Gateway shapes it. `paymentMethod` is a field no
/// model lists, so every decoder that keeps fields has one to keep.
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

/// Who makes the create-then-retrieve pairs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The client: serialises, signs, sends, decodes into its models.
    Client,
    /// Plain reqwest sending pre-serialised, pre-signed bytes and reading
    /// the answers as `serde_json::Value`s: the transport alone.
    Plain,
    /// reqwest and serde's derive with the client's guarantees.
    Peer,
    /// reqwest and serde's derive without them.
    LoosePeer,
}

/// The target, head to head: the client and the same-guarantee peer alone
/// (`cargo xtask bench peer`). Every further side in the alternation adds
/// its own noise to the rounds, so the target is measured without them.
pub const TARGET_SIDES: &[Side] = &[Side::Client, Side::Peer];
/// The figures: the client beside plain transport and the peer without the
/// guarantees, in a run of their own.
pub const FIGURE_SIDES: &[Side] = &[Side::Client, Side::Plain, Side::LoosePeer];
/// Every side at once: the in-process sandbox's rows, which are figures.
pub const ALL_SIDES: &[Side] = &[Side::Client, Side::Plain, Side::Peer, Side::LoosePeer];

impl Side {
    /// What the side is, in a row's name.
    pub fn name(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Plain => "client vs plain transport (pre-signed bytes, answers read as `Value`)",
            Side::Peer => "client vs same-guarantee serde peer",
            Side::LoosePeer => "client vs serde peer without those guarantees",
        }
    }

    /// The target against this server: the lowest median and the widest
    /// spread (in per cent) that meet it; `None` where the row is a figure.
    fn target(self) -> Option<(f64, f64)> {
        match self {
            Side::Peer => Some((0.98, 2.0)),
            _ => None,
        }
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

/// The same request as the peer's own struct.
fn peer_request(order: usize) -> CreateJob {
    CreateJob {
        order: Some(peer::OrderRequest {
            order_number: format!("bench-{order}"),
        }),
        payment_methods_to_use: vec![strict::PaymentMethodToUse::CreditCard],
        parameters: None,
        currency: "GBP".to_owned(),
        amount_to_collect: rust_decimal::Decimal::new(1000, 2),
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

/// Everything the sides call with, made before the clock starts.
struct Callers {
    base: String,
    client: Client,
    requests: Vec<CreatePaymentJobRequest>,
    plain: reqwest::Client,
    prepared: Vec<(Vec<u8>, String)>,
    empty_hash: String,
    peer: Peer,
    peer_requests: Vec<CreateJob>,
}

impl Callers {
    fn new(base: String) -> Result<Callers, String> {
        let client = Client::builder(Environment::Custom(base.clone()))
            .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
            .build()
            .map_err(|err| err.to_string())?;
        let plain = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| err.to_string())?;
        let requests: Vec<_> = (0..CALLS_PER_ROUND).map(request).collect();
        let prepared = requests
            .iter()
            .map(|request| {
                let body = serde_json::to_vec(request).unwrap_or_default();
                let hash = sign_request(API_KEY, &body);
                (body, hash)
            })
            .collect();
        Ok(Callers {
            peer: Peer::new(&base, CONFIGURATION_ID, API_KEY)?,
            peer_requests: (0..CALLS_PER_ROUND).map(peer_request).collect(),
            base,
            client,
            requests,
            plain,
            prepared,
            empty_hash: sign_request(API_KEY, b""),
        })
    }

    async fn pair(&self, side: Side, index: usize) -> Result<(), String> {
        match side {
            Side::Client => client_pair(&self.client, &self.requests[index]).await,
            Side::Plain => {
                let (body, hash) = &self.prepared[index];
                raw_pair(&self.plain, &self.base, body, hash, &self.empty_hash).await
            }
            Side::Peer | Side::LoosePeer => {
                let with_guarantees = side == Side::Peer;
                self.peer
                    .pair(with_guarantees, &self.peer_requests[index])
                    .await
            }
        }
    }

    /// One round: each side's time for the same pairs, in alternating
    /// batches.
    async fn round(&self, sides: &[Side]) -> Result<Vec<f64>, String> {
        let times = alternate(sides.len(), CALLS_PER_ROUND, BATCH, |side, index| {
            self.pair(sides[side], index)
        })
        .await?;
        Ok(times.iter().map(std::time::Duration::as_secs_f64).collect())
    }

    /// Checks that the peers decode the server's answer: the reference and
    /// status, the exact amount, and the field no model lists kept.
    async fn check_peers(&self) -> Result<(), String> {
        let job: strict::Envelope = self
            .peer
            .create_then_retrieve(&self.peer_requests[0])
            .await?;
        check_strict(&job)?;
        let job: loose::Envelope = self
            .peer
            .create_then_retrieve(&self.peer_requests[0])
            .await?;
        if job.data.reference.as_deref() == Some(REFERENCE)
            && job.data.amount_to_collect == Some(10.0)
        {
            Ok(())
        } else {
            Err(format!("the loose peer decoded {job:?}"))
        }
    }
}

/// What the same-guarantee peer must make of `job_body()`.
fn check_strict(job: &strict::Envelope) -> Result<(), String> {
    let data = &job.data;
    let payment = data.payments.first();
    let decoded = data.reference.as_deref() == Some(REFERENCE)
        && data.payment_status == Some(strict::PaymentStatus::Paid)
        && data.amount_to_collect == Some(rust_decimal::Decimal::new(1000, 2))
        && payment.is_some_and(|payment| payment.other.contains_key("paymentMethod"));
    if decoded {
        Ok(())
    } else {
        Err(format!("the same-guarantee peer decoded {job:?}"))
    }
}

/// Measures `sides` (the client first) over `rounds` rounds and adds one
/// row for each side beside the client.
pub fn measure(report: &mut Report, sides: &'static [Side], rounds: usize) -> Result<(), String> {
    // The callers run on a thread of their own, so pinning it leaves the
    // other benchmarks free to use every core.
    let (times, pinned) = std::thread::spawn(move || callers(sides, rounds))
        .join()
        .map_err(|_| "the callers' thread panicked".to_owned())??;
    let pinning = if pinned {
        "server and callers pinned to separate cores"
    } else {
        "not pinned (the machine does not allow it)"
    };
    for (at, side) in sides.iter().enumerate().skip(1) {
        // The client's throughput over the side's: the side's time over the
        // client's.
        let ratios = times.iter().map(|round| round[at] / round[0]).collect();
        let rounds = Rounds::of(ratios);
        let (target, met) = match side.target() {
            Some((median, spread)) => (
                format!("≥ {median}, spread < {spread} %"),
                Some(rounds.median >= median && rounds.spread < spread),
            ),
            None => ("shown".to_owned(), None),
        };
        report.add(
            &format!("{}, fixed-response server", side.name()),
            rounds.measured(),
            &target,
            met,
            format!(
                "client/other throughput; {} rounds of {CALLS_PER_ROUND} create-then-retrieve \
                 pairs per side, in alternating batches of {BATCH} among {} sides; {pinning}; \
                 rounds {}",
                rounds.count,
                sides.len(),
                rounds.listed
            ),
        );
    }
    Ok(())
}

/// Starts the server, pins this thread away from it, and runs the rounds:
/// each round's time per side, and whether both sides were pinned.
fn callers(sides: &[Side], rounds: usize) -> Result<(Vec<Vec<f64>>, bool), String> {
    let (address, server_pinned) = start_server()?;
    let callers_pinned = pin(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| err.to_string())?;
    let callers = Callers::new(format!("http://{address}"))?;
    let times = runtime.block_on(async {
        callers.check_peers().await?;
        // One uncounted round warms the connection pools, the allocator and
        // the server.
        callers.round(sides).await?;
        let mut times = Vec::new();
        for _ in 0..rounds {
            times.push(callers.round(sides).await?);
        }
        Ok::<_, String>(times)
    })?;
    Ok((times, server_pinned && callers_pinned))
}

#[cfg(test)]
mod tests {
    use super::{check_strict, job_body, peer_request, request};
    use crate::peer::{loose, strict};

    #[test]
    fn the_peer_sends_the_bytes_the_client_sends() {
        let client = serde_json::to_string(&request(7)).unwrap_or_default();
        let peer = serde_json::to_string(&peer_request(7)).unwrap_or_default();
        assert_eq!(peer, client);
    }

    #[test]
    fn the_peers_decode_the_servers_answer() {
        let body = job_body();
        let job: Result<strict::Envelope, _> = serde_json::from_slice(&body);
        assert_eq!(
            job.map_err(|err| err.to_string())
                .and_then(|job| check_strict(&job)),
            Ok(())
        );
        let job: Result<loose::Envelope, _> = serde_json::from_slice(&body);
        assert!(job.is_ok_and(|job| job.data.payment_status.as_deref() == Some("Paid")));
    }
}
