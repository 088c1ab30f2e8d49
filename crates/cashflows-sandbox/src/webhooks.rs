//! Webhook notifications: on a status change of a job that has
//! `parameters.WebhookUrl`, the sandbox POSTs a `WebhookNotification` and
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

use std::net::IpAddr;
use std::time::Duration;

use axum::http::header;
use cashflows::Reference;
use cashflows::webhooks::{WebhookAcknowledgement, WebhookNotification};

use crate::server::AppState;

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
pub(crate) fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(ATTEMPT_TIMEOUT)
        .build()
}

/// A status change to notify.
#[derive(Debug, Clone)]
pub(crate) struct StatusChange {
    pub(crate) url: String,
    pub(crate) job: Reference,
    pub(crate) payment: Option<Reference>,
}

/// Sends each notification in its own task, at most
/// `SandboxConfig::webhook_deliveries_limit` at once.
pub(crate) fn dispatch(app: &AppState, changes: Vec<StatusChange>) {
    for change in changes {
        if !is_loopback(&change.url) {
            tracing::warn!("webhook URL is not a loopback http address; not called");
            continue;
        }
        let Some(client) = app.http().cloned() else {
            return;
        };
        let Some(slot) = app.delivery_slot() else {
            tracing::warn!(
                limit = app.config().webhook_deliveries_limit,
                "too many webhook deliveries in flight; this one is dropped"
            );
            continue;
        };
        let attempts = app.config().webhook_attempts.max(1);
        let backoff = app.config().webhook_initial_backoff;
        tokio::spawn(async move {
            deliver(client, change, attempts, backoff).await;
            // The slot is free once the delivery and its retries are over.
            drop(slot);
        });
    }
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
