//! A Gateway error or warning table: the enum (one documented variant per
//! row), its static table of rows and its index. The behaviour (recognition
//! by code or message, `message()`, `advice()`, serde) is the hand-written
//! `crate::code_table`.

use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, forward_compatibility, rust_file};
use super::types;
use crate::model::{CodeRow, CodeTable};

/// What differs between the error and the warning table.
pub struct Shape<'a> {
    pub name: &'a str,
    pub noun: &'a str,
    pub module_doc: &'a str,
    pub type_doc: &'a str,
}

pub fn file(table: &CodeTable, shape: &Shape<'_>) -> Result<String, String> {
    let name = format_ident!("{}", shape.name);
    let idents: Vec<_> = table
        .rows
        .iter()
        .map(|row| format_ident!("{}", row.variant))
        .collect();
    let first = table
        .rows
        .first()
        .map_or("Unknown", |row| row.variant.as_str());
    let example = forward_compatibility("cashflows", shape.name, first);
    let docs = doc(&format!("{}\n{example}", shape.type_doc));
    let variants = table.rows.iter().zip(&idents).map(|(row, ident)| {
        let docs = doc(&variant_doc(row));
        let entry = book_entry(&row.links);
        quote! { #docs #entry #ident, }
    });
    let rows = table.rows.iter().zip(&idents).map(|(row, ident)| {
        let code = match &row.code {
            Some(code) => quote! { Some(#code) },
            None => quote! { None },
        };
        let message = &row.message;
        let provenance = types::provenance(row.provenance);
        let advice = types::advice(&row.advice);
        quote! {
            crate::code_table::CodeRow {
                kind: #name::#ident,
                code: #code,
                message: #message,
                provenance: #provenance,
                advice: #advice,
            },
        }
    });
    let indexes = (0..table.rows.len()).map(types::int);
    let count = types::int(table.rows.len());
    let (module_doc, noun) = (format!(" {}", shape.module_doc), shape.noun);
    let tokens = quote! {
        #![doc = #module_doc]

        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = " A code this version of the crate does not know, kept as received."]
            Unknown(crate::UnknownValue),
        }

        impl crate::code_table::CodeTable for #name {
            const NOUN: &'static str = #noun;

            fn rows() -> &'static [crate::code_table::CodeRow<Self>] {
                &ROWS
            }

            fn index(&self) -> Option<usize> {
                match self {
                    #(#name::#idents => Some(#indexes),)*
                    #name::Unknown(_) => None,
                }
            }
        }

        crate::code_table::code_table_api!(#name);

        static ROWS: [crate::code_table::CodeRow<#name>; #count] = [#(#rows)*];
    };
    rust_file(&table.source.path(), tokens)
}

/// A row's rustdoc: its message (the only other place it appears is the
/// table), its code and grade, and the project's advice.
fn variant_doc(row: &CodeRow) -> String {
    let code_line = match &row.code {
        Some(code) => format!("Code `{code}` ({}).", row.provenance.label()),
        None => "Code not published: recognised by its exact message.".to_string(),
    };
    let mut doc = format!("\"{}\"\n\n{code_line}", row.message);
    if let Some(note) = &row.note {
        doc.push_str(&format!(" {note}"));
    }
    doc.push_str(&format!("\n\nProject advice: {}.", row.advice.wording));
    doc
}
