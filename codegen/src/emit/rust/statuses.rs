//! `http_statuses.rs`: the HTTP statuses the APIs document.

use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::guidance::provenance_expr;
use crate::ident::{self, Case};
use crate::spec::{Spec, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let statuses = &spec.statuses.statuses;
    let idents: Vec<_> = statuses
        .iter()
        .map(|s| format_ident!("{}", ident::to(&s.text, Case::ShoutySnake)))
        .collect();
    let constants = statuses.iter().zip(&idents).map(|(status, ident)| {
        let docs = doc(&format!(
            "{} {}: {}",
            status.code, status.text, status.description
        ));
        let (code, text, methods, description) = (
            status.code,
            &status.text,
            &status.methods,
            &status.description,
        );
        let provenance = provenance_expr(status.provenance);
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
    let codes = statuses.iter().map(|s| s.code);
    let tokens = quote! {
        #![doc = " The HTTP statuses the Cashflows APIs document, with their meaning."]

        #[doc = " An HTTP status as Cashflows documents it."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct DocumentedStatus {
            #[doc = " The status code."]
            pub code: u16,
            #[doc = " The reason phrase."]
            pub text: &'static str,
            #[doc = " The methods that typically answer with it."]
            pub methods: &'static str,
            #[doc = " What it means."]
            pub description: &'static str,
            #[doc = " How sure the spec is of this row."]
            pub provenance: crate::Provenance,
        }

        #(#constants)*

        #[doc = " Every documented status, in the documented order."]
        pub const ALL: &[DocumentedStatus] = &[#(#idents),*];

        #[doc = " What Cashflows documents for a status code, if anything."]
        pub fn describe(code: u16) -> Option<&'static DocumentedStatus> {
            match code {
                #(#codes => Some(&#idents),)*
                _ => None,
            }
        }
    };
    rust_file(&format!("spec/{}", files::HTTP_STATUSES), tokens)
}
