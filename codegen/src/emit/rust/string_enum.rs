//! Forward-compatible string enums: known variants, an `Unknown` that keeps
//! the raw value, lenient and strict parsing, and serde on top of `as_str`.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::format::doc;

/// One enum to generate.
pub struct StringEnum {
    pub name: String,
    /// The module the enum lives in, for the doc example (`cashflows::models`).
    pub module: String,
    pub doc: String,
    /// How `try_parse` errors name the type ("Gateway error code").
    pub noun: String,
    pub variants: Vec<EnumVariant>,
    /// Recognise a value by its documented message when its code is not known.
    pub by_message: bool,
}

pub struct EnumVariant {
    pub ident: String,
    /// The wire value, where one is published.
    pub wire: Option<String>,
    /// The documented message, for codes that come with one.
    pub message: Option<String>,
    pub doc: String,
}

impl EnumVariant {
    /// What identifies the variant as text: its wire value, else its message.
    fn text(&self) -> &str {
        self.wire
            .as_deref()
            .or(self.message.as_deref())
            .unwrap_or_default()
    }
}

impl StringEnum {
    pub fn tokens(&self) -> TokenStream {
        let name = format_ident!("{}", self.name);
        let definition = self.definition(&name);
        let inherent = self.inherent(&name);
        let traits = self.traits(&name);
        quote! { #definition #inherent #traits }
    }

    fn idents(&self) -> Vec<Ident> {
        self.variants
            .iter()
            .map(|v| format_ident!("{}", v.ident))
            .collect()
    }

    fn definition(&self, name: &Ident) -> TokenStream {
        let first = self
            .variants
            .first()
            .map(|v| v.ident.as_str())
            .unwrap_or("Unknown");
        let example = format!(
            "\n# Forward compatibility\n\nValues this version does not list parse to `Unknown`, which keeps \
             the text as received; always leave a wildcard arm:\n\n```\nuse {2}::{0};\n\n\
             let value: {0} = \"SomethingNew\".parse().unwrap();\nmatch value {{\n    {0}::{1} => {{}}\n    \
             other => assert_eq!(other.as_str(), \"SomethingNew\"),\n}}\n```",
            self.name, first, self.module
        );
        let docs = doc(&format!("{}\n{}", self.doc, example));
        let variants = self.variants.iter().map(|variant| {
            let ident = format_ident!("{}", variant.ident);
            let docs = doc(&variant.doc);
            quote! { #docs #ident, }
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #[doc = " A value this version of the crate does not know, kept as received."]
                Unknown(crate::UnknownValue),
            }
        }
    }

    fn inherent(&self, name: &Ident) -> TokenStream {
        let idents = self.idents();
        let texts: Vec<&str> = self.variants.iter().map(EnumVariant::text).collect();
        let noun = &self.noun;
        let known = self.known_lookup();
        let by_message = if self.by_message {
            self.message_methods()
        } else {
            quote! {}
        };
        quote! {
            impl #name {
                #[doc = " Every value the spec lists, in the spec's order."]
                pub const KNOWN: &'static [#name] = &[#(#name::#idents),*];

                #[doc = " The value as text: the wire value, or for a code Cashflows does not"]
                #[doc = " publish, its documented message. `Unknown` gives back what was received."]
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#name::#idents => #texts,)*
                        #name::Unknown(value) => value.as_str(),
                    }
                }

                #[doc = " Whether this is a value the spec does not list."]
                pub fn is_unknown(&self) -> bool {
                    matches!(self, #name::Unknown(_))
                }

                #[doc = " Strict parsing, for input a person typed: unknown text is an error."]
                pub fn try_parse(text: &str) -> Result<Self, crate::UnknownValueError> {
                    Self::known(text).ok_or_else(|| crate::UnknownValueError {
                        type_name: #noun,
                        value: text.to_owned(),
                    })
                }

                #known
                #by_message
            }
        }
    }

    /// `known(text)`: by wire value, then (for codes) by unambiguous message.
    fn known_lookup(&self) -> TokenStream {
        let wire_arms = self.variants.iter().filter_map(|variant| {
            let wire = variant.wire.as_ref()?;
            let ident = format_ident!("{}", variant.ident);
            Some(quote! { #wire => Some(Self::#ident), })
        });
        let fallback = if self.by_message {
            quote! { _ => Self::from_message(text), }
        } else {
            quote! { _ => None, }
        };
        quote! {
            fn known(text: &str) -> Option<Self> {
                match text {
                    #(#wire_arms)*
                    #fallback
                }
            }
        }
    }

    fn message_methods(&self) -> TokenStream {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for message in self.variants.iter().filter_map(|v| v.message.as_deref()) {
            *counts.entry(message).or_default() += 1;
        }
        let message_arms = self.variants.iter().filter_map(|variant| {
            let message = variant.message.as_deref()?;
            let ident = format_ident!("{}", variant.ident);
            (counts[message] == 1).then(|| quote! { #message => Some(Self::#ident), })
        });
        let idents = self.idents();
        let messages = self.variants.iter().map(|v| match &v.message {
            Some(message) => quote! { Some(#message) },
            None => quote! { None },
        });
        let codes = self.variants.iter().map(|v| match &v.wire {
            Some(code) => quote! { Some(#code) },
            None => quote! { None },
        });
        let name = format_ident!("{}", self.name);
        quote! {
            #[doc = " Recognises an entry the Gateway sent: by its code, else by its exact"]
            #[doc = " documented message (when no other row shares it), else `Unknown(code)`."]
            pub fn recognise(code: &str, message: &str) -> Self {
                Self::known(code)
                    .or_else(|| Self::from_message(message))
                    .unwrap_or_else(|| #name::Unknown(crate::UnknownValue(code.to_owned())))
            }

            #[doc = " The published wire code; `None` where Cashflows does not publish one."]
            #[doc = " `Unknown` gives back the code as received."]
            pub fn code(&self) -> Option<&str> {
                match self {
                    #(#name::#idents => #codes,)*
                    #name::Unknown(value) => Some(value.as_str()),
                }
            }

            #[doc = " The documented message, verbatim (typos included)."]
            pub fn message(&self) -> Option<&'static str> {
                match self {
                    #(#name::#idents => #messages,)*
                    #name::Unknown(_) => None,
                }
            }

            fn from_message(message: &str) -> Option<Self> {
                match message {
                    #(#message_arms)*
                    _ => None,
                }
            }
        }
    }

    fn traits(&self, name: &Ident) -> TokenStream {
        quote! {
            impl From<&str> for #name {
                #[doc = " Lenient parsing, for what a server sends: unknown text becomes `Unknown`."]
                fn from(text: &str) -> Self {
                    Self::known(text).unwrap_or_else(|| #name::Unknown(crate::UnknownValue(text.to_owned())))
                }
            }

            impl From<String> for #name {
                fn from(text: String) -> Self {
                    Self::known(&text).unwrap_or(#name::Unknown(crate::UnknownValue(text)))
                }
            }

            impl std::str::FromStr for #name {
                type Err = std::convert::Infallible;

                fn from_str(text: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(text))
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    crate::wire::string_like(deserializer).map(|text| Self::from(text.as_ref()))
                }
            }
        }
    }
}
