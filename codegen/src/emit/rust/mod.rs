//! The client crate's generated modules, `crates/cashflows/src/generated/`:
//! one emitter per file, each named after the file it writes.

mod acquirer;
mod code_table;
mod endpoints;
mod environments;
mod gateway_calls;
mod gateway_errors;
mod gateway_warnings;
mod guidance;
mod http_statuses;
mod mod_rs;
mod model_enums;
mod models;
mod remote_auth;
mod return_url;
mod rust_file;
mod sandbox_triggers;
mod test_cards;
mod types;
mod wire_enum;

use std::path::Path;

use super::GeneratedFile;
use crate::model::Model;

/// Where the generated modules are written, relative to the repository root.
pub const GENERATED_RUST_DIR: &str = "crates/cashflows/src/generated";

/// A generated module: its file name and its emitter.
type Emitter = fn(&Model) -> Result<String, String>;

/// The cargo feature a generated module needs, by module: parts a
/// production service never uses stay out of the default build.
pub const FEATURE_GATED: [(&str, &str); 1] = [("sandbox_triggers", "sandbox-triggers")];

/// Every generated module, in `mod.rs` order.
const MODULES: [(&str, Emitter); 14] = [
    ("acquirer", acquirer::file),
    ("endpoints", endpoints::file),
    ("environments", environments::file),
    ("gateway_calls", gateway_calls::file),
    ("gateway_errors", gateway_errors::file),
    ("gateway_warnings", gateway_warnings::file),
    ("guidance", guidance::file),
    ("http_statuses", http_statuses::file),
    ("model_enums", model_enums::file),
    ("models", models::file),
    ("remote_auth", remote_auth::file),
    ("return_url", return_url::file),
    ("sandbox_triggers", sandbox_triggers::file),
    ("test_cards", test_cards::file),
];

pub fn files(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    let dir = Path::new(GENERATED_RUST_DIR);
    let names: Vec<&str> = MODULES.iter().map(|(name, _)| *name).collect();
    let mut out = vec![GeneratedFile::new(
        dir.join("mod.rs"),
        mod_rs::file(&names, &FEATURE_GATED)?,
    )];
    for (name, emit) in MODULES {
        out.push(GeneratedFile::new(
            dir.join(format!("{name}.rs")),
            emit(model)?,
        ));
    }
    Ok(out)
}
