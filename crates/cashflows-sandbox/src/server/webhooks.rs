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
//! takes them and sends each in its own task.

use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use cashflows::webhooks::{WebhookAcknowledgement, WebhookNotification};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::config::SandboxConfig;
use crate::app::App;
use crate::engine::StatusChange;

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
}

impl Webhooks {
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        // A semaphore holds at most `MAX_PERMITS`; a larger limit is no limit.
        let deliveries = config.webhook_deliveries_limit.min(Semaphore::MAX_PERMITS);
        Webhooks {
            attempts: config.webhook_attempts.max(1),
            initial_backoff: config.webhook_initial_backoff,
            deliveries_limit: config.webhook_deliveries_limit,
            http: OnceLock::new(),
            deliveries: Arc::new(Semaphore::new(deliveries)),
        }
    }

    /// Sends each notification in its own task, at most
    /// `SandboxConfig::webhook_deliveries_limit` at once.
    pub(crate) fn dispatch(&self, changes: Vec<StatusChange>) {
        for change in changes {
            if !is_loopback(&change.url) {
                tracing::warn!("webhook URL is not a loopback http address; not called");
                continue;
            }
            let Some(client) = self.http().cloned() else {
                return;
            };
            let Some(slot) = self.delivery_slot() else {
                tracing::warn!(
                    limit = self.deliveries_limit,
                    "too many webhook deliveries in flight; this one is dropped"
                );
                continue;
            };
            let (attempts, backoff) = (self.attempts, self.initial_backoff);
            tokio::spawn(async move {
                deliver(client, change, attempts, backoff).await;
                // The slot is free once the delivery and its retries are over.
                drop(slot);
            });
        }
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

async fn deliver(client: reqwest::Client, change: StatusChange, attempts: u32, backoff: Duration) {
    let notification = WebhookNotification {
        notify_type: Some(NOTIFY_TYPE.to_owned()),
        payment_job_reference: change.job.clone(),
        payment_reference: change.payment.clone(),
        ..WebhookNotification::default()
    };
    let Ok(body) = serde_json::to_vec(&notification) else {
        return;
    };
    let mut delay = backoff;
    for attempt in 1..=attempts {
        if attempt_once(&client, &change, &body).await {
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

/// One POST; whether the receiver acknowledged it.
async fn attempt_once(client: &reqwest::Client, change: &StatusChange, body: &[u8]) -> bool {
    let sent = client
        .post(&change.url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_vec())
        .send()
        .await;
    let Ok(response) = sent else {
        return false;
    };
    if response.status() != reqwest::StatusCode::OK {
        return false;
    }
    let Some(bytes) = read_capped(response).await else {
        return false;
    };
    serde_json::from_slice::<WebhookAcknowledgement>(&bytes).is_ok_and(|acknowledgement| {
        acknowledgement.payment_job_reference == change.job
            && acknowledgement.payment_reference == change.payment
    })
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
