//! The test credentials, and a client that sends them.

use cashflows::{Client, ClientBuilder, Environment, GatewayCredentials, RemoteAuthCredentials};

/// The Gateway configuration ID of the test sandbox.
pub const CONFIGURATION_ID: &str = "23001234567890";
/// The API key the test sandbox checks signatures with: distinctive, so a
/// test can search any output for it.
pub const API_KEY: &str = "sandbox-api-key-7f3a9c";
/// The Remote Auth ID of the test sandbox.
pub const AUTH_ID: &str = "1234567";
/// The Remote Auth password of the test sandbox: distinctive too.
pub const AUTH_PASS: &str = "sandbox-auth-pass-5e2b";

/// A client builder for the server at `base_url` with the test
/// credentials; the caller adds retries or timeouts.
pub fn client_builder(base_url: &str) -> ClientBuilder {
    client_builder_with(base_url, API_KEY, AUTH_PASS)
}

/// The same with the given secrets (wrong ones, for some tests).
pub fn client_builder_with(base_url: &str, api_key: &str, auth_pass: &str) -> ClientBuilder {
    Client::builder(Environment::Custom(base_url.to_owned()))
        .gateway_credentials(GatewayCredentials::new(CONFIGURATION_ID, api_key))
        .remote_auth_credentials(RemoteAuthCredentials::new(AUTH_ID, auth_pass))
}

/// A client of the server at `base_url` with the given secrets.
pub fn client_with(base_url: &str, api_key: &str, auth_pass: &str) -> Client {
    client_builder_with(base_url, api_key, auth_pass)
        .build()
        .expect("the client builds")
}
