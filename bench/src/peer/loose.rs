//! The answers as a user decodes them who gives up the client's guarantees:
//! only the fields the program reads, all optional, amounts as `f64`, and
//! every other field skipped, not kept.

// A user's structs hold the fields their program reads somewhere; the
// benchmark reads few of them, but decoding them all is the work measured.
#![allow(dead_code)]

use serde::{Deserialize, Deserializer};

#[derive(Debug, Deserialize)]
pub struct Envelope {
    pub data: PaymentJob,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentJob {
    pub reference: Option<String>,
    pub payment_status: Option<String>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "float")]
    pub amount_to_collect: Option<f64>,
    pub payments: Option<Vec<Payment>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub reference: Option<String>,
    pub status: Option<String>,
    #[serde(default, deserialize_with = "float")]
    pub amount_to_collect: Option<f64>,
}

/// The Gateway writes amounts as strings (`"10.00"`): read as an `f64`.
fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let text: Option<&str> = Option::deserialize(deserializer)?;
    text.map(|text| text.parse().map_err(serde::de::Error::custom))
        .transpose()
}
