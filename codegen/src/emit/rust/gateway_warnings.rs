//! `gateway_warnings.rs`: the warnings of `errorReport.warnings`.

use super::code_table::{self, Shape};
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    code_table::file(
        &model.warnings,
        &Shape {
            name: "GatewayWarningCode",
            noun: "Gateway warning code",
            module_doc: "The warnings the Gateway reports in `errorReport.warnings`.",
            type_doc: "A warning the Gateway reports in `errorReport.warnings`, recognised by \
                       its code or, where Cashflows publishes no code, by its exact message.",
        },
    )
}
