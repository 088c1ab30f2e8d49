//! The client crate, `generated/cashflows`.

mod acquirer;
mod crate_root;
mod endpoints;
mod environments;
pub(crate) mod format;
mod gateway_codes;
mod guidance;
mod models;
mod remote_auth;
mod statuses;
mod string_enum;
mod test_cards;

use std::path::Path;

use super::GeneratedFile;
use crate::spec::{Spec, files};
use gateway_codes::CodeTable;

pub use gateway_codes::variant_ident;

/// Where the client crate is written, relative to the repository root.
pub const CLIENT_DIR: &str = "generated/cashflows";

/// Hand-written sources that do not depend on the spec, copied verbatim
/// into the crate (with a header naming their source).
const RUNTIME: [(&str, &str); 8] = [
    (
        "acquirer_code.rs",
        include_str!("../../../runtime/acquirer_code.rs"),
    ),
    ("amount.rs", include_str!("../../../runtime/amount.rs")),
    ("card.rs", include_str!("../../../runtime/card.rs")),
    ("endpoint.rs", include_str!("../../../runtime/endpoint.rs")),
    (
        "provenance.rs",
        include_str!("../../../runtime/provenance.rs"),
    ),
    (
        "reference.rs",
        include_str!("../../../runtime/reference.rs"),
    ),
    ("unknown.rs", include_str!("../../../runtime/unknown.rs")),
    ("wire.rs", include_str!("../../../runtime/wire.rs")),
];

pub fn client_crate(spec: &Spec) -> Result<Vec<GeneratedFile>, String> {
    let src = Path::new(CLIENT_DIR).join("src");
    let mut out = vec![
        GeneratedFile::new(
            Path::new(CLIENT_DIR).join("Cargo.toml"),
            crate_root::cargo_toml(),
        ),
        GeneratedFile::new(src.join("lib.rs"), crate_root::lib_rs()?),
        GeneratedFile::new(src.join("guidance.rs"), guidance::file(spec)?),
        GeneratedFile::new(
            src.join("gateway_errors.rs"),
            gateway_codes::file(spec, &error_table(spec))?,
        ),
        GeneratedFile::new(
            src.join("gateway_warnings.rs"),
            gateway_codes::file(spec, &warning_table(spec))?,
        ),
        GeneratedFile::new(src.join("acquirer.rs"), acquirer::file(spec)?),
        GeneratedFile::new(src.join("test_cards.rs"), test_cards::file(spec)?),
        GeneratedFile::new(src.join("http_statuses.rs"), statuses::file(spec)?),
        GeneratedFile::new(src.join("environments.rs"), environments::file(spec)?),
        GeneratedFile::new(src.join("endpoints.rs"), endpoints::file(spec)?),
        GeneratedFile::new(src.join("remote_auth.rs"), remote_auth::file(spec)?),
        GeneratedFile::new(src.join("models/mod.rs"), models::mod_file()?),
        GeneratedFile::new(src.join("models/enums.rs"), models::enums_file(spec)?),
        GeneratedFile::new(src.join("models/structs.rs"), models::structs_file(spec)?),
    ];
    for (name, source) in RUNTIME {
        let header = super::header::rust(&format!("codegen/runtime/{name}"));
        let text = format::rustfmt(&format!("{header}{source}"))?;
        out.push(GeneratedFile::new(src.join(name), text));
    }
    Ok(out)
}

fn error_table(spec: &Spec) -> CodeTable<'_> {
    CodeTable {
        name: "GatewayErrorCode",
        noun: "Gateway error code",
        file: files::GATEWAY_ERRORS,
        module_doc: "The errors the Gateway reports in `errorReport.errors`.",
        type_doc: "An error the Gateway reports in `errorReport.errors`, recognised by its code \
                   or, where Cashflows publishes no code, by its exact message.",
        rows: &spec.errors.errors,
    }
}

fn warning_table(spec: &Spec) -> CodeTable<'_> {
    CodeTable {
        name: "GatewayWarningCode",
        noun: "Gateway warning code",
        file: files::GATEWAY_WARNINGS,
        module_doc: "The warnings the Gateway reports in `errorReport.warnings`.",
        type_doc: "A warning the Gateway reports in `errorReport.warnings`, recognised by its \
                   code or, where Cashflows publishes no code, by its exact message.",
        rows: &spec.warnings.warnings,
    }
}
