//! `mod.rs`: declares the generated modules for the crate's hand-written
//! `lib.rs`, which re-exports what users see.

use quote::{format_ident, quote};

use super::rust_file::rust_file;
use crate::emit::header::EVERY_TABLE;

/// `modules` in order; `gated` names the cargo feature a module needs.
pub fn file(modules: &[&str], gated: &[(&str, &str)]) -> Result<String, String> {
    let modules = modules.iter().map(|name| {
        let ident = format_ident!("{}", name);
        match gated.iter().find(|(module, _)| module == name) {
            Some((_, feature)) => quote! { #[cfg(feature = #feature)] pub(crate) mod #ident; },
            None => quote! { pub(crate) mod #ident; },
        }
    });
    let tokens = quote! {
        #![doc = " The modules generated from `spec/`. Each holds data (enums, tables,"]
        #![doc = " constants, models); the behaviour over them is hand-written in the"]
        #![doc = " crate's other modules."]

        #(#modules)*
    };
    rust_file(EVERY_TABLE, tokens)
}
