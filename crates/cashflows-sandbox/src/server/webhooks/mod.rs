//! Webhook notifications: on a status change of a job that has
//! `parameters.WebhookUrl` (or a configuration webhook URL), the sandbox
//! POSTs a `WebhookNotification` and
//! expects HTTP 200 with a `WebhookAcknowledgement` that echoes both
//! references; otherwise it retries with a doubling backoff, up to
//! `SandboxConfig::webhook_attempts` attempts in all.
//!
//! Redirects are not followed (a 3xx is a failed attempt), and at most
//! [`ACKNOWLEDGEMENT_LIMIT`] bytes of a reply are read.
//!
//! The sandbox only ever calls loopback addresses (`localhost`, 127.0.0.0/8,
//! `::1`) over plain HTTP; any other webhook URL is accepted on the job and
//! never called.
//!
//! The engine lists the changes to notify; after each request, [`notify`]
//! takes them and sends each in its own task. Every delivery and its
//! attempts are kept in a bounded log (`deliveries`), from which one can be
//! sent again.

mod deliveries;

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use cashflows::webhooks::{WebhookAcknowledgement, WebhookNotification};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use self::deliveries::{DeliveryLog, Target};
pub use self::deliveries::{
    RedeliverError, WEBHOOK_ANSWER_KEPT, WEBHOOK_DELIVERIES_KEPT, WebhookAttempt, WebhookDelivery,
};
use super::config::SandboxConfig;
use crate::app::App;
use crate::engine::{SandboxClock, StatusChange};

/// The `notifyType` the sandbox sends. Cashflows does not publish the set of
/// values; this one is the sandbox's own choice.
pub(crate) const NOTIFY_TYPE: &str = "StatusChanged";

/// The most of a webhook reply the sandbox reads (64 KiB): an
/// acknowledgement is two references; a longer reply is no acknowledgement.
pub(crate) const ACKNOWLEDGEMENT_LIMIT: usize = 64 * 1024;

/// How long one webhook attempt may take, reply included.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// The client webhooks are sent with: no proxy, no redirects, a deadline
/// on each attempt.
fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(ATTEMPT_TIMEOUT)
        .build()
}

/// How webhooks are sent: the configured attempts and backoff, the client,
/// and the slots of the deliveries in flight.
pub(crate) struct Webhooks {
    attempts: u32,
    initial_backoff: Duration,
    deliveries_limit: usize,
    /// Built on the first webhook: building an HTTP client loads the TLS
    /// roots, which would make every start slow.
    http: OnceLock<Option<reqwest::Client>>,
    /// One permit per webhook delivery in flight: see
    /// [`SandboxConfig::webhook_deliveries_limit`].
    deliveries: Arc<Semaphore>,
    /// Every delivery and its attempts, the newest kept.
    log: Arc<Mutex<DeliveryLog>>,
    /// What attempts are timed by: the sandbox's clock.
    clock: SandboxClock,
}

impl Webhooks {
    pub(crate) fn new(config: &SandboxConfig, clock: SandboxClock) -> Self {
        // A semaphore holds at most `MAX_PERMITS`; a larger limit is no limit.
        let deliveries = config.webhook_deliveries_limit.min(Semaphore::MAX_PERMITS);
        Webhooks {
            attempts: config.webhook_attempts.max(1),
            initial_backoff: config.webhook_initial_backoff,
            deliveries_limit: config.webhook_deliveries_limit,
            http: OnceLock::new(),
            deliveries: Arc::new(Semaphore::new(deliveries)),
            log: Arc::default(),
            clock,
        }
    }

    /// Records each notification and sends it in its own task, at most
    /// `SandboxConfig::webhook_deliveries_limit` at once.
    pub(crate) fn dispatch(&self, changes: Vec<StatusChange>) {
        for change in changes {
            let Some(body) = notification_body(&change) else {
                continue;
            };
            let target = self.log().open(&change, body);
            if !is_loopback(&target.url) {
                tracing::warn!("webhook URL is not a loopback http address; not called");
                self.log().not_sent(target.id, NOT_LOOPBACK);
                continue;
            }
            let Some(client) = self.http().cloned() else {
                self.log().not_sent(target.id, NO_CLIENT);
                continue;
            };
            let Some(slot) = self.delivery_slot() else {
                tracing::warn!(
                    limit = self.deliveries_limit,
                    "too many webhook deliveries in flight; this one is dropped"
                );
                self.log().not_sent(target.id, TOO_MANY);
                continue;
            };
            let sender = Sender {
                client,
                log: Arc::clone(&self.log),
                clock: self.clock.clone(),
            };
            let (attempts, backoff) = (self.attempts, self.initial_backoff);
            tokio::spawn(async move {
                sender.deliver(target, attempts, backoff).await;
                // The slot is free once the delivery and its retries are over.
                drop(slot);
            });
        }
    }

    /// The deliveries kept, oldest first.
    pub(crate) fn deliveries(&self) -> Vec<WebhookDelivery> {
        self.log().snapshot()
    }

    /// Forgets every delivery kept (those in flight record nothing more).
    pub(crate) fn clear_deliveries(&self) {
        self.log().clear();
    }

    /// Sends delivery `id`'s notification once more, whatever came of it
    /// before; the attempt, also added to the delivery.
    pub(crate) async fn redeliver(&self, id: u64) -> Result<WebhookAttempt, RedeliverError> {
        let target = self.log().target(id).ok_or(RedeliverError::UnknownId(id))?;
        if !is_loopback(&target.url) {
            return Err(RedeliverError::NotLoopback(id));
        }
        let client = self.http().cloned().ok_or(RedeliverError::NoClient)?;
        let sender = Sender {
            client,
            log: Arc::clone(&self.log),
            clock: self.clock.clone(),
        };
        let attempt = sender.attempt(&target, true).await;
        lock(&self.log).record(id, attempt.clone());
        Ok(attempt)
    }

    fn log(&self) -> MutexGuard<'_, DeliveryLog> {
        lock(&self.log)
    }

    /// The client webhooks are sent with, or `None` if it cannot be built.
    fn http(&self) -> Option<&reqwest::Client> {
        self.http
            .get_or_init(|| match client() {
                Ok(client) => Some(client),
                Err(error) => {
                    tracing::warn!(%error, "no HTTP client for webhooks; none will be sent");
                    None
                }
            })
            .as_ref()
    }

    /// A slot for one more webhook delivery, or `None` when
    /// [`SandboxConfig::webhook_deliveries_limit`] are already in flight.
    /// The slot is freed when the permit is dropped.
    fn delivery_slot(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.deliveries).try_acquire_owned().ok()
    }
}

/// What [`notify`] needs: the store the changes come from, and the sender.
#[derive(Clone)]
pub(crate) struct Notifier {
    pub(crate) app: App,
    pub(crate) webhooks: Arc<Webhooks>,
}

/// After each request, sends the status changes it caused (an expiry that
/// a read applied included).
pub(crate) async fn notify(
    State(notifier): State<Notifier>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let changes = notifier.app.take_notifications();
    notifier.webhooks.dispatch(changes);
    response
}

/// The error of a delivery to a URL the sandbox never calls.
const NOT_LOOPBACK: &str = "not called: the URL is not a loopback http address";
/// The error of a delivery dropped for the limit of deliveries in flight.
const TOO_MANY: &str = "not sent: too many webhook deliveries in flight";
/// The error of a delivery with no client to send it.
const NO_CLIENT: &str = "not sent: no HTTP client for webhooks";

/// The `WebhookNotification` of a change, as JSON.
fn notification_body(change: &StatusChange) -> Option<Vec<u8>> {
    let notification = WebhookNotification {
        notify_type: Some(NOTIFY_TYPE.to_owned()),
        payment_job_reference: change.job.clone(),
        payment_reference: change.payment.clone(),
        ..WebhookNotification::default()
    };
    serde_json::to_vec(&notification).ok()
}

/// The log a delivery's lock guards: each change to it is whole, so a
/// poisoned lock still guards a usable log.
fn lock(log: &Mutex<DeliveryLog>) -> MutexGuard<'_, DeliveryLog> {
    log.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What sends a delivery's attempts and records them.
struct Sender {
    client: reqwest::Client,
    log: Arc<Mutex<DeliveryLog>>,
    clock: SandboxClock,
}

impl Sender {
    /// Up to `attempts` attempts with a doubling backoff, until one is
    /// acknowledged, each recorded.
    async fn deliver(&self, target: Target, attempts: u32, backoff: Duration) {
        let mut delay = backoff;
        for attempt in 1..=attempts {
            let outcome = self.attempt(&target, false).await;
            let acknowledged = outcome.acknowledged;
            lock(&self.log).record(target.id, outcome);
            if acknowledged {
                tracing::debug!(attempt, "webhook acknowledged");
                return;
            }
            if attempt < attempts {
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2);
            }
        }
        tracing::warn!(attempts, "webhook not acknowledged; giving up");
    }

    /// One POST, and what came of it.
    async fn attempt(&self, target: &Target, redelivery: bool) -> WebhookAttempt {
        let mut attempt = WebhookAttempt {
            at: self.clock.now(),
            status: None,
            error: None,
            answer: String::new(),
            acknowledged: false,
            redelivery,
        };
        let sent = self
            .client
            .post(&target.url)
            .header(header::CONTENT_TYPE, "application/json")
            .body(target.body.clone())
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                attempt.error = Some(describe(&error));
                return attempt;
            }
        };
        let status = response.status();
        attempt.status = Some(status.as_u16());
        let Some(bytes) = read_capped(response).await else {
            attempt.error = Some(format!(
                "the answer failed, or ran past {ACKNOWLEDGEMENT_LIMIT} bytes"
            ));
            return attempt;
        };
        let kept = bytes.get(..WEBHOOK_ANSWER_KEPT).unwrap_or(&bytes);
        attempt.answer = String::from_utf8_lossy(kept).into_owned();
        attempt.acknowledged = status == reqwest::StatusCode::OK && acknowledges(target, &bytes);
        if !attempt.acknowledged {
            attempt.error = Some(if status == reqwest::StatusCode::OK {
                "the answer does not acknowledge: it must echo both references".to_owned()
            } else {
                format!("HTTP {}, not 200", status.as_u16())
            });
        }
        attempt
    }
}

/// Whether `answer` is an acknowledgement of `target`'s notification.
fn acknowledges(target: &Target, answer: &[u8]) -> bool {
    serde_json::from_slice::<WebhookAcknowledgement>(answer).is_ok_and(|acknowledgement| {
        acknowledgement.payment_job_reference.as_str() == target.job
            && acknowledgement
                .payment_reference
                .as_ref()
                .map(|r| r.as_str())
                == target.payment.as_deref()
    })
}

/// A failed request's error and its causes, as text.
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

/// The reply's body, or `None` when it fails or runs past
/// [`ACKNOWLEDGEMENT_LIMIT`] (the rest is never read).
async fn read_capped(mut response: reqwest::Response) -> Option<Vec<u8>> {
    if response
        .content_length()
        .is_some_and(|length| length > ACKNOWLEDGEMENT_LIMIT as u64)
    {
        return None;
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.ok()? {
        if body.len().saturating_add(chunk.len()) > ACKNOWLEDGEMENT_LIMIT {
            return None;
        }
        body.extend_from_slice(&chunk);
    }
    Some(body)
}

/// Whether a URL is plain HTTP to a loopback host.
pub(crate) fn is_loopback(url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(url) else {
        return false;
    };
    if url.scheme() != "http" {
        return false;
    }
    match url.host_str() {
        Some(host) if host.eq_ignore_ascii_case("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_only() {
        assert!(is_loopback("http://127.0.0.1:8080/hook"));
        assert!(is_loopback("http://localhost/hook"));
        assert!(is_loopback("http://[::1]:9000/"));
        assert!(!is_loopback("https://127.0.0.1/hook"));
        assert!(!is_loopback("http://example.com/hook"));
        assert!(!is_loopback("http://10.0.0.1/hook"));
    }
}
