//! How the model's types, grades and advice are written in Rust.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::Advice;
use crate::spec::Provenance;
use crate::types::TypeRef;

/// The Rust type of a spec type, collections included.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::DateTime => quote! { String },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Amount => quote! { crate::Amount },
        TypeRef::Decimal => quote! { crate::Decimal },
        TypeRef::CardToken => quote! { crate::CardToken },
        TypeRef::Cryptogram => quote! { crate::Cryptogram },
        TypeRef::Reference => quote! { crate::Reference },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::CardNumber => quote! { crate::CardNumber },
        TypeRef::CardCvc => quote! { crate::CardSecurityCode },
        TypeRef::ErrorReport => quote! { crate::ErrorReport },
        TypeRef::Parameters => quote! { crate::models::Parameters },
        TypeRef::Named(name) => {
            let ident = format_ident!("{}", name);
            quote! { crate::models::#ident }
        }
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote! { Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote! { std::collections::BTreeMap<String, #inner> }
        }
    }
}

/// A number as an unsuffixed literal (`3`, not `3usize`): its type comes
/// from where it is used.
pub fn int(number: impl TryInto<u64>) -> Literal {
    Literal::u64_unsuffixed(number.try_into().unwrap_or(u64::MAX))
}

/// `crate::Provenance::…`.
pub fn provenance(provenance: Provenance) -> TokenStream {
    let variant = format_ident!("{}", provenance.variant());
    quote! { crate::Provenance::#variant }
}

/// `crate::Advice::new(crate::Outcome::…, retry)`.
pub fn advice(advice: &Advice) -> TokenStream {
    let outcome = format_ident!("{}", advice.outcome);
    let retry = advice.retry_may_help;
    quote! { crate::Advice::new(crate::Outcome::#outcome, #retry) }
}
