//! `guidance.rs`: the project's outcome classes and the advice type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use crate::spec::{Advice, Spec, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let variants = spec.guidance.outcomes.iter().map(|outcome| {
        let ident = format_ident!("{}", outcome.name);
        let docs = doc(&outcome.description);
        quote! { #docs #ident, }
    });
    let tokens = quote! {
        #![doc = " The project's own advice on codes: not Cashflows' text."]

        #[doc = " What a code means for the payment, as this project classifies it."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Outcome {
            #(#variants)*
        }

        #[doc = " This project's advice on a code: its outcome, and whether sending the"]
        #[doc = " same request again can help. Guidance, not Cashflows' documentation."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Advice {
            #[doc = " What the code means for the payment."]
            pub outcome: Outcome,
            #[doc = " Whether the same request may succeed later."]
            pub retry_may_help: bool,
        }
    };
    rust_file(&format!("spec/{}", files::GUIDANCE), tokens)
}

/// The `crate::Advice { … }` expression for a row's advice.
pub fn advice_expr(spec: &Spec, advice: &Advice) -> TokenStream {
    let name = spec
        .guidance
        .outcomes
        .iter()
        .find(|outcome| outcome.key == advice.outcome)
        .map_or("Unknown", |outcome| outcome.name.as_str());
    let outcome = format_ident!("{}", name);
    let retry = advice.retry;
    quote! { crate::Advice { outcome: crate::Outcome::#outcome, retry_may_help: #retry } }
}

/// How docs describe advice.
pub fn advice_text(spec: &Spec, advice: &Advice) -> String {
    let name = spec
        .guidance
        .outcomes
        .iter()
        .find(|outcome| outcome.key == advice.outcome)
        .map_or(advice.outcome.as_str(), |outcome| outcome.name.as_str());
    let retry = if advice.retry {
        "a retry may help"
    } else {
        "a retry will not help"
    };
    format!("Project advice: {name}; {retry}.")
}

/// The `crate::Provenance::…` expression.
pub fn provenance_expr(provenance: crate::spec::Provenance) -> TokenStream {
    let variant = format_ident!("{}", provenance.variant());
    quote! { crate::Provenance::#variant }
}
