//! `model_enums.rs`: the enumerations of the Gateway's models.

use quote::quote;

use super::rust_file::rust_file;
use super::wire_enum;
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    let enums = model
        .models
        .enums
        .iter()
        .map(|def| wire_enum::tokens(def, "cashflows::models"));
    let tokens = quote! {
        #![doc = " The enumerations of the Gateway's models."]

        use crate::wire_enum::{WireEnum, WireValue};

        #(#enums)*
    };
    rust_file(&model.models.source.path(), tokens)
}
