//! What a JSON reader lets through and the sandbox refuses in a Gateway
//! request body. The body is walked once, before it is read into its model:
//!
//! - **A key given twice in one object**, at any depth: in any letter case
//!   (the Gateway reads keys without regard to case, so `currency` and
//!   `Currency` are one field), and written through escapes (`"\u0041"` is
//!   `A`). A JSON reader keeps one of the two silently, so the request would
//!   mean something its author did not read in it. The client refuses the
//!   same in the Gateway's answers (its `exact_json`); Cashflows publishes
//!   nothing on requests, so refusing them is the sandbox's own choice.
//! - **An amount written with an exponent or with spaces around it**
//!   (`1e2`, `"1E2"`, `" 10.00"`): amounts are sent as plain decimals with
//!   two places (as published). The client's `Amount` reads those forms, as it
//!   must when reading answers leniently; the sandbox holds requests to the
//!   published form. An amount is the value of a key the request models
//!   read as one ([`AMOUNT_KEYS`]), in any letter case.
//!
//! Both are answered as a malformed request (400, no error entry: Cashflows
//! publishes no message for either).

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// What the log says of a key given twice.
pub(crate) const REPEATED_KEY: &str = "a key given twice in one object";

/// What the log says of an amount with an exponent or spaces.
pub(crate) const AMOUNT_NOTATION: &str = "an amount written with an exponent or spaces";

/// What the log says of a body that does not parse as JSON at all.
pub(crate) const NOT_JSON: &str = "body is not JSON";

/// The keys whose values the request models read as amounts
/// (`CreatePaymentJobRequest`, `CapturePaymentRequest`,
/// `RefundPaymentRequest`, `CreatePaymentIntentRequest`, `OrderLine`).
const AMOUNT_KEYS: [&str; 6] = [
    "amountToCollect",
    "amountToCapture",
    "amountToRefund",
    "unitPriceExclVat",
    "unitPriceInclVat",
    "totalLineAmount",
];

/// Checks `body` against the rules above; the reason for the log when it
/// breaks one, or is not JSON.
pub(crate) fn check(body: &[u8]) -> Result<(), &'static str> {
    let broken = Cell::new(None);
    let mut reader = serde_json::Deserializer::from_slice(body);
    let walked = Walk { broken: &broken }
        .deserialize(&mut reader)
        .and_then(|()| reader.end());
    match (walked, broken.get()) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(rule)) => Err(rule),
        (Err(_), None) => Err(NOT_JSON),
    }
}

/// Walks one JSON value, noting in `broken` the first rule it breaks (and
/// stopping there, through an error).
#[derive(Clone, Copy)]
struct Walk<'a> {
    broken: &'a Cell<Option<&'static str>>,
}

impl Walk<'_> {
    fn refuse<E: de::Error>(self, rule: &'static str) -> E {
        self.broken.set(Some(rule));
        E::custom(rule)
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        while items.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        // Keys arrive with their escapes decoded; compared in lower case.
        let mut seen = HashSet::new();
        while let Some(key) = entries.next_key::<String>()? {
            if !seen.insert(key.to_ascii_lowercase()) {
                return Err(self.refuse(REPEATED_KEY));
            }
            if is_amount_key(&key) {
                // The value's text as sent: a number's exponent is gone
                // once it is read as a number.
                let value: &RawValue = entries.next_value()?;
                if !plain_amount(value.get()) {
                    return Err(self.refuse(AMOUNT_NOTATION));
                }
            } else {
                entries.next_value_seed(self)?;
            }
        }
        Ok(())
    }
}

fn is_amount_key(key: &str) -> bool {
    AMOUNT_KEYS
        .iter()
        .any(|amount| amount.eq_ignore_ascii_case(key))
}

/// Whether an amount's JSON text has neither an exponent nor, for a
/// string, spaces around it. Anything else wrong with it (a word, an
/// object) is left to the model, which refuses it.
fn plain_amount(json: &str) -> bool {
    match serde_json::from_str::<String>(json) {
        Ok(text) => text.trim() == text && !text.contains(['e', 'E']),
        // A number (or `null`, or something the model refuses).
        Err(_) => !json.contains(['e', 'E']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_refused_at_any_depth_in_any_case_and_through_escapes() {
        for body in [
            r#"{"currency":"GBP","currency":"EUR"}"#,
            r#"{"currency":"GBP","Currency":"EUR"}"#,
            r#"{"Amount":"1.00","\u0061mount":"2.00"}"#,
            r#"{"order":{"orderNumber":"1","ORDERNUMBER":"2"}}"#,
            r#"{"order":{"orderLines":[{"name":"a","Name":"b"}]}}"#,
        ] {
            assert_eq!(check(body.as_bytes()), Err(REPEATED_KEY), "{body}");
        }
        for body in [
            r#"{"a":{"b":1},"c":{"b":1}}"#,
            r#"{"a":["a","a"],"b":"a"}"#,
            r#"{"\\u0061":1,"a":2}"#,
        ] {
            assert_eq!(check(body.as_bytes()), Ok(()), "{body}");
        }
    }

    #[test]
    fn an_amount_with_an_exponent_or_spaces_is_refused() {
        for body in [
            r#"{"amountToCollect":1e2}"#,
            r#"{"amountToCollect":"1E2"}"#,
            r#"{"AMOUNTTOCAPTURE":1.5E1}"#,
            r#"{"amountToRefund":" 10.00"}"#,
            r#"{"amountToRefund":"10.00\n"}"#,
            r#"{"order":{"orderLines":[{"unitPriceInclVat":"1e1"}]}}"#,
        ] {
            assert_eq!(check(body.as_bytes()), Err(AMOUNT_NOTATION), "{body}");
        }
        for body in [
            r#"{"amountToCollect":"10.00"}"#,
            r#"{"amountToCollect": 10.5 }"#,
            r#"{"amountToCollect":null,"note":"1e2 "}"#,
            r#"{"parameters":{"Descriptor":" 1E2 "}}"#,
        ] {
            assert_eq!(check(body.as_bytes()), Ok(()), "{body}");
        }
    }

    #[test]
    fn a_body_that_is_not_json_says_so() {
        for body in ["{not json", "{\"a\":1} {}", "", "[1,]"] {
            assert_eq!(check(body.as_bytes()), Err(NOT_JSON), "{body:?}");
        }
    }
}
