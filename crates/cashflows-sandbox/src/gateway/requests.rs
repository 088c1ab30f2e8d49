//! Reading a Gateway request: its body as the model it must be (a JSON
//! object that keeps the sandbox's rules for bodies, see `strict`; keys in
//! any letter case for a create), its order number, and the documented
//! status a project trigger in it selects.

use cashflows::endpoints::Endpoint;
use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, RecurrenceCriteria, UpdateOrderRequest,
    WireFields,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::envelope::GatewayRefusal;
use super::strict;
use crate::engine::triggers;

/// A request's order number, or "".
pub(crate) fn order_number(order: Option<&UpdateOrderRequest>) -> &str {
    order
        .and_then(|order| order.order_number.as_deref())
        .unwrap_or_default()
}

/// The documented status of `endpoint` that a project trigger in `value`
/// selects, as an error to answer with.
pub(crate) fn forced_status(endpoint: &Endpoint, value: &str) -> Result<(), GatewayRefusal> {
    match triggers::http_status(endpoint, value) {
        Some(status) => Err(GatewayRefusal::Status(status)),
        None => Ok(()),
    }
}

/// A body whose fields are all optional: an empty body reads as `{}`.
pub(crate) fn parse_optional<T: DeserializeOwned + Default>(
    body: &[u8],
) -> Result<T, GatewayRefusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    parse_object(body)
}

/// What the log says of a body that is JSON but not the call's model (a
/// field of the wrong type, a required one missing).
const NOT_THE_MODEL: &str = "body is not the call's model";

/// A request body: a JSON object that keeps the sandbox's rules for bodies
/// (see `strict`), read into the model. Only an object is a request: serde
/// would read an array (`[]`, `["10.00", true]`) field by field, in the
/// model's order, and `[]` as "every field left out".
pub(crate) fn parse_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, GatewayRefusal> {
    let starts_an_object = body
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| *byte == b'{');
    if !starts_an_object {
        return Err(GatewayRefusal::Malformed("body is not a JSON object"));
    }
    strict::check(body).map_err(GatewayRefusal::Malformed)?;
    serde_json::from_slice(body).map_err(|_| GatewayRefusal::Malformed(NOT_THE_MODEL))
}

/// Reads a create request with its keys in any letter case: the models
/// already accept camelCase and PascalCase; other spellings (`CARDNUMBER`,
/// `cardnumber`) are mapped to the model's own names first.
pub(crate) fn parse_create_request(body: &[u8]) -> Result<CreatePaymentJobRequest, GatewayRefusal> {
    let mut value: Value = parse_object(body)?;
    canonical_keys::<CreatePaymentJobRequest>(&mut value);
    if let Some(object) = value.as_object_mut() {
        for (key, parameters) in object.iter_mut() {
            if key.eq_ignore_ascii_case("parameters") {
                canonical_keys::<PaymentJobParameters>(parameters);
            }
        }
    }
    let request: CreatePaymentJobRequest =
        serde_json::from_value(value).map_err(|_| GatewayRefusal::Malformed(NOT_THE_MODEL))?;
    if request
        .recurrence_criteria
        .as_ref()
        .is_some_and(has_negative_figure)
    {
        return Err(GatewayRefusal::Malformed(NEGATIVE_RECURRENCE));
    }
    Ok(request)
}

/// What the log says of a negative recurrence figure.
const NEGATIVE_RECURRENCE: &str = "a negative recurringFrequency or instalments";

/// Whether a recurrence counts days or instalments below zero. The model
/// reads any integer; a count below zero means nothing (as published: the
/// minimum days between transactions, the number of instalments), and
/// Cashflows publishes no error for it: refusing it as malformed is the
/// sandbox's own choice.
fn has_negative_figure(criteria: &RecurrenceCriteria) -> bool {
    [criteria.recurring_frequency, criteria.instalments]
        .into_iter()
        .flatten()
        .any(|figure| figure < 0)
}

/// Renames the keys of a JSON object that match one of `T`'s keys but for
/// letter case to that key: the Gateway reads keys without regard to case.
fn canonical_keys<T: WireFields>(value: &mut Value) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let renames: Vec<(String, &str)> = object
        .keys()
        .filter(|key| !T::WIRE_NAMES.contains(&key.as_str()))
        .filter_map(|key| {
            T::WIRE_NAMES
                .iter()
                .find(|name| name.eq_ignore_ascii_case(key))
                .map(|name| (key.clone(), *name))
        })
        .collect();
    for (from, to) in renames {
        if let Some(field) = object.remove(&from) {
            object.entry(to).or_insert(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_any_case() {
        let body =
            br#"{"CURRENCY":"GBP","PARAMETERS":{"cardnumber":"4000000000000002","CardCvc":"123"}}"#;
        let request = parse_create_request(body).unwrap();
        assert_eq!(request.currency, "GBP");
        let parameters = request.parameters.unwrap();
        assert_eq!(parameters.card_number.unwrap().expose(), "4000000000000002");
        assert_eq!(parameters.card_cvc.unwrap().expose(), "123");
    }
}
