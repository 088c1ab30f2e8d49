//! Reading a Gateway answer: the envelope (`data`, `errorReport`, `links`)
//! into a typed answer or a typed error.

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::client::Response;
use crate::envelope::{ErrorReport, Links};
use crate::error::{ApiError, DecodeError, Error, GatewayError, GatewayWarning};
use crate::exact_json;

/// The envelope every Gateway answer comes in.
#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::Deserialize<'de>"))]
struct Envelope<T> {
    #[serde(default, alias = "Data")]
    data: Option<T>,
    #[serde(default, rename = "errorReport", alias = "ErrorReport")]
    error_report: Option<ErrorReport>,
    #[serde(default, alias = "Links")]
    links: Option<Links>,
}

/// Turns a Gateway answer's status and body into a typed answer or a typed
/// error, as every call does; never panics. Useful for answers obtained
/// another way (a recording, a proxy).
///
/// Numbers too long for a binary float are read digit for digit, and a key
/// given twice in one object makes the answer undecodable (see
/// `exact_json`). A 2xx answer's errors are kept, not dropped.
///
/// ```
/// use cashflows::models::PaymentJob;
///
/// let body = br#"{"data":{"reference":"1","paymentStatus":"Paid"}}"#;
/// let response = cashflows::decode_gateway_response::<PaymentJob>(200, body).unwrap();
/// assert_eq!(response.data.reference.map(|r| r.to_string()).as_deref(), Some("1"));
/// assert!(cashflows::decode_gateway_response::<PaymentJob>(200, b"<html>").is_err());
/// ```
pub fn decode_gateway_response<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<Response<T>, Error> {
    let text = || String::from_utf8_lossy(body).into_owned();
    let exact = exact_json::prepare(body);
    if !(200..300).contains(&status) {
        // A report with repeated keys cannot be trusted: the body is kept.
        let report = exact
            .ok()
            .and_then(|exact| serde_json::from_slice::<Envelope<IgnoredAny>>(&exact).ok())
            .and_then(|envelope| envelope.error_report);
        let (errors, warnings) = split_report(report);
        return Err(Error::Api(ApiError {
            status,
            errors,
            warnings,
            body: text(),
        }));
    }
    let exact = exact.map_err(|reason| {
        Error::Decode(DecodeError {
            status: Some(status),
            reason,
            body: text(),
        })
    })?;
    let envelope: Envelope<T> = serde_json::from_slice(&exact).map_err(|err| {
        Error::Decode(DecodeError {
            status: Some(status),
            reason: err.to_string(),
            body: text(),
        })
    })?;
    let Some(data) = envelope.data else {
        return Err(Error::Decode(DecodeError {
            status: Some(status),
            reason: "the answer has no `data`".to_string(),
            body: text(),
        }));
    };
    let (errors, warnings) = split_report(envelope.error_report);
    Ok(Response {
        status,
        data,
        errors,
        warnings,
        links: envelope.links,
    })
}

fn split_report(report: Option<ErrorReport>) -> (Vec<GatewayError>, Vec<GatewayWarning>) {
    let Some(report) = report else {
        return (Vec::new(), Vec::new());
    };
    let errors = report
        .errors
        .into_iter()
        .map(|entry| GatewayError::from_entry(entry, crate::GatewayErrorCode::recognise))
        .collect();
    let warnings = report
        .warnings
        .into_iter()
        .map(|entry| GatewayWarning::from_entry(entry, crate::GatewayWarningCode::recognise))
        .collect();
    (errors, warnings)
}
