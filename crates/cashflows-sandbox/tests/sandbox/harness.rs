//! What the sandbox's own tests share beyond the workspace's test support
//! (the test credentials, the sandbox's start-up, the raw HTTP reader): a
//! sandbox with a raw HTTP client, requests signed by hand (SHA-512 of the
//! API key and the body), answers read as plain JSON or text, and a tiny
//! webhook receiver.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cashflows::GatewayErrorCode;
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER, REMOTE_AUTH_PATH};
use cashflows::test_cards::{self, TestCard};
use cashflows_sandbox::{Sandbox, SandboxClock, SandboxConfig};
use cashflows_test_support::raw_http;
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha512};
use tokio::sync::mpsc;

pub(crate) use cashflows_test_support::jobs::order_number;
pub(crate) use cashflows_test_support::sandbox::config;
pub(crate) use cashflows_test_support::{API_KEY, AUTH_ID, AUTH_PASS, CONFIGURATION_ID};

pub(crate) const JOBS: &str = "/api/gateway/payment-jobs";

/// `Decimal::MAX`: the largest amount a JSON request can spell.
pub(crate) const HUGE: &str = "79228162514264337593543950335";

/// Upper-case hex SHA-512 of the API key followed by the body.
pub(crate) fn sign(body: &[u8]) -> String {
    let mut hasher = Sha512::new();
    hasher.update(API_KEY.as_bytes());
    hasher.update(body);
    hex::encode_upper(hasher.finalize())
}

/// A sandbox and a raw HTTP client.
pub(crate) struct Harness {
    pub(crate) sandbox: Sandbox,
    pub(crate) http: reqwest::Client,
}

/// A response: status and body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) body: Value,
}

impl Harness {
    pub(crate) async fn start() -> Self {
        Self::start_with(config()).await
    }

    pub(crate) async fn start_with(config: SandboxConfig) -> Self {
        Self::around(cashflows_test_support::sandbox::start_with(config).await)
    }

    /// A sandbox that reads the time from `clock`.
    pub(crate) async fn start_with_clock(config: SandboxConfig, clock: SandboxClock) -> Self {
        let sandbox = Sandbox::start_with_clock(config, clock)
            .await
            .expect("the sandbox starts on loopback");
        Self::around(sandbox)
    }

    fn around(sandbox: Sandbox) -> Self {
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("a client");
        Harness { sandbox, http }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// Sends `body` with the given headers, as given.
    pub(crate) async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        configuration_id: Option<&str>,
        hash: Option<String>,
    ) -> Answer {
        let configuration_id = configuration_id.map(|id| (CONFIGURATION_ID_HEADER, id.to_owned()));
        let hash = hash.map(|hash| (HASH_HEADER, hash));
        let headers: Vec<_> = configuration_id.into_iter().chain(hash).collect();
        self.raw_with_headers(method, path, body, &headers).await
    }

    /// Sends `body` with these headers, each as given, in order (a name
    /// given twice is sent twice).
    pub(crate) async fn raw_with_headers(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        headers: &[(&str, String)],
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if !body.is_empty() {
            request = request.header("content-type", "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.body(body).send().await.expect("an answer");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.bytes().await.expect("a body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            content_type,
            body,
        }
    }

    /// A correctly signed Gateway call.
    pub(crate) async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> Answer {
        let bytes = body
            .map(|body| serde_json::to_vec(body).expect("JSON"))
            .unwrap_or_default();
        let hash = sign(&bytes);
        self.raw(method, path, bytes, Some(CONFIGURATION_ID), Some(hash))
            .await
    }

    pub(crate) async fn create(&self, request: &Value) -> Answer {
        self.call(Method::POST, JOBS, Some(request)).await
    }

    /// Creates a job that must succeed; returns (job, payment) references.
    pub(crate) async fn create_ok(&self, request: &Value) -> (String, String) {
        let answer = self.create(request).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        let job = answer.body["data"]["reference"]
            .as_str()
            .expect("a job reference")
            .to_owned();
        let payment = answer.body["data"]["payments"][0]["reference"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        (job, payment)
    }

    pub(crate) async fn remote_auth(&self, fields: &[(&str, &str)]) -> (String, Vec<String>) {
        let response = self
            .http
            .post(self.url(REMOTE_AUTH_PATH))
            .form(fields)
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 200);
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(content_type.starts_with("text/plain"), "{content_type}");
        let text = response.text().await.expect("a reply");
        let fields = text.split('|').map(str::to_owned).collect();
        (text, fields)
    }
}

/// A browser that does not follow redirects, for the shopper's pages.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// Submits the hosted page's card form at `url` with the first Visa test
/// card and `holder`, as a browser without JavaScript would.
pub(crate) async fn pay_on_page(url: &str, holder: &str) -> reqwest::Response {
    let card = cashflows::test_cards::VISA_CREDIT_4000000000000002;
    browser()
        .post(url)
        .form(&[
            ("cardNumber", card.number),
            ("cardExpiryMonth", "12"),
            ("cardExpiryYear", "30"),
            ("cardCvc", card.cvc),
            ("cardHolderName", holder),
        ])
        .send()
        .await
        .expect("an answer")
}

/// Answers the 3-D Secure challenge page at `url`.
pub(crate) async fn answer_challenge(url: &str, pass: bool) -> reqwest::Response {
    let result = if pass { "pass" } else { "fail" };
    browser()
        .post(url)
        .form(&[("result", result)])
        .send()
        .await
        .expect("an answer")
}

pub(crate) fn payment_path(job: &str, payment: &str) -> String {
    format!("{JOBS}/{job}/payments/{payment}")
}

/// A direct card payment, parameters in the documented PascalCase.
pub(crate) fn card_job(amount: &str, card: &TestCard, holder: &str) -> Value {
    json!({
        "currency": "GBP",
        "amountToCollect": amount,
        "paymentMethodsToUse": ["CreditCard"],
        "order": { "orderNumber": order_number() },
        "parameters": {
            "CardNumber": card.number,
            "CardCvc": card.cvc,
            "CardExpiryMonth": "12",
            "CardExpiryYear": "30",
            "CardHolderName": holder,
        },
    })
}

pub(crate) fn luke(amount: &str) -> Value {
    card_job(
        amount,
        &test_cards::VISA_CREDIT_4000000000000002,
        test_cards::LUKE_SKYWALKER.name,
    )
}

pub(crate) fn reserved(amount: &str) -> Value {
    let mut request = luke(amount);
    request["parameters"]["SimulatedStatus"] = json!("Reserved");
    request
}

/// The answer is a 400 carrying exactly this documented error: the
/// published code (absent when none is published) and the message verbatim.
pub(crate) fn assert_refused(answer: &Answer, error: GatewayErrorCode) {
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let report = &answer.body["errorReport"];
    assert_eq!(report["isFatalError"], json!(true));
    assert_eq!(report["language"], json!("en_GB"));
    let errors = report["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{}", answer.body);
    let entry = &errors[0];
    let message = error.message().expect("a documented message");
    assert_eq!(entry["message"], json!(message));
    assert_eq!(entry["translatedMessage"], json!(message));
    assert_eq!(entry["parameters"], json!([]));
    match error.code() {
        Some(code) => assert_eq!(entry["code"], json!(code)),
        None => assert!(
            entry.get("code").is_none(),
            "no code is published for {message:?}: {entry}"
        ),
    }
}

/// A tiny webhook receiver: answers each delivery with the next status of
/// `statuses` (then 200), acknowledging with an echo of both references when
/// it answers 200. Sends every body it receives.
pub(crate) async fn receiver(
    statuses: Vec<u16>,
    echo: bool,
) -> (String, mpsc::UnboundedReceiver<Value>) {
    let (listener, base) = raw_http::listen().await;
    let (deliveries, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut statuses = statuses.into_iter();
        while let Ok((mut stream, _)) = listener.accept().await {
            let Some(request) = raw_http::read_message(&mut stream).await else {
                continue;
            };
            let notification: Value = serde_json::from_slice(request.body()).unwrap_or(Value::Null);
            let status = statuses.next().unwrap_or(200);
            let answer = if status == 200 && echo {
                json!({
                    "paymentJobReference": notification["paymentJobReference"],
                    "paymentReference": notification["paymentReference"],
                })
                .to_string()
            } else {
                "{}".to_owned()
            };
            let status = format!("{status} X");
            let _ = raw_http::respond(&mut stream, &status, "application/json", answer.as_bytes())
                .await;
            let _ = deliveries.send(notification);
        }
    });
    (format!("{base}/hook"), received)
}

pub(crate) async fn next_delivery(received: &mut mpsc::UnboundedReceiver<Value>) -> Value {
    tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("delivered in time")
        .expect("a delivery")
}

pub(crate) fn fast_webhooks(attempts: u32) -> SandboxConfig {
    let mut config = config();
    config.webhook_attempts = attempts;
    config.webhook_initial_backoff = Duration::from_millis(10);
    config
}

/// Every log event of the sandbox in this test binary, as `field=value`
/// text, from the first call on: a subscriber for the whole process (the
/// sandbox logs from its own tasks), installed once.
pub(crate) fn captured_logs() -> Arc<Mutex<Vec<String>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<String>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        tracing::subscriber::set_global_default(Capture(Arc::clone(&logs)))
            .expect("no other subscriber in this binary");
        logs
    })
    .clone()
}

/// A subscriber that keeps the sandbox's events as text.
struct Capture(Arc<Mutex<Vec<String>>>);

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if !event.metadata().target().starts_with("cashflows_sandbox") {
            return;
        }
        let mut text = String::new();
        event.record(&mut EventText(&mut text));
        self.0.lock().expect("the log").push(text);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

struct EventText<'a>(&'a mut String);

impl tracing::field::Visit for EventText<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}
