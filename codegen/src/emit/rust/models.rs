//! `models.rs`: the Gateway's request and response models.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
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
