//! `gateway_calls.rs`: one typed `Client` method per Gateway endpoint, each
//! handing its endpoint, path, query and body to the hand-written transport,
//! and its blocking twin, which runs that method on the blocking client's
//! runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use super::types;
use crate::model::{Endpoint, Model};

pub fn file(model: &Model) -> Result<String, String> {
    let methods = model.endpoints.list.iter().map(method);
    let blocking_methods = model.endpoints.list.iter().map(blocking_method);
    let tokens = quote! {
        #![doc = " The Gateway calls: one method per endpoint of the spec, async and blocking."]

        use crate::generated::{endpoints, models};
        use crate::{Client, Error, Response};

        impl Client {
            #(#methods)*
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            #(#blocking_methods)*
        }
    };
    rust_file(&model.endpoints.source.path(), tokens)
}

/// What the async method and its blocking twin share: name, parameters and
/// result.
struct Signature {
    name: proc_macro2::Ident,
    params: Vec<proc_macro2::Ident>,
    query_param: TokenStream,
    body_param: TokenStream,
    /// The arguments in parameter order, for the blocking twin's call.
    args: TokenStream,
    response: TokenStream,
}

fn signature(endpoint: &Endpoint) -> Signature {
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
    let query_param = match &endpoint.query {
        None => quote! {},
        Some(query) => {
            let query_type = format_ident!("{}", query.name);
            quote! { query: &endpoints::#query_type, }
        }
    };
    let body_param = match &endpoint.request {
        Some(model) => {
            let model = format_ident!("{}", model);
            quote! { request: &models::#model, }
        }
        None => quote! {},
    };
    let query_arg = endpoint.query.as_ref().map(|_| quote! { query, });
    let body_arg = endpoint.request.as_ref().map(|_| quote! { request, });
    Signature {
        name: format_ident!("{}", endpoint.name),
        args: quote! { #(#params,)* #query_arg #body_arg },
        params,
        query_param,
        body_param,
        response,
    }
}

fn method(endpoint: &Endpoint) -> TokenStream {
    let Signature {
        name,
        params,
        query_param,
        body_param,
        response,
        ..
    } = signature(endpoint);
    let constant = format_ident!("{}", endpoint.constant);
    let path_fn = format_ident!("{}", endpoint.path_fn);
    let call = if endpoint.response.is_some() {
        quote! { gateway }
    } else {
        quote! { gateway_exists }
    };
    let query_value = match endpoint.query {
        None => quote! { Vec::new() },
        Some(_) => quote! { query.pairs() },
    };
    let body_value = match endpoint.request {
        Some(_) => quote! { Some(request) },
        None => quote! { None::<&()> },
    };
    let retry = if endpoint.method.is_read() {
        "A read: retried after connection failures, timeouts, and 429, 500, 502, 503 and 504 answers."
    } else {
        "Not a read: retried only when the connection failed before the request was sent."
    };
    let success = match (endpoint.success, &endpoint.response) {
        (Some(_), None) => ": `true` when it answers 2xx, `false` when it answers 404".to_string(),
        (None, None) => ": `true` when it answers 2xx, `false` when it answers 404, the \
                         project's reading (Cashflows publishes neither the call's success \
                         status nor what a 404 means)"
            .to_string(),
        (Some(code), Some(_)) => format!(", {code} on success"),
        (None, Some(_)) => ", any 2xx on success (the status is not published)".to_string(),
    };
    let docs = doc(&format!(
        "{}\n\n`{} {}`{success}. {retry}",
        endpoint.summary, endpoint.method.wire, endpoint.path
    ));
    let entry = book_entry(&endpoint.links);
    quote! {
        #docs
        #entry
        pub async fn #name(&self, #(#params: &str,)* #query_param #body_param) -> Result<#response, Error> {
            let path = endpoints::#path_fn(#(#params),*)?;
            self.#call(&endpoints::#constant, path, #query_value, #body_value).await
        }
    }
}

fn blocking_method(endpoint: &Endpoint) -> TokenStream {
    let Signature {
        name,
        params,
        query_param,
        body_param,
        args,
        response,
    } = signature(endpoint);
    let summary = doc(&endpoint.summary);
    let see = format!(" Blocking; see [`crate::Client::{}`].", endpoint.name);
    quote! {
        #summary
        #[doc = ""]
        #[doc = #see]
        pub fn #name(&self, #(#params: &str,)* #query_param #body_param) -> Result<#response, Error> {
            self.block_on(self.inner.#name(#args))
        }
    }
}
