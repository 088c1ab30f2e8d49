//! The client: configuration, and the one path every Gateway call takes
//! (sign, send, retry where safe, read with a size cap, decode).

use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::endpoints::{Endpoint, Method};
use crate::envelope::{ErrorReport, Links};
use crate::error::{ApiError, DecodeError, Error, GatewayError, GatewayWarning, TransportError};
use crate::{Environment, GatewayCredentials, RemoteAuthCredentials};

/// A successful Gateway answer: its `data`, and the warnings and links that
/// came with it. Warnings are never dropped.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status.
    pub status: u16,
    /// The answer's `data`.
    pub data: T,
    /// The warnings of `errorReport`, recognised.
    pub warnings: Vec<GatewayWarning>,
    /// Links, such as where the shopper goes next (`links.action.url`).
    pub links: Option<Links>,
}

/// When calls are sent again after a failure.
///
/// Reads (`GET`) are retried after connection failures, timeouts, and 429,
/// 500, 502, 503 and 504 answers, honouring `Retry-After`. Every other call
/// is retried only when the connection failed before the request was sent.
/// A 401 is never retried: repeated signature failures lock the account.
///
/// ```
/// use std::time::Duration;
/// use cashflows::{Client, Environment, RetryPolicy};
///
/// let patient = RetryPolicy { max_retries: 4, ..RetryPolicy::default() };
/// let client = Client::builder(Environment::Integration)
///     .retry_policy(patient)
///     .timeout(Duration::from_secs(10))
///     .build();
/// assert!(client.is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a call may be sent again.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles each time.
    pub initial_backoff: Duration,
    /// The longest wait, including a server's `Retry-After`.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
    };
}

/// Builds a [`Client`]. The environment is required: there is no default.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    environment: Environment,
    gateway: Option<GatewayCredentials>,
    remote_auth: Option<RemoteAuthCredentials>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

impl ClientBuilder {
    /// Gateway credentials, needed for Gateway calls.
    pub fn gateway_credentials(mut self, credentials: GatewayCredentials) -> Self {
        self.gateway = Some(credentials);
        self
    }

    /// Remote Auth credentials, needed for Remote Auth calls.
    pub fn remote_auth_credentials(mut self, credentials: RemoteAuthCredentials) -> Self {
        self.remote_auth = Some(credentials);
        self
    }

    /// The longest a whole request may take (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When calls are sent again (see [`RetryPolicy`]).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The most bytes read from an answer (default 4 MiB); more is an error.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("cashflows-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| Error::Invalid(format!("cannot build the HTTP client: {err}")))?;
        Ok(Client { http, config: self })
    }
}

/// An async client for the Gateway and Remote Auth APIs.
///
/// ```no_run
/// use cashflows::{Client, Environment, GatewayCredentials};
///
/// # async fn run() -> Result<(), cashflows::Error> {
/// let client = Client::builder(Environment::Integration)
///     .gateway_credentials(GatewayCredentials::new("configuration-id", "api-key"))
///     .build()?;
/// let job = client.retrieve_payment_job("220516143012345678").await?;
/// println!("{:?}", job.data.payment_status);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientBuilder,
}

impl Client {
    /// A builder for a client of `environment`.
    pub fn builder(environment: Environment) -> ClientBuilder {
        ClientBuilder {
            environment,
            gateway: None,
            remote_auth: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            max_response_bytes: 4 * 1024 * 1024,
        }
    }

    /// The environment this client talks to.
    pub fn environment(&self) -> &Environment {
        &self.config.environment
    }

    /// One Gateway call: serialise once, sign those bytes, send exactly them.
    pub(crate) async fn gateway<B, T>(
        &self,
        endpoint: &Endpoint,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<&B>,
    ) -> Result<Response<T>, Error>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let credentials = self
            .config
            .gateway
            .as_ref()
            .ok_or_else(|| Error::Invalid("Gateway credentials are not set".to_string()))?;
        let bytes = match body {
            Some(body) => serde_json::to_vec(body)
                .map_err(|err| Error::Invalid(format!("cannot serialise the request: {err}")))?,
            None => Vec::new(),
        };
        let hash = credentials.sign(&bytes);
        let url = format!("{}{path}", self.config.environment.gateway_base_url());
        let span = tracing::info_span!(
            "cashflows.gateway",
            endpoint = endpoint.name,
            method = endpoint.method.as_str(),
            path = %path,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let send = || {
            let mut request = self
                .http
                .request(http_method(endpoint.method), &url)
                .header(
                    crate::environments::CONFIGURATION_ID_HEADER,
                    credentials.configuration_id(),
                )
                .header(crate::environments::HASH_HEADER, &hash)
                .header(reqwest::header::ACCEPT, "application/json")
                .timeout(self.config.timeout);
            if !query.is_empty() {
                request = request.query(&query);
            }
            if body.is_some() {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            request
        };
        let is_read = endpoint.method == Method::Get;
        async move {
            let started = Instant::now();
            let result = self.send_with_retries(send, is_read).await;
            let current = tracing::Span::current();
            current.record("duration_ms", started.elapsed().as_millis() as u64);
            let (status, body) = result?;
            current.record("status", status);
            tracing::debug!(status, "answer received");
            decode_gateway_response(status, &body)
        }
        .instrument(span)
        .await
    }

    /// Sends a request, retrying only where [`RetryPolicy`] says it is safe.
    /// Returns the status and the body, read up to the size cap.
    pub(crate) async fn send_with_retries(
        &self,
        build: impl Fn() -> reqwest::RequestBuilder,
        is_read: bool,
    ) -> Result<(u16, Vec<u8>), Error> {
        let policy = self.config.retry;
        let mut backoff = policy.initial_backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let outcome = match build().send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let retry_after = retry_after(&response);
                    match self.read_body(response).await {
                        Ok(body) => Attempt::Answered {
                            status,
                            body,
                            retry_after,
                        },
                        Err(error) => Attempt::Failed(error),
                    }
                }
                Err(error) => Attempt::Failed(self.transport_error(error)),
            };
            let retryable = attempt <= policy.max_retries && outcome.may_retry(is_read);
            if !retryable {
                return outcome.finish();
            }
            let wait = outcome
                .retry_after()
                .unwrap_or(backoff)
                .min(policy.max_backoff);
            tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            backoff = backoff.saturating_mul(2);
        }
    }

    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, Error> {
        let limit = self.config.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(Error::ResponseTooLarge { limit });
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(Error::ResponseTooLarge { limit });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(error) => return Err(self.transport_error(error)),
            }
        }
    }

    fn transport_error(&self, error: reqwest::Error) -> Error {
        if error.is_timeout() {
            return Error::Timeout {
                after: self.config.timeout,
            };
        }
        Error::Transport(TransportError {
            message: describe(&error),
            not_sent: error.is_connect(),
            source: Some(error),
        })
    }

    pub(crate) fn remote_auth_credentials(&self) -> Result<&RemoteAuthCredentials, Error> {
        self.config
            .remote_auth
            .as_ref()
            .ok_or_else(|| Error::Invalid("Remote Auth credentials are not set".to_string()))
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.config.timeout
    }
}

/// What one attempt came to.
enum Attempt {
    Answered {
        status: u16,
        body: Vec<u8>,
        retry_after: Option<Duration>,
    },
    Failed(Error),
}

impl Attempt {
    fn may_retry(&self, is_read: bool) -> bool {
        match self {
            // Never 401: repeated signature failures lock the account.
            Attempt::Answered { status, .. } => {
                is_read && matches!(status, 429 | 500 | 502 | 503 | 504)
            }
            Attempt::Failed(Error::Transport(transport)) => transport.not_sent || is_read,
            Attempt::Failed(Error::Timeout { .. }) => is_read,
            Attempt::Failed(_) => false,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Attempt::Answered { retry_after, .. } => *retry_after,
            Attempt::Failed(_) => None,
        }
    }

    fn finish(self) -> Result<(u16, Vec<u8>), Error> {
        match self {
            Attempt::Answered { status, body, .. } => Ok((status, body)),
            Attempt::Failed(error) => Err(error),
        }
    }
}

fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Head => reqwest::Method::HEAD,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// `Retry-After` in seconds (the HTTP-date form is ignored).
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The error and its causes, without the URL's query (no secrets are sent
/// there, but the text stays short).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The envelope every Gateway answer comes in.
#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::Deserialize<'de>"))]
struct Envelope<T> {
    #[serde(default, alias = "Data")]
    data: Option<T>,
    #[serde(default, rename = "errorReport", alias = "ErrorReport")]
    error_report: Option<ErrorReport>,
    #[serde(default, alias = "Links")]
    links: Option<Links>,
}

/// Turns a Gateway answer's status and body into a typed answer or a typed
/// error, as every call does; never panics. Useful for answers obtained
/// another way (a recording, a proxy).
///
/// ```
/// use cashflows::models::PaymentJob;
///
/// let body = br#"{"data":{"reference":"1","paymentStatus":"Paid"}}"#;
/// let response = cashflows::decode_gateway_response::<PaymentJob>(200, body).unwrap();
/// assert_eq!(response.data.reference.as_str(), "1");
/// assert!(cashflows::decode_gateway_response::<PaymentJob>(200, b"<html>").is_err());
/// ```
pub fn decode_gateway_response<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<Response<T>, Error> {
    let text = || String::from_utf8_lossy(body).into_owned();
    if !(200..300).contains(&status) {
        let report = serde_json::from_slice::<Envelope<serde::de::IgnoredAny>>(body)
            .ok()
            .and_then(|envelope| envelope.error_report);
        let (errors, warnings) = split_report(report);
        return Err(Error::Api(ApiError {
            status,
            errors,
            warnings,
            body: text(),
        }));
    }
    let envelope: Envelope<T> = serde_json::from_slice(body).map_err(|err| {
        Error::Decode(DecodeError {
            status: Some(status),
            reason: err.to_string(),
            body: text(),
        })
    })?;
    let Some(data) = envelope.data else {
        return Err(Error::Decode(DecodeError {
            status: Some(status),
            reason: "the answer has no `data`".to_string(),
            body: text(),
        }));
    };
    let (_, warnings) = split_report(envelope.error_report);
    Ok(Response {
        status,
        data,
        warnings,
        links: envelope.links,
    })
}

fn split_report(report: Option<ErrorReport>) -> (Vec<GatewayError>, Vec<GatewayWarning>) {
    let Some(report) = report else {
        return (Vec::new(), Vec::new());
    };
    let errors = report
        .errors
        .into_iter()
        .map(|entry| GatewayError::from_entry(entry, crate::GatewayErrorCode::recognise))
        .collect();
    let warnings = report
        .warnings
        .into_iter()
        .map(|entry| GatewayWarning::from_entry(entry, crate::GatewayWarningCode::recognise))
        .collect();
    (errors, warnings)
}
