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
    let request = request_struct(spec);
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

        pub use crate::remote_auth_reply::{ParseReplyError, RemoteAuthReply};

        #[doc = " The request's content type."]
        pub const CONTENT_TYPE: &str = #content_type;

        #reply_doc
        pub const REPLY_SEPARATOR: char = #separator;

        #fields
        #request
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

/// `RemoteAuthRequest`: one optional field per non-credential form field;
/// the mandatory ones are checked before sending, from the spec.
fn request_struct(spec: &Spec) -> TokenStream {
    let fields: Vec<_> = spec
        .endpoints
        .remote_auth
        .fields
        .iter()
        .filter(|f| !f.credential)
        .collect();
    let members = fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name);
        let ty = field_type(&field.ty);
        let requirement = if field.required {
            "Mandatory"
        } else {
            "Optional"
        };
        let docs = doc(&format!(
            "`{}`: {requirement}; {}.",
            field.name, field.format
        ));
        quote! { #docs pub #ident: Option<#ty>, }
    });
    let pushes = fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name);
        let name = &field.name;
        let value = field_value(&field.ty);
        if field.required {
            let message = format!("`{name}` is mandatory");
            quote! {
                let value = self.#ident.as_ref().ok_or_else(|| crate::Error::Invalid(#message.to_owned()))?;
                fields.push((#name, #value));
            }
        } else {
            quote! {
                if let Some(value) = &self.#ident {
                    fields.push((#name, #value));
                }
            }
        }
    });
    quote! {
        #[doc = " A Remote Auth request. The credentials come from the client; every other"]
        #[doc = " form field is here, and the mandatory ones must be set."]
        #[doc = ""]
        #[doc = " `Debug` masks the card number and never shows the CVV."]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct RemoteAuthRequest {
            #(#members)*
        }

        impl RemoteAuthRequest {
            #[doc = " The form fields to send, in the documented order; an error names the"]
            #[doc = " first mandatory field that is not set."]
            pub fn form_fields(&self) -> Result<Vec<(&'static str, String)>, crate::Error> {
                let mut fields = Vec::new();
                #(#pushes)*
                Ok(fields)
            }
        }
    }
}

fn field_type(ty: &str) -> TokenStream {
    match ty {
        "card_number" => quote! { crate::CardNumber },
        "card_cvc" => quote! { crate::CardSecurityCode },
        "amount" => quote! { crate::Amount },
        "flag" | "bool" => quote! { bool },
        "TransactionType" => quote! { TransactionType },
        "TransactionClass" => quote! { TransactionClass },
        _ => quote! { String },
    }
}

fn field_value(ty: &str) -> TokenStream {
    match ty {
        "card_number" | "card_cvc" => quote! { value.expose().to_owned() },
        "flag" => quote! { if *value { "1".to_owned() } else { "0".to_owned() } },
        "bool" => quote! { value.to_string() },
        "TransactionType" | "TransactionClass" => quote! { value.as_str().to_owned() },
        "amount" => quote! { value.to_string() },
        _ => quote! { value.clone() },
    }
}
