//! A small JSON Schema validator for the keywords the Gateway document
//! uses, written apart from the generator so that it checks it: every
//! drawn answer must be valid against the schema it was drawn from. The
//! workspace has no JSON Schema validator; `pattern` is matched with the
//! `regex` crate, `format: date-time` by RFC 3339's grammar, the rest by
//! hand.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

/// Why `value` is not valid against `schema`, with the path to the
/// offending part; `Ok` when it is valid.
pub fn validate(
    components: &Map<String, Value>,
    schema: &Value,
    value: &Value,
    path: &str,
) -> Result<(), String> {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/components/schemas/");
        return validate(components, &components[name], value, path);
    }
    if let Some(Value::Array(branches)) = schema.get("anyOf") {
        return branches
            .iter()
            .find(|b| validate(components, b, value, path).is_ok())
            .map(|_| ())
            .ok_or_else(|| format!("{path}: no branch of anyOf admits {value}"));
    }
    if let Some(ty) = schema.get("type") {
        let admitted = match ty {
            Value::Array(types) => types.iter().any(|t| has_type(value, t)),
            one => has_type(value, one),
        };
        if !admitted {
            return Err(format!("{path}: {value} is not of type {ty}"));
        }
    }
    match value {
        Value::Object(map) => object(components, schema, map, path),
        Value::Array(items) => array(components, schema, items, path),
        Value::String(text) => string(schema, text, path),
        Value::Number(_) => number(schema, value, path),
        _ => Ok(()),
    }
}

/// JSON Schema's types; `integer` is any number with no fraction.
fn has_type(value: &Value, ty: &Value) -> bool {
    match (ty.as_str().unwrap_or_default(), value) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

fn object(
    components: &Map<String, Value>,
    schema: &Value,
    map: &Map<String, Value>,
    path: &str,
) -> Result<(), String> {
    for name in schema["required"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        if !map.contains_key(name) {
            return Err(format!("{path}: the required `{name}` is missing"));
        }
    }
    let properties = schema["properties"].as_object();
    for (key, item) in map {
        let at = format!("{path}.{key}");
        match properties.and_then(|p| p.get(key)) {
            Some(property) => validate(components, property, item, &at)?,
            None => match &schema["additionalProperties"] {
                Value::Bool(false) => return Err(format!("{at}: not admitted")),
                Value::Object(_) => {
                    validate(components, &schema["additionalProperties"], item, &at)?
                }
                _ => {}
            },
        }
    }
    Ok(())
}

fn array(
    components: &Map<String, Value>,
    schema: &Value,
    items: &[Value],
    path: &str,
) -> Result<(), String> {
    let Some(item_schema) = schema.get("items") else {
        return Ok(());
    };
    items
        .iter()
        .enumerate()
        .try_for_each(|(i, item)| validate(components, item_schema, item, &format!("{path}[{i}]")))
}

fn string(schema: &Value, text: &str, path: &str) -> Result<(), String> {
    if let Some(pattern) = schema["pattern"].as_str() {
        let regex = Regex::new(pattern).expect("the document's patterns compile");
        if !regex.is_match(text) {
            return Err(format!("{path}: {text:?} does not match {pattern}"));
        }
    }
    if schema["format"] == "date-time" && !is_date_time(text) {
        return Err(format!("{path}: {text:?} is not an RFC 3339 date-time"));
    }
    Ok(())
}

fn number(schema: &Value, value: &Value, path: &str) -> Result<(), String> {
    let n = value.as_f64().unwrap_or_default();
    let below = schema["minimum"].as_f64().is_some_and(|min| n < min);
    let above = schema["maximum"].as_f64().is_some_and(|max| n > max);
    let (low, high) = match schema["format"].as_str() {
        Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
        Some("int64") => (i64::MIN, i64::MAX),
        _ => {
            return if below || above {
                Err(format!("{path}: {value} out of bounds"))
            } else {
                Ok(())
            };
        }
    };
    // An integer written with a fraction (`7.0`) is still an integer.
    let integral = value
        .as_i64()
        .or_else(|| Some(n as i64).filter(|i| *i as f64 == n));
    match integral {
        Some(i) if (low..=high).contains(&i) && !below && !above => Ok(()),
        _ => Err(format!("{path}: {value} is outside {}", schema["format"])),
    }
}

/// RFC 3339 section 5.6 `date-time`: `full-date "T" full-time`, either
/// case of `T` and `Z`.
fn is_date_time(text: &str) -> bool {
    static GRAMMAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
            "[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?",
            "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
        ))
        .expect("the grammar compiles")
    });
    GRAMMAR.is_match(text)
}
