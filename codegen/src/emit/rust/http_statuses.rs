//! `http_statuses.rs`: the HTTP statuses the APIs document, as constants.

use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    let statuses = &model.statuses;
    let idents: Vec<_> = statuses
        .rows
        .iter()
        .map(|status| format_ident!("{}", status.constant))
        .collect();
    let constants = statuses.rows.iter().zip(&idents).map(|(status, ident)| {
        let docs = doc(&format!(
            "{} {}: {}",
            status.code, status.text, status.description
        ));
        let (code, text, methods, description) = (
            types::int(status.code),
            &status.text,
            &status.methods,
            &status.description,
        );
        let provenance = types::provenance(status.provenance);
        quote! {
            #docs
            pub const #ident: DocumentedStatus = DocumentedStatus {
                code: #code,
                text: #text,
                methods: #methods,
                description: #description,
                provenance: #provenance,
            };
        }
    });
    let tokens = quote! {
        #![doc = " The HTTP statuses the Cashflows APIs document, with their meaning."]

        use crate::http_status::DocumentedStatus;

        #(#constants)*

        #[doc = " Every documented status, in the documented order."]
        pub const ALL: &[DocumentedStatus] = &[#(#idents),*];
    };
    rust_file(&statuses.source.path(), tokens)
}
