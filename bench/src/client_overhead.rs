//! Client overhead against one in-process sandbox: create-then-retrieve
//! through the client, beside the same calls made by plain reqwest from
//! pre-serialised, pre-signed bytes, and by the serde peers
//! (`crate::peer`), in alternating batches; several rounds, with each
//! median ratio and the rounds' spread reported. The sandbox's own work
//! dilutes the differences the fixed-response server shows.

use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentMethodToUse, UpdateOrderRequest,
};
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Client, Environment, GatewayCredentials, sign_request,
    test_cards,
};
use cashflows_sandbox::{Sandbox, SandboxConfig};

use crate::alternate::alternate;
use crate::fixed_server::{ALL_SIDES, Side};
use crate::peer::{self, CreateJob, Peer, strict};
use crate::report::{Report, Rounds};

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

/// The same request as the peer's own struct.
fn peer_request(order: usize, prefix: &str) -> CreateJob {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    CreateJob {
        order: Some(peer::OrderRequest {
            order_number: format!("{prefix}-{order}"),
        }),
        payment_methods_to_use: vec![strict::PaymentMethodToUse::CreditCard],
        parameters: Some(peer::CardParameters {
            card_number: card.number.to_owned(),
            card_cvc: card.cvc.to_owned(),
            card_expiry_month: "12".to_owned(),
            card_expiry_year: "30".to_owned(),
            card_holder_name: test_cards::LUKE_SKYWALKER.name.to_owned(),
        }),
        currency: "GBP".to_owned(),
        amount_to_collect: rust_decimal::Decimal::new(1000, 2),
    }
}

/// Pre-serialised, pre-signed bodies for the plain reqwest side.
struct Prepared {
    body: Vec<u8>,
    hash: String,
}

/// The body and signature of a request, made before the clock starts.
fn prepare(request: CreatePaymentJobRequest) -> Prepared {
    let body = serde_json::to_vec(&request).unwrap_or_default();
    let hash = sign_request(API_KEY, &body);
    Prepared { body, hash }
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

/// The callers, and the base URL they call.
struct Callers {
    base: String,
    client: Client,
    http: reqwest::Client,
    empty_hash: String,
    peer: Peer,
}

/// One round's requests for every side. Order numbers are new for each
/// side and round: the sandbox, like the Gateway, refuses a second job with
/// one.
struct Requests {
    client: Vec<CreatePaymentJobRequest>,
    plain: Vec<Prepared>,
    peer: Vec<CreateJob>,
    loose: Vec<CreateJob>,
}

impl Requests {
    fn new(round: usize) -> Requests {
        Requests {
            client: (0..CALLS)
                .map(|i| request(i, &format!("client{round}")))
                .collect(),
            plain: (0..CALLS)
                .map(|i| prepare(request(i, &format!("raw{round}"))))
                .collect(),
            peer: (0..CALLS)
                .map(|i| peer_request(i, &format!("peer{round}")))
                .collect(),
            loose: (0..CALLS)
                .map(|i| peer_request(i, &format!("loose{round}")))
                .collect(),
        }
    }
}

impl Callers {
    async fn call(&self, side: Side, requests: &Requests, index: usize) -> Result<(), String> {
        match side {
            Side::Client => client_call(&self.client, &requests.client[index]).await,
            Side::Plain => {
                raw_call(
                    &self.http,
                    &self.base,
                    &requests.plain[index],
                    &self.empty_hash,
                )
                .await
            }
            Side::Peer => self.peer.pair(true, &requests.peer[index]).await,
            Side::LoosePeer => self.peer.pair(false, &requests.loose[index]).await,
        }
    }

    /// One round: each side's time for its calls, in alternating batches.
    async fn round(&self, round: usize) -> Result<Vec<f64>, String> {
        let requests = Requests::new(round);
        let times = alternate(ALL_SIDES.len(), CALLS, BATCH, |side, index| {
            self.call(ALL_SIDES[side], &requests, index)
        })
        .await?;
        Ok(times.iter().map(std::time::Duration::as_secs_f64).collect())
    }
}

pub async fn measure(report: &mut Report) -> Result<(), String> {
    let config = SandboxConfig::new(CONFIGURATION_ID, API_KEY, "1234567", "bench-pass");
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|err| err.to_string())?;
    let base = sandbox.base_url().to_owned();
    let callers = Callers {
        client: Client::builder(Environment::Custom(base.clone()))
            .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
            .build()
            .map_err(|err| err.to_string())?,
        http: reqwest::Client::new(),
        empty_hash: sign_request(API_KEY, b""),
        peer: Peer::new(&base, CONFIGURATION_ID, API_KEY)?,
        base,
    };

    // Warm the connection pools, and check that the peer decodes a paid job.
    client_call(&callers.client, &request(0, "warm-client")).await?;
    raw_call(
        &callers.http,
        &callers.base,
        &prepare(request(0, "warm-raw")),
        &callers.empty_hash,
    )
    .await?;
    let job = callers
        .peer
        .create_then_retrieve(&peer_request(0, "warm-peer"))
        .await?;
    check_paid(&job)?;

    let mut times = Vec::new();
    for round in 0..ROUNDS {
        times.push(callers.round(round).await?);
    }
    sandbox.shutdown().await;
    for (at, side) in ALL_SIDES.iter().enumerate().skip(1) {
        let ratios = times.iter().map(|round| round[at] / round[0]).collect();
        let rounds = Rounds::of(ratios);
        let per_second =
            |at: usize| (ROUNDS * CALLS) as f64 / times.iter().map(|round| round[at]).sum::<f64>();
        report.add(
            &format!("{}, in-process sandbox", side.name()),
            rounds.measured(),
            "shown",
            None,
            format!(
                "client/other throughput; {ROUNDS} rounds of {CALLS} create-then-retrieve pairs \
                 per side (card data: each job paid at once), in alternating batches of {BATCH} \
                 among {} sides: client {:.0}/s, other {:.0}/s; rounds {}",
                ALL_SIDES.len(),
                per_second(0),
                per_second(at),
                rounds.listed
            ),
        );
    }
    Ok(())
}

/// What the same-guarantee peer must make of a job the sandbox paid.
fn check_paid(job: &strict::Envelope) -> Result<(), String> {
    let data = &job.data;
    let paid = Some(strict::PaymentStatus::Paid);
    let decoded = data.reference.is_some()
        && data.payment_status == paid
        && data.amount_to_collect == Some(rust_decimal::Decimal::new(1000, 2))
        && !data.payments.is_empty()
        && data.payments.iter().all(|payment| payment.status == paid);
    if decoded {
        Ok(())
    } else {
        Err(format!("the same-guarantee peer decoded {job:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::{API_KEY, CONFIGURATION_ID, check_paid, peer_request, request};
    use crate::peer::{Peer, strict};
    use cashflows::{Client, Environment, GatewayCredentials};
    use cashflows_sandbox::{Sandbox, SandboxConfig};

    #[test]
    fn the_peer_sends_the_bytes_the_client_sends() {
        let client = serde_json::to_string(&request(3, "same")).unwrap_or_default();
        let peer = serde_json::to_string(&peer_request(3, "same")).unwrap_or_default();
        assert_eq!(peer, client);
    }

    /// The peer's structs know every field of a paid job the sandbox
    /// answers with, and read what the client reads.
    #[tokio::test]
    async fn the_peer_decodes_the_sandboxs_answers_as_the_client_does() {
        let config = SandboxConfig::new(CONFIGURATION_ID, API_KEY, "1234567", "bench-pass");
        let sandbox = Sandbox::start(config).await.expect("the sandbox starts");
        let peer = Peer::new(sandbox.base_url(), CONFIGURATION_ID, API_KEY).expect("a peer");
        let job: strict::Envelope = peer
            .create_then_retrieve(&peer_request(1, "decode"))
            .await
            .expect("the peer's calls succeed");
        assert_eq!(check_paid(&job), Ok(()));

        let client = Client::builder(Environment::Custom(sandbox.base_url().to_owned()))
            .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
            .build()
            .expect("a client");
        let reference = job.data.reference.as_deref().unwrap_or_default();
        let by_client = client
            .retrieve_payment_job(reference)
            .await
            .expect("the client's retrieve succeeds")
            .data;
        assert_eq!(job.data.payments.len(), by_client.payments.len());
        for (payment, by_client) in job.data.payments.iter().zip(&by_client.payments) {
            let by_client_reference = by_client
                .reference
                .as_ref()
                .map(|reference| reference.as_str());
            assert_eq!(payment.reference.as_deref(), by_client_reference);
            let amount = by_client
                .amount_to_collect
                .map(|amount| amount.as_decimal());
            assert_eq!(payment.amount_to_collect, amount);
            assert_eq!(payment.steps.len(), by_client.steps.len());
            assert!(payment.steps.iter().all(|step| step.other.is_empty()));
            assert!(payment.other.is_empty(), "{:?}", payment.other);
        }
        assert!(job.other.is_empty() && job.data.other.is_empty());
        let order = job.data.order.as_ref().expect("an order");
        assert_eq!(order.order_number.as_deref(), Some("decode-1"));
        assert!(order.other.is_empty());
        sandbox.shutdown().await;
    }
}
