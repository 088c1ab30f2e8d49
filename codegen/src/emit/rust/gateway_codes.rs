//! `gateway_errors.rs` and `gateway_warnings.rs`: forward-compatible code enums.

use quote::{format_ident, quote};

use super::format::rust_file;
use super::guidance::{advice_expr, advice_text, provenance_expr};
use super::string_enum::{EnumVariant, StringEnum};
use crate::ident::{self, Case};
use crate::spec::{GatewayCode, Spec};

/// One of the two tables.
pub struct CodeTable<'a> {
    pub name: &'a str,
    pub noun: &'a str,
    pub file: &'a str,
    pub module_doc: &'a str,
    pub type_doc: &'a str,
    pub rows: &'a [GatewayCode],
}

pub fn file(spec: &Spec, table: &CodeTable<'_>) -> Result<String, String> {
    let variants: Vec<EnumVariant> = table.rows.iter().map(|row| variant(spec, row)).collect();
    let string_enum = StringEnum {
        name: table.name.to_string(),
        module: "cashflows".to_string(),
        doc: table.type_doc.to_string(),
        noun: table.noun.to_string(),
        variants,
        by_message: true,
    };
    let name = format_ident!("{}", table.name);
    let idents: Vec<_> = table
        .rows
        .iter()
        .map(|row| format_ident!("{}", variant_ident(row)))
        .collect();
    let provenances = table.rows.iter().map(|row| provenance_expr(row.provenance));
    let advice = table.rows.iter().map(|row| advice_expr(spec, &row.advice));
    let enum_tokens = string_enum.tokens();
    let module_doc = format!(" {}", table.module_doc);
    let tokens = quote! {
        #![doc = #module_doc]

        #enum_tokens

        impl #name {
            #[doc = " How sure the spec is of this row's code."]
            pub fn provenance(&self) -> Option<crate::Provenance> {
                match self {
                    #(#name::#idents => Some(#provenances),)*
                    #name::Unknown(_) => None,
                }
            }

            #[doc = " This project's advice on the code (not Cashflows' text); `None` when unknown."]
            pub fn advice(&self) -> Option<crate::Advice> {
                match self {
                    #(#name::#idents => Some(#advice),)*
                    #name::Unknown(_) => None,
                }
            }
        }
    };
    rust_file(&format!("spec/{}", table.file), tokens)
}

/// The variant's name: explicit, or derived from the wire code.
pub fn variant_ident(row: &GatewayCode) -> String {
    match (&row.name, &row.code) {
        (Some(name), _) => name.clone(),
        (None, Some(code)) => ident::to(code, Case::UpperCamel),
        (None, None) => String::new(),
    }
}

fn variant(spec: &Spec, row: &GatewayCode) -> EnumVariant {
    let code_line = match &row.code {
        Some(code) => format!("Code `{code}` ({}).", row.provenance.label()),
        None => "Code not published: recognised by its exact message.".to_string(),
    };
    let mut doc = format!("\"{}\"\n\n{code_line}", row.message);
    if let Some(note) = &row.note {
        doc.push_str(&format!(" {note}"));
    }
    doc.push_str(&format!("\n\n{}", advice_text(spec, &row.advice)));
    EnumVariant {
        ident: variant_ident(row),
        wire: row.code.clone(),
        message: Some(row.message.clone()),
        doc,
    }
}
