//! `endpoints.rs`: a descriptor and a path builder per Gateway endpoint, and
//! a query type where the endpoint takes query parameters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::models::scalar_type;
use crate::ident::{self, Case};
use crate::spec::{GatewayEndpoint, Spec, files};
use crate::types::TypeRef;

pub fn file(spec: &Spec) -> Result<String, String> {
    let endpoints = &spec.endpoints.gateway.endpoints;
    let items = endpoints.iter().map(endpoint);
    let idents = endpoints
        .iter()
        .map(|e| format_ident!("{}", ident::to(&e.name, Case::ShoutySnake)));
    let tokens = quote! {
        #![doc = " The Gateway endpoints: what each one is, and the path to call."]

        pub use crate::endpoint::{Endpoint, Method};

        #(#items)*

        #[doc = " Every Gateway endpoint, in the spec's order."]
        pub const ALL: &[Endpoint] = &[#(#idents),*];
    };
    rust_file(&format!("spec/{}", files::ENDPOINTS), tokens)
}

fn endpoint(endpoint: &GatewayEndpoint) -> TokenStream {
    let constant = format_ident!("{}", ident::to(&endpoint.name, Case::ShoutySnake));
    let path_fn = format_ident!("{}_path", endpoint.name);
    let method = format_ident!(
        "{}",
        ident::to(&endpoint.method.to_lowercase(), Case::UpperCamel)
    );
    let (name, summary, template) = (&endpoint.name, &endpoint.summary, &endpoint.path);
    let request = match &endpoint.request {
        Some(model) => quote! { Some(#model) },
        None => quote! { None },
    };
    let response = &endpoint.response;
    let success = endpoint.success;
    let others = &endpoint.statuses;
    let docs = doc(&format!("{summary}\n\n`{} {template}`", endpoint.method));
    let params: Vec<_> = endpoint
        .path_params
        .iter()
        .map(|p| format_ident!("{}", ident::to(&p.name, Case::Snake)))
        .collect();
    let param_docs = endpoint
        .path_params
        .iter()
        .map(|p| format!("`{}`: {}", ident::to(&p.name, Case::Snake), p.description));
    let path_doc = doc(&format!(
        "The path of [`{constant}`], each parameter percent-encoded.\n\n{}",
        param_docs.collect::<Vec<_>>().join("\n")
    ));
    let body = if params.is_empty() {
        quote! { #template.to_owned() }
    } else {
        let format_string = placeholder_format(template);
        quote! { format!(#format_string, #(crate::endpoint::segment(#params)),*) }
    };
    let query = query_type(endpoint);
    quote! {
        #docs
        pub const #constant: Endpoint = Endpoint {
            name: #name,
            summary: #summary,
            method: Method::#method,
            path_template: #template,
            request: #request,
            response: #response,
            success_status: #success,
            other_statuses: &[#(#others),*],
        };

        #path_doc
        pub fn #path_fn(#(#params: &str),*) -> String {
            #body
        }

        #query
    }
}

/// `/a/{x}/b` → `/a/{}/b`.
fn placeholder_format(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_placeholder = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

fn query_type(endpoint: &GatewayEndpoint) -> TokenStream {
    if endpoint.query_params.is_empty() {
        return quote! {};
    }
    let name = format_ident!("{}Query", ident::to(&endpoint.name, Case::UpperCamel));
    let doc_line = format!(
        " The query parameters of `{}`; all optional.",
        endpoint.name
    );
    let fields = endpoint.query_params.iter().map(|param| {
        let ident = format_ident!("{}", ident::to(&param.name, Case::Snake));
        let ty = TypeRef::parse(&param.ty)
            .map(|ty| scalar_type(&ty))
            .unwrap_or_else(|_| quote! { String });
        let docs = doc(&param.description);
        quote! { #docs pub #ident: Option<#ty>, }
    });
    let pushes = endpoint.query_params.iter().map(|param| {
        let ident = format_ident!("{}", ident::to(&param.name, Case::Snake));
        let wire = &param.name;
        quote! {
            if let Some(value) = &self.#ident {
                pairs.push((#wire, value.to_string()));
            }
        }
    });
    quote! {
        #[doc = #doc_line]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = " The parameters that are set, as wire name and value."]
            pub fn pairs(&self) -> Vec<(&'static str, String)> {
                let mut pairs = Vec::new();
                #(#pushes)*
                pairs
            }
        }
    }
}
