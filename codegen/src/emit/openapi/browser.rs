//! Embedded checkout's browser calls in `gateway.json`: their own tag, no
//! security scheme (unsigned; the intent's token in the path is the
//! credential), the bodies and answers the browser library sends and reads,
//! and any status from 400 up as an error answer, as the library treats it.

use super::gateway::status_text;
use super::schema::{self, json_content, provenance, reference};
use crate::json::Json;
use crate::model::{BrowserCall, BrowserData, BrowserField, Model};
use crate::spec::Provenance;

/// The tag of the browser calls.
pub const TAG: &str = "Embedded checkout (browser)";

/// What every browser call's description says of its credential.
const CREDENTIAL: &str = "Called by the shopper's browser (Cashflows' JavaScript library), not by the merchant's server, and not signed: no `ConfigurationId`, no `Hash`. The intent's token in the path is the only credential. Whoever holds it can read and pay the intent, so treat it as a secret: hand it only to the shopper's page it was created for, and never log it or put it in a URL the shop shows.";

/// What every browser call's error answers are.
const ERRORS: &str = "An error: the library treats any status from 400 up as one and shows `errorReport.errors[0].message`.";

pub fn tag() -> Json {
    Json::object().with("name", TAG).with(
        "description",
        "Embedded checkout's calls made by the shopper's browser with the intent's token, as Cashflows' own JavaScript library makes them (observed in its source, cashflows-clientlib-js 1.0.51): unsigned, the token the credential. Described so a reader and a tool can see the whole flow; a server client never makes them.",
    )
}

/// The operation of `call`, under its method.
pub fn operation(model: &Model, call: &BrowserCall) -> Json {
    let mut description = vec![CREDENTIAL.to_owned()];
    description.extend(call.note.clone());
    let mut operation = Json::object()
        .with("operationId", call.name.as_str())
        .with("summary", call.summary.as_str())
        .with("description", description.join("\n\n"))
        .with("tags", Json::strings([TAG]))
        .with("security", Json::Array(Vec::new()))
        .with("parameters", parameters(call));
    if !call.request.is_empty() {
        operation.set(
            "requestBody",
            Json::object()
                .with("required", true)
                .with("content", json_content(request(call))),
        );
    }
    operation
        .with("responses", responses(model, call))
        .with("x-provenance", provenance(call.provenance))
}

fn parameters(call: &BrowserCall) -> Json {
    let list = call.path_params.iter().map(|param| {
        Json::object()
            .with("name", param.wire.as_str())
            .with("in", "path")
            .with("required", true)
            .with("description", param.description.as_str())
            .with("schema", Json::object().with("type", "string"))
    });
    Json::Array(list.collect())
}

/// One body, or `oneOf` its alternatives.
fn request(call: &BrowserCall) -> Json {
    let mut bodies: Vec<Json> = call
        .request
        .iter()
        .map(|body| object(&body.description, &body.fields, call.provenance, false))
        .collect();
    if bodies.len() == 1 {
        bodies.remove(0)
    } else {
        Json::object().with("oneOf", bodies)
    }
}

/// An open object of `fields`; optional answer fields may be `null`, as in
/// every model of the document.
fn object(description: &str, fields: &[BrowserField], grade: Provenance, answer: bool) -> Json {
    let properties = fields.iter().map(|field| {
        let schema = schema::of_type(&field.ty);
        let schema = if answer && !field.required {
            schema::nullable(schema)
        } else {
            schema
        };
        let schema = schema
            .with("description", field.description.as_str())
            .with("x-provenance", provenance(grade));
        (field.wire.clone(), schema)
    });
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire.as_str())
        .collect();
    let mut schema = Json::object()
        .with("type", "object")
        .with("description", description)
        .with("properties", Json::Object(properties.collect()));
    if !required.is_empty() {
        schema.set("required", Json::strings(required));
    }
    schema
        .with("additionalProperties", true)
        .with("x-provenance", provenance(grade))
}

fn responses(model: &Model, call: &BrowserCall) -> Json {
    let mut responses = Json::object();
    let key = call
        .success
        .map_or_else(|| "2XX".to_owned(), |status| status.to_string());
    let mut success = Json::object().with("description", status_text(model, call.success));
    let answer = &call.answer;
    let description = answer
        .description
        .as_deref()
        .unwrap_or("What `data` holds.");
    let data = match answer.data {
        BrowserData::Object => Some(object(description, &answer.fields, call.provenance, true)),
        BrowserData::List => Some(
            Json::object()
                .with("type", "array")
                .with("description", description)
                .with(
                    "items",
                    object("One item.", &answer.fields, call.provenance, true),
                ),
        ),
        BrowserData::Unpublished => None,
    };
    if let Some(data) = data {
        let envelope = Json::object()
            .with("type", "object")
            .with("required", Json::strings(["data"]))
            .with(
                "properties",
                Json::object()
                    .with("data", data)
                    .with("errorReport", schema::nullable(reference("ErrorReport")))
                    .with("links", schema::nullable(reference("Links"))),
            )
            .with("additionalProperties", true);
        success.set("content", json_content(envelope));
    } else if let Some(text) = &answer.description {
        success.set(
            "description",
            format!("{} {text}", status_text(model, call.success)),
        );
    }
    responses.set(&key, success);
    for status in &call.statuses {
        let answer = Json::object()
            .with("description", status_text(model, Some(*status)))
            .with("content", json_content(reference("ErrorAnswer")));
        responses.set(&status.to_string(), answer);
    }
    for range in ["4XX", "5XX"] {
        let answer = Json::object()
            .with("description", ERRORS)
            .with("content", json_content(reference("ErrorAnswer")));
        responses.set(range, answer);
    }
    responses
}
