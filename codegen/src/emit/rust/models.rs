//! `models.rs`: the Gateway's request and response models.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use super::types;
use crate::model::{Field, Model, OTHER_FIELDS, Struct};
use crate::types::TypeRef;

pub fn file(model: &Model) -> Result<String, String> {
    let structs = model.models.structs.iter().map(structure);
    let tokens = quote! {
        #![doc = " The Gateway's request and response models."]

        use serde::{Deserialize, Serialize};

        #(#structs)*
    };
    rust_file(&model.models.source.path(), tokens)
}

fn structure(def: &Struct) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc(&def.description);
    let entry = book_entry(&def.links);
    let fields = def.fields.iter().map(field);
    let other = format_ident!("{}", OTHER_FIELDS);
    let default = def.has_default.then(|| quote! { Default, });
    let wires = def.fields.iter().map(|field| field.wire.as_str());
    quote! {
        #docs
        #entry
        #[derive(Debug, Clone, #default PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
            #[doc = " Fields the spec does not list, as received: decoding and encoding again"]
            #[doc = " loses nothing."]
            #[serde(flatten)]
            pub #other: std::collections::BTreeMap<String, serde_json::Value>,
        }

        impl crate::models::WireFields for #name {
            const WIRE_NAMES: &'static [&'static str] = &[#(#wires),*];
        }
    }
}

fn field(def: &Field) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    let docs = doc(&format!(
        "{}\n\nWire name `{}`; {}.",
        def.description,
        def.wire,
        def.ty.display()
    ));
    let wire = &def.wire;
    let alias = def.alias.as_ref().map(|alias| quote! { alias = #alias, });
    let rust_type = types::rust_type(&def.ty);
    match &def.ty {
        TypeRef::List(_) | TypeRef::Map(_) => {
            let skip = if matches!(def.ty, TypeRef::List(_)) {
                "Vec::is_empty"
            } else {
                "std::collections::BTreeMap::is_empty"
            };
            quote! {
                #docs
                #[serde(rename = #wire, #alias default, deserialize_with = "crate::wire::null_as_default", skip_serializing_if = #skip)]
                pub #ident: #rust_type,
            }
        }
        // `rust_decimal` has no serde of its own here: an exact reader.
        TypeRef::Decimal if def.required => quote! {
            #docs
            #[serde(rename = #wire, #alias with = "crate::wire::exact_decimal")]
            pub #ident: #rust_type,
        },
        TypeRef::Decimal => quote! {
            #docs
            #[serde(rename = #wire, #alias default, with = "crate::wire::optional_exact_decimal", skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#rust_type>,
        },
        _ if def.required => quote! {
            #docs
            #[serde(rename = #wire, #alias)]
            pub #ident: #rust_type,
        },
        _ => quote! {
            #docs
            #[serde(rename = #wire, #alias default, skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#rust_type>,
        },
    }
}
