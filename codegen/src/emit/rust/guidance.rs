//! `guidance.rs`: the outcome classes of the project's advice.

use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    let guidance = &model.guidance;
    let variants = guidance.outcomes.iter().map(|outcome| {
        let ident = format_ident!("{}", outcome.variant);
        let docs = doc(&outcome.description);
        quote! { #docs #ident, }
    });
    let tokens = quote! {
        #![doc = " The outcome classes of the project's own advice on codes: not Cashflows' text."]

        #[doc = " What a code means for the payment, as this project classifies it."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Outcome {
            #(#variants)*
        }
    };
    rust_file(&guidance.source.path(), tokens)
}
