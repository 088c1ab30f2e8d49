//! `sandbox-control.json`: the sandbox's control surface, from
//! `sandbox-control.yaml`.

use super::schema::{json_content, provenance, reference};
use crate::json::Json;
use crate::model::{ControlEndpoint, Model};
use crate::spec::Provenance;

/// The optional bearer token of a sandbox started with `--control-token`.
const TOKEN: &str = "controlToken";

pub fn document(model: &Model) -> Json {
    let control = &model.sandbox_control;
    let mut paths = Json::object();
    for endpoint in &control.endpoints {
        let mut item = paths
            .get(&endpoint.path)
            .cloned()
            .unwrap_or_else(Json::object);
        item.set(&endpoint.method, operation(endpoint));
        paths.set(&endpoint.path, item);
    }
    let token = Json::object()
        .with("type", "http")
        .with("scheme", "bearer")
        .with("description", "The control token of a sandbox started with --control-token; without one, only loopback callers are answered and no token is needed.");
    Json::object()
        .with("openapi", "3.1.0")
        .with("info", Json::object()
            .with("title", "cashflows-sandbox control surface")
            .with("version", control.source.retrieved.as_str())
            .with("description", control.description.as_str()))
        .with("servers", vec![Json::object()
            .with("url", "http://127.0.0.1:4242")
            .with("description", "The sandbox binary's default address; a sandbox started in a test has its own (its base URL).")])
        .with("security", vec![Json::object(), Json::object().with(TOKEN, Json::Array(Vec::new()))])
        .with("paths", paths)
        .with("components", Json::object()
            .with("schemas", Json::Object(control.schemas.clone()))
            .with("securitySchemes", Json::object().with(TOKEN, token)))
}

fn operation(endpoint: &ControlEndpoint) -> Json {
    let mut parameters = Vec::new();
    let params = endpoint.path_params.iter().map(|p| (p, "path", true));
    let query = endpoint.query_params.iter().map(|p| (p, "query", false));
    for ((name, description), place, required) in params.chain(query) {
        parameters.push(
            Json::object()
                .with("name", name.as_str())
                .with("in", place)
                .with("required", required)
                .with("description", description.as_str())
                .with("schema", Json::object().with("type", "string")),
        );
    }
    let mut operation = Json::object()
        .with("operationId", endpoint.name.as_str())
        .with("summary", endpoint.summary.as_str())
        .with("parameters", Json::Array(parameters));
    if let Some(request) = &endpoint.request {
        operation.set(
            "requestBody",
            Json::object()
                .with("required", true)
                .with("content", json_content(reference(request))),
        );
    }
    let mut responses = Json::object();
    for answer in &endpoint.answers {
        let mut response = Json::object().with("description", answer.description.as_str());
        if let Some(schema) = &answer.schema {
            response.set("content", json_content(reference(schema)));
        }
        responses.set(&answer.status.to_string(), response);
    }
    operation
        .with("responses", responses)
        .with("x-provenance", provenance(Provenance::Project))
}
