//! `http_statuses.rs`: the HTTP statuses the APIs document, as constants.

use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::{Model, Status};

pub fn file(model: &Model) -> Result<String, String> {
    let statuses = &model.statuses;
    let ident = |status: &Status| format_ident!("{}", status.constant);
    let seed: Vec<_> = statuses.rows.iter().map(ident).collect();
    let all: Vec<_> = statuses.all().map(ident).collect();
    let constants = statuses.all().zip(&all).map(|(status, ident)| {
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

        #[doc = " The seed's table of statuses, in its order."]
        pub const SEED_TABLE: &[DocumentedStatus] = &[#(#seed),*];

        #[doc = " Every documented status: the seed's table, then those documented elsewhere."]
        pub const ALL: &[DocumentedStatus] = &[#(#all),*];
    };
    rust_file(&statuses.source.path(), tokens)
}
