//! The envelope every Gateway answer comes in: `data`, `errorReport` and
//! `links`. Protocol plumbing the client decodes field by field, so it is
//! written here rather than generated. Like the models, each keeps the
//! fields it does not list.

use serde::{Deserialize, Serialize};

/// Errors and warnings the Gateway reports with an answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// The errors.
    #[serde(
        default,
        alias = "Errors",
        deserialize_with = "crate::wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub errors: Vec<ErrorEntry>,
    /// The warnings, also sent with successful answers.
    #[serde(
        default,
        alias = "Warnings",
        deserialize_with = "crate::wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<ErrorEntry>,
    /// The language of the translated messages.
    #[serde(default, alias = "Language", skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Whether the request failed as a whole.
    #[serde(
        default,
        rename = "isFatalError",
        alias = "IsFatalError",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_fatal_error: Option<bool>,
    /// Fields this crate does not list, as received.
    #[serde(flatten)]
    pub other: std::collections::BTreeMap<String, serde_json::Value>,
}

/// One error or warning as the Gateway sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorEntry {
    /// The symbolic code, for example `InvalidPaymentStatus`.
    #[serde(default, alias = "Code", skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The message in English.
    #[serde(default, alias = "Message", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Values the message refers to.
    #[serde(
        default,
        alias = "Parameters",
        deserialize_with = "crate::wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub parameters: Vec<String>,
    /// The message in the requested locale.
    #[serde(
        default,
        rename = "translatedMessage",
        alias = "TranslatedMessage",
        skip_serializing_if = "Option::is_none"
    )]
    pub translated_message: Option<String>,
    /// Fields this crate does not list, as received.
    #[serde(flatten)]
    pub other: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Links that come with an answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// The resource itself.
    #[serde(default, alias = "Data", skip_serializing_if = "Option::is_none")]
    pub data: Option<Link>,
    /// Where the shopper goes next (the hosted payment page or a 3-D Secure step).
    #[serde(default, alias = "Action", skip_serializing_if = "Option::is_none")]
    pub action: Option<Link>,
    /// Documentation about the answer.
    #[serde(
        default,
        alias = "Documentation",
        skip_serializing_if = "Option::is_none"
    )]
    pub documentation: Option<Link>,
    /// Fields this crate does not list, as received.
    #[serde(flatten)]
    pub other: std::collections::BTreeMap<String, serde_json::Value>,
}

/// A link and its type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The address.
    #[serde(default, alias = "Url", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The kind of link.
    #[serde(
        default,
        rename = "type",
        alias = "Type",
        skip_serializing_if = "Option::is_none"
    )]
    pub link_type: Option<String>,
    /// Fields this crate does not list, as received.
    #[serde(flatten)]
    pub other: std::collections::BTreeMap<String, serde_json::Value>,
}
