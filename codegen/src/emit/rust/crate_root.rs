//! The client crate's `Cargo.toml` and `lib.rs`.

use quote::quote;

use super::format::rust_file;
use crate::emit::header;
use crate::emit::package::{self, Package};

/// Dependency versions of the generated crate, kept lean on purpose.
const DEPENDENCIES: &str = r#"[features]
default = ["rustls"]
# TLS through rustls (no OpenSSL).
rustls = ["reqwest/rustls-tls"]
# TLS through the platform's library (OpenSSL on Linux).
native-tls = ["reqwest/native-tls"]

[dependencies]
form_urlencoded = "1"
hex = "0.4"
percent-encoding = "2"
reqwest = { version = "0.12", default-features = false }
rust_decimal = { version = "1", default-features = false, features = ["std"] }
secrecy = "0.10"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
sha2 = "0.10"
tokio = { version = "1", features = ["time"] }
tracing = "0.1"

[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
tracing-subscriber = { version = "0.3", features = ["env-filter", "fmt"] }
"#;

pub fn cargo_toml() -> String {
    let package = Package {
        name: "cashflows",
        description: "Typed client for the Cashflows payment APIs (Gateway and Remote Auth), \
                      generated from a specification.",
        keywords: &["cashflows", "payments", "gateway", "client"],
        categories: &["api-bindings", "finance"],
    };
    format!(
        "{}{}{DEPENDENCIES}",
        header::toml("codegen/src/emit/rust/crate_root.rs"),
        package::section(&package)
    )
}

pub fn lib_rs() -> Result<String, String> {
    let tokens = quote! {
        #![doc = " Typed access to the Cashflows payment APIs, generated from the tables in"]
        #![doc = " `spec/` by `cargo xtask codegen`."]
        #![doc = ""]
        #![doc = " - Gateway errors and warnings: [`GatewayErrorCode`], [`GatewayWarningCode`]."]
        #![doc = " - Remote Auth acquirer response codes: [`AcquirerResponseCode`], [`AcquirerReason`]."]
        #![doc = " - Test cards and 3-D Secure card holder names: [`test_cards`]."]
        #![doc = " - Environments and authentication: [`Environment`], [`environments`]."]
        #![doc = " - Gateway endpoints and their models: [`endpoints`], [`models`]."]
        #![doc = " - Remote Auth form fields: [`remote_auth`]."]
        #![doc = " - Documented HTTP statuses: [`http_statuses`]."]
        #![doc = " - Signed Gateway calls and Remote Auth calls: [`Client`]."]
        #![doc = " - Webhook notifications: [`webhooks`]."]
        #![doc = ""]
        #![doc = " Codes the server sends never fail to parse: values this version does not"]
        #![doc = " know are kept in an `Unknown` variant and round-trip unchanged."]
        #![deny(missing_docs)]

        pub mod acquirer;
        mod acquirer_code;
        mod amount;
        mod card;
        mod client;
        mod credentials;
        mod endpoint;
        pub mod endpoints;
        pub mod environments;
        mod error;
        mod gateway_calls;
        mod gateway_errors;
        mod gateway_warnings;
        mod guidance;
        pub mod http_statuses;
        pub mod models;
        mod provenance;
        mod reference;
        pub mod remote_auth;
        mod remote_auth_call;
        mod remote_auth_reply;
        mod signing;
        pub mod test_cards;
        mod unknown;
        pub mod webhooks;
        mod wire;

        pub use acquirer::{AcquirerClass, AcquirerReason};
        pub use acquirer_code::{AcquirerResponseCode, ParseAcquirerCodeError};
        pub use amount::{Amount, ParseAmountError};
        pub use card::{CardNumber, CardSecurityCode};
        pub use client::{Client, ClientBuilder, Response, RetryPolicy, decode_gateway_response};
        pub use credentials::{GatewayCredentials, RemoteAuthCredentials};
        pub use error::{ApiError, DecodeError, Error, GatewayError, GatewayWarning, ReportedEntry, TransportError};
        pub use environments::Environment;
        pub use gateway_errors::GatewayErrorCode;
        pub use gateway_warnings::GatewayWarningCode;
        pub use guidance::{Advice, Outcome};
        pub use provenance::Provenance;
        pub use reference::Reference;
        pub use signing::sign_request;
        pub use unknown::{UnknownValue, UnknownValueError};

        pub use rust_decimal::Decimal;
    };
    rust_file("spec/ (every table)", tokens)
}

/// The crate's README, shown by crates.io.
pub fn readme() -> String {
    format!(
        "{}{}",
        header::markdown("codegen/src/emit/rust/crate_root.rs"),
        r#"# cashflows

A typed, async client for the Cashflows payment APIs (the Gateway API and
Remote Auth), generated from a specification of Cashflows' own tables.

- One typed method per Gateway endpoint; every request signed with SHA-512
  over the exact bytes sent.
- Remote Auth sale, verify, refund and void, with the reply parsed.
- Error, warning and acquirer response codes that never fail to parse: new
  values are kept and round-trip unchanged.
- Secrets in `secrecy` types; card numbers and CVCs masked in `Debug`.
- Test cards, environments, HTTP statuses and webhooks.

```rust,no_run
use cashflows::{Client, Environment, GatewayCredentials};

# async fn run() -> Result<(), cashflows::Error> {
let client = Client::builder(Environment::Integration)
    .gateway_credentials(GatewayCredentials::new("configuration-id", "api-key"))
    .build()?;
let job = client.retrieve_payment_job("220516143012345678").await?;
println!("{:?}", job.data.payment_status);
# Ok(())
# }
```

Test against `cashflows-sandbox`, a local server that speaks the same
protocol (add it as a dev-dependency only).
"#
    )
}
