//! The client: its configuration, and the one path every Gateway call takes
//! (serialise once, sign those bytes, send them, decode the answer), with
//! the rule that a call which changes something and whose outcome is unknown
//! says so rather than pretending it failed.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::credentials::GatewayHeaders;
use crate::endpoints::Endpoint;
use crate::envelope::Links;
use crate::error::{Error, GatewayError, GatewayWarning, OutcomeUnknown, Redirect};
use crate::model_serde::{WriteModel, empty_required};
use crate::transport::{Answer, http_method};
use crate::{Environment, GatewayCredentials, RemoteAuthCredentials, decode_gateway_response};

/// A successful Gateway answer: its `data`, and the errors, warnings and
/// links that came with it. Nothing the answer reported is dropped.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status.
    pub status: u16,
    /// The answer's `data`.
    pub data: T,
    /// The errors of `errorReport`, recognised: a successful answer may
    /// still report some.
    pub errors: Vec<GatewayError>,
    /// The warnings of `errorReport`, recognised.
    pub warnings: Vec<GatewayWarning>,
    /// Links, such as where the shopper goes next (`links.action.url`).
    pub links: Option<Links>,
}

/// When calls are sent again after a failure.
///
/// Reads (`GET` and `HEAD`) are retried after connection failures,
/// timeouts, and 429, 500, 502, 503 and 504 answers, honouring
/// `Retry-After`. Every other call is retried only when the connection
/// failed before the request was sent. A 401 is never retried: repeated
/// signature failures lock the account.
///
/// ```
/// use std::time::Duration;
/// use cashflows::{Client, Environment, GatewayCredentials, RetryPolicy};
///
/// let patient = RetryPolicy { max_retries: 4, ..RetryPolicy::default() };
/// let client = Client::builder(Environment::Integration)
///     .gateway_credentials(GatewayCredentials::new("configuration-id", "api-key"))
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
    pub(crate) environment: Environment,
    pub(crate) gateway: Option<GatewayCredentials>,
    pub(crate) remote_auth: Option<RemoteAuthCredentials>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
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

    /// The client. It never follows a redirect (that would send the signed
    /// body, and any card data in it, to another address), and it talks to
    /// the published environments over https only.
    ///
    /// It refuses, before any call, a custom base URL that is not an absolute
    /// `http://` or `https://` URL, and a client with neither API's
    /// credentials.
    pub fn build(self) -> Result<Client, Error> {
        if let Environment::Custom(base) = &self.environment {
            check_custom_base_url(base)?;
        }
        if self.gateway.is_none() && self.remote_auth.is_none() {
            return Err(Error::Invalid(
                "the client has no credentials: set `gateway_credentials` (configuration ID \
                 and API key) for Gateway calls, `remote_auth_credentials` (auth ID and \
                 password) for Remote Auth, or both"
                    .to_string(),
            ));
        }
        let published = !matches!(self.environment, Environment::Custom(_));
        let gateway = self.gateway.as_ref().map(GatewayHeaders::new).transpose()?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(published)
            .user_agent(concat!("cashflows-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| Error::Invalid(format!("cannot build the HTTP client: {err}")))?;
        Ok(Client {
            http,
            gateway,
            config: self,
        })
    }
}

/// A custom base URL must say how to reach the server: an absolute `http://`
/// or `https://` URL with a host. Without the scheme, every call would fail
/// later as a relative URL.
fn check_custom_base_url(base: &str) -> Result<(), Error> {
    let parsed = reqwest::Url::parse(base);
    let usable = parsed.as_ref().is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    });
    if usable {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "the custom base URL {base:?} is not an absolute http:// or https:// URL: write it \
         with its scheme, such as `Environment::Custom(\"http://127.0.0.1:8080\".into())`"
    )))
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
    pub(crate) http: reqwest::Client,
    /// The Gateway's headers, made once from the credentials.
    gateway: Option<GatewayHeaders>,
    pub(crate) config: ClientBuilder,
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

    /// One Gateway call with an answer body: serialise once, sign those
    /// bytes, send exactly them, decode the answer.
    pub(crate) async fn gateway<B, T>(
        &self,
        endpoint: &Endpoint,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<&B>,
    ) -> Result<Response<T>, Error>
    where
        B: Serialize + WriteModel,
        T: DeserializeOwned,
    {
        if let Some(field) = body.and_then(|body| empty_required(body)) {
            return Err(Error::Invalid(format!(
                "the request's required field `{field}` is empty: set it before sending"
            )));
        }
        let bytes = serialise(body)?;
        let result = self
            .exchange(endpoint, &path, &query, body.map(|_| bytes.as_slice()))
            .await
            .and_then(|answer| match redirect(&answer) {
                Some(redirect) => Err(Error::Redirected(redirect)),
                None => decode_gateway_response(answer.status, &answer.body),
            });
        result.map_err(|error| outcome(endpoint, &bytes, error))
    }

    /// One Gateway call answered without a body (`HEAD`): `true` for 2xx,
    /// `false` for 404, an error otherwise. This reading is the project's:
    /// Cashflows publishes neither the order lookup's success status nor
    /// what its 404 means.
    pub(crate) async fn gateway_exists(
        &self,
        endpoint: &Endpoint,
        path: String,
        query: Vec<(&'static str, String)>,
        _body: Option<&()>,
    ) -> Result<bool, Error> {
        let answer = self.exchange(endpoint, &path, &query, None).await?;
        if let Some(redirect) = redirect(&answer) {
            return Err(Error::Redirected(redirect));
        }
        match answer.status {
            200..=299 => Ok(true),
            404 => Ok(false),
            status => {
                decode_gateway_response::<serde::de::IgnoredAny>(status, &answer.body).map(|_| true)
            }
        }
    }

    /// Signs and sends one Gateway request, in a tracing span that records
    /// method, path, status and duration (never bodies).
    async fn exchange(
        &self,
        endpoint: &Endpoint,
        path: &str,
        query: &[(&'static str, String)],
        body: Option<&[u8]>,
    ) -> Result<Answer, Error> {
        let headers = self
            .gateway
            .as_ref()
            .ok_or_else(|| Error::Invalid("Gateway credentials are not set".to_string()))?;
        let (hash_name, hash) = headers.signature(body.unwrap_or_default())?;
        let (configuration_id_name, configuration_id) = headers.configuration_id();
        let url = gateway_url(self.config.environment.gateway_base_url(), path, query);
        let send = || {
            let mut request = self
                .http
                .request(http_method(endpoint.method), &url)
                .header(configuration_id_name.clone(), configuration_id.clone())
                .header(hash_name.clone(), hash.clone())
                .header(reqwest::header::ACCEPT, JSON);
            if let Some(body) = body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, JSON)
                    .body(body.to_vec());
            }
            request
        };
        self.send_traced(gateway_span(endpoint, path), &send, endpoint.is_read())
            .await
    }

    /// Whether a create whose outcome is unknown happened, asked the one way
    /// the Gateway documents: does its order number exist?
    ///
    /// [`CreateOutcome::NotCreated`]: creating it again is safe (send the
    /// same order number: the Gateway refuses a second job with it).
    /// [`CreateOutcome::Created`]: it happened; do not create it again. What
    /// to do next depends on the flow: a direct card create's reference
    /// arrives with its webhook; a hosted-page job or a payment intent
    /// nobody can reach is replaced under a new order number (the book's
    /// [recovery, flow by flow](https://cashflows-rs.github.io/cashflows/guide/errors-and-unknown-outcomes.html#recovering-a-lost-create-flow-by-flow)).
    ///
    /// ```no_run
    /// # async fn run(client: &cashflows::Client, request: &cashflows::models::CreatePaymentJobRequest) -> Result<(), cashflows::Error> {
    /// use cashflows::{CreateOutcome, Error};
    ///
    /// match client.create_payment_job(request).await {
    ///     Ok(job) => println!("created {:?}", job.data.reference),
    ///     Err(Error::OutcomeUnknown(unknown)) => match client.resolve_unknown_create(&unknown).await? {
    ///         CreateOutcome::Created => println!("created: recover as its flow says"),
    ///         CreateOutcome::NotCreated => { client.create_payment_job(request).await?; }
    ///     },
    ///     Err(other) => return Err(other),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn resolve_unknown_create(
        &self,
        unknown: &OutcomeUnknown,
    ) -> Result<CreateOutcome, Error> {
        let order_number = unknown.order_number.as_deref().ok_or_else(|| {
            Error::Invalid(format!(
                "`{}` carried no order number, so its outcome cannot be looked up; \
                 send an order number with every create",
                unknown.call
            ))
        })?;
        Ok(if self.order_exists(order_number).await? {
            CreateOutcome::Created
        } else {
            CreateOutcome::NotCreated
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
}

/// What a create whose outcome was unknown came to (see
/// [`Client::resolve_unknown_create`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateOutcome {
    /// The order exists: the create happened.
    Created,
    /// The order does not exist: the create did not happen.
    NotCreated,
}

/// The media type of every Gateway body, as a header value.
const JSON: reqwest::header::HeaderValue =
    reqwest::header::HeaderValue::from_static("application/json");

/// The span of one Gateway call: method and path, then status, duration
/// and attempts (never bodies).
fn gateway_span(endpoint: &Endpoint, path: &str) -> tracing::Span {
    tracing::info_span!(
        "cashflows.gateway",
        endpoint = endpoint.name,
        method = endpoint.method.as_str(),
        path = %path,
        status = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
        attempts = tracing::field::Empty,
    )
}

/// The body's bytes, serialised once; empty without a body.
fn serialise<B: Serialize + ?Sized>(body: Option<&B>) -> Result<Vec<u8>, Error> {
    match body {
        Some(body) => serde_json::to_vec(body)
            .map_err(|err| Error::Invalid(format!("cannot serialise the request: {err}"))),
        None => Ok(Vec::new()),
    }
}

/// A redirect answer, which is never followed.
fn redirect(answer: &Answer) -> Option<Redirect> {
    (300..400).contains(&answer.status).then(|| Redirect {
        status: answer.status,
        location: answer.location.clone(),
    })
}

/// For a call that changes something, an error after which it may have
/// happened becomes [`Error::OutcomeUnknown`]; a refusal (4xx but 406) or a
/// request that was never sent means it did not.
fn outcome(endpoint: &Endpoint, body: &[u8], error: Error) -> Error {
    let may_have_happened = match &error {
        Error::Api(refusal) => status_leaves_outcome_unknown(refusal.status),
        Error::Transport(transport) => !transport.not_sent,
        Error::Timeout { .. }
        | Error::Decode(_)
        | Error::ResponseTooLarge { .. }
        | Error::Redirected(_) => true,
        Error::OutcomeUnknown(_) | Error::Invalid(_) => false,
    };
    if endpoint.is_read() || !may_have_happened {
        return error;
    }
    Error::OutcomeUnknown(OutcomeUnknown {
        call: endpoint.name,
        order_number: order_number(body),
        cause: Box::new(error),
    })
}

/// Whether an answer with this status to a call that changes something
/// leaves open whether it happened: a server failure (5xx), or a 406, which
/// Cashflows documents only as "Bad response" for exactly those calls,
/// without saying that nothing happened.
pub(crate) fn status_leaves_outcome_unknown(status: u16) -> bool {
    status >= 500 || status == 406
}

/// `order.orderNumber` of a request body, where it has one.
fn order_number(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Request {
        order: Option<Order>,
    }
    #[derive(serde::Deserialize)]
    struct Order {
        #[serde(rename = "orderNumber")]
        order_number: Option<String>,
    }
    serde_json::from_slice::<Request>(body)
        .ok()?
        .order?
        .order_number
}

/// The call's address: the base, the path and the query, form-encoded as a
/// browser would send it.
fn gateway_url(base: &str, path: &str, query: &[(&'static str, String)]) -> String {
    let mut url = format!("{base}{path}");
    if !query.is_empty() {
        let mut encoded = form_urlencoded::Serializer::new(String::new());
        encoded.extend_pairs(query);
        url.push('?');
        url.push_str(&encoded.finish());
    }
    url
}
