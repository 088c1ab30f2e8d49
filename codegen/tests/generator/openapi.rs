//! The OpenAPI documents, parsed as a consumer parses them: every `$ref`
//! resolves, every operation has an operationId, responses and a grade, and
//! in the Gateway document every schema and field carries its provenance.

use serde_json::Value;

use super::support::repo_root;

const DOCUMENTS: [&str; 3] = ["gateway.json", "remote-auth.json", "sandbox-control.json"];
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn document(name: &str) -> Value {
    let path = repo_root().join("generated/openapi").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{name}: {err}"));
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains("@generated") && first.contains("Do not edit"),
        "{name}: the first line says it is generated"
    );
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{name} is not JSON: {err}"))
}

/// Every `$ref` under `value`, with where it sits.
fn refs<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => out.push((at.clone(), target)),
                    _ => refs(inner, format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                refs(item, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// The value a local `$ref` (`#/a/b`) points at.
fn resolve<'a>(root: &'a Value, target: &str) -> Option<&'a Value> {
    root.pointer(target.strip_prefix('#')?)
}

fn operations(document: &Value) -> Vec<(String, &Value)> {
    let mut found = Vec::new();
    for section in ["paths", "webhooks"] {
        let Some(Value::Object(items)) = document.get(section) else {
            continue;
        };
        for (path, item) in items {
            for method in METHODS {
                if let Some(operation) = item.get(method) {
                    found.push((format!("{method} {path}"), operation));
                }
            }
        }
    }
    found
}

#[test]
fn every_reference_resolves_and_every_operation_is_complete() {
    for name in DOCUMENTS {
        let document = document(name);
        assert_eq!(document["openapi"], "3.1.0", "{name}");
        let mut found = Vec::new();
        refs(&document, String::new(), &mut found);
        for (at, target) in found {
            assert!(
                resolve(&document, target).is_some(),
                "{name}{at}: `{target}` resolves to nothing"
            );
        }
        let operations = operations(&document);
        assert!(!operations.is_empty(), "{name} has operations");
        for (at, operation) in operations {
            assert!(
                operation["operationId"].is_string(),
                "{name} {at}: operationId"
            );
            assert!(
                operation["x-provenance"].is_string(),
                "{name} {at}: x-provenance"
            );
            let responses = operation["responses"].as_object();
            assert!(
                responses.is_some_and(|r| !r.is_empty()),
                "{name} {at}: responses"
            );
        }
    }
}

#[test]
fn the_gateway_grades_every_schema_and_field_and_lists_its_codes() {
    let document = document("gateway.json");
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for (name, schema) in schemas {
        assert!(schema["x-provenance"].is_string(), "{name}: x-provenance");
        let properties = schema.get("properties").and_then(Value::as_object);
        for (field, property) in properties.into_iter().flatten() {
            assert!(
                property["x-provenance"].is_string(),
                "{name}.{field}: x-provenance"
            );
        }
        assert_ne!(
            schema.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{name} is open"
        );
        assert!(
            schema.get("enum").is_none(),
            "{name}: open enumerations list known values, not `enum`"
        );
    }
    for table in ["x-gateway-errors", "x-gateway-warnings"] {
        let rows = document[table].as_array().expect(table);
        assert!(!rows.is_empty(), "{table}");
        for row in rows {
            assert!(
                row["message"].is_string() && row["provenance"].is_string(),
                "{table}: {row}"
            );
        }
    }
    let create = &document["paths"]["/api/gateway/payment-jobs"]["post"];
    let links = create["responses"]["201"]["links"]
        .as_object()
        .expect("the create's links");
    for operation in [
        "retrieve_payment_job",
        "cancel_payment",
        "capture_payment",
        "refund_payment",
    ] {
        assert!(links.contains_key(operation), "a link to {operation}");
    }
}

/// Embedded checkout's browser calls: in the Gateway document under their
/// own tag, unsigned, graded, linked from the intent create's token; in the
/// book's endpoints page under their own heading; never in the client.
#[test]
fn browser_calls_are_tagged_apart_unsigned_and_never_the_clients() {
    let document = document("gateway.json");
    let calls = [
        (
            "get",
            "/api/gateway/payment-intents/{token}",
            "retrieve_payment_intent",
        ),
        (
            "post",
            "/api/gateway/payment-intents/{token}/payments",
            "pay_payment_intent",
        ),
        (
            "get",
            "/api/gateway/payment-intents/{token}/stored-cards",
            "list_stored_cards",
        ),
        (
            "delete",
            "/api/gateway/payment-intents/{token}/stored-cards/{encryptedCardData}",
            "delete_stored_card",
        ),
    ];
    for (method, path, id) in calls {
        let operation = &document["paths"][path][method];
        assert_eq!(operation["operationId"], id, "{method} {path}");
        assert_eq!(
            operation["tags"],
            serde_json::json!(["Embedded checkout (browser)"]),
            "{id}"
        );
        assert_eq!(
            operation["security"],
            serde_json::json!([]),
            "{id}: unsigned"
        );
        assert_eq!(operation["x-provenance"], "observed", "{id}");
        let description = operation["description"].as_str().unwrap_or_default();
        assert!(
            description.contains("token") && description.contains("secret"),
            "{id}: says the token is the credential, a secret"
        );
        assert!(operation["responses"]["4XX"].is_object(), "{id}: errors");
    }
    let links =
        &document["paths"]["/api/gateway/payment-intents/"]["post"]["responses"]["2XX"]["links"];
    for id in ["retrieve_payment_intent", "pay_payment_intent"] {
        assert_eq!(
            links[id]["parameters"]["token"], "$response.body#/data/token",
            "a link from the intent create to {id}"
        );
    }
    let page = std::fs::read_to_string(repo_root().join("generated/docs/src/endpoints.md"))
        .expect("the endpoints page");
    let (_, browser_section) = page
        .split_once("## Called by the shopper's browser, not by your server")
        .expect("the endpoints page has the browser calls' section");
    let generated = repo_root().join("crates/cashflows/src/generated");
    for (_, path, id) in calls {
        assert!(browser_section.contains(path), "the book lists {path}");
        for entry in std::fs::read_dir(&generated).expect("the client's generated files") {
            let file = entry.expect("an entry").path();
            let text = std::fs::read_to_string(&file).expect("a generated file reads");
            assert!(
                !text.contains(id) && !text.contains("stored-cards"),
                "{}: the client must not gain the browser call {id}",
                file.display()
            );
        }
    }
}
