//! Gateway request signing: the `ConfigurationId` header names the
//! configuration, and the `Hash` header is the hex SHA-512 of the API key's
//! bytes followed by the exact body bytes (nothing for a request without a
//! body). The query string is not signed.

use axum::body::{Bytes, to_bytes};
use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};
use sha2::{Digest, Sha512};

use super::envelope::GatewayRefusal;
use crate::app::{App, GatewayCredentials};
use crate::engine::constant_time_eq;
use crate::engine::limits::BODY_LIMIT;

/// The body of a Gateway request whose signature verified.
pub(crate) struct Signed(pub(crate) Bytes);

impl FromRequest<App> for Signed {
    type Rejection = GatewayRefusal;

    async fn from_request(request: Request, state: &App) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let body = to_bytes(body, BODY_LIMIT)
            .await
            .map_err(|_| GatewayRefusal::Malformed)?;
        verify(state.credentials(), &parts.headers, &body)?;
        Ok(Signed(body))
    }
}

/// Checks the `ConfigurationId` and `Hash` headers (names in any case; the
/// hash in upper- or lower-case hex). A missing header, or a wrong hash for
/// the sandbox's configuration, is 401; a configuration the sandbox does not
/// have is 404 "Configuration not found." (facts §3), whatever the hash:
/// without the configuration there is no key to check it with.
pub(crate) fn verify(
    credentials: &GatewayCredentials,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), GatewayRefusal> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    let configuration = header(CONFIGURATION_ID_HEADER).ok_or(GatewayRefusal::Unauthorized)?;
    let hash = header(HASH_HEADER).ok_or(GatewayRefusal::Unauthorized)?;
    if !constant_time_eq(
        configuration.as_bytes(),
        credentials.configuration_id.as_bytes(),
    ) {
        return Err(GatewayRefusal::ConfigurationNotFound);
    }
    let expected = expected_hash(&credentials.api_key, body);
    if constant_time_eq(hash.to_ascii_lowercase().as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(GatewayRefusal::Unauthorized)
    }
}

/// The lower-case hex SHA-512 of the API key followed by the body.
pub(crate) fn expected_hash(api_key: &str, body: &[u8]) -> String {
    let mut hasher = Sha512::new();
    hasher.update(api_key.as_bytes());
    hasher.update(body);
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_key_and_body() {
        // SHA-512 of "key" followed by "{}".
        let mut hasher = Sha512::new();
        hasher.update(b"key{}");
        assert_eq!(expected_hash("key", b"{}"), hex::encode(hasher.finalize()));
    }
}
