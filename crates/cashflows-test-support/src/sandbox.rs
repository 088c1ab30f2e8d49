//! A sandbox on loopback that takes the test credentials, and a client of it.

use cashflows::Client;
use cashflows_sandbox::{Sandbox, SandboxClock, SandboxConfig};

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
    start_with_client(config()).await
}

/// A sandbox started with `config`, and a client with the test credentials.
pub async fn start_with_client(config: SandboxConfig) -> (Sandbox, Client) {
    let sandbox = start_with(config).await;
    let client = client_for(&sandbox, API_KEY, AUTH_PASS);
    (sandbox, client)
}

/// The same, reading the time from `clock` (a manual one a test moves).
pub async fn start_on_clock(config: SandboxConfig, clock: SandboxClock) -> (Sandbox, Client) {
    let sandbox = Sandbox::start_with_clock(config, clock)
        .await
        .expect("the sandbox starts on loopback");
    let client = client_for(&sandbox, API_KEY, AUTH_PASS);
    (sandbox, client)
}

/// A sandbox with automatic capture off (Cashflows' portal setting, off):
/// card payments stop at `Reserved`. And a client of it.
pub async fn start_without_automatic_capture() -> (Sandbox, Client) {
    let mut config = config();
    config.automatic_capture = false;
    start_with_client(config).await
}

/// A client of `sandbox` with the given secrets (wrong ones, for some tests).
pub fn client_for(sandbox: &Sandbox, api_key: &str, auth_pass: &str) -> Client {
    credentials::client_with(sandbox.base_url(), api_key, auth_pass)
}
