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
        #![doc = " The Gateway's request and response models. They are read and written"]
        #![doc = " by `crate::model_serde`, driven by each model's key table and field list."]

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
    let writing = write_model(def);
    quote! {
        #docs
        #entry
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#fields)*
            #[doc = " Fields the spec does not list, as received: decoding and encoding again"]
            #[doc = " loses nothing. A number with more digits than a binary float keeps is"]
            #[doc = " kept exactly, as a string of its digits."]
            pub #other: std::collections::BTreeMap<String, serde_json::Value>,
        }

        impl crate::models::WireFields for #name {
            const WIRE_NAMES: &'static [&'static str] = &[#(#wires),*];
        }

        #reading

        #writing
    }
}

/// `Serialize` through `crate::model_serde`: the fields to write, in order,
/// skipping unset options and empty collections, then the kept keys.
fn write_model(def: &Struct) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let writes = def.fields.iter().map(write_field);
    let other = format_ident!("{}", OTHER_FIELDS);
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::model_serde::serialize(self, serializer)
            }
        }

        impl crate::model_serde::WriteModel for #name {
            fn write(&self, fields: &mut crate::model_serde::Fields<'_>) {
                #(#writes)*
                fields.kept(&self.#other);
            }
        }
    }
}

/// How a field is written: always when required, otherwise when it is set
/// (an option) or not empty (a collection).
fn write_field(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.ident);
    let wire = &field.wire;
    match &field.ty {
        // A required list is written even when empty: leaving it out would
        // make the encoded model miss a required field.
        ty if ty.is_collection() && !field.required => quote! {
            if !self.#ident.is_empty() {
                fields.field(#wire, &self.#ident);
            }
        },
        _ if field.required => quote! { fields.field(#wire, &self.#ident); },
        _ => quote! {
            if let Some(value) = &self.#ident {
                fields.field(#wire, value);
            }
        },
    }
}

/// `Deserialize` through `crate::model_serde`: the key table, the field a
/// key names, the empty value and how each field is read.
fn read_model(def: &Struct, enums: &BTreeSet<&str>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let model_name = &def.name;
    let required = def
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.required)
        .map(|(index, _)| types::int(index));
    let lookup = def.fields.iter().enumerate().flat_map(|(index, field)| {
        let index = types::int(index);
        std::iter::once(&field.wire)
            .chain(&field.alias)
            .map(move |key| quote! { (#key, #index) })
    });
    let reads = def.fields.iter().enumerate().map(|(index, field)| {
        let index = types::int(index);
        let ident = format_ident!("{}", field.ident);
        let reader = reader(field, enums);
        quote! { #index => crate::model_serde::#reader(map, &mut self.#ident), }
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
            const REQUIRED: &'static [usize] = &[#(#required),*];
            const LOOKUP: &'static [(&'static str, usize)] = &[#(#lookup),*];


            fn empty() -> Self {
                #empty
            }

            fn read<'de, A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    #(#reads)*
                    _ => crate::model_serde::skip(map),
                }
            }

            fn other(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
                &mut self.#other
            }
        }
    }
}

/// The `crate::model_serde` function that reads a field's value: models
/// (named types that are not enums) are read in place.
fn reader(field: &Field, enums: &BTreeSet<&str>) -> proc_macro2::Ident {
    let is_model =
        |ty: &TypeRef| matches!(ty, TypeRef::Named(name) if !enums.contains(name.as_str()));
    let name = match &field.ty {
        TypeRef::List(item) if is_model(item) => "model_list",
        ty if is_model(ty) && field.required => "model",
        ty if is_model(ty) => "optional_model",
        ty if ty.is_collection() => "collection",
        TypeRef::Decimal if field.required => "decimal",
        TypeRef::Decimal => "optional_decimal",
        _ => "value",
    };
    format_ident!("{}", name)
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
    let rust_type = types::rust_type(&def.ty);
    let optional = !def.required && !def.ty.is_collection();
    if optional {
        quote! { #docs pub #ident: Option<#rust_type>, }
    } else {
        quote! { #docs pub #ident: #rust_type, }
    }
}
