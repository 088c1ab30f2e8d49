//! OpenAPI 3.1 documents: the Gateway, Remote Auth and the sandbox's
//! control surface, as JSON (no extra crate, and every OpenAPI tool reads
//! it). Each is written to `generated/openapi/` and, so that the book
//! serves the same bytes beside the page that explains them, to the
//! book's `src/openapi/` (mdBook copies files that are not Markdown).

mod browser;
mod gateway;
mod links;
mod remote_auth;
mod sandbox_control;
mod schema;

use std::path::Path;

use super::GeneratedFile;
use super::header;
use crate::json::Json;
use crate::model::Model;

/// Where the documents are written, relative to the repository root.
pub const OPENAPI_DIR: &str = "generated/openapi";

/// Where the book serves them from.
const BOOK_DIR: &str = "generated/docs/src/openapi";

/// Each document: its file name, its spec sources, its builder.
type Builder = fn(&Model) -> Json;
const DOCUMENTS: [(&str, &str, Builder); 3] = [
    (
        "gateway.json",
        "spec/ (every Gateway table)",
        gateway::document,
    ),
    (
        "remote-auth.json",
        "spec/endpoints.yaml and spec/environments.yaml",
        remote_auth::document,
    ),
    (
        "sandbox-control.json",
        "spec/sandbox-control.yaml",
        sandbox_control::document,
    ),
];

pub fn files(model: &Model) -> Vec<GeneratedFile> {
    let mut out = Vec::new();
    for (name, source, build) in DOCUMENTS {
        let text = with_header(&build(model), source);
        for dir in [OPENAPI_DIR, BOOK_DIR] {
            out.push(GeneratedFile::new(Path::new(dir).join(name), text.clone()));
        }
    }
    out
}

/// The document with the generated-file header as its first key, on the
/// first line: JSON has no comments, and OpenAPI allows `x-` keys at its root.
fn with_header(document: &Json, source: &str) -> String {
    let mut tagged = Json::object().with("x-generated", header::text(source));
    if let Json::Object(entries) = document {
        for (key, value) in entries {
            tagged.set(key, value.clone());
        }
    }
    let pretty = tagged.pretty();
    match pretty.strip_prefix("{\n  ") {
        Some(rest) => format!("{{ {rest}"),
        None => pretty,
    }
}
