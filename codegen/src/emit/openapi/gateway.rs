//! `gateway.json`: the Gateway as OpenAPI 3.1, from the endpoints, models,
//! statuses, environments and code tables of the model.

use super::schema::{self, json_content, provenance, reference};
use crate::json::Json;
use crate::model::{BodyField, CodeTable, Endpoint, Model};
use crate::spec::Provenance;

/// The security schemes' names; every operation needs both.
const CONFIGURATION_ID: &str = "configurationId";
const HASH: &str = "hash";

pub fn document(model: &Model) -> Json {
    Json::object()
        .with("openapi", "3.1.0")
        .with("info", info(model))
        .with("servers", servers(model))
        .with(
            "security",
            vec![
                Json::object()
                    .with(CONFIGURATION_ID, Json::Array(Vec::new()))
                    .with(HASH, Json::Array(Vec::new())),
            ],
        )
        .with("tags", tags())
        .with("paths", paths(model))
        .with("webhooks", webhooks(model))
        .with("components", components(model))
        .with("x-gateway-errors", code_rows(&model.errors))
        .with("x-gateway-warnings", code_rows(&model.warnings))
}

fn info(model: &Model) -> Json {
    let description = [
        "Cashflows' Gateway API, described from this project's spec (the Cashflows API reference and guide pages, each value graded), not published by Cashflows. Provenance: every operation, schema and field carries `x-provenance`: `doc` (stated by Cashflows), `observed` (seen in working integrations), `third-party` (an unofficial summary), `unknown` (nobody publishes it) or `project` (this project's own reading). OpenAPI cannot grade a value; the extension is the only place the grade lives here.",
        schema::OPEN_WORLD,
        "Keys: the Gateway reads JSON keys without regard to letter case (some integrations send PascalCase), and the client reads either case; JSON Schema cannot say so, so the schemas name the camelCase keys Cashflows documents.",
        "Signing: see the `hash` security scheme. OpenAPI cannot compute a signature: a tool that sends these requests needs a hook that hashes the exact bytes it sends.",
        "Error and warning codes: `x-gateway-errors` and `x-gateway-warnings` list every published row (code where published, message verbatim, provenance).",
    ];
    Json::object()
        .with("title", "Cashflows Gateway API")
        .with("version", model.endpoints.source.retrieved.as_str())
        .with("description", description.join("\n\n"))
}

fn servers(model: &Model) -> Json {
    let list = model.environments.list.iter().map(|environment| {
        Json::object()
            .with("url", environment.gateway_url.as_str())
            .with(
                "description",
                format!("{}: {}", environment.variant, environment.description),
            )
            .with("x-provenance", provenance(environment.provenance))
    });
    Json::Array(list.collect())
}

/// The merchant server's calls, and embedded checkout's server side apart.
const SERVER_TAG: &str = "Gateway";
const EMBEDDED_TAG: &str = "Embedded checkout";

fn tags() -> Json {
    Json::Array(vec![
        Json::object()
            .with("name", SERVER_TAG)
            .with("description", "The merchant server's signed calls."),
        Json::object().with("name", EMBEDDED_TAG).with(
            "description",
            "Embedded checkout, as Cashflows' own JavaScript library calls it (observed): the merchant server's signed create. The shopper's browser then calls the Gateway with the intent's token, unsigned: those calls are tagged apart.",
        ),
        super::browser::tag(),
    ])
}

fn tag(endpoint: &Endpoint) -> &'static str {
    if endpoint.path.contains("/payment-intents") {
        EMBEDDED_TAG
    } else {
        SERVER_TAG
    }
}

fn paths(model: &Model) -> Json {
    let mut paths = Json::object();
    for endpoint in &model.endpoints.list {
        let mut item = paths
            .get(&endpoint.path)
            .cloned()
            .unwrap_or_else(Json::object);
        item.set(
            &endpoint.method.wire.to_ascii_lowercase(),
            operation(model, endpoint),
        );
        paths.set(&endpoint.path, item);
    }
    for call in &model.endpoints.browser_calls {
        let mut item = paths.get(&call.path).cloned().unwrap_or_else(Json::object);
        item.set(
            &call.method.to_ascii_lowercase(),
            super::browser::operation(model, call),
        );
        paths.set(&call.path, item);
    }
    paths
}

fn operation(model: &Model, endpoint: &Endpoint) -> Json {
    let mut description = Vec::new();
    description.extend(endpoint.note.clone());
    if let Some(note) = &endpoint.project_note {
        description.push(format!("The project's reading, not Cashflows': {note}"));
    }
    let mut operation = Json::object()
        .with("operationId", endpoint.name.as_str())
        .with("summary", endpoint.summary.as_str());
    if !description.is_empty() {
        operation.set("description", description.join("\n\n"));
    }
    operation.set("tags", Json::strings([tag(endpoint)]));
    operation.set("parameters", parameters(endpoint));
    if let Some(request) = &endpoint.request {
        let body = Json::object()
            .with("required", true)
            .with("content", json_content(reference(request)));
        operation.set("requestBody", body);
    }
    operation
        .with("responses", responses(model, endpoint))
        .with("x-provenance", provenance(endpoint.provenance))
        .with(
            "x-statuses-provenance",
            provenance(endpoint.statuses_provenance),
        )
}

fn parameters(endpoint: &Endpoint) -> Json {
    let mut list = Vec::new();
    for param in &endpoint.path_params {
        list.push(
            Json::object()
                .with("name", param.wire.as_str())
                .with("in", "path")
                .with("required", true)
                .with("description", param.description.as_str())
                .with("schema", Json::object().with("type", "string")),
        );
    }
    for param in endpoint.query.iter().flat_map(|query| &query.params) {
        list.push(
            Json::object()
                .with("name", param.wire.as_str())
                .with("in", "query")
                .with("required", false)
                .with(
                    "description",
                    format!("{} Not part of the signature.", param.description),
                )
                .with("schema", schema::of_type(&param.ty)),
        );
    }
    Json::Array(list)
}

fn responses(model: &Model, endpoint: &Endpoint) -> Json {
    let mut responses = Json::object();
    let key = endpoint
        .success
        .map_or_else(|| "2XX".to_owned(), |status| status.to_string());
    let mut success = Json::object().with("description", status_text(model, endpoint.success));
    if let Some(data) = &endpoint.response {
        let envelope = Json::object()
            .with("type", "object")
            .with("required", Json::strings(["data"]))
            .with(
                "properties",
                Json::object()
                    .with("data", schema::of_type(data))
                    .with("errorReport", schema::nullable(reference("ErrorReport")))
                    .with("links", schema::nullable(reference("Links"))),
            )
            .with("additionalProperties", true);
        let mut media = Json::object().with("schema", envelope);
        if let Some(example) = &endpoint.example {
            let named = Json::object()
                .with("summary", example.summary.as_str())
                .with("description", example.description.as_str())
                .with("value", example.value.clone());
            media.set("examples", Json::object().with(&endpoint.name, named));
        }
        success.set("content", Json::object().with("application/json", media));
    }
    if let Some(links) = super::links::from(model, endpoint) {
        success.set("links", links);
    }
    responses.set(&key, success);
    for status in &endpoint.statuses {
        let mut answer = Json::object().with("description", status_text(model, Some(*status)));
        if endpoint.response.is_some() {
            answer.set("content", json_content(reference("ErrorAnswer")));
        }
        responses.set(&status.to_string(), answer);
    }
    responses
}

/// The status's text and meaning from the statuses table.
pub(super) fn status_text(model: &Model, status: Option<u16>) -> String {
    let Some(code) = status else {
        return "Success: any 2xx (the success status is not published).".to_owned();
    };
    match model.statuses.all().find(|s| s.code == code) {
        Some(row) => format!("{} {}: {}", row.code, row.text, row.description),
        None => code.to_string(),
    }
}

fn webhooks(model: &Model) -> Json {
    let webhook = &model.endpoints.webhook;
    let answer = Json::object()
        .with("description", "Acknowledged: HTTP 200 echoing both references. Any other answer makes the Gateway send the notification again, at growing intervals.")
        .with("content", json_content(reference("WebhookAcknowledgement")));
    let mut post = Json::object()
        .with("operationId", "status_changed")
        .with("summary", "A payment job or payment changed status.");
    post.set("description", webhook.note.clone().unwrap_or_default());
    post.set(
        "requestBody",
        Json::object()
            .with("required", true)
            .with("content", json_content(reference("WebhookNotification"))),
    );
    post = post
        .with("responses", Json::object().with("200", answer))
        .with("x-provenance", provenance(webhook.provenance));
    Json::object().with("statusChanged", Json::object().with("post", post))
}

fn components(model: &Model) -> Json {
    let mut schemas = Vec::new();
    schemas.extend(schema::scalars());
    schemas.extend(schema::envelope_parts());
    schemas.push(("ErrorAnswer".to_owned(), error_answer()));
    let webhook = &model.endpoints.webhook;
    schemas.push((
        "WebhookNotification".to_owned(),
        body(
            "The body the Gateway posts to a webhook on a status change. Not signed.",
            &webhook.notification,
            webhook.provenance,
        ),
    ));
    schemas.push((
        "WebhookAcknowledgement".to_owned(),
        body(
            "The body a webhook receiver answers with (HTTP 200).",
            &webhook.acknowledgement,
            webhook.provenance,
        ),
    ));
    for def in &model.models.structs {
        schemas.push((def.name.clone(), schema::model(def)));
    }
    for def in &model.models.enums {
        schemas.push((def.name.clone(), schema::enumeration(def)));
    }
    Json::object()
        .with("schemas", Json::Object(schemas))
        .with("securitySchemes", security_schemes(model))
}

fn error_answer() -> Json {
    let doc = provenance(Provenance::Doc);
    Json::object()
        .with("type", "object")
        .with("description", "A refusal or failure: the envelope with its `errorReport` (the client keeps the whole body; a 400 may list no error).")
        .with(
            "properties",
            Json::object()
                .with("data", Json::object().with("x-provenance", doc.clone()))
                .with("errorReport", schema::nullable(reference("ErrorReport")).with("x-provenance", doc.clone()))
                .with("links", schema::nullable(reference("Links")).with("x-provenance", doc.clone())),
        )
        .with("additionalProperties", true)
        .with("x-provenance", doc)
}

fn body(description: &str, fields: &[BodyField], grade: Provenance) -> Json {
    let properties = fields.iter().map(|field| {
        let schema = schema::of_type(&field.ty)
            .with("description", field.description.as_str())
            .with("x-provenance", provenance(grade));
        (field.wire.clone(), schema)
    });
    Json::object()
        .with("type", "object")
        .with("description", description)
        .with("properties", Json::Object(properties.collect()))
        .with("additionalProperties", true)
        .with("x-provenance", provenance(grade))
}

fn security_schemes(model: &Model) -> Json {
    let env = &model.environments;
    let case = if env.hash_hex_uppercase {
        "upper-case"
    } else {
        "lower-case"
    };
    let mut notes = env.gateway_auth_notes.join(" ");
    notes.insert(0, ' ');
    let hash = format!(
        "The request's signature: hex ({case}) of {} over the {}. A request with no body (GET, HEAD, a PATCH cancel) hashes the API key alone. The body is hashed byte for byte (whitespace and line endings count), so serialise once and send exactly the bytes hashed. Query parameters are not part of it. The API key never travels. Never retry a 401 on its own: repeated signature failures lock the account.{notes}",
        env.hash_algorithm, env.hash_input
    );
    let scheme = |name: &str, description: String| {
        Json::object()
            .with("type", "apiKey")
            .with("in", "header")
            .with("name", name)
            .with("description", description)
            .with("x-provenance", provenance(env.gateway_auth_provenance))
    };
    Json::object()
        .with(
            CONFIGURATION_ID,
            scheme(&env.configuration_id_header, "The merchant configuration's ID; sent with every request beside the signature. Header names are case-insensitive.".to_owned()),
        )
        .with(HASH, scheme(&env.hash_header, hash))
}

/// A code table as data: every row, code where published.
fn code_rows(table: &CodeTable) -> Json {
    let rows = table.rows.iter().map(|row| {
        let mut entry = Json::object()
            .with("name", row.variant.as_str())
            .with("code", row.code.as_deref().map_or(Json::Null, Json::from))
            .with("message", row.message.as_str())
            .with("provenance", provenance(row.provenance));
        if let Some(note) = &row.note {
            entry.set("note", note.as_str());
        }
        entry
    });
    Json::Array(rows.collect())
}
