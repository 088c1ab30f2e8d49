//! A forward-compatible string enumeration: the enum, its table of wire
//! values and its index. The behaviour (parsing, `as_str`, serde) is the
//! hand-written `crate::wire_enum`. The file that holds it imports
//! `crate::wire_enum::{WireEnum, WireValue}`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, forward_compatibility};
use super::types;
use crate::model::WireEnum;

/// The enum and its table; `module` is its public path, for the doc example.
pub fn tokens(def: &WireEnum, module: &str) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let first = def.values.first().map_or("Unknown", |v| v.variant.as_str());
    let example = forward_compatibility(module, &def.name, first);
    let whose = if def.project_descriptions {
        "\nThe values are published; the meanings given for them are this project's wording.\n"
    } else {
        ""
    };
    let docs = doc(&def.description);
    let entry = book_entry(&def.links);
    let more = doc(&format!("{whose}{example}"));
    let idents: Vec<_> = def
        .values
        .iter()
        .map(|value| format_ident!("{}", value.variant))
        .collect();
    let variants = def.values.iter().zip(&idents).map(|(value, ident)| {
        let grade = value
            .provenance
            .map(|grade| format!(" ({})", grade.label()))
            .unwrap_or_default();
        let docs = doc(&format!("`{}`: {}{grade}", value.wire, value.description));
        quote! { #docs #ident, }
    });
    let wires = def.values.iter().map(|value| value.wire.as_str());
    let indexes = (0..def.values.len()).map(types::int);
    let count = types::int(def.values.len());
    let noun = &def.name;
    quote! {
        #docs
        #entry
        #more
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = " A value this version of the crate does not know, kept as received."]
            Unknown(crate::UnknownValue),
        }

        impl WireEnum for #name {
            const NOUN: &'static str = #noun;

            fn values() -> &'static [WireValue<Self>] {
                static VALUES: [WireValue<#name>; #count] = [
                    #(WireValue::new(#name::#idents, #wires),)*
                ];
                &VALUES
            }

            fn index(&self) -> Option<usize> {
                match self {
                    #(#name::#idents => Some(#indexes),)*
                    #name::Unknown(_) => None,
                }
            }
        }

        crate::wire_enum::wire_enum_api!(#name);
    }
}
