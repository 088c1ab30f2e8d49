//! `models.rs`: the Gateway's request and response models.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use super::types;
use crate::model::{Field, Model, OTHER_FIELDS, Struct};
use crate::types::TypeRef;

pub fn file(model: &Model) -> Result<String, String> {
    let enums: BTreeSet<&str> = model.models.enums.iter().map(|e| e.name.as_str()).collect();
    let structs = model
        .models
        .structs
        .iter()
        .map(|def| structure(def, &enums));
    let tokens = quote! {
        #![doc = " The Gateway's request and response models. Writing is serde's derive;"]
        #![doc = " reading is `crate::model_serde`, driven by each model's key table."]

        use serde::Serialize;

        #(#structs)*
    };
    rust_file(&model.models.source.path(), tokens)
}

fn structure(def: &Struct, enums: &BTreeSet<&str>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc(&def.description);
    let entry = book_entry(&def.links);
    let fields = def.fields.iter().map(field);
    let other = format_ident!("{}", OTHER_FIELDS);
    let default = def.has_default.then(|| quote! { Default, });
    let wires = def.fields.iter().map(|field| field.wire.as_str());
    let reading = read_model(def, enums);
    quote! {
        #docs
        #entry
        #[derive(Debug, Clone, #default PartialEq, Serialize)]
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

        #reading
    }
}

/// `Deserialize` through `crate::model_serde`: the key table, the field a
/// key names, the empty value and how each field is read.
fn read_model(def: &Struct, enums: &BTreeSet<&str>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let model_name = &def.name;
    let wires = def.fields.iter().map(|field| field.wire.as_str());
    let required = def
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.required)
        .map(|(index, _)| types::int(index));
    let keys = def.fields.iter().enumerate().map(|(index, field)| {
        let index = types::int(index);
        let wire = &field.wire;
        match &field.alias {
            Some(alias) => quote! { #wire | #alias => Some(#index), },
            None => quote! { #wire => Some(#index), },
        }
    });
    let reads = def.fields.iter().enumerate().map(|(index, field)| {
        let index = types::int(index);
        let ident = format_ident!("{}", field.ident);
        let value = read_value(field);
        quote! { #index => self.#ident = #value, }
    });
    let other = format_ident!("{}", OTHER_FIELDS);
    let empty = if def.has_default {
        quote! { Self::default() }
    } else {
        let fields = def.fields.iter().map(|field| {
            let ident = format_ident!("{}", field.ident);
            let value = placeholder(field, enums);
            quote! { #ident: #value, }
        });
        quote! { Self { #(#fields)* #other: std::collections::BTreeMap::new() } }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::model_serde::deserialize(deserializer)
            }
        }

        impl crate::model_serde::ReadModel for #name {
            const NAME: &'static str = #model_name;
            const KEYS: &'static [&'static str] = &[#(#wires),*];
            const REQUIRED: &'static [usize] = &[#(#required),*];

            fn field(key: &str) -> Option<usize> {
                match key {
                    #(#keys)*
                    _ => None,
                }
            }

            fn empty() -> Self {
                #empty
            }

            fn read<'de, A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    #(#reads)*
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(())
            }

            fn other(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
                &mut self.#other
            }
        }
    }
}

/// How a field's value is read from the map.
fn read_value(field: &Field) -> TokenStream {
    match &field.ty {
        TypeRef::List(_) | TypeRef::Map(_) => {
            quote! { map.next_value::<crate::model_serde::NullAsEmpty<_>>()?.0 }
        }
        TypeRef::Decimal if field.required => {
            quote! { map.next_value::<crate::model_serde::ExactDecimal>()?.0 }
        }
        TypeRef::Decimal => {
            quote! { map.next_value::<crate::model_serde::OptionalExactDecimal>()?.0 }
        }
        _ => quote! { map.next_value()? },
    }
}

/// A field's value before reading gives it one, in a model without
/// `Default`: a required enum starts as an empty unknown value. Reading
/// fails if a required field is not given, so it is never seen.
fn placeholder(field: &Field, enums: &BTreeSet<&str>) -> TokenStream {
    match &field.ty {
        TypeRef::Named(name) if field.required && enums.contains(name.as_str()) => {
            let ident = format_ident!("{}", name);
            quote! { crate::models::#ident::from("") }
        }
        _ => quote! { Default::default() },
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
                #[serde(rename = #wire, skip_serializing_if = #skip)]
                pub #ident: #rust_type,
            }
        }
        // `rust_decimal` has no serde of its own here: an exact writer.
        TypeRef::Decimal if def.required => quote! {
            #docs
            #[serde(rename = #wire, serialize_with = "crate::wire::exact_decimal::serialize")]
            pub #ident: #rust_type,
        },
        TypeRef::Decimal => quote! {
            #docs
            #[serde(rename = #wire, serialize_with = "crate::wire::optional_exact_decimal::serialize", skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#rust_type>,
        },
        _ if def.required => quote! {
            #docs
            #[serde(rename = #wire)]
            pub #ident: #rust_type,
        },
        _ => quote! {
            #docs
            #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#rust_type>,
        },
    }
}
