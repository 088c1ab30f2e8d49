//! `acquirer.rs`: the acquirer classes and the table of reasons, as data for
//! the hand-written `AcquirerClass` methods and `AcquirerReason` value type
//! (the shape of `http::StatusCode`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use super::types;
use crate::model::{Acquirer, Model};

pub fn file(model: &Model) -> Result<String, String> {
    let acquirer = &model.acquirer;
    let classes = classes(acquirer);
    let reasons = reasons(acquirer);
    let tokens = quote! {
        #![doc = " Remote Auth acquirer response codes: a class letter, an internal digit"]
        #![doc = " with no meaning, and a two-digit reason (`D101` is the table's `Dx01`)."]

        use crate::acquirer::{AcquirerReason, ClassRow, ReasonRow};

        #classes
        #reasons
    };
    rust_file(&acquirer.source.path(), tokens)
}

fn classes(acquirer: &Acquirer) -> TokenStream {
    let idents: Vec<_> = acquirer
        .classes
        .iter()
        .map(|class| format_ident!("{}", class.variant))
        .collect();
    let variants = acquirer.classes.iter().zip(&idents).map(|(class, ident)| {
        let docs = doc(&format!(
            "`{}`: {}.\n\nProject advice: {}.",
            class.letter, class.meaning, class.advice.wording
        ));
        quote! { #docs #ident, }
    });
    let rows = acquirer.classes.iter().zip(&idents).map(|(class, ident)| {
        let (letter, meaning, status) = (class.letter, &class.meaning, &class.status);
        let provenance = types::provenance(class.provenance);
        let advice = types::advice(&class.advice);
        quote! {
            ClassRow {
                class: AcquirerClass::#ident,
                letter: #letter,
                meaning: #meaning,
                status: #status,
                provenance: #provenance,
                advice: #advice,
            },
        }
    });
    let indexes = (0..acquirer.classes.len()).map(types::int);
    let count = types::int(acquirer.classes.len());
    quote! {
        #[doc = " The class of a response code: its first letter."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum AcquirerClass {
            #(#variants)*
            #[doc = " A letter the table does not list, kept as received."]
            Other(char),
        }

        impl AcquirerClass {
            #[doc = " The class's row of [`CLASSES`]; `None` for `Other`."]
            pub(crate) const fn index(self) -> Option<usize> {
                match self {
                    #(AcquirerClass::#idents => Some(#indexes),)*
                    AcquirerClass::Other(_) => None,
                }
            }
        }

        #[doc = " The listed classes, in the table's order."]
        pub(crate) static CLASSES: [ClassRow; #count] = [#(#rows)*];
    }
}

fn reasons(acquirer: &Acquirer) -> TokenStream {
    let constants = acquirer.codes.iter().enumerate().map(|(index, row)| {
        let ident = format_ident!("{}", row.constant);
        let index = types::int(index);
        let docs = doc(&format!(
            "`{}`: {} ({}).\n\nProject advice: {}.",
            row.pattern, row.reason, row.status, row.advice.wording
        ));
        let entry = book_entry(&row.links);
        quote! { #docs #entry pub const #ident: AcquirerReason = AcquirerReason::at(#index); }
    });
    let rows = acquirer.codes.iter().map(|row| {
        let (pattern, class, number) = (&row.pattern, row.class_letter, types::int(row.number));
        let (reason, status) = (&row.reason, &row.status);
        let provenance = types::provenance(row.provenance);
        let advice = types::advice(&row.advice);
        quote! {
            ReasonRow {
                pattern: #pattern,
                class: #class,
                number: #number,
                reason: #reason,
                status: #status,
                provenance: #provenance,
                advice: #advice,
            },
        }
    });
    let lookup_arms = acquirer.codes.iter().enumerate().map(|(index, row)| {
        let (class, number, index) = (row.class_letter, types::int(row.number), types::int(index));
        quote! { (#class, #number) => Some(#index), }
    });
    let count = types::int(acquirer.codes.len());
    quote! {
        impl AcquirerReason {
            #(#constants)*
        }

        #[doc = " The rows of the acquirer response code table, in its order."]
        pub(crate) static REASONS: [ReasonRow; #count] = [#(#rows)*];

        #[doc = " The row of [`REASONS`] for a class letter and two-digit reason."]
        pub(crate) const fn reason_index(class: char, reason: u8) -> Option<u8> {
            match (class, reason) {
                #(#lookup_arms)*
                _ => None,
            }
        }
    }
}
