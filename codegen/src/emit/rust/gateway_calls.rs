//! `gateway_calls.rs`: one typed `Client` method per Gateway endpoint.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::models::scalar_type;
use crate::ident::{self, Case};
use crate::spec::{GatewayEndpoint, Spec, files};
use crate::types::TypeRef;

pub fn file(spec: &Spec) -> Result<String, String> {
    let methods = spec.endpoints.gateway.endpoints.iter().map(method);
    let tokens = quote! {
        #![doc = " The Gateway calls: one method per endpoint of the spec."]

        use crate::{Client, Error, Response, endpoints, models};

        impl Client {
            #(#methods)*
        }
    };
    rust_file(&format!("spec/{}", files::ENDPOINTS), tokens)
}

fn method(endpoint: &GatewayEndpoint) -> TokenStream {
    let name = format_ident!("{}", endpoint.name);
    let constant = format_ident!("{}", ident::to(&endpoint.name, Case::ShoutySnake));
    let path_fn = format_ident!("{}_path", endpoint.name);
    let params: Vec<_> = endpoint
        .path_params
        .iter()
        .map(|p| format_ident!("{}", ident::to(&p.name, Case::Snake)))
        .collect();
    let response = TypeRef::parse(&endpoint.response)
        .map(|ty| scalar_type(&ty))
        .unwrap_or_else(|_| quote! { () });
    let (query_param, query_value) = if endpoint.query_params.is_empty() {
        (quote! {}, quote! { Vec::new() })
    } else {
        let query_type = format_ident!("{}Query", ident::to(&endpoint.name, Case::UpperCamel));
        (
            quote! { query: &endpoints::#query_type, },
            quote! { query.pairs() },
        )
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
    let retry = if endpoint.method == "GET" {
        "A read: retried after connection failures, timeouts and 5xx answers."
    } else {
        "Not a read: retried only when the connection failed before the request was sent."
    };
    let docs = doc(&format!(
        "{}\n\n`{} {}`, {} on success. {retry}",
        endpoint.summary, endpoint.method, endpoint.path, endpoint.success
    ));
    quote! {
        #docs
        pub async fn #name(&self, #(#params: &str,)* #query_param #body_param) -> Result<Response<#response>, Error> {
            let path = endpoints::#path_fn(#(#params),*);
            self.gateway(&endpoints::#constant, path, #query_value, #body_value).await
        }
    }
}
