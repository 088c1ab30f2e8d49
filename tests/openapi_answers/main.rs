//! Answers drawn from the Gateway document's schemas decode with the
//! client's typed decode for their operation, and encode again without
//! losing or changing a field (modulo the client's documented readings,
//! `normalise`). The examples test (`openapi_examples`) checks the answers
//! the document shows; this one checks the answers it admits.
//!
//! Embedded checkout's browser calls are not drawn: the client has no type
//! for their answers (`openapi_examples` checks that every other operation
//! of the document is such a call).
//!
//! Each drawn answer is first checked against its schema by an independent
//! validator (`check`), so a generator bug cannot pass for a client bug.

mod check;
mod draw;
mod normalise;
mod regressions;

use cashflows::decode_gateway_response;
use cashflows::endpoints::{self, Operation};
use cashflows::models::{
    Capture, Payment, PaymentIntent, PaymentJob, PaymentMethodInfo, Refund, TokenisedCard,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use draw::Draw;

/// Answers drawn per documented success response: a few seconds in all.
const CASES: usize = 300;

pub fn gateway_document() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/openapi/gateway.json"
    );
    let text = std::fs::read_to_string(path).expect("the Gateway document is generated");
    serde_json::from_str(&text).expect("the Gateway document is JSON")
}

/// Decodes `body` as `T`'s answer and encodes its `data` and `links` again.
fn round_trip<T: DeserializeOwned + Serialize>(status: u16, body: &[u8]) -> Result<Value, String> {
    let response = decode_gateway_response::<T>(status, body).map_err(|err| err.to_string())?;
    let mut out = Map::new();
    out.insert(
        "data".into(),
        serde_json::to_value(&response.data).expect("encodes"),
    );
    if let Some(links) = &response.links {
        out.insert(
            "links".into(),
            serde_json::to_value(links).expect("encodes"),
        );
    }
    Ok(Value::Object(out))
}

/// The client's decode for the operation: one arm per operation, so a new
/// endpoint does not compile until its answer's type is named here.
pub fn decode(operation: Operation, status: u16, body: &[u8]) -> Option<Result<Value, String>> {
    Some(match operation {
        Operation::CreatePaymentJob
        | Operation::RetrievePaymentJob
        | Operation::CancelPaymentJob => round_trip::<PaymentJob>(status, body),
        Operation::RetrievePayment | Operation::CancelPayment => {
            round_trip::<Payment>(status, body)
        }
        Operation::CapturePayment => round_trip::<Capture>(status, body),
        Operation::RefundPayment => round_trip::<Refund>(status, body),
        Operation::SupportedPaymentMethods => round_trip::<Vec<PaymentMethodInfo>>(status, body),
        Operation::TokeniseCard => round_trip::<TokenisedCard>(status, body),
        Operation::CreatePaymentIntent => round_trip::<PaymentIntent>(status, body),
        Operation::OrderExists => return None,
    })
}

/// The documented success responses of an operation with a JSON body:
/// their status (`2XX` read as 200) and schema.
fn success_schemas(operation: &Value) -> Vec<(u16, Value)> {
    let responses = operation["responses"].as_object().expect("responses");
    responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(status, response)| {
            let schema = response["content"]["application/json"].get("schema")?;
            Some((status.parse().unwrap_or(200), schema.clone()))
        })
        .collect()
}

/// What the answer says that the client keeps: its `data`, and its
/// `links` unless absent or `null`. (`errorReport` is read into typed
/// errors and warnings, not encoded again; it must decode all the same.)
fn kept_parts(answer: &Value) -> Value {
    let mut kept = answer.clone();
    if let Value::Object(map) = &mut kept {
        map.retain(|key, value| key == "data" || (key == "links" && !value.is_null()));
    }
    kept
}

/// Draws `CASES` answers for one response and checks each; the first
/// failure, with the answer, is the error.
fn check_response(
    draw: &mut Draw<'_>,
    components: &Map<String, Value>,
    endpoint: &endpoints::Endpoint,
    (status, schema): &(u16, Value),
) -> Result<(), String> {
    for case in 0..CASES {
        let answer = draw.value(schema, 0);
        let context = || format!("{} {status} case {case}: {answer:#}", endpoint.name);
        check::validate(components, schema, &answer, "answer").map_err(|why| {
            format!(
                "the generator drew an invalid answer ({why}); {}",
                context()
            )
        })?;
        let body = serde_json::to_vec(&answer).expect("an answer serialises");
        let Some(decoded) = decode(endpoint.operation, *status, &body) else {
            return Err(format!(
                "{}: a documented body for a call without one",
                endpoint.name
            ));
        };
        let again = decoded.map_err(|err| format!("refused ({err}); {}", context()))?;
        let expected = normalise::normalise(components, schema, &kept_parts(&answer));
        let got = normalise::normalise(components, schema, &again);
        if let Some(difference) = first_difference(&expected, &got, "answer") {
            return Err(format!("encoded again with {difference}; {}", context()));
        }
    }
    Ok(())
}

/// Where `got` first differs from `expected`, as a path and both values.
fn first_difference(expected: &Value, got: &Value, path: &str) -> Option<String> {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            let keys = e.keys().chain(g.keys().filter(|k| !e.contains_key(*k)));
            keys.map(|key| {
                let (e, g) = (
                    e.get(key).unwrap_or(&Value::Null),
                    g.get(key).unwrap_or(&Value::Null),
                );
                match (e.is_null() || g.is_null()) && e != g {
                    true => Some(format!("{path}.{key}: {e} became {g} (null: absent)")),
                    false => first_difference(e, g, &format!("{path}.{key}")),
                }
            })
            .find_map(|difference| difference)
        }
        (Value::Array(e), Value::Array(g)) if e.len() == g.len() => e
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (e, g))| first_difference(e, g, &format!("{path}[{i}]"))),
        _ if expected == got => None,
        _ => Some(format!("{path}: {expected} became {got}")),
    }
}

#[test]
fn every_drawn_answer_decodes_and_encodes_again_whole() {
    let document = gateway_document();
    let components = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let mut draw = Draw::new(components);
    let mut failures = Vec::new();
    let mut responses = 0;
    for endpoint in endpoints::ALL {
        let method = endpoint.method.as_str().to_ascii_lowercase();
        let operation = &document["paths"][endpoint.path_template][method];
        assert_eq!(
            operation["operationId"], endpoint.name,
            "{} is in the document",
            endpoint.name
        );
        for response in success_schemas(operation) {
            responses += 1;
            if let Err(failure) = check_response(&mut draw, components, endpoint, &response) {
                failures.push(failure);
            }
        }
    }
    assert!(
        responses > 0,
        "the document has success responses with bodies"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    println!("{responses} responses, {CASES} answers each, decoded and encoded again");
}

// Embedded checkout's browser calls are not drawn here: the client never
// makes them and has no type for their answers. `openapi_examples.rs`
// checks that every operation of the document is either one of the
// client's, drawn above, or such a browser call.
