//! `gateway_errors.rs`: the errors of `errorReport.errors`.

use super::code_table::{self, Shape};
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    code_table::file(
        &model.errors,
        &Shape {
            name: "GatewayErrorCode",
            noun: "Gateway error code",
            module_doc: "The errors the Gateway reports in `errorReport.errors`.",
            type_doc: "An error the Gateway reports in `errorReport.errors`, recognised by its \
                       code or, where Cashflows publishes no code, by its exact message.",
        },
    )
}
