//! The code a user writes without the client: reqwest and serde's derive.
//! It sends the same create-then-retrieve requests the client sends
//! (serialising its own request struct of the same shape, signing
//! `api key ‖ body` with SHA-512 in upper-case hex, the same timeouts) and
//! decodes the answers into structs of the client's shape (`strict`, the
//! same guarantees) or into the few fields it reads (`loose`).

pub mod amount;
pub mod loose;
pub mod strict;

use std::time::Duration;

use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha512};

/// The client's defaults, so both sides run the same timers.
const TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A create-payment-job request, written in the order the client writes
/// its fields, so both send the same bytes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateJob {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderRequest>,
    pub payment_methods_to_use: Vec<strict::PaymentMethodToUse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<CardParameters>,
    pub currency: String,
    #[serde(with = "amount")]
    pub amount_to_collect: Decimal,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    pub order_number: String,
}

/// The Gateway names a job's parameters in PascalCase.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CardParameters {
    pub card_number: String,
    pub card_cvc: String,
    pub card_expiry_month: String,
    pub card_expiry_year: String,
    pub card_holder_name: String,
}

/// What the program reads of an answer: the job's reference, to retrieve it.
pub trait Answer: DeserializeOwned {
    fn reference(&self) -> Option<&str>;
}

impl Answer for strict::Envelope {
    fn reference(&self) -> Option<&str> {
        self.data.reference.as_deref()
    }
}

impl Answer for loose::Envelope {
    fn reference(&self) -> Option<&str> {
        self.data.reference.as_deref()
    }
}

/// A user's Gateway wrapper: one reqwest client, reused, and the
/// credentials.
pub struct Peer {
    http: reqwest::Client,
    base: String,
    configuration_id: String,
    api_key: String,
    /// A retrieve signs an empty body, whose signature never changes: made
    /// once, as the client makes it.
    empty_hash: String,
}

impl Peer {
    pub fn new(base: &str, configuration_id: &str, api_key: &str) -> Result<Peer, String> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(|err| err.to_string())?;
        Ok(Peer {
            http,
            base: base.to_owned(),
            configuration_id: configuration_id.to_owned(),
            empty_hash: sign(api_key, b""),
            api_key: api_key.to_owned(),
        })
    }

    /// Creates a job, then retrieves it by the reference the answer gives;
    /// the retrieved answer.
    /// One timed pair: created then retrieved, each answer decoded into the
    /// same-guarantee structs (`strict`) or the loose ones.
    pub async fn pair(&self, with_guarantees: bool, job: &CreateJob) -> Result<(), String> {
        if with_guarantees {
            self.create_then_retrieve::<strict::Envelope>(job)
                .await
                .map(drop)
        } else {
            self.create_then_retrieve::<loose::Envelope>(job)
                .await
                .map(drop)
        }
    }

    pub async fn create_then_retrieve<A: Answer>(&self, job: &CreateJob) -> Result<A, String> {
        let created: A = self.create(job).await?;
        let reference = created.reference().ok_or("no reference")?;
        self.retrieve(reference).await
    }

    pub async fn create<A: Answer>(&self, job: &CreateJob) -> Result<A, String> {
        // The signature covers exactly the bytes sent, so the body is
        // serialised once and sent as it is (not through `.json()`).
        let body = serde_json::to_vec(job).map_err(|err| err.to_string())?;
        let hash = sign(&self.api_key, &body);
        let request = self
            .http
            .post(format!("{}/api/gateway/payment-jobs", self.base))
            .header("ConfigurationId", &self.configuration_id)
            .header("Hash", hash)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .body(body);
        decode(request).await
    }

    pub async fn retrieve<A: Answer>(&self, reference: &str) -> Result<A, String> {
        let request = self
            .http
            .get(format!(
                "{}/api/gateway/payment-jobs/{reference}",
                self.base
            ))
            .header("ConfigurationId", &self.configuration_id)
            .header("Hash", &self.empty_hash)
            .header("Accept", "application/json");
        decode(request).await
    }
}

/// Sends `request`; a successful answer decoded, anything else an error.
async fn decode<A: Answer>(request: reqwest::RequestBuilder) -> Result<A, String> {
    let answer = request.send().await.map_err(|err| err.to_string())?;
    let status = answer.status();
    let bytes = answer.bytes().await.map_err(|err| err.to_string())?;
    if !status.is_success() {
        return Err(format!("the Gateway answered {status}"));
    }
    serde_json::from_slice(&bytes).map_err(|err| err.to_string())
}

/// SHA-512 of `api key ‖ body`, in upper-case hex.
pub fn sign(api_key: &str, body: &[u8]) -> String {
    let mut hasher = Sha512::new();
    hasher.update(api_key.as_bytes());
    hasher.update(body);
    hex::encode_upper(hasher.finalize())
}
