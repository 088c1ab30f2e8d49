//! A sandbox on loopback that takes the test credentials, and a client of it.

use cashflows::Client;
use cashflows_sandbox::{Sandbox, SandboxConfig};

use crate::credentials::{self, API_KEY, AUTH_ID, AUTH_PASS, CONFIGURATION_ID};

/// The sandbox's settings with the test credentials; a test changes the
/// other settings (timeouts, webhooks, limits) before starting it.
pub fn config() -> SandboxConfig {
    SandboxConfig::new(CONFIGURATION_ID, API_KEY, AUTH_ID, AUTH_PASS)
}

/// A sandbox started with `config`, on a free loopback port.
pub async fn start_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config)
        .await
        .expect("the sandbox starts on loopback")
}

/// A fresh sandbox with the test credentials and a client with the right
/// ones.
pub async fn start() -> (Sandbox, Client) {
    let sandbox = start_with(config()).await;
    let client = client_for(&sandbox, API_KEY, AUTH_PASS);
    (sandbox, client)
}

/// A client of `sandbox` with the given secrets (wrong ones, for some tests).
pub fn client_for(sandbox: &Sandbox, api_key: &str, auth_pass: &str) -> Client {
    credentials::client_with(sandbox.base_url(), api_key, auth_pass)
}
