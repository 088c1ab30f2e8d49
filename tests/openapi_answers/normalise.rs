//! What the client legitimately changes when it encodes an answer again,
//! applied to both the drawn answer and the re-encoded one before they are
//! compared. Each rule is the client's documented reading, nothing more:
//!
//! - **An absent optional field, `null`, and an empty list or map are one
//!   thing.** The models hold optional fields as `Option`, lists as `Vec`
//!   and maps as `BTreeMap` (the document says "optional fields may also be
//!   `null`, which the client reads as absent"); encoding writes none of
//!   them. A required field is kept whatever it holds.
//! - **Amounts and decimals are numbers, not text.** `Amount` and
//!   `Decimal` hold an exact decimal: `"5"`, `"5.00"` and the JSON number
//!   `5` are the same amount, written back as `"5.00"` (amounts take at
//!   least two places) or as the decimal's text. They compare by value.
//! - **A reference is text.** `Reference` reads a number as its digits and
//!   writes a string.
//! - **A long number in an unknown or free-form field becomes its digits.** A number
//!   with more significant digits than a binary float keeps (more than 15,
//!   or an integer beyond 64 bits) is read exactly as a string of the same
//!   text (`exact_json`), so an unknown field keeps every digit but comes
//!   back as a string: the models' `other` map holds `serde_json::Value`,
//!   which has no exact big number.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// `value` as the client would give it back, read through `schema`.
pub fn normalise(components: &Map<String, Value>, schema: &Value, value: &Value) -> Value {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/components/schemas/");
        return match name {
            "Amount" | "Decimal" => decimal(value),
            "Reference" => reference(value),
            _ => normalise(components, &components[name], value),
        };
    }
    if let Some(Value::Array(branches)) = schema.get("anyOf") {
        let not_null = branches.iter().find(|b| b["type"] != "null");
        return match (value, not_null) {
            (Value::Null, _) | (_, None) => value.clone(),
            (_, Some(branch)) => normalise(components, branch, value),
        };
    }
    if schema.get("type").is_none() {
        // Any JSON value (a free-form field): kept as an unknown field is.
        return unknown(value);
    }
    match value {
        Value::Object(map) => Value::Object(object(components, schema, map)),
        Value::Array(items) => {
            let items_schema = schema.get("items").cloned().unwrap_or_default();
            let each = items
                .iter()
                .map(|item| normalise(components, &items_schema, item));
            Value::Array(each.collect())
        }
        _ => value.clone(),
    }
}

/// Listed properties through their schemas, absent ones dropped; map
/// entries through the map's schema; unknown properties through
/// [`unknown`].
fn object(
    components: &Map<String, Value>,
    schema: &Value,
    map: &Map<String, Value>,
) -> Map<String, Value> {
    let properties = schema["properties"].as_object();
    let required = schema["required"].as_array();
    let is_required = |key: &str| required.is_some_and(|r| r.iter().any(|n| n == key));
    let mut out = Map::new();
    for (key, item) in map {
        let listed = properties.and_then(|p| p.get(key));
        let normalised = match (listed, &schema["additionalProperties"]) {
            (Some(property), _) => normalise(components, property, item),
            (None, entries @ Value::Object(_)) => normalise(components, entries, item),
            (None, _) => unknown(item),
        };
        let absent = listed.is_some_and(|property| {
            !is_required(key) && reads_as_absent(components, property, &normalised)
        });
        if !absent {
            out.insert(key.clone(), normalised);
        }
    }
    out
}

/// Whether an optional field's value is one the client holds as absent:
/// `null`, an empty list, or an empty map (not an empty model, which is
/// written back as `{}`).
fn reads_as_absent(components: &Map<String, Value>, schema: &Value, value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty() && is_map(components, schema),
        _ => false,
    }
}

/// A map schema: an object whose entries share one schema, with no
/// listed properties.
fn is_map(components: &Map<String, Value>, schema: &Value) -> bool {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/components/schemas/");
        return is_map(components, &components[name]);
    }
    if let Some(Value::Array(branches)) = schema.get("anyOf") {
        return branches.iter().any(|b| is_map(components, b));
    }
    schema.get("properties").is_none() && schema["additionalProperties"].is_object()
}

/// A decimal's value as canonical text (no trailing zeros); the value
/// unchanged when it is not a decimal (the decode refuses it then).
fn decimal(value: &Value) -> Value {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(n) => n.to_string(),
        other => return other.clone(),
    };
    Decimal::from_str_exact(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map(|d| Value::String(d.normalize().to_string()))
        .unwrap_or_else(|_| value.clone())
}

fn reference(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

/// An unknown field's value as kept: long numbers as their digits.
fn unknown(value: &Value) -> Value {
    match value {
        Value::Number(n) if !float_keeps(&n.to_string()) => Value::String(n.to_string()),
        Value::Array(items) => Value::Array(items.iter().map(unknown).collect()),
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| (k.clone(), unknown(v)));
            Value::Object(entries.collect())
        }
        other => other.clone(),
    }
}

/// Whether a binary float or a 64-bit integer gives the number back: the
/// client's rule, restated from its documentation.
fn float_keeps(text: &str) -> bool {
    if !text.contains(['.', 'e', 'E']) {
        return text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok();
    }
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len() <= 15
}
