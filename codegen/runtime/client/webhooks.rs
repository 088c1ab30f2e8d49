//! Webhook notifications. They are not signed: treat the body as a hint,
//! fetch the payment, and act on its status.

use crate::models::{WebhookAcknowledgement, WebhookNotification};

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
