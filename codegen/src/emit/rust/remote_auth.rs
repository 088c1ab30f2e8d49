//! `remote_auth.rs`: the Remote Auth form fields, the request struct with one
//! field per form field, the transaction types and classes, and the reply's
//! check results. Encoding the form and parsing the reply are hand-written.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{doc, rust_file};
use super::{types, wire_enum};
use crate::model::{FormField, FormType, Model, RemoteAuth, Requirement};

pub fn file(model: &Model) -> Result<String, String> {
    let remote = &model.remote_auth;
    let fields = form_fields(remote);
    let request = request_struct(remote);
    let transaction_types = wire_enum::tokens(&remote.transaction_types, "cashflows::remote_auth");
    let transaction_classes =
        wire_enum::tokens(&remote.transaction_classes, "cashflows::remote_auth");
    let checks = check_results(remote);
    let separator = remote.reply_separator;
    let content_type = &remote.content_type;
    let reply_fields: Vec<String> = remote
        .reply_fields
        .iter()
        .enumerate()
        .map(|(index, (name, description))| format!("{}. `{name}`: {description}", index + 1))
        .collect();
    let reply_doc = doc(&format!(
        "The character between the fields of a Remote Auth reply. The fields, in order:\n\n{}\n\n\
         Replies may carry further fields after these.",
        reply_fields.join("\n")
    ));
    let tokens = quote! {
        #![doc = " Remote Auth: a form POST whose reply is one line of separated fields."]

        use crate::remote_auth_form::{FormField, Requirement};
        use crate::wire_enum::{WireEnum, WireValue};

        #[doc = " The request's content type."]
        pub const CONTENT_TYPE: &str = #content_type;

        #reply_doc
        pub const REPLY_SEPARATOR: char = #separator;

        #fields
        #request
        #transaction_types
        #transaction_classes
        #checks
    };
    rust_file(&remote.source.path(), tokens)
}

/// The `Requirement` expression of a field.
fn requirement_tokens(field: &FormField) -> TokenStream {
    match &field.required_for {
        Requirement::Always => quote! { Requirement::Always },
        Requirement::Optional => quote! { Requirement::Optional },
        Requirement::For(variants) => {
            let variants = variants.iter().map(|variant| format_ident!("{}", variant));
            quote! { Requirement::For(&[#(TransactionType::#variants),*]) }
        }
    }
}

fn form_fields(remote: &RemoteAuth) -> TokenStream {
    let idents: Vec<_> = remote
        .fields
        .iter()
        .map(|f| format_ident!("{}", f.constant))
        .collect();
    let constants = remote.fields.iter().zip(&idents).map(|(field, ident)| {
        let docs = doc(&format!(
            "`{}`: {}; {}.",
            field.name, field.requirement, field.format
        ));
        let (name, format, secret) = (&field.name, &field.format, field.secret);
        let required = requirement_tokens(field);
        let unless = match &field.unless {
            Some(other) => quote! { Some(#other) },
            None => quote! { None },
        };
        let max_length = match field.max_length {
            Some(length) => {
                let length = types::int(length);
                quote! { Some(#length) }
            }
            None => quote! { None },
        };
        let provenance = types::provenance(field.provenance);
        quote! {
            #docs
            pub const #ident: FormField = FormField {
                name: #name,
                required: #required,
                unless: #unless,
                format: #format,
                max_length: #max_length,
                secret: #secret,
                provenance: #provenance,
            };
        }
    });
    quote! {
        #(#constants)*

        #[doc = " Every field, in the documented order."]
        pub const FIELDS: &[FormField] = &[#(#idents),*];
    }
}

/// `RemoteAuthRequest`: one optional member per form field the caller fills
/// (the credentials come from the client), and the table of their values.
fn request_struct(remote: &RemoteAuth) -> TokenStream {
    let fields: Vec<&FormField> = remote.fields.iter().filter(|f| !f.credential).collect();
    let members = fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name);
        let ty = member_type(field.ty);
        let docs = doc(&format!(
            "`{}`: {}; {}.",
            field.name, field.requirement, field.format
        ));
        quote! { #docs pub #ident: Option<#ty>, }
    });
    let values = fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name);
        let constant = format_ident!("{}", field.constant);
        let value = match field.ty {
            FormType::Flag => quote! { self.#ident.map(crate::remote_auth_form::flag) },
            _ => {
                quote! { self.#ident.as_ref().map(crate::remote_auth_form::FormValue::form_value) }
            }
        };
        quote! { (&#constant, #value), }
    });
    let count = types::int(fields.len());
    quote! {
        #[doc = " A Remote Auth request. The credentials come from the client; every other"]
        #[doc = " form field is here."]
        #[doc = ""]
        #[doc = " `Debug` masks the card number and never shows the CVV."]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct RemoteAuthRequest {
            #(#members)*
        }

        impl RemoteAuthRequest {
            #[doc = " Each field with its value as sent, where set, in the documented order."]
            pub(crate) fn values(&self) -> [(&'static FormField, Option<String>); #count] {
                [#(#values)*]
            }
        }
    }
}

fn member_type(ty: FormType) -> TokenStream {
    match ty {
        FormType::Text => quote! { String },
        FormType::CardNumber => quote! { crate::CardNumber },
        FormType::CardCvc => quote! { crate::CardSecurityCode },
        FormType::CardToken => quote! { crate::CardToken },
        FormType::Cryptogram => quote! { crate::Cryptogram },
        FormType::Amount => quote! { crate::Amount },
        FormType::Flag | FormType::Bool => quote! { bool },
        FormType::TransactionType => quote! { TransactionType },
        FormType::TransactionClass => quote! { TransactionClass },
    }
}

fn check_results(remote: &RemoteAuth) -> TokenStream {
    let results = &remote.check_results;
    let idents: Vec<_> = results
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let variants = results.iter().zip(&idents).map(|(result, ident)| {
        let docs = doc(&format!("`{}`: {}", result.digit, result.description));
        quote! { #docs #ident, }
    });
    let rows = results.iter().zip(&idents).map(|(result, ident)| {
        let digit = result.digit;
        quote! { (CheckResult::#ident, #digit), }
    });
    let indexes = (0..results.len()).map(types::int);
    let count = types::int(results.len());
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
            #[doc = " The result's row of [`CHECK_RESULTS`]; `None` for `Other`."]
            pub(crate) const fn index(self) -> Option<usize> {
                match self {
                    #(CheckResult::#idents => Some(#indexes),)*
                    CheckResult::Other(_) => None,
                }
            }
        }

        #[doc = " Each listed result and its digit."]
        pub(crate) static CHECK_RESULTS: [(CheckResult, char); #count] = [#(#rows)*];
    }
}
