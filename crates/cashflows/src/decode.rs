//! Reading a Gateway answer: the envelope (`data`, `errorReport`, `links`)
//! into a typed answer or a typed error.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::client::Response;
use crate::envelope::{ErrorReport, Links};
use crate::error::{ApiError, DecodeError, Error, GatewayError, GatewayWarning};
use crate::exact_json;

/// The envelope every Gateway answer comes in. It is read into a value made
/// beforehand (see [`read_envelope`]): `data` can be a large model, and each
/// layer a value is returned through would move it again.
struct Envelope<T> {
    data: Option<T>,
    error_report: Option<ErrorReport>,
    links: Option<Links>,
}

/// Reads `body` as an envelope; the body must have passed
/// `exact_json::prepare`, which refuses repeated keys.
fn read_envelope<T: DeserializeOwned>(body: &[u8]) -> Result<Envelope<T>, serde_json::Error> {
    let mut envelope = Envelope {
        data: None,
        error_report: None,
        links: None,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    EnvelopeSeed(&mut envelope).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(envelope)
}

/// Fills the envelope it holds from an object, in either key case.
struct EnvelopeSeed<'a, T>(&'a mut Envelope<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Gateway answer object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // `exact_json::prepare` has refused a key given twice, plainly or
        // through escapes: each key comes at most once.
        while let Some(key) = map.next_key::<EnvelopeKey>()? {
            match key {
                EnvelopeKey::Data => self.0.data = map.next_value()?,
                EnvelopeKey::ErrorReport => self.0.error_report = map.next_value()?,
                EnvelopeKey::Links => self.0.links = map.next_value()?,
                EnvelopeKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key of the envelope.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum EnvelopeKey {
    #[serde(alias = "Data", rename = "data")]
    Data,
    #[serde(alias = "ErrorReport", rename = "errorReport")]
    ErrorReport,
    #[serde(alias = "Links", rename = "links")]
    Links,
    #[serde(other)]
    Other,
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
            .and_then(|exact| read_envelope::<IgnoredAny>(&exact).ok())
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
    let envelope = read_envelope::<T>(&exact).map_err(|err| {
        Error::Decode(DecodeError {
            status: Some(status),
            reason: reason(&err),
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

/// Reads a body that is not a Gateway answer (a webhook notification) by
/// the same rules: numbers stay exact, a key given twice is refused, and
/// the error never quotes a value from the body.
pub(crate) fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let undecodable = |reason| DecodeError {
        status: None,
        reason,
        body: String::from_utf8_lossy(body).into_owned(),
    };
    let exact = exact_json::prepare(body).map_err(undecodable)?;
    serde_json::from_slice(&exact).map_err(|err| undecodable(reason(&err)))
}

/// Why an answer did not decode, without any value from it: serde quotes
/// the value it did not expect, and a value in the wrong place may be a
/// card token or number. What was expected, and where, stay.
fn reason(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let names_only_keys = KEY_REASONS.iter().any(|prefix| text.starts_with(prefix));
    if err.classify() != serde_json::error::Category::Data || names_only_keys {
        return text;
    }
    // serde writes the value before ", expected": the last one is its own.
    match text.rsplit_once(", expected ") {
        Some((_, expected)) => format!("a value (not shown) where {expected} was expected"),
        None => format!(
            "a value (not shown) that does not fit, at line {} column {}",
            err.line(),
            err.column()
        ),
    }
}

/// The decode errors that name a key, never a value; shown whole.
const KEY_REASONS: [&str; 3] = [
    "missing field `",
    "duplicate field `",
    exact_json::REPEATED_KEY,
];

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
