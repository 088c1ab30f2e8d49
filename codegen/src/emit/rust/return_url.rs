//! `return_url.rs`: the names of the query parameters the Gateway appends to
//! a return URL, for the hand-written reader of `crate::return_url`.

use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    let parameters = &model.endpoints.return_url_parameters;
    let constants = parameters.iter().map(|parameter| {
        let ident = format_ident!("{}", parameter.constant);
        let name = &parameter.name;
        let docs = doc(&format!(
            "`{name}`: {} ({}).",
            parameter.description,
            parameter.provenance.label()
        ));
        quote! { #docs pub const #ident: &str = #name; }
    });
    let count = types::int(parameters.len());
    let idents = parameters
        .iter()
        .map(|parameter| format_ident!("{}", parameter.constant));
    let tokens = quote! {
        #![doc = " The query parameters the Gateway appends to a return URL when it sends"]
        #![doc = " the shopper back. They are untrusted: retrieve the job before acting."]

        #(#constants)*

        #[doc = " Every parameter, in the documented order."]
        pub const ALL: [&str; #count] = [#(#idents),*];
    };
    rust_file(&model.endpoints.source.path(), tokens)
}
