//! `gateway_calls.rs`: one typed `Client` method per Gateway endpoint, each
//! handing its endpoint, path, query and body to the hand-written transport.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::{Endpoint, Model};

pub fn file(model: &Model) -> Result<String, String> {
    let methods = model.endpoints.list.iter().map(method);
    let tokens = quote! {
        #![doc = " The Gateway calls: one method per endpoint of the spec."]

        use crate::generated::{endpoints, models};
        use crate::{Client, Error, Response};

        impl Client {
            #(#methods)*
        }
    };
    rust_file(&model.endpoints.source.path(), tokens)
}

fn method(endpoint: &Endpoint) -> TokenStream {
    let name = format_ident!("{}", endpoint.name);
    let constant = format_ident!("{}", endpoint.constant);
    let path_fn = format_ident!("{}", endpoint.path_fn);
    let params: Vec<_> = endpoint
        .path_params
        .iter()
        .map(|p| format_ident!("{}", p.ident))
        .collect();
    let response = match &endpoint.response {
        Some(ty) => {
            let ty = types::rust_type(ty);
            quote! { Response<#ty> }
        }
        None => quote! { bool },
    };
    let call = if endpoint.response.is_some() {
        quote! { gateway }
    } else {
        quote! { gateway_exists }
    };
    let (query_param, query_value) = match &endpoint.query {
        None => (quote! {}, quote! { Vec::new() }),
        Some(query) => {
            let query_type = format_ident!("{}", query.name);
            (
                quote! { query: &endpoints::#query_type, },
                quote! { query.pairs() },
            )
        }
    };
    let (body_param, body_value) = match &endpoint.request {
        Some(model) => {
            let model = format_ident!("{}", model);
            (
                quote! { request: &models::#model, },
                quote! { Some(request) },
            )
        }
        None => (quote! {}, quote! { None::<&()> }),
    };
    let retry = if endpoint.method.is_read() {
        "A read: retried after connection failures, timeouts and 5xx answers."
    } else {
        "Not a read: retried only when the connection failed before the request was sent."
    };
    let success = match (endpoint.success, &endpoint.response) {
        (_, None) => ": `true` when it answers 2xx, `false` when it answers 404".to_string(),
        (Some(code), Some(_)) => format!(", {code} on success"),
        (None, Some(_)) => ", any 2xx on success (the status is not published)".to_string(),
    };
    let docs = doc(&format!(
        "{}\n\n`{} {}`{success}. {retry}",
        endpoint.summary, endpoint.method.wire, endpoint.path
    ));
    quote! {
        #docs
        pub async fn #name(&self, #(#params: &str,)* #query_param #body_param) -> Result<#response, Error> {
            let path = endpoints::#path_fn(#(#params),*)?;
            self.#call(&endpoints::#constant, path, #query_value, #body_value).await
        }
    }
}
