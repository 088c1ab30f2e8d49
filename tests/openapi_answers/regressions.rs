//! The mismatches the property test found, one test each: the document
//! admitted answers the client must refuse (fixed in the emitter), or the
//! client lost a field (fixed in the model generator).

use cashflows::endpoints::Operation;
use regex::Regex;
use serde_json::{Value, json};

use crate::{decode, gateway_document};

fn schema(name: &str) -> Value {
    gateway_document()["components"]["schemas"][name].clone()
}

fn admits(schema: &Value, text: &str) -> bool {
    let pattern = schema["pattern"].as_str().expect("a pattern");
    Regex::new(pattern).expect("compiles").is_match(text)
}

/// Decodes `answer` as `operation`'s and gives back its `data` encoded again.
fn data_again(operation: Operation, answer: Value) -> Value {
    let body = serde_json::to_vec(&answer).expect("serialises");
    let again = decode(operation, 200, &body)
        .expect("a body")
        .expect("decodes");
    again["data"].clone()
}

/// The document's `Amount` was `^[0-9]+(\.[0-9]+)?$`: it admitted amounts
/// of any length, past what any exact decimal holds, which the client must
/// refuse. Now at most 16 digits before the point and 12 after.
#[test]
fn the_document_admits_only_amounts_the_client_reads() {
    let amount = schema("Amount");
    assert!(!admits(
        &amount,
        "15072427716284328467.5639558730355468066758"
    ));
    assert!(!admits(&amount, "1.0000000000001"));
    let longest = "9999999999999999.999999999999";
    assert!(admits(&amount, longest));
    let data = data_again(
        Operation::RetrievePaymentJob,
        json!({"data": {"paidAmount": longest}}),
    );
    assert_eq!(data["paidAmount"], longest);
}

/// The document's `Decimal` was `type: [number, string]`: any string (and
/// numbers no decimal holds, such as `1e211`) was schema-valid, and the
/// client refused them. Now a decimal string, as bounded as an amount.
#[test]
fn the_document_admits_only_decimals_the_client_reads() {
    let decimal = schema("Decimal");
    assert_eq!(decimal["type"], "string");
    assert!(!admits(&decimal, "_LjpIk"));
    let longest = "-9999999999999999.999999999999";
    assert!(admits(&decimal, longest));
    let data = data_again(
        Operation::RetrievePayment,
        json!({"data": {"conversionRate": longest}}),
    );
    assert_eq!(data["conversionRate"], longest);
}

/// Every `integer` of the document was unbounded, and admitted values past
/// `i64` that the models (which hold `i64`) refuse. Now each is `int64`,
/// and the largest decodes.
#[test]
fn every_integer_of_the_document_is_an_int64_the_client_reads() {
    let document = gateway_document();
    let mut integers = Vec::new();
    integer_schemas(&document["components"], &mut integers);
    assert!(!integers.is_empty());
    for schema in integers {
        assert_eq!(schema["format"], "int64", "{schema}");
    }
    let line = json!({"name": "n", "lineNumber": i64::MAX, "quantity": i64::MIN});
    let answer = json!({"data": {"order": {"orderLines": [line]}}});
    let data = data_again(Operation::RetrievePaymentJob, answer);
    assert_eq!(data["order"]["orderLines"][0], line);
}

/// `PaymentMethodInfo.currencies` is required, but an empty list was left
/// out when the model was encoded again: the encoded answer missed a
/// required field. Required lists are now always written.
#[test]
fn a_required_empty_list_is_encoded_again() {
    let method = json!({"paymentMethod": "Card", "currencies": []});
    let data = data_again(
        Operation::SupportedPaymentMethods,
        json!({"data": [method]}),
    );
    assert_eq!(data, json!([{"paymentMethod": "Card", "currencies": []}]));
}

/// The schemas whose only kind of number is an integer (a `Reference`,
/// `string` or `integer`, reads any integer as its digits).
fn integer_schemas<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    let names = |ty: &Value| match ty {
        Value::Array(types) => types.clone(),
        one => vec![one.clone()],
    };
    match value {
        Value::Object(map) => {
            let types = map.get("type").map(names).unwrap_or_default();
            if types.contains(&json!("integer")) && !types.contains(&json!("string")) {
                out.push(value);
            }
            map.values().for_each(|v| integer_schemas(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| integer_schemas(v, out)),
        _ => {}
    }
}
