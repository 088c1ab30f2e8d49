//! JSON Schemas of the Gateway document: the models and enumerations of
//! `models.yaml`, each field's type, and the envelope around every answer.
//! Readers keep what they do not know, so every object admits unknown
//! fields and every enumeration unknown values (see [`OPEN_WORLD`]).

use crate::json::Json;
use crate::model::{Field, Struct, WireEnum};
use crate::spec::Provenance;
use crate::types::TypeRef;

/// Why the schemas are open, said once in the document's description.
pub const OPEN_WORLD: &str = "Every model and enumeration may gain fields and values: the client keeps an unknown field and an unknown value rather than fail or drop it. So every object schema has `additionalProperties: true`, and every enumeration is `type: string` with its published values listed in `x-known-values` (and their descriptions, in order, in `x-enum-descriptions`) and as `examples`, not as `enum`: a strict consumer would otherwise reject the first value Cashflows adds. Optional fields may also be `null`, which the client reads as absent.";

/// A `$ref` to a component schema.
pub fn reference(name: &str) -> Json {
    Json::object().with("$ref", format!("#/components/schemas/{name}"))
}

/// A JSON body (a request's or an answer's) of `schema`.
pub fn json_content(schema: Json) -> Json {
    Json::object().with("application/json", Json::object().with("schema", schema))
}

/// The grade of a row, as every operation, schema and field carries it.
pub fn provenance(grade: Provenance) -> Json {
    Json::from(grade.label())
}

/// The schema of a field's type.
pub fn of_type(ty: &TypeRef) -> Json {
    let string = || Json::object().with("type", "string");
    match ty {
        TypeRef::String => string(),
        TypeRef::Bool => Json::object().with("type", "boolean"),
        // The client holds integers as `i64`: `format: int64` bounds them
        // (an unbounded `integer` admits values no model can hold).
        TypeRef::Integer => Json::object()
            .with("type", "integer")
            .with("format", "int64"),
        TypeRef::Amount => reference("Amount"),
        TypeRef::Decimal => reference("Decimal"),
        TypeRef::Reference => reference("Reference"),
        TypeRef::DateTime => string().with("format", "date-time"),
        TypeRef::Json => Json::object(),
        TypeRef::CardNumber | TypeRef::CardCvc | TypeRef::CardToken | TypeRef::Cryptogram => {
            string().with("x-sensitive", true)
        }
        TypeRef::ErrorReport => reference("ErrorReport"),
        TypeRef::Parameters => Json::object().with("type", "object").with(
            "additionalProperties",
            Json::object().with("type", "string"),
        ),
        TypeRef::Named(name) => reference(name),
        TypeRef::List(inner) => Json::object()
            .with("type", "array")
            .with("items", of_type(inner)),
        TypeRef::Map(inner) => Json::object()
            .with("type", "object")
            .with("additionalProperties", of_type(inner)),
    }
}

/// The same schema, also admitting `null`.
pub fn nullable(schema: Json) -> Json {
    match schema.get("type") {
        Some(Json::String(ty)) => {
            let types = Json::strings([ty.as_str(), "null"]);
            schema.with("type", types)
        }
        _ => Json::object().with("anyOf", vec![schema, Json::object().with("type", "null")]),
    }
}

/// A field's schema: its type, its description, its grade (its model's:
/// the spec grades models, not fields one by one).
pub fn field(field: &Field, grade: Provenance) -> Json {
    let schema = of_type(&field.ty);
    let schema = if field.required {
        schema
    } else {
        nullable(schema)
    };
    schema
        .with("description", field.description.as_str())
        .with("x-provenance", provenance(grade))
}

/// A model as an open object schema.
pub fn model(model: &Struct) -> Json {
    let properties = model
        .fields
        .iter()
        .map(|f| (f.wire.clone(), field(f, model.provenance)))
        .collect();
    let required: Vec<&str> = model
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire.as_str())
        .collect();
    let mut schema = Json::object()
        .with("type", "object")
        .with("description", model.description.as_str())
        .with("properties", Json::Object(properties));
    if !required.is_empty() {
        schema.set("required", Json::strings(required));
    }
    schema
        .with("additionalProperties", true)
        .with("x-provenance", provenance(model.provenance))
}

/// An enumeration as a string with its known values beside it.
pub fn enumeration(def: &WireEnum) -> Json {
    let values = Json::strings(def.values.iter().map(|v| v.wire.as_str()));
    let descriptions = Json::strings(def.values.iter().map(|v| v.description.as_str()));
    let whose = if def.project_descriptions {
        "The value descriptions are this project's words."
    } else {
        "The value descriptions are Cashflows' words."
    };
    Json::object()
        .with("type", "string")
        .with(
            "description",
            format!(
                "{} Values not listed are kept as received. {whose}",
                def.description
            ),
        )
        .with("examples", values.clone())
        .with("x-known-values", values)
        .with("x-enum-descriptions", descriptions)
        .with("x-provenance", provenance(def.provenance))
}

/// An exact decimal's text: at most 16 digits before the point and 12
/// after it, 28 in all, so that the client's 96-bit decimal (and any other
/// 28-digit decimal type) holds every value the pattern admits; an
/// unbounded `[0-9]+` admits amounts no decimal type holds, which the client
/// must refuse.
pub const DECIMAL_DIGITS: &str = "[0-9]{1,16}(\\.[0-9]{1,12})?";

/// The scalar schemas every model shares: amounts, decimals, references.
pub fn scalars() -> Vec<(String, Json)> {
    vec![
        (
            "Amount".into(),
            Json::object()
                .with("type", "string")
                .with("pattern", format!("^{DECIMAL_DIGITS}$"))
                .with("description", "An amount of money as an exact decimal string, sent with two decimal places (\"10.00\") as Cashflows' examples send it; never a binary float. Cashflows' own OpenAPI description types amounts as numbers, so the client also reads a JSON number, digit for digit; it writes strings. An exponent or surrounding spaces are not a plain decimal: the sandbox refuses them in requests. At most 16 digits before the point and 12 after it (28 in all, what a 96-bit decimal holds exactly).")
                .with("examples", Json::strings(["10.00", "5.00"]))
                .with("x-provenance", provenance(Provenance::Doc)),
        ),
        (
            "Decimal".into(),
            Json::object()
                .with("type", "string")
                .with("pattern", format!("^-?{DECIMAL_DIGITS}$"))
                .with("description", "An exact decimal that is not money (a rate, a percentage, a score), as a decimal string: read digit for digit, never through a binary float. Like amounts, Cashflows' own description types these as numbers, so the client also reads a JSON number (digit for digit); it writes strings. At most 16 digits before the point and 12 after it (28 in all, what a 96-bit decimal holds exactly).")
                .with("x-provenance", provenance(Provenance::Doc)),
        ),
        (
            "Reference".into(),
            Json::object()
                .with("type", Json::strings(["string", "integer"]))
                .with("description", "An opaque reference. Cashflows' OpenAPI description types references as integers, but they run to about 18 digits, past what a double holds: treat them as strings (the client writes strings and reads both).")
                .with("examples", Json::strings(["220000000000000001"]))
                .with("x-provenance", provenance(Provenance::Doc)),
        ),
    ]
}

/// The envelope around every answer, and its parts; hand-written in the
/// client (`envelope.rs`) and described in prose by the book's models
/// page, so stated here rather than in `models.yaml`.
pub fn envelope_parts() -> Vec<(String, Json)> {
    let object = |description: &str, properties: Vec<(&str, Json)>| {
        let properties = properties
            .into_iter()
            .map(|(name, schema)| {
                let schema = nullable(schema).with("x-provenance", provenance(Provenance::Doc));
                (name.to_owned(), schema)
            })
            .collect();
        Json::object()
            .with("type", "object")
            .with("description", description)
            .with("properties", Json::Object(properties))
            .with("additionalProperties", true)
            .with("x-provenance", provenance(Provenance::Doc))
    };
    let list = |name: &str| {
        Json::object()
            .with("type", "array")
            .with("items", reference(name))
    };
    let string = |description: &str| {
        Json::object()
            .with("type", "string")
            .with("description", description)
    };
    vec![
        ("ErrorReport".into(), object("The errors and warnings of an answer.", vec![
            ("errors", list("ErrorEntry")),
            ("warnings", list("ErrorEntry")),
            ("language", string("The language of the messages.")),
            ("isFatalError", Json::object().with("type", "boolean")),
        ])),
        ("ErrorEntry".into(), object("One error or warning. Its code and message are rows of `x-gateway-errors` or `x-gateway-warnings` at the top of this document; an unpublished code is recognised by its exact message.", vec![
            ("code", string("The symbolic code.")),
            ("message", string("The message, in English.")),
            ("parameters", Json::object().with("type", "array").with("items", Json::object().with("type", "string"))),
            ("translatedMessage", string("The message in the request's locale.")),
        ])),
        ("Links".into(), object("Where to go next.", vec![
            ("data", reference("Link")),
            ("action", reference("Link").with("description", "Where the shopper goes next: the hosted payment page or a 3-D Secure step.")),
            ("documentation", reference("Link")),
        ])),
        ("Link".into(), object("A link.", vec![
            ("url", string("The address.")),
            ("type", string("What the address is; its values are not published.")),
        ])),
    ]
}
