//! Credentials for the two APIs. Secrets are `secrecy` types: never shown.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};
use crate::error::Error;

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

    fn sign(&self, body: &[u8]) -> Result<HeaderValue, Error> {
        crate::signing::signature_header(self.api_key.expose_secret(), body)
    }
}

/// The headers every Gateway request carries, made once per client: the
/// configuration ID, and the signature of an empty body, which every read
/// sends.
#[derive(Clone)]
pub(crate) struct GatewayHeaders {
    credentials: GatewayCredentials,
    configuration_id_name: HeaderName,
    hash_name: HeaderName,
    configuration_id: HeaderValue,
    empty_body_signature: HeaderValue,
}

impl GatewayHeaders {
    /// The headers for `credentials`; an error when the configuration ID
    /// cannot be sent as a header.
    pub(crate) fn new(credentials: &GatewayCredentials) -> Result<Self, Error> {
        let invalid = |what: &str| Error::Invalid(format!("the {what} is not a valid header"));
        Ok(GatewayHeaders {
            configuration_id_name: HeaderName::from_bytes(CONFIGURATION_ID_HEADER.as_bytes())
                .map_err(|_| invalid("configuration ID header's name"))?,
            hash_name: HeaderName::from_bytes(HASH_HEADER.as_bytes())
                .map_err(|_| invalid("signature header's name"))?,
            configuration_id: HeaderValue::from_str(credentials.configuration_id())
                .map_err(|_| invalid("configuration ID"))?,
            empty_body_signature: credentials.sign(b"")?,
            credentials: credentials.clone(),
        })
    }

    /// The signature header of `body`.
    pub(crate) fn signature(&self, body: &[u8]) -> Result<(HeaderName, HeaderValue), Error> {
        let value = if body.is_empty() {
            self.empty_body_signature.clone()
        } else {
            self.credentials.sign(body)?
        };
        Ok((self.hash_name.clone(), value))
    }

    /// The configuration ID header.
    pub(crate) fn configuration_id(&self) -> (HeaderName, HeaderValue) {
        (
            self.configuration_id_name.clone(),
            self.configuration_id.clone(),
        )
    }
}

impl fmt::Debug for GatewayHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayHeaders")
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
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
