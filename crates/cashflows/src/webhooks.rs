//! Webhook notifications. They are not signed: treat the body as a hint,
//! fetch the payment, and act on its status.
//!
//! The notification and its acknowledgement are protocol plumbing, decoded
//! field by field, so they are written here rather than generated.

use serde::{Deserialize, Serialize};

use crate::Reference;

/// The body the Gateway posts to a webhook on a status change. It is not
/// signed: fetch the payment and act on its status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebhookNotification {
    /// What changed. The set of values is not published.
    #[serde(
        default,
        rename = "notifyType",
        alias = "NotifyType",
        skip_serializing_if = "Option::is_none"
    )]
    pub notify_type: Option<String>,
    /// The payment job that changed.
    #[serde(rename = "paymentJobReference", alias = "PaymentJobReference")]
    pub payment_job_reference: Reference,
    /// The payment that changed.
    #[serde(
        default,
        rename = "paymentReference",
        alias = "PaymentReference",
        skip_serializing_if = "Option::is_none"
    )]
    pub payment_reference: Option<Reference>,
}

/// The body a webhook receiver answers with (HTTP 200) so the Gateway stops
/// retrying.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebhookAcknowledgement {
    /// The payment job from the notification.
    #[serde(rename = "paymentJobReference", alias = "PaymentJobReference")]
    pub payment_job_reference: Reference,
    /// The payment from the notification.
    #[serde(
        default,
        rename = "paymentReference",
        alias = "PaymentReference",
        skip_serializing_if = "Option::is_none"
    )]
    pub payment_reference: Option<Reference>,
}

/// Reads a notification body.
///
/// ```
/// let body = br#"{"notifyType":"StatusChanged","paymentJobReference":"1","paymentReference":"2"}"#;
/// let notification = cashflows::webhooks::parse_notification(body).unwrap();
/// let ack = cashflows::webhooks::acknowledgement_body(&notification);
/// assert_eq!(ack, r#"{"paymentJobReference":"1","paymentReference":"2"}"#);
/// ```
pub fn parse_notification(body: &[u8]) -> Result<WebhookNotification, serde_json::Error> {
    serde_json::from_slice(body)
}

/// The acknowledgement for a notification: answer it with HTTP 200, or the
/// Gateway sends the notification again.
pub fn acknowledgement(notification: &WebhookNotification) -> WebhookAcknowledgement {
    WebhookAcknowledgement {
        payment_job_reference: notification.payment_job_reference.clone(),
        payment_reference: notification.payment_reference.clone(),
    }
}

/// The acknowledgement as the JSON body to answer with.
pub fn acknowledgement_body(notification: &WebhookNotification) -> String {
    // Serialising two strings cannot fail.
    serde_json::to_string(&acknowledgement(notification)).unwrap_or_default()
}
