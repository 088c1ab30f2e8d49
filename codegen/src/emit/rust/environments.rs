//! `environments.rs`: the environments, their base URLs and how each API
//! authenticates.

use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use crate::model::Model;

pub fn file(model: &Model) -> Result<String, String> {
    let environments = &model.environments;
    let list = &environments.list;
    let idents: Vec<_> = list
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let variants = list.iter().zip(&idents).map(|(environment, ident)| {
        let allow_list = if environment.allow_list.is_empty() {
            String::new()
        } else {
            let addresses: Vec<String> = (environment.allow_list.iter())
                .map(|address| format!("`{address}`"))
                .collect();
            format!(
                "\n\nCashflows asks merchants to allow-list the Gateway addresses {}.",
                addresses.join(", ")
            )
        };
        let docs = doc(&format!(
            "{}\n\nGateway `{}`, Remote Auth `{}`.{allow_list}",
            environment.description, environment.gateway_url, environment.remote_auth_url
        ));
        let entry = book_entry(&environment.links);
        quote! { #docs #entry #ident, }
    });
    let gateway_constants: Vec<_> = list
        .iter()
        .map(|e| format_ident!("{}", e.gateway_constant))
        .collect();
    let remote_constants: Vec<_> = list
        .iter()
        .map(|e| format_ident!("{}", e.remote_auth_constant))
        .collect();
    let constants = list.iter().enumerate().map(|(index, environment)| {
        let (gateway, remote) = (&gateway_constants[index], &remote_constants[index]);
        let gateway_doc = format!(
            " The Gateway base URL of the {} environment.",
            environment.key
        );
        let remote_doc = format!(
            " The Remote Auth URL of the {} environment.",
            environment.key
        );
        let (gateway_url, remote_url) = (&environment.gateway_url, &environment.remote_auth_url);
        quote! {
            #[doc = #gateway_doc]
            pub const #gateway: &str = #gateway_url;
            #[doc = #remote_doc]
            pub const #remote: &str = #remote_url;
        }
    });
    let (configuration_header, hash_header) = (
        &environments.configuration_id_header,
        &environments.hash_header,
    );
    let hash_doc = doc(&format!(
        "The Gateway header that carries the request signature: {}.",
        environments.hash_input
    ));
    let upper = environments.hash_hex_uppercase;
    let remote_path = &environments.remote_auth_path;
    let (id_field, pass_field) = (
        &environments.remote_auth_id_field,
        &environments.remote_auth_password_field,
    );
    let tokens = quote! {
        #![doc = " Where the APIs live and how requests authenticate."]

        use crate::environment::PublishedUrls;

        #(#constants)*

        #[doc = " The Remote Auth path on every host, and under a custom base URL."]
        pub const REMOTE_AUTH_PATH: &str = #remote_path;
        #[doc = " The Gateway header that names the merchant configuration."]
        pub const CONFIGURATION_ID_HEADER: &str = #configuration_header;
        #hash_doc
        pub const HASH_HEADER: &str = #hash_header;
        #[doc = " Whether the signature is sent as upper-case hex."]
        pub const HASH_HEX_UPPERCASE: bool = #upper;
        #[doc = " The Remote Auth form field that carries the profile (merchant) ID."]
        pub const AUTH_ID_FIELD: &str = #id_field;
        #[doc = " The Remote Auth form field that carries the password."]
        pub const AUTH_PASS_FIELD: &str = #pass_field;

        #[doc = " Which Cashflows environment to talk to. There is no default: choose."]
        #[doc = ""]
        #[doc = " ```"]
        #[doc = " use cashflows::Environment;"]
        #[doc = ""]
        #[doc = " let sandbox = Environment::Custom(\"http://127.0.0.1:8080\".into());"]
        #[doc = " assert_eq!(sandbox.remote_auth_url(), \"http://127.0.0.1:8080/gateway/remote_auth\");"]
        #[doc = " ```"]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Environment {
            #(#variants)*
            #[doc = " A base URL of your choosing (a local sandbox, a proxy): the Gateway"]
            #[doc = " paths and Remote Auth's path are served under it."]
            Custom(String),
        }

        impl Environment {
            #[doc = " The URLs Cashflows publishes for this environment; `None` for `Custom`."]
            pub(crate) fn published_urls(&self) -> Option<PublishedUrls> {
                match self {
                    #(Environment::#idents => Some(PublishedUrls {
                        gateway: #gateway_constants,
                        remote_auth: #remote_constants,
                    }),)*
                    Environment::Custom(_) => None,
                }
            }
        }
    };
    rust_file(&environments.source.path(), tokens)
}
