//! `remote_auth.rs`: the Remote Auth form fields, transaction types and
//! classes, and the reply's check results.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::guidance::provenance_expr;
use super::string_enum::{EnumVariant, StringEnum};
use crate::ident::{self, Case};
use crate::spec::{NamedValue, Spec, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let api = &spec.endpoints.remote_auth;
    let fields = form_fields(spec);
    let types = named_enum(
        "TransactionType",
        "The kind of Remote Auth transaction (`tran_type`).",
        &api.transaction_types,
    );
    let classes = named_enum(
        "TransactionClass",
        "How the card holder is present (`tran_class`).",
        &api.transaction_classes,
    );
    let checks = check_results(spec);
    let separator = api.reply.separator.chars().next().unwrap_or('|');
    let content_type = &api.content_type;
    let reply_fields =
        api.reply.fields.iter().enumerate().map(|(index, field)| {
            format!("{}. `{}`: {}", index + 1, field.name, field.description)
        });
    let reply_doc = doc(&format!(
        "The character between the fields of a Remote Auth reply. The fields, in order:\n\n{}\n\nReplies may carry further fields after these.",
        reply_fields.collect::<Vec<_>>().join("\n")
    ));
    let tokens = quote! {
        #![doc = " Remote Auth: a form POST whose reply is one line of `|`-separated fields."]

        #[doc = " The request's content type."]
        pub const CONTENT_TYPE: &str = #content_type;

        #reply_doc
        pub const REPLY_SEPARATOR: char = #separator;

        #fields
        #types
        #classes
        #checks
    };
    rust_file(&format!("spec/{}", files::ENDPOINTS), tokens)
}

fn form_fields(spec: &Spec) -> TokenStream {
    let fields = &spec.endpoints.remote_auth.fields;
    let idents: Vec<_> = fields
        .iter()
        .map(|f| format_ident!("{}", ident::to(&f.name, Case::ShoutySnake)))
        .collect();
    let constants = fields.iter().zip(&idents).map(|(field, ident)| {
        let requirement = if field.required {
            "Mandatory"
        } else {
            "Optional"
        };
        let docs = doc(&format!(
            "`{}`: {requirement}; {}.",
            field.name, field.format
        ));
        let (name, required, format, secret) =
            (&field.name, field.required, &field.format, field.secret);
        let max_length = match field.max_length {
            Some(length) => quote! { Some(#length) },
            None => quote! { None },
        };
        let provenance = provenance_expr(field.provenance);
        quote! {
            #docs
            pub const #ident: FormField = FormField {
                name: #name,
                required: #required,
                format: #format,
                max_length: #max_length,
                secret: #secret,
                provenance: #provenance,
            };
        }
    });
    quote! {
        #[doc = " A field of the Remote Auth request form."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct FormField {
            #[doc = " The form field's name."]
            pub name: &'static str,
            #[doc = " Whether every request must carry it."]
            pub required: bool,
            #[doc = " The documented format."]
            pub format: &'static str,
            #[doc = " The longest value allowed, where documented."]
            pub max_length: Option<usize>,
            #[doc = " Whether the value is a secret or card data that must never be logged."]
            pub secret: bool,
            #[doc = " How sure the spec is of this field."]
            pub provenance: crate::Provenance,
        }

        #(#constants)*

        #[doc = " Every field, in the documented order."]
        pub const FIELDS: &[FormField] = &[#(#idents),*];
    }
}

fn named_enum(name: &str, description: &str, values: &[NamedValue]) -> TokenStream {
    StringEnum {
        name: name.to_string(),
        module: "cashflows::remote_auth".to_string(),
        doc: description.to_string(),
        noun: name.to_string(),
        variants: values
            .iter()
            .map(|value| EnumVariant {
                ident: value.name.clone(),
                wire: Some(value.value.clone()),
                message: None,
                doc: format!(
                    "`{}`: {} ({})",
                    value.value,
                    value.description,
                    value.provenance.label()
                ),
            })
            .collect(),
        by_message: false,
    }
    .tokens()
}

fn check_results(spec: &Spec) -> TokenStream {
    let results = &spec.endpoints.remote_auth.reply.check_results;
    let idents: Vec<_> = results
        .iter()
        .map(|r| format_ident!("{}", r.name))
        .collect();
    let digits: Vec<char> = results.iter().map(|r| char::from(b'0' + r.digit)).collect();
    let variants = results.iter().zip(&idents).map(|(result, ident)| {
        let docs = doc(&format!("`{}`: {}", result.digit, result.description));
        quote! { #docs #ident, }
    });
    quote! {
        #[doc = " The result of one of the reply's three checks (CVV, address, postcode)."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CheckResult {
            #(#variants)*
            #[doc = " A digit the spec does not list, kept as received."]
            Other(char),
        }

        impl CheckResult {
            #[doc = " The result a reply digit stands for."]
            pub const fn from_digit(digit: char) -> Self {
                match digit {
                    #(#digits => CheckResult::#idents,)*
                    other => CheckResult::Other(other),
                }
            }

            #[doc = " The digit as sent."]
            pub const fn digit(self) -> char {
                match self {
                    #(CheckResult::#idents => #digits,)*
                    CheckResult::Other(digit) => digit,
                }
            }
        }
    }
}
