//! The webhook deliveries log: every notification the sandbox sent or
//! meant to send, each attempt with the receiver's answer, bounded to the
//! newest [`WEBHOOK_DELIVERIES_KEPT`], so a test can see what its receiver
//! was told and answered, and have a notification sent again.

use std::collections::VecDeque;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::engine::StatusChange;

/// How many deliveries the log keeps (the newest).
pub const WEBHOOK_DELIVERIES_KEPT: usize = 1000;

/// How much of a receiver's answer an attempt keeps, in bytes: enough for
/// an acknowledgement or an error page's opening.
pub const WEBHOOK_ANSWER_KEPT: usize = 4096;

/// One notification: where it went, what it said, and each attempt to
/// send it.
///
/// JSON: `{"id": 1, "payment_job_reference": "…", "payment_reference":
/// "…" or null, "url": "http://127.0.0.1:…/hook", "body": {…the
/// notification as sent…}, "attempts": [{…}], "acknowledged": true,
/// "error": null}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The delivery's id, for [`Sandbox::redeliver`](crate::Sandbox::redeliver).
    pub id: u64,
    /// The job whose status changed.
    pub payment_job_reference: String,
    /// The payment whose status changed, if the change was a payment's.
    pub payment_reference: Option<String>,
    /// Where the notification was sent.
    pub url: String,
    /// The notification, as sent (a `WebhookNotification`).
    pub body: serde_json::Value,
    /// Each attempt, oldest first.
    pub attempts: Vec<WebhookAttempt>,
    /// Whether any attempt was acknowledged.
    pub acknowledged: bool,
    /// Why the notification was never sent (a URL that is not a loopback
    /// address, too many deliveries in flight), if it was not.
    pub error: Option<String>,
}

/// One POST of a notification, and what came of it.
///
/// JSON: `{"at": "2030-01-01T00:00:00Z", "status": 200 or null, "error":
/// "…" or null, "answer": "…", "acknowledged": true, "redelivery": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WebhookAttempt {
    /// When it was sent, by the sandbox's clock (RFC 3339 in JSON).
    #[serde(serialize_with = "rfc3339")]
    pub at: SystemTime,
    /// The receiver's status, if it answered.
    pub status: Option<u16>,
    /// Why the attempt failed: no connection, a timeout, an answer that
    /// was no acknowledgement. `None` when acknowledged.
    pub error: Option<String>,
    /// The start of the receiver's answer ([`WEBHOOK_ANSWER_KEPT`] bytes
    /// at most), as text (invalid UTF-8 replaced).
    pub answer: String,
    /// Whether the receiver acknowledged it (HTTP 200 echoing both
    /// references).
    pub acknowledged: bool,
    /// Whether it was sent by [`Sandbox::redeliver`](crate::Sandbox::redeliver)
    /// rather than as one of the delivery's own attempts.
    pub redelivery: bool,
}

fn rfc3339<S: Serializer>(time: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let nanos = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .and_then(i128::checked_neg),
    };
    let text = nanos
        .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())
        .and_then(|time| time.format(&Rfc3339).ok())
        .ok_or_else(|| serde::ser::Error::custom("a time RFC 3339 cannot write"))?;
    serializer.serialize_str(&text)
}

/// Why [`Sandbox::redeliver`](crate::Sandbox::redeliver) sent nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedeliverError {
    /// No delivery with this id is kept.
    UnknownId(u64),
    /// The delivery's URL is not a loopback address, which the sandbox
    /// never calls.
    NotLoopback(u64),
    /// The sandbox has no HTTP client to send webhooks with.
    NoClient,
}

impl fmt::Display for RedeliverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedeliverError::UnknownId(id) => write!(f, "no webhook delivery {id} is kept"),
            RedeliverError::NotLoopback(id) => write!(
                f,
                "webhook delivery {id} is to a URL that is not a loopback http address; \
                 the sandbox never calls it"
            ),
            RedeliverError::NoClient => f.write_str("the sandbox has no HTTP client for webhooks"),
        }
    }
}

impl std::error::Error for RedeliverError {}

/// What an attempt needs: where to, the references an acknowledgement
/// echoes, and the body's exact bytes.
#[derive(Clone)]
pub(crate) struct Target {
    pub(crate) id: u64,
    pub(crate) url: String,
    pub(crate) job: String,
    pub(crate) payment: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// The deliveries, oldest first, with the bytes each sent.
#[derive(Default)]
pub(crate) struct DeliveryLog {
    last_id: u64,
    entries: VecDeque<(WebhookDelivery, Vec<u8>)>,
}

impl DeliveryLog {
    /// Records a new delivery of `change` with `body`; what its attempts need.
    pub(crate) fn open(&mut self, change: &StatusChange, body: Vec<u8>) -> Target {
        self.last_id = self.last_id.saturating_add(1);
        let target = Target {
            id: self.last_id,
            url: change.url.clone(),
            job: change.job.to_string(),
            payment: change.payment.as_ref().map(ToString::to_string),
            body,
        };
        let delivery = WebhookDelivery {
            id: target.id,
            payment_job_reference: target.job.clone(),
            payment_reference: target.payment.clone(),
            url: target.url.clone(),
            body: serde_json::from_slice(&target.body).unwrap_or_default(),
            attempts: Vec::new(),
            acknowledged: false,
            error: None,
        };
        while self.entries.len() >= WEBHOOK_DELIVERIES_KEPT {
            self.entries.pop_front();
        }
        self.entries.push_back((delivery, target.body.clone()));
        target
    }

    /// Says why delivery `id` was never sent.
    pub(crate) fn not_sent(&mut self, id: u64, error: &str) {
        if let Some(delivery) = self.delivery(id) {
            delivery.error = Some(error.to_owned());
        }
    }

    /// Adds an attempt to delivery `id` (gone when the log forgot it).
    pub(crate) fn record(&mut self, id: u64, attempt: WebhookAttempt) {
        if let Some(delivery) = self.delivery(id) {
            delivery.acknowledged |= attempt.acknowledged;
            delivery.attempts.push(attempt);
        }
    }

    /// What sending delivery `id` again needs, if it is kept.
    pub(crate) fn target(&self, id: u64) -> Option<Target> {
        self.entries
            .iter()
            .find(|(delivery, _)| delivery.id == id)
            .map(|(delivery, body)| Target {
                id,
                url: delivery.url.clone(),
                job: delivery.payment_job_reference.clone(),
                payment: delivery.payment_reference.clone(),
                body: body.clone(),
            })
    }

    pub(crate) fn snapshot(&self) -> Vec<WebhookDelivery> {
        self.entries
            .iter()
            .map(|(delivery, _)| delivery.clone())
            .collect()
    }

    /// Forgets every delivery; ids keep counting, so an old id never
    /// names a new delivery.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    fn delivery(&mut self, id: u64) -> Option<&mut WebhookDelivery> {
        self.entries
            .iter_mut()
            .map(|(delivery, _)| delivery)
            .find(|delivery| delivery.id == id)
    }
}
