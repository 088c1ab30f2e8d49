//! `environments.rs`: base URLs and how each API authenticates.

use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use crate::ident::{self, Case};
use crate::spec::{HexCase, Spec, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let file = &spec.environments;
    let environments = &file.environments;
    let idents: Vec<_> = environments
        .iter()
        .map(|e| format_ident!("{}", e.name))
        .collect();
    let variants = environments
        .iter()
        .zip(&idents)
        .map(|(environment, ident)| {
            let docs = doc(&format!(
                "{}\n\nGateway `{}`, Remote Auth `{}`.",
                environment.description, environment.gateway, environment.remote_auth
            ));
            quote! { #docs #ident, }
        });
    let gateway_consts: Vec<_> = environments
        .iter()
        .map(|e| {
            format_ident!(
                "{}",
                ident::to(&format!("gateway {}", e.key), Case::ShoutySnake)
            )
        })
        .collect();
    let remote_consts: Vec<_> = environments
        .iter()
        .map(|e| {
            format_ident!(
                "{}",
                ident::to(&format!("remote auth {}", e.key), Case::ShoutySnake)
            )
        })
        .collect();
    let constants = environments.iter().enumerate().map(|(index, environment)| {
        let (gateway, remote) = (&gateway_consts[index], &remote_consts[index]);
        let gateway_doc = format!(
            " The Gateway base URL of the {} environment.",
            environment.key
        );
        let remote_doc = format!(
            " The Remote Auth URL of the {} environment.",
            environment.key
        );
        let (gateway_url, remote_url) = (&environment.gateway, &environment.remote_auth);
        quote! {
            #[doc = #gateway_doc]
            pub const #gateway: &str = #gateway_url;
            #[doc = #remote_doc]
            pub const #remote: &str = #remote_url;
        }
    });
    let auth = &file.gateway_auth;
    let (configuration_header, hash_header) = (&auth.configuration_id_header, &auth.hash_header);
    let upper = auth.hex_case == HexCase::Upper;
    let hash_doc = format!(
        " How the `{hash_header}` header is computed: {}.",
        auth.hash_input
    );
    let remote_path = &file.remote_auth_path;
    let (id_field, pass_field) = (
        &file.remote_auth_auth.id_field,
        &file.remote_auth_auth.password_field,
    );
    let tokens = quote! {
        #![doc = " Where the APIs live and how requests authenticate."]

        #(#constants)*

        #[doc = " The Remote Auth path on every host, and under a custom base URL."]
        pub const REMOTE_AUTH_PATH: &str = #remote_path;

        #[doc = " The Gateway header that names the merchant configuration."]
        pub const CONFIGURATION_ID_HEADER: &str = #configuration_header;
        #[doc = " The Gateway header that carries the request signature."]
        pub const HASH_HEADER: &str = #hash_header;
        #[doc = #hash_doc]
        pub const HASH_ALGORITHM: &str = "SHA-512";
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
            #[doc = " The Gateway base URL, without a trailing `/`."]
            pub fn gateway_base_url(&self) -> &str {
                match self {
                    #(Environment::#idents => #gateway_consts,)*
                    Environment::Custom(base) => base.trim_end_matches('/'),
                }
            }

            #[doc = " The Remote Auth URL."]
            pub fn remote_auth_url(&self) -> String {
                match self {
                    #(Environment::#idents => #remote_consts.to_owned(),)*
                    Environment::Custom(base) => format!("{}{}", base.trim_end_matches('/'), REMOTE_AUTH_PATH),
                }
            }
        }
    };
    rust_file(&format!("spec/{}", files::ENVIRONMENTS), tokens)
}
