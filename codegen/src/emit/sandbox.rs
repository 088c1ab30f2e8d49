//! The sandbox crate, `generated/cashflows-sandbox`: a local server that
//! speaks the Gateway and Remote Auth protocols from the same tables. Its
//! routes are generated from `endpoints.yaml`; the server logic is ordinary
//! Rust in `codegen/runtime/sandbox/`, copied verbatim.

use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::GeneratedFile;
use super::header;
use super::package::{self, Package};
use super::rust::format::rust_file;
use crate::spec::{Spec, files};

/// Where the sandbox crate is written, relative to the repository root.
pub const SANDBOX_DIR: &str = "generated/cashflows-sandbox";

/// Hand-written sources copied verbatim (`main.rs` is the binary).
const RUNTIME: [(&str, &str); 9] = [
    ("auth.rs", include_str!("../../runtime/sandbox/auth.rs")),
    ("errors.rs", include_str!("../../runtime/sandbox/errors.rs")),
    (
        "handlers.rs",
        include_str!("../../runtime/sandbox/handlers.rs"),
    ),
    ("main.rs", include_str!("../../runtime/sandbox/main.rs")),
    (
        "outcomes.rs",
        include_str!("../../runtime/sandbox/outcomes.rs"),
    ),
    (
        "remote_auth.rs",
        include_str!("../../runtime/sandbox/remote_auth.rs"),
    ),
    ("server.rs", include_str!("../../runtime/sandbox/server.rs")),
    ("state.rs", include_str!("../../runtime/sandbox/state.rs")),
    (
        "webhooks.rs",
        include_str!("../../runtime/sandbox/webhooks.rs"),
    ),
];

const PACKAGE: Package = Package {
    name: "cashflows-sandbox",
    description: "A local server that speaks the Cashflows Gateway and Remote Auth protocols, \
                  for tests.",
    keywords: &["cashflows", "payments", "sandbox", "testing"],
    categories: &["development-tools::testing"],
};

/// The sandbox's dependencies; `{client_version}` is the client's version.
const DEPENDENCIES: &str = r#"[dependencies]
axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "query", "form"] }
cashflows = { version = "{client_version}", path = "../cashflows" }
hex = "0.4"
reqwest = { version = "0.12", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
sha2 = "0.10"
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net", "sync", "time", "signal"] }
tracing = "0.1"
"#;

pub fn sandbox_crate(spec: &Spec) -> Result<Vec<GeneratedFile>, String> {
    let dir = Path::new(SANDBOX_DIR);
    let src = dir.join("src");
    let mut out = vec![
        GeneratedFile::new(
            dir.join("Cargo.toml"),
            format!(
                "{}{}{}",
                header::toml("codegen/src/emit/sandbox.rs"),
                package::section(&PACKAGE),
                DEPENDENCIES.replace("{client_version}", package::VERSION)
            ),
        ),
        GeneratedFile::new(dir.join("README.md"), readme()),
        GeneratedFile::new(src.join("lib.rs"), lib_rs()?),
        GeneratedFile::new(src.join("routes.rs"), routes_rs(spec)?),
    ];
    for (name, source) in RUNTIME {
        let header = header::rust(&format!("codegen/runtime/sandbox/{name}"));
        out.push(GeneratedFile::new(
            src.join(name),
            format!("{header}{source}"),
        ));
    }
    Ok(out)
}

fn lib_rs() -> Result<String, String> {
    let tokens = quote! {
        #![doc = " A local Cashflows sandbox: the Gateway and Remote Auth protocols on"]
        #![doc = " loopback HTTP, driven by the same spec tables as the client. Start it from"]
        #![doc = " a test with [`Sandbox::start`], or run the `cashflows-sandbox` binary."]
        #![deny(missing_docs)]

        mod auth;
        mod errors;
        mod handlers;
        mod outcomes;
        mod remote_auth;
        mod routes;
        mod server;
        mod state;
        mod webhooks;

        pub use server::{RecordedRequest, Sandbox, SandboxConfig};
        pub use state::Totals;
    };
    rust_file("codegen/src/emit/sandbox.rs", tokens)
}

/// One `.route(path, method(handler)…)` per path, in the spec's order.
fn routes_rs(spec: &Spec) -> Result<String, String> {
    let mut by_path: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for endpoint in &spec.endpoints.gateway.endpoints {
        let method = format_ident!("{}", endpoint.method.to_lowercase());
        let handler = format_ident!("{}", endpoint.name);
        if !by_path.contains_key(endpoint.path.as_str()) {
            order.push(&endpoint.path);
        }
        by_path
            .entry(&endpoint.path)
            .or_default()
            .push(quote! { #method(handlers::#handler) });
    }
    let routes = order.iter().map(|path| {
        let methods = &by_path[path];
        quote! { .route(#path, #(#methods).*) }
    });
    let remote_auth_path = &spec.environments.remote_auth_path;
    let tokens = quote! {
        #![doc = " The sandbox's routes, one per endpoint of the spec."]

        use axum::Router;
        use axum::routing::{get, patch, post};

        use crate::server::AppState;
        use crate::{handlers, remote_auth};

        #[doc = " Every Gateway endpoint, and Remote Auth at its documented path."]
        pub(crate) fn router() -> Router<AppState> {
            Router::new()
                #(#routes)*
                .route(#remote_auth_path, post(remote_auth::handle))
        }
    };
    rust_file(&format!("spec/{}", files::ENDPOINTS), tokens)
}

fn readme() -> String {
    format!(
        "{}{}",
        header::markdown("codegen/src/emit/sandbox.rs"),
        r#"# cashflows-sandbox

A local server that speaks the Cashflows Gateway and Remote Auth protocols,
driven by the same specification as the `cashflows` client: it checks
`ConfigurationId` and `Hash`, keeps payment jobs, payments, captures and
refunds in memory, drives outcomes from the documented test cards and 3-D
Secure card holder names, answers invalid operations with the documented
errors, replies to Remote Auth with acquirer codes, and delivers webhooks.

Use it as a dev-dependency, from tests (`Sandbox::start`), or as a binary:

```sh
cashflows-sandbox --listen 127.0.0.1:0 --configuration-id ID --api-key KEY \
    --auth-id 1234567 --auth-pass PASS
```

The first line it prints holds its base URL.
"#
    )
}
