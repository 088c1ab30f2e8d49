//! `sandbox_triggers.rs`: every row of the other tables with the way a test
//! provokes it in the sandbox, one submodule per table, and a constant per
//! project trigger for tests to name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::types;
use crate::model::{Model, RowRef, TriggerRow, TriggerTable};

pub fn file(model: &Model) -> Result<String, String> {
    let tables = model.triggers.tables.iter().map(table);
    let tokens = quote! {
        #![doc = " How a test provokes each row of the tables in `cashflows-sandbox`: the"]
        #![doc = " row's own published condition (natural), what Cashflows publishes"]
        #![doc = " (documented), a rule of the sandbox's own where Cashflows publishes"]
        #![doc = " nothing (sandbox rule, its sentence says so), or a value the sandbox"]
        #![doc = " reserves (project). Sandbox rules and project triggers are this"]
        #![doc = " project's, not Cashflows': its integration environment does not"]
        #![doc = " honour them."]

        #(#tables)*
    };
    rust_file(&model.triggers.source.path(), tokens)
}

fn table(table: &TriggerTable) -> TokenStream {
    let module = format_ident!("{}", table.module);
    let note = (table.note.as_deref()).map_or(String::new(), |note| format!("\n\n{note}"));
    let module_doc = doc(&format!(
        "{}: every row with its trigger. A project trigger is `PREFIX` followed \
         by the row's key, set in {}.{note}",
        table.title, table.field
    ));
    let prefix = &table.prefix;
    let field = &table.field;
    let constants = table.constants.iter().map(|constant| {
        let ident = format_ident!("{}", constant.name);
        let value = &constant.value;
        let rows: Vec<&str> = table
            .rows
            .iter()
            .filter(|row| row.constant.as_deref() == Some(constant.name.as_str()))
            .map(|row| row.label.as_str())
            .collect();
        let docs = doc(&format!("Provokes `{}`.", rows.join("`, `")));
        quote! { #docs pub const #ident: &str = #value; }
    });
    let row_type: syn::Type =
        syn::parse_str(&table.row_type).unwrap_or_else(|_| syn::parse_quote!(()));
    let count = types::int(table.rows.len());
    let rows = table.rows.iter().map(row);
    quote! {
        #module_doc
        pub mod #module {
            use crate::sandbox_trigger::{Trigger, TriggerKind};

            #[doc = " What comes before a row's key in its project trigger."]
            pub const PREFIX: &str = #prefix;

            #[doc = " Where a project trigger goes."]
            pub const FIELD: &str = #field;

            #(#constants)*

            #[doc = " Every row of the table, in the table's order, with its trigger."]
            pub static ALL: [Trigger<#row_type>; #count] = [#(#rows)*];
        }
    }
}

fn row(row: &TriggerRow) -> TokenStream {
    let value = match &row.constant {
        Some(constant) => {
            let ident = format_ident!("{constant}");
            quote! { Some(#ident) }
        }
        None => quote! { None },
    };
    let kind = format_ident!("{}", row.kind.variant());
    let how = &row.how;
    let reference = row_ref(&row.row);
    quote! {
        Trigger { row: #reference, kind: TriggerKind::#kind, value: #value, how: #how },
    }
}

fn row_ref(row: &RowRef) -> TokenStream {
    match row {
        RowRef::Variant { enum_path, variant } => {
            let path: syn::Path =
                syn::parse_str(enum_path).unwrap_or_else(|_| syn::parse_quote!(crate));
            let variant = format_ident!("{variant}");
            quote! { #path::#variant }
        }
        RowRef::Acquirer { constant } => {
            let constant = format_ident!("{constant}");
            quote! { crate::AcquirerReason::#constant }
        }
        RowRef::Call {
            endpoint_constant,
            status,
        } => {
            let endpoint = format_ident!("{endpoint_constant}");
            let status = match status {
                Some(code) => {
                    let code = types::int(*code);
                    quote! { Some(#code) }
                }
                None => quote! { None },
            };
            quote! {
                crate::sandbox_trigger::CallStatus { endpoint: &crate::endpoints::#endpoint, status: #status }
            }
        }
    }
}
