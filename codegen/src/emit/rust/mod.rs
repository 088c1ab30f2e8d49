//! The client crate, `generated/cashflows`.

mod acquirer;
mod crate_root;
mod endpoints;
mod environments;
pub(crate) mod format;
mod gateway_calls;
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
pub use test_cards::card_const;

/// Where the client crate is written, relative to the repository root.
pub const CLIENT_DIR: &str = "generated/cashflows";

/// Hand-written sources that do not depend on the spec, copied verbatim
/// into the crate (with a header naming their source): target, origin under
/// `codegen/runtime/`, text. Targets under `examples/` are the crate's examples.
const RUNTIME: [(&str, &str, &str); 17] = [
    (
        "acquirer_code.rs",
        "acquirer_code.rs",
        include_str!("../../../runtime/acquirer_code.rs"),
    ),
    (
        "amount.rs",
        "amount.rs",
        include_str!("../../../runtime/amount.rs"),
    ),
    (
        "card.rs",
        "card.rs",
        include_str!("../../../runtime/card.rs"),
    ),
    (
        "client.rs",
        "client/client.rs",
        include_str!("../../../runtime/client/client.rs"),
    ),
    (
        "credentials.rs",
        "client/credentials.rs",
        include_str!("../../../runtime/client/credentials.rs"),
    ),
    (
        "endpoint.rs",
        "endpoint.rs",
        include_str!("../../../runtime/endpoint.rs"),
    ),
    (
        "error.rs",
        "client/error.rs",
        include_str!("../../../runtime/client/error.rs"),
    ),
    (
        "provenance.rs",
        "provenance.rs",
        include_str!("../../../runtime/provenance.rs"),
    ),
    (
        "reference.rs",
        "reference.rs",
        include_str!("../../../runtime/reference.rs"),
    ),
    (
        "remote_auth_call.rs",
        "client/remote_auth_call.rs",
        include_str!("../../../runtime/client/remote_auth_call.rs"),
    ),
    (
        "remote_auth_reply.rs",
        "client/remote_auth_reply.rs",
        include_str!("../../../runtime/client/remote_auth_reply.rs"),
    ),
    (
        "signing.rs",
        "client/signing.rs",
        include_str!("../../../runtime/client/signing.rs"),
    ),
    (
        "unknown.rs",
        "unknown.rs",
        include_str!("../../../runtime/unknown.rs"),
    ),
    (
        "webhooks.rs",
        "client/webhooks.rs",
        include_str!("../../../runtime/client/webhooks.rs"),
    ),
    (
        "wire.rs",
        "wire.rs",
        include_str!("../../../runtime/wire.rs"),
    ),
    (
        "examples/create_payment_job.rs",
        "client/examples/create_payment_job.rs",
        include_str!("../../../runtime/client/examples/create_payment_job.rs"),
    ),
    (
        "examples/remote_auth_sale.rs",
        "client/examples/remote_auth_sale.rs",
        include_str!("../../../runtime/client/examples/remote_auth_sale.rs"),
    ),
];

pub fn client_crate(spec: &Spec) -> Result<Vec<GeneratedFile>, String> {
    let src = Path::new(CLIENT_DIR).join("src");
    let mut out = vec![
        GeneratedFile::new(
            Path::new(CLIENT_DIR).join("Cargo.toml"),
            crate_root::cargo_toml(),
        ),
        GeneratedFile::new(
            Path::new(CLIENT_DIR).join("README.md"),
            crate_root::readme(),
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
        GeneratedFile::new(src.join("gateway_calls.rs"), gateway_calls::file(spec)?),
        GeneratedFile::new(src.join("remote_auth.rs"), remote_auth::file(spec)?),
        GeneratedFile::new(src.join("models/mod.rs"), models::mod_file()?),
        GeneratedFile::new(src.join("models/enums.rs"), models::enums_file(spec)?),
        GeneratedFile::new(src.join("models/structs.rs"), models::structs_file(spec)?),
    ];
    for (name, origin, source) in RUNTIME {
        let header = super::header::rust(&format!("codegen/runtime/{origin}"));
        let text = format!("{header}{source}");
        let path = match name.strip_prefix("examples/") {
            Some(example) => Path::new(CLIENT_DIR).join("examples").join(example),
            None => src.join(name),
        };
        out.push(GeneratedFile::new(path, text));
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
