//! `acquirer.rs`: the acquirer response code value type, its classes, and the
//! table of reasons, in the shape of `http::StatusCode`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::guidance::{advice_expr, advice_text, provenance_expr};
use crate::spec::{Spec, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let class_tokens = classes(spec);
    let reason_tokens = reasons(spec);
    let tokens = quote! {
        #![doc = " Remote Auth acquirer response codes: a class letter, an internal digit"]
        #![doc = " with no meaning, and a two-digit reason (`D101` is the table's `Dx01`)."]

        #class_tokens
        #reason_tokens
    };
    rust_file(&format!("spec/{}", files::ACQUIRER_CODES), tokens)
}

fn classes(spec: &Spec) -> TokenStream {
    let classes = &spec.acquirer.classes;
    let idents: Vec<_> = classes
        .iter()
        .map(|class| format_ident!("{}", class.name))
        .collect();
    let letters: Vec<char> = classes
        .iter()
        .map(|class| class.letter.chars().next().unwrap_or('?'))
        .collect();
    let meanings = classes.iter().map(|class| class.meaning.as_str());
    let statuses = classes.iter().map(|class| class.status.as_str());
    let advice = classes.iter().map(|class| advice_expr(spec, &class.advice));
    let variants = classes.iter().map(|class| {
        let ident = format_ident!("{}", class.name);
        let docs = doc(&format!(
            "`{}`: {}.\n\n{}",
            class.letter,
            class.meaning,
            advice_text(spec, &class.advice)
        ));
        quote! { #docs #ident, }
    });
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
            #[doc = " The class for a letter."]
            pub const fn from_letter(letter: char) -> Self {
                match letter {
                    #(#letters => AcquirerClass::#idents,)*
                    other => AcquirerClass::Other(other),
                }
            }

            #[doc = " The class letter."]
            pub const fn letter(self) -> char {
                match self {
                    #(AcquirerClass::#idents => #letters,)*
                    AcquirerClass::Other(letter) => letter,
                }
            }

            #[doc = " What the class means, as documented."]
            pub const fn meaning(self) -> Option<&'static str> {
                match self {
                    #(AcquirerClass::#idents => Some(#meanings),)*
                    AcquirerClass::Other(_) => None,
                }
            }

            #[doc = " The table's Status column for rows of this class."]
            pub const fn status(self) -> Option<&'static str> {
                match self {
                    #(AcquirerClass::#idents => Some(#statuses),)*
                    AcquirerClass::Other(_) => None,
                }
            }

            #[doc = " This project's advice for the class (not Cashflows' text)."]
            pub const fn advice(self) -> Option<crate::Advice> {
                match self {
                    #(AcquirerClass::#idents => Some(#advice),)*
                    AcquirerClass::Other(_) => None,
                }
            }
        }
    }
}

fn reasons(spec: &Spec) -> TokenStream {
    let codes = &spec.acquirer.codes;
    let constants = codes.iter().enumerate().map(|(index, row)| {
        let ident = format_ident!("{}", row.code.to_uppercase());
        let index = index as u8;
        let docs = doc(&format!(
            "`{}`: {} ({}).\n\n{}",
            row.code,
            row.reason,
            row.status,
            advice_text(spec, &row.advice)
        ));
        quote! { #docs pub const #ident: AcquirerReason = AcquirerReason(#index); }
    });
    let idents: Vec<_> = codes
        .iter()
        .map(|row| format_ident!("{}", row.code.to_uppercase()))
        .collect();
    let rows = codes.iter().map(|row| {
        let pattern = row.code.as_str();
        let class = row.class_letter();
        let number = row.reason_number();
        let reason = row.reason.as_str();
        let status = row.status.as_str();
        let provenance = provenance_expr(row.provenance);
        let advice = advice_expr(spec, &row.advice);
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
    let lookup_arms = codes.iter().enumerate().map(|(index, row)| {
        let class = row.class_letter();
        let number = row.reason_number();
        let index = index as u8;
        quote! { (#class, #number) => Some(AcquirerReason(#index)), }
    });
    let count = codes.len();
    quote! {
        #[doc = " A row of the acquirer response code table: a class and a two-digit"]
        #[doc = " reason, whatever the internal digit. Obtain one from a constant, from"]
        #[doc = " [`AcquirerReason::lookup`] or from [`crate::AcquirerResponseCode::reason`]."]
        #[doc = ""]
        #[doc = " ```"]
        #[doc = " use cashflows::{AcquirerReason, Outcome};"]
        #[doc = ""]
        #[doc = " let row = AcquirerReason::lookup('V', 6).unwrap();"]
        #[doc = " assert_eq!(row, AcquirerReason::VX06);"]
        #[doc = " assert_eq!((row.pattern(), row.reason()), (\"Vx06\", \"Invalid card number\"));"]
        #[doc = " assert_eq!(row.advice().outcome, Outcome::Validation);"]
        #[doc = " ```"]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct AcquirerReason(u8);

        impl AcquirerReason {
            #(#constants)*

            #[doc = " Every row, in the table's order."]
            pub const ALL: &'static [AcquirerReason] = &[#(AcquirerReason::#idents),*];

            #[doc = " The row for a class letter and two-digit reason, if the table has one."]
            pub const fn lookup(class: char, reason: u8) -> Option<AcquirerReason> {
                match (class, reason) {
                    #(#lookup_arms)*
                    _ => None,
                }
            }

            const fn row(self) -> &'static ReasonRow {
                &REASONS[self.0 as usize]
            }

            #[doc = " The code as the table writes it, with `x` for the internal digit (`Dx01`)."]
            pub const fn pattern(self) -> &'static str {
                self.row().pattern
            }

            #[doc = " The class."]
            pub const fn class(self) -> AcquirerClass {
                AcquirerClass::from_letter(self.row().class)
            }

            #[doc = " The two-digit reason number."]
            pub const fn number(self) -> u8 {
                self.row().number
            }

            #[doc = " The documented reason."]
            pub const fn reason(self) -> &'static str {
                self.row().reason
            }

            #[doc = " The documented status (the table's Status column)."]
            pub const fn status(self) -> &'static str {
                self.row().status
            }

            #[doc = " How sure the spec is of this row."]
            pub const fn provenance(self) -> crate::Provenance {
                self.row().provenance
            }

            #[doc = " This project's advice on the row (not Cashflows' text)."]
            pub const fn advice(self) -> crate::Advice {
                self.row().advice
            }
        }

        impl std::fmt::Debug for AcquirerReason {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "AcquirerReason({}: {})", self.pattern(), self.reason())
            }
        }

        struct ReasonRow {
            pattern: &'static str,
            class: char,
            number: u8,
            reason: &'static str,
            status: &'static str,
            provenance: crate::Provenance,
            advice: crate::Advice,
        }

        static REASONS: [ReasonRow; #count] = [#(#rows)*];
    }
}
