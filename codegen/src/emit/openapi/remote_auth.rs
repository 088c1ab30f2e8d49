//! `remote-auth.json`: Remote Auth's form POST and its `|`-separated reply,
//! as far as OpenAPI can say it; the reply's positions go in prose.

use super::schema::provenance;
use crate::json::Json;
use crate::model::{FormField, FormType, Model, Requirement, WireEnum};

pub fn document(model: &Model) -> Json {
    let remote = &model.remote_auth;
    let path = model.environments.remote_auth_path.as_str();
    let operation = Json::object()
        .with("operationId", "remote_auth")
        .with(
            "summary",
            "Authorise, verify, refund or void a card transaction.",
        )
        .with("description", operation_description(model))
        .with(
            "requestBody",
            Json::object().with("required", true).with(
                "content",
                Json::object().with(
                    remote.content_type.as_str(),
                    Json::object().with("schema", form(model)),
                ),
            ),
        )
        .with("responses", Json::object().with("2XX", reply(model)))
        .with("x-provenance", provenance(remote.reply_provenance));
    Json::object()
        .with("openapi", "3.1.0")
        .with("info", Json::object()
            .with("title", "Cashflows Remote Auth")
            .with("version", remote.source.retrieved.as_str())
            .with("description", "Cashflows' Remote Auth API, described from this project's spec, not published by Cashflows. The credentials (`auth_id`, `auth_pass`) are form fields, not headers, so the document has no security scheme. Every field carries `x-provenance` (doc, observed, third-party, unknown, project)."))
        .with("servers", servers(model, path))
        .with("paths", Json::object().with(path, Json::object().with(&remote.method.to_ascii_lowercase(), operation)))
}

fn servers(model: &Model, path: &str) -> Json {
    let list = model.environments.list.iter().map(|environment| {
        let url = environment
            .remote_auth_url
            .strip_suffix(path)
            .unwrap_or(&environment.remote_auth_url);
        Json::object()
            .with("url", url)
            .with(
                "description",
                format!("{}: {}", environment.variant, environment.description),
            )
            .with("x-provenance", provenance(environment.provenance))
    });
    Json::Array(list.collect())
}

fn operation_description(model: &Model) -> String {
    let remote = &model.remote_auth;
    let mut text = vec![format!(
        "A form POST ({}, {}). Which fields a transaction must send depends on its `tran_type`: each field's description says so; OpenAPI can only mark as required those every transaction sends.",
        remote.content_type, remote.encoding
    )];
    text.extend(remote.note.clone());
    text.push(reply_description(model));
    text.join("\n\n")
}

/// The reply's fields by position, and the check digits: what a schema of
/// `text/plain` cannot say.
fn reply_description(model: &Model) -> String {
    let remote = &model.remote_auth;
    let fields: Vec<String> = remote
        .reply_fields
        .iter()
        .enumerate()
        .map(|(at, (name, description))| format!("{}. `{name}`: {description}", at + 1))
        .collect();
    let checks: Vec<String> = remote
        .check_results
        .iter()
        .map(|check| format!("{} {}", check.digit, check.description))
        .collect();
    format!(
        "The reply is plain text, fields separated by `{}` (spaces around them allowed; provenance: {}), in this order:\n\n{}\n\nFurther trailing fields may follow: keep what you do not understand. Each check digit is one of: {}.",
        remote.reply_separator,
        remote.reply_provenance.label(),
        fields.join("\n"),
        checks.join("; ")
    )
}

fn reply(model: &Model) -> Json {
    let remote = &model.remote_auth;
    let separator = regex_escape(remote.reply_separator);
    let least = remote.reply_fields.len().saturating_sub(1);
    let schema = Json::object().with("type", "string").with(
        "pattern",
        format!("^[^{separator}]*({separator}[^{separator}]*){{{least},}}$"),
    );
    Json::object()
        .with("description", "The reply (its status is not published). Its fields are described by position in the operation's description.")
        .with("content", Json::object().with("text/plain", Json::object().with("schema", schema)))
}

fn regex_escape(c: char) -> String {
    if c.is_ascii_alphanumeric() {
        c.to_string()
    } else {
        format!("\\{c}")
    }
}

fn form(model: &Model) -> Json {
    let remote = &model.remote_auth;
    let properties = remote
        .fields
        .iter()
        .map(|field| (field.name.clone(), form_field(model, field)));
    let required: Vec<&str> = remote
        .fields
        .iter()
        .filter(|field| field.required_for == Requirement::Always)
        .map(|field| field.name.as_str())
        .collect();
    Json::object()
        .with("type", "object")
        .with("properties", Json::Object(properties.collect()))
        .with("required", Json::strings(required))
        .with("additionalProperties", true)
}

fn form_field(model: &Model, field: &FormField) -> Json {
    let remote = &model.remote_auth;
    let mut schema = Json::object().with("type", "string");
    match field.ty {
        FormType::Amount => schema.set("pattern", "^[0-9]+\\.[0-9]{2}$"),
        FormType::Flag => schema.set("enum", Json::strings(["0", "1"])),
        FormType::Bool => schema.set("enum", Json::strings(["true", "false"])),
        FormType::TransactionType => known(&mut schema, &remote.transaction_types),
        FormType::TransactionClass => known(&mut schema, &remote.transaction_classes),
        FormType::Text
        | FormType::CardNumber
        | FormType::CardCvc
        | FormType::CardToken
        | FormType::Cryptogram => {}
    }
    if let Some(max) = field.max_length {
        schema.set("maxLength", max as u64);
    }
    if field.secret || matches!(field.ty, FormType::CardToken | FormType::Cryptogram) {
        schema.set("x-sensitive", true);
    }
    schema
        .with(
            "description",
            format!("{}; {}.", field.format, field.requirement),
        )
        .with("x-provenance", provenance(field.provenance))
}

fn known(schema: &mut Json, values: &WireEnum) {
    let wire = Json::strings(values.values.iter().map(|v| v.wire.as_str()));
    schema.set("examples", wire.clone());
    schema.set("x-known-values", wire);
    schema.set(
        "x-enum-descriptions",
        Json::strings(values.values.iter().map(|v| v.description.as_str())),
    );
}
