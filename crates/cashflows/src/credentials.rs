//! Credentials for the two APIs. Secrets are `secrecy` types: never shown.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// Gateway credentials: the configuration ID (sent) and the API key (never
/// sent; it only keys the request signature).
///
/// ```
/// let credentials = cashflows::GatewayCredentials::new("23001234567890", "my-api-key");
/// assert_eq!(credentials.configuration_id(), "23001234567890");
/// assert!(!format!("{credentials:?}").contains("my-api-key"));
/// ```
#[derive(Clone)]
pub struct GatewayCredentials {
    configuration_id: String,
    api_key: SecretString,
}

impl GatewayCredentials {
    /// Credentials from the portal's API Data page.
    pub fn new(configuration_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        GatewayCredentials {
            configuration_id: configuration_id.into(),
            api_key: SecretString::from(api_key.into()),
        }
    }

    /// The configuration ID, sent in the `ConfigurationId` header.
    pub fn configuration_id(&self) -> &str {
        &self.configuration_id
    }

    pub(crate) fn sign(&self, body: &[u8]) -> String {
        crate::sign_request(self.api_key.expose_secret(), body)
    }
}

impl fmt::Debug for GatewayCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayCredentials")
            .field("configuration_id", &self.configuration_id)
            .field("api_key", &"[redacted]")
            .finish()
    }
}

/// Remote Auth credentials: the profile (merchant) ID and the Remote API
/// password, both sent as form fields.
///
/// ```
/// let credentials = cashflows::RemoteAuthCredentials::new("1234567", "my-pass");
/// assert!(!format!("{credentials:?}").contains("my-pass"));
/// ```
#[derive(Clone)]
pub struct RemoteAuthCredentials {
    auth_id: String,
    auth_pass: SecretString,
}

impl RemoteAuthCredentials {
    /// Credentials from the portal's Remote settings.
    pub fn new(auth_id: impl Into<String>, auth_pass: impl Into<String>) -> Self {
        RemoteAuthCredentials {
            auth_id: auth_id.into(),
            auth_pass: SecretString::from(auth_pass.into()),
        }
    }

    /// The profile (merchant) ID.
    pub fn auth_id(&self) -> &str {
        &self.auth_id
    }

    pub(crate) fn auth_pass(&self) -> &str {
        self.auth_pass.expose_secret()
    }
}

impl fmt::Debug for RemoteAuthCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteAuthCredentials")
            .field("auth_id", &self.auth_id)
            .field("auth_pass", &"[redacted]")
            .finish()
    }
}
