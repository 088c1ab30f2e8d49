//! `endpoints.rs`: a descriptor and a path builder per Gateway endpoint, a
//! query type where the endpoint takes query parameters, and the
//! `Operation` enum that names every endpoint.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::{Endpoint, Model, QueryType};
use crate::spec::Provenance;

pub fn file(model: &Model) -> Result<String, String> {
    let endpoints = &model.endpoints.list;
    let items = endpoints.iter().map(endpoint);
    let constants = endpoints
        .iter()
        .map(|endpoint| format_ident!("{}", endpoint.constant));
    let operation = operation(endpoints);
    let tokens = quote! {
        #![doc = " The Gateway endpoints: what each one is, and the path to call."]

        use crate::endpoint::{Endpoint, InvalidPathSegment, Method};

        #operation

        #(#items)*

        #[doc = " Every Gateway endpoint, in the spec's order."]
        pub const ALL: &[Endpoint] = &[#(#constants),*];
    };
    rust_file(&model.endpoints.source.path(), tokens)
}

/// The `Operation` enum: one variant per endpoint, and its descriptor.
fn operation(endpoints: &[Endpoint]) -> TokenStream {
    let variants = endpoints.iter().map(|endpoint| {
        let variant = format_ident!("{}", endpoint.variant);
        let docs = doc(&format!("`{}`: {}", endpoint.name, endpoint.summary));
        quote! { #docs #variant, }
    });
    let arms = endpoints.iter().map(|endpoint| {
        let variant = format_ident!("{}", endpoint.variant);
        let constant = format_ident!("{}", endpoint.constant);
        quote! { Operation::#variant => &#constant, }
    });
    let docs = doc(
        "Every Gateway endpoint of the spec, one variant each, so that a `match`\n\
         over them is checked by the compiler; each `Endpoint` names its variant\n\
         in `operation`.\n\n\
         Not `#[non_exhaustive]`: a new endpoint in Cashflows' documentation adds\n\
         a variant (and a method to `Client`) in a new version of this crate, and\n\
         a `match` that names every variant then stops compiling until it handles\n\
         the new call. A `match` with a wildcard arm accepts new endpoints unseen.",
    );
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            #(#variants)*
        }

        impl Operation {
            #[doc = " The endpoint's descriptor."]
            pub const fn endpoint(self) -> &'static Endpoint {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn endpoint(endpoint: &Endpoint) -> TokenStream {
    let constant = format_ident!("{}", endpoint.constant);
    let variant = format_ident!("{}", endpoint.variant);
    let path_fn = format_ident!("{}", endpoint.path_fn);
    let method = format_ident!("{}", endpoint.method.variant);
    let (name, summary, template) = (&endpoint.name, &endpoint.summary, &endpoint.path);
    let request = match &endpoint.request {
        Some(model) => quote! { Some(#model) },
        None => quote! { None },
    };
    let response = match &endpoint.response {
        Some(ty) => {
            let spelling = ty.spelling();
            quote! { Some(#spelling) }
        }
        None => quote! { None },
    };
    let success = match endpoint.success {
        Some(code) => {
            let code = types::int(code);
            quote! { Some(#code) }
        }
        None => quote! { None },
    };
    let others = endpoint.statuses.iter().map(|status| types::int(*status));
    let note = (endpoint.note.as_deref())
        .map(|note| format!("\n\n{note}"))
        .unwrap_or_default();
    let project_note = (endpoint.project_note.as_deref())
        .map(|note| format!("\n\nThe project's reading, not Cashflows': {note}"))
        .unwrap_or_default();
    let assumed = if endpoint.statuses_provenance == Provenance::Project {
        "\n\nIts `other_statuses` are the project's assumption: Cashflows publishes none for this call."
    } else {
        ""
    };
    let docs = doc(&format!(
        "{summary}\n\n`{} {template}`{note}{project_note}{assumed}",
        endpoint.method.wire
    ));
    let params: Vec<_> = endpoint
        .path_params
        .iter()
        .map(|p| format_ident!("{}", p.ident))
        .collect();
    let param_docs: Vec<String> = endpoint
        .path_params
        .iter()
        .map(|p| format!("`{}`: {}", p.ident, p.description))
        .collect();
    let path_doc = doc(&format!(
        "The path of `{constant}`, each parameter percent-encoded as one path segment.\n\n{}",
        param_docs.join("\n")
    ));
    let body = if params.is_empty() {
        quote! { Ok(#template.to_owned()) }
    } else {
        let format_string = placeholder_format(template);
        quote! { Ok(format!(#format_string, #(crate::endpoint::segment(#params)?),*)) }
    };
    let query = endpoint
        .query
        .as_ref()
        .map(|query| query_type(endpoint, query));
    quote! {
        #docs
        pub const #constant: Endpoint = Endpoint {
            operation: Operation::#variant,
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
        pub fn #path_fn(#(#params: &str),*) -> Result<String, InvalidPathSegment> {
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

fn query_type(endpoint: &Endpoint, query: &QueryType) -> TokenStream {
    let name = format_ident!("{}", query.name);
    let doc_line = format!(
        " The query parameters of `{}`; all optional.",
        endpoint.name
    );
    let fields = query.params.iter().map(|param| {
        let ident = format_ident!("{}", param.field);
        let ty = types::rust_type(&param.ty);
        let docs = doc(&param.description);
        quote! { #docs pub #ident: Option<#ty>, }
    });
    let pushes = query.params.iter().map(|param| {
        let ident = format_ident!("{}", param.field);
        let wire = &param.wire;
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
