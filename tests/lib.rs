//! End-to-end suites that need both the client and the sandbox (see the
//! `end_to_end` and `no_secrets` tests). The README's Rust examples and the
//! book's guide are compiled and run here as doctests, so they cannot rot.

#![doc = include_str!("../README.md")]

/// The chapters of the book's guide (`codegen/templates/guide/`), whose
/// Rust blocks run here as doctests against the sandbox, and what their
/// hidden lines start.
pub mod guide {
    use cashflows::{Client, Environment, GatewayCredentials, RemoteAuthCredentials};
    use cashflows_sandbox::{Sandbox, SandboxConfig};

    /// The credentials the guide's examples write out.
    pub const CONFIGURATION_ID: &str = "23001234567890";
    /// The guide's API key.
    pub const API_KEY: &str = "key";
    /// The guide's Remote Auth ID.
    pub const AUTH_ID: &str = "1234567";
    /// The guide's Remote Auth password.
    pub const AUTH_PASS: &str = "auth-pass";

    /// A sandbox that takes the guide's credentials (started as every
    /// test's sandbox is; it fails the example if it cannot start).
    pub async fn sandbox() -> std::io::Result<Sandbox> {
        let config = SandboxConfig::new(CONFIGURATION_ID, API_KEY, AUTH_ID, AUTH_PASS);
        Ok(cashflows_test_support::sandbox::start_with(config).await)
    }

    /// A client of `sandbox` with the guide's credentials.
    pub fn client(sandbox: &Sandbox) -> Result<Client, cashflows::Error> {
        Client::builder(Environment::Custom(sandbox.base_url().to_owned()))
            .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, API_KEY))
            .remote_auth_credentials(RemoteAuthCredentials::new(AUTH_ID, AUTH_PASS))
            .build()
    }

    #[doc = include_str!("../codegen/templates/guide/getting-started.md.j2")]
    pub mod getting_started {}
    #[doc = include_str!("../codegen/templates/guide/client-guarantees.md.j2")]
    pub mod client_guarantees {}
    #[doc = include_str!("../codegen/templates/guide/hosted-page-and-webhooks.md.j2")]
    pub mod hosted_page_and_webhooks {}
    #[doc = include_str!("../codegen/templates/guide/captures-and-refunds.md.j2")]
    pub mod captures_and_refunds {}
    #[doc = include_str!("../codegen/templates/guide/subscriptions.md.j2")]
    pub mod subscriptions {}
    #[doc = include_str!("../codegen/templates/guide/saved-cards.md.j2")]
    pub mod saved_cards {}
    #[doc = include_str!("../codegen/templates/guide/moto.md.j2")]
    pub mod moto {}
    #[doc = include_str!("../codegen/templates/guide/deferred-capture.md.j2")]
    pub mod deferred_capture {}
    #[doc = include_str!("../codegen/templates/guide/errors-and-unknown-outcomes.md.j2")]
    pub mod errors_and_unknown_outcomes {}
    #[doc = include_str!("../codegen/templates/guide/remote-auth.md.j2")]
    pub mod remote_auth {}
    #[doc = include_str!("../codegen/templates/guide/testing-your-integration.md.j2")]
    pub mod testing_your_integration {}
    #[doc = include_str!("../codegen/templates/guide/embedded-checkout.md.j2")]
    pub mod embedded_checkout {}
}
