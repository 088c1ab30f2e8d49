//! Every response example of `generated/openapi/gateway.json` decodes with
//! the client's typed decode for its operation, and encodes again without
//! losing a field: what the document shows a reader is what the client reads.
//! Embedded checkout's browser calls are skipped, explicitly (see
//! [`every_other_operation_is_a_browser_call_skipped`]).

use cashflows::decode_gateway_response;
use cashflows::endpoints::{self, Operation};
use cashflows::models::{
    Capture, Payment, PaymentIntent, PaymentJob, PaymentMethodInfo, Refund, TokenisedCard,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn gateway_document() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/openapi/gateway.json"
    );
    let text = std::fs::read_to_string(path).expect("the Gateway document is generated");
    serde_json::from_str(&text).expect("the Gateway document is JSON")
}

/// Decodes `answer` as `T`'s answer and encodes its `data` (and its
/// `links`, when the example has some) again.
fn round_trip<T: DeserializeOwned + Serialize>(status: u16, answer: &Value) -> Value {
    let body = serde_json::to_vec(answer).expect("an example serialises");
    let response = decode_gateway_response::<T>(status, &body)
        .unwrap_or_else(|err| panic!("the example does not decode: {err}"));
    let mut out = serde_json::Map::new();
    out.insert(
        "data".into(),
        serde_json::to_value(&response.data).expect("encodes"),
    );
    if answer.get("links").is_some() {
        out.insert(
            "links".into(),
            serde_json::to_value(&response.links).expect("encodes"),
        );
    }
    Value::Object(out)
}

/// The client's decode for the operation: one arm per operation, so a new
/// endpoint does not compile until its answer's type is named here.
fn decode(operation: Operation, status: u16, answer: &Value) -> Option<Value> {
    Some(match operation {
        Operation::CreatePaymentJob
        | Operation::RetrievePaymentJob
        | Operation::CancelPaymentJob => round_trip::<PaymentJob>(status, answer),
        Operation::RetrievePayment | Operation::CancelPayment => {
            round_trip::<Payment>(status, answer)
        }
        Operation::CapturePayment => round_trip::<Capture>(status, answer),
        Operation::RefundPayment => round_trip::<Refund>(status, answer),
        Operation::SupportedPaymentMethods => round_trip::<Vec<PaymentMethodInfo>>(status, answer),
        Operation::TokeniseCard => round_trip::<TokenisedCard>(status, answer),
        Operation::CreatePaymentIntent => round_trip::<PaymentIntent>(status, answer),
        Operation::OrderExists => return None,
    })
}

#[test]
fn every_response_example_decodes_and_encodes_again_whole() {
    let document = gateway_document();
    let mut checked = 0;
    for endpoint in endpoints::ALL {
        let path = &document["paths"][endpoint.path_template];
        let operation = &path[endpoint.method.as_str().to_ascii_lowercase()];
        assert_eq!(
            operation["operationId"], endpoint.name,
            "{} is in the document",
            endpoint.name
        );
        let responses = operation["responses"].as_object().expect("responses");
        for (status, response) in responses {
            let examples = response["content"]["application/json"]["examples"].as_object();
            for (name, example) in examples.into_iter().flatten() {
                let answer = &example["value"];
                let status: u16 = status.parse().unwrap_or(200);
                let Some(again) = decode(endpoint.operation, status, answer) else {
                    panic!("{}: an example for a call without a body", endpoint.name);
                };
                let mut expected = answer.clone();
                if let Value::Object(map) = &mut expected {
                    map.retain(|key, _| key == "data" || key == "links");
                }
                assert_eq!(
                    again, expected,
                    "{} example `{name}` lost or changed a field",
                    endpoint.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the document has response examples");
    println!("{checked} response examples decoded and encoded again");
}

/// Embedded checkout's browser calls (tagged `Embedded checkout (browser)`)
/// are skipped here, on purpose: the client never makes them and has no
/// type for their answers (the document describes only the fields the
/// browser library reads), so there is no typed decode to check them with.
/// This test keeps the skip explicit: every operation of the document is
/// either one of the client's, checked above, or such a browser call.
const BROWSER_TAG: &str = "Embedded checkout (browser)";

#[test]
fn every_other_operation_is_a_browser_call_skipped() {
    let document = gateway_document();
    let mut skipped = Vec::new();
    let paths = document["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("a path item") {
            let id = operation["operationId"].as_str().expect("an operationId");
            let clients = endpoints::ALL.iter().any(|endpoint| endpoint.name == id);
            let browser = operation["tags"]
                .as_array()
                .is_some_and(|tags| tags.iter().any(|tag| tag == BROWSER_TAG));
            assert!(
                clients != browser,
                "{method} {path} ({id}) must be either one of the client's calls or a browser call"
            );
            if browser {
                assert_eq!(
                    operation["security"],
                    serde_json::json!([]),
                    "{id}: a browser call is unsigned"
                );
                skipped.push(id.to_owned());
            }
        }
    }
    assert!(!skipped.is_empty(), "the document has browser calls");
    println!("skipped, as browser calls: {}", skipped.join(", "));
}
