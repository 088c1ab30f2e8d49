//! `mod.rs`: declares the generated modules for the crate's hand-written
//! `lib.rs`, which re-exports what users see.

use quote::{format_ident, quote};

use super::rust_file::rust_file;
use crate::emit::header::EVERY_TABLE;

pub fn file(modules: &[&str]) -> Result<String, String> {
    let modules = modules.iter().map(|name| format_ident!("{}", name));
    let tokens = quote! {
        #![doc = " The modules generated from `spec/`. Each holds data (enums, tables,"]
        #![doc = " constants, models); the behaviour over them is hand-written in the"]
        #![doc = " crate's other modules."]

        #(pub(crate) mod #modules;)*
    };
    rust_file(EVERY_TABLE, tokens)
}
