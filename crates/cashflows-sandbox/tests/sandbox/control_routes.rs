//! The control surface's JSON routes and `spec/sandbox-control.yaml` (through
//! the document generated from it) describe the same calls: a route added to
//! `server/control/api.rs` without its description, or described but gone,
//! fails here.

use std::collections::BTreeSet;

use cashflows_sandbox::CONTROL_PREFIX as PREFIX;

const METHODS: [&str; 4] = ["get", "post", "put", "delete"];

fn read(relative: &str) -> String {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// `(METHOD, path)` of every route `api::router` declares, read from its
/// source: each `.route(&at("…"), get(…).post(…))`, the catch-all left out.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let source = read("src/server/control/api.rs");
    let start = source
        .find("fn router()")
        .expect("api.rs has `fn router()`");
    let end = start + source[start..].find("\n}\n").expect("router ends");
    let mut routes = BTreeSet::new();
    for chunk in source[start..end].split(".route(").skip(1) {
        let path = chunk
            .split_once("at(\"")
            .and_then(|(_, rest)| rest.split_once("\")"))
            .map(|(path, _)| path)
            .expect("a route under `at(…)`");
        if path.contains("{*") {
            continue;
        }
        for method in METHODS {
            let called =
                chunk.contains(&format!(" {method}(")) || chunk.contains(&format!(".{method}("));
            if called {
                routes.insert((method.to_ascii_uppercase(), format!("{PREFIX}{path}")));
            }
        }
    }
    routes
}

fn routes_in_document() -> BTreeSet<(String, String)> {
    let text = read("../../generated/openapi/sandbox-control.json");
    let document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut routes = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(method).is_some() {
                routes.insert((method.to_ascii_uppercase(), path.clone()));
            }
        }
    }
    routes
}

#[test]
fn the_control_router_and_its_spec_describe_the_same_routes() {
    let code = routes_in_source();
    let spec = routes_in_document();
    assert!(code.len() >= 10, "the scan finds the routes: {code:?}");
    let undescribed: Vec<_> = code.difference(&spec).collect();
    let gone: Vec<_> = spec.difference(&code).collect();
    assert!(
        undescribed.is_empty() && gone.is_empty(),
        "routes without a row in spec/sandbox-control.yaml: {undescribed:?}; rows without a route: {gone:?} (edit the spec, then `cargo xtask codegen`)"
    );
}
