//! Webhook notifications. They are not signed: treat the body as a hint,
//! fetch the payment, and act on its status.
//!
//! The notification and its acknowledgement are protocol plumbing, decoded
//! field by field, so they are written here rather than generated. Like the
//! models, the notification keeps the fields it does not list, and is read
//! and written through `crate::model_serde` from its key table below.

use std::collections::BTreeMap;

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};

use crate::Reference;
use crate::error::DecodeError;
use crate::model_serde::{Fields, ReadModel, WriteModel, value};
use crate::models::WireFields;

/// The body the Gateway posts to a webhook on a status change. It is not
/// signed: fetch the payment and act on its status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebhookNotification {
    /// What changed. The set of values is not published.
    pub notify_type: Option<String>,
    /// The payment job that changed.
    pub payment_job_reference: Reference,
    /// The payment that changed.
    pub payment_reference: Option<Reference>,
    /// Fields this crate does not list, as received.
    pub other: BTreeMap<String, serde_json::Value>,
}

crate::model_serde::serde_through_tables!(WebhookNotification);

impl WireFields for WebhookNotification {
    const WIRE_NAMES: &'static [&'static str] =
        &["notifyType", "paymentJobReference", "paymentReference"];
}

impl ReadModel for WebhookNotification {
    const NAME: &'static str = "WebhookNotification";
    const REQUIRED: &'static [usize] = &[1];

    const LOOKUP: &'static [(&'static str, usize)] = &[
        ("notifyType", 0),
        ("NotifyType", 0),
        ("paymentJobReference", 1),
        ("PaymentJobReference", 1),
        ("paymentReference", 2),
        ("PaymentReference", 2),
    ];

    fn empty() -> Self {
        Self::default()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => value(map, &mut self.notify_type),
            1 => value(map, &mut self.payment_job_reference),
            _ => value(map, &mut self.payment_reference),
        }
    }

    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value> {
        &mut self.other
    }
}

impl WriteModel for WebhookNotification {
    fn write(&self, fields: &mut Fields<'_>) {
        if let Some(value) = &self.notify_type {
            fields.field("notifyType", value);
        }
        fields.field("paymentJobReference", &self.payment_job_reference);
        if let Some(value) = &self.payment_reference {
            fields.field("paymentReference", value);
        }
        fields.kept(&self.other);
    }
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
/// The body comes from whoever reaches the webhook's address, so it is read
/// as strictly as a Gateway answer (a key given twice is refused, long
/// numbers stay exact), and the error never quotes a value from it: a
/// receiver may log it as it is.
///
/// ```
/// let body = br#"{"notifyType":"StatusChanged","paymentJobReference":"1","paymentReference":"2","new":1}"#;
/// let notification = cashflows::webhooks::parse_notification(body).unwrap();
/// assert_eq!(notification.other["new"], 1);
/// let ack = cashflows::webhooks::acknowledgement_body(&notification);
/// assert_eq!(ack, r#"{"paymentJobReference":"1","paymentReference":"2"}"#);
/// ```
pub fn parse_notification(body: &[u8]) -> Result<WebhookNotification, DecodeError> {
    crate::decode::decode_body(body)
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
