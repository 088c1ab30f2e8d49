//! `models/`: the Gateway's request and response types and its enumerations.

use heck::ToLowerCamelCase;
use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::string_enum::{EnumVariant, StringEnum};
use crate::ident::{self, Case};
use crate::spec::{FieldDef, ModelDef, Spec, files};
use crate::types::TypeRef;

/// The field of an open model that keeps what the spec does not list.
const OTHER_FIELDS: &str = "other";

pub fn mod_file() -> Result<String, String> {
    let tokens = quote! {
        #![doc = " The Gateway's request and response models and its enumerations."]
        #![doc = ""]
        #![doc = " Reading is lenient: unknown fields are ignored, unknown enum values are"]
        #![doc = " kept, PascalCase keys are accepted beside camelCase, and an explicit"]
        #![doc = " `null` list or map reads as empty."]

        mod enums;
        mod structs;

        pub use enums::*;
        pub use structs::*;
    };
    rust_file(&format!("spec/{}", files::MODELS), tokens)
}

pub fn enums_file(spec: &Spec) -> Result<String, String> {
    let enums = spec.models.enums.iter().map(|def| {
        StringEnum {
            name: def.name.clone(),
            module: "cashflows::models".to_string(),
            doc: def.description.clone(),
            noun: def.name.clone(),
            variants: def
                .values
                .iter()
                .map(|value| EnumVariant {
                    ident: value
                        .rust_name
                        .clone()
                        .unwrap_or_else(|| ident::to(&value.value, Case::UpperCamel)),
                    wire: Some(value.value.clone()),
                    message: None,
                    doc: format!("`{}`: {}", value.value, value.description),
                })
                .collect(),
            by_message: false,
        }
        .tokens()
    });
    let tokens = quote! {
        #![doc = " Enumerations of the Gateway's models."]

        #(#enums)*
    };
    rust_file(&format!("spec/{}", files::MODELS), tokens)
}

pub fn structs_file(spec: &Spec) -> Result<String, String> {
    let structs = spec.models.models.iter().map(model);
    let tokens = quote! {
        #![doc = " The Gateway's request and response models."]

        use serde::{Deserialize, Serialize};

        #(#structs)*
    };
    rust_file(&format!("spec/{}", files::MODELS), tokens)
}

fn model(def: &ModelDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc(&def.description);
    let fields = def.fields.iter().map(field);
    let other = def.keep_unknown_fields.then(|| {
        let ident = format_ident!("{}", OTHER_FIELDS);
        quote! {
            #[doc = " Fields the spec does not list, as received."]
            #[serde(flatten)]
            pub #ident: std::collections::BTreeMap<String, serde_json::Value>,
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
            #other
        }
    }
}

fn field(def: &FieldDef) -> TokenStream {
    let ident = format_ident!(
        "{}",
        def.rust_name
            .clone()
            .unwrap_or_else(|| ident::to(&def.name, Case::Snake))
    );
    let ty = TypeRef::parse(&def.ty).unwrap_or(TypeRef::Json);
    let docs = doc(&format!(
        "{}\n\nWire name `{}`; {}.",
        def.description,
        def.name,
        ty.display()
    ));
    let wire = &def.name;
    let alias = other_case(wire).map(|alias| quote! { alias = #alias, });
    let collection = matches!(ty, TypeRef::List(_) | TypeRef::Map(_));
    let rust_type = scalar_type(&ty);
    if collection {
        let skip = if matches!(ty, TypeRef::List(_)) {
            "Vec::is_empty"
        } else {
            "std::collections::BTreeMap::is_empty"
        };
        quote! {
            #docs
            #[serde(rename = #wire, #alias default, deserialize_with = "crate::wire::null_as_default", skip_serializing_if = #skip)]
            pub #ident: #rust_type,
        }
    } else if def.required {
        quote! {
            #docs
            #[serde(rename = #wire, #alias)]
            pub #ident: #rust_type,
        }
    } else {
        quote! {
            #docs
            #[serde(rename = #wire, #alias default, skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#rust_type>,
        }
    }
}

/// The same key in the other case the Gateway is known to use: PascalCase
/// for camelCase names and the reverse.
fn other_case(wire: &str) -> Option<String> {
    let other = if wire.starts_with(|c: char| c.is_ascii_uppercase()) {
        wire.to_lower_camel_case()
    } else {
        wire.to_upper_camel_case()
    };
    (other != wire).then_some(other)
}

/// The Rust type of a spec type (collections included).
pub fn scalar_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::DateTime => quote! { String },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Amount => quote! { crate::Amount },
        TypeRef::Reference => quote! { crate::Reference },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::CardNumber => quote! { crate::CardNumber },
        TypeRef::CardCvc => quote! { crate::CardSecurityCode },
        TypeRef::Named(name) => {
            let ident = format_ident!("{}", name);
            quote! { crate::models::#ident }
        }
        TypeRef::List(inner) => {
            let inner = scalar_type(inner);
            quote! { Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = scalar_type(inner);
            quote! { std::collections::BTreeMap<String, #inner> }
        }
    }
}
