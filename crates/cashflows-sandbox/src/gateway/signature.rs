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
        // The recorder has read the body already, within the limit: this
        // read cannot fail but is bounded all the same.
        let body = to_bytes(body, BODY_LIMIT)
            .await
            .map_err(|_| GatewayRefusal::Malformed("body could not be read"))?;
        verify(state.credentials(), &parts.headers, &body)?;
        Ok(Signed(body))
    }
}

/// A signing header, and what the log says when it is missing, given
/// twice, or not text.
struct SigningHeader {
    name: &'static str,
    missing: &'static str,
    repeated: &'static str,
    not_text: &'static str,
}

const CONFIGURATION_ID: SigningHeader = SigningHeader {
    name: CONFIGURATION_ID_HEADER,
    missing: "no ConfigurationId header",
    repeated: "two ConfigurationId headers",
    not_text: "ConfigurationId header is not text",
};

const HASH: SigningHeader = SigningHeader {
    name: HASH_HEADER,
    missing: "no Hash header",
    repeated: "two Hash headers",
    not_text: "Hash header is not text",
};

/// What the log says of a hash that is not the expected one.
const SIGNATURE_MISMATCH: &str = "signature does not match";

/// Checks the `ConfigurationId` and `Hash` headers (names in any case; the
/// hash in upper- or lower-case hex). A missing header, or a wrong hash for
/// the sandbox's configuration, is 401; a configuration the sandbox does not
/// have is 404 "Configuration not found." (Cashflows documents it), whatever the hash:
/// without the configuration there is no key to check it with.
///
/// Either header given twice is 401 too: the sandbox's own choice
/// (Cashflows publishes nothing on it). Which of two values a server or a
/// proxy reads is not something a client should rely on.
pub(crate) fn verify(
    credentials: &GatewayCredentials,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), GatewayRefusal> {
    let configuration = one_value(headers, &CONFIGURATION_ID)?;
    let hash = one_value(headers, &HASH)?;
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
        Err(GatewayRefusal::Unauthorized(SIGNATURE_MISMATCH))
    }
}

/// The one value of `header`, trimmed; 401 when it is missing, given more
/// than once, or not text.
fn one_value<'a>(
    headers: &'a HeaderMap,
    header: &SigningHeader,
) -> Result<&'a str, GatewayRefusal> {
    let mut values = headers.get_all(header.name).iter();
    let value = values
        .next()
        .ok_or(GatewayRefusal::Unauthorized(header.missing))?;
    if values.next().is_some() {
        return Err(GatewayRefusal::Unauthorized(header.repeated));
    }
    value
        .to_str()
        .map(str::trim)
        .map_err(|_| GatewayRefusal::Unauthorized(header.not_text))
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
    use axum::http::HeaderValue;

    use super::*;

    /// Why `verify` refuses a body of `{}` sent with these headers.
    fn refusal(headers: &[(&'static str, &str)]) -> Option<&'static str> {
        let credentials = GatewayCredentials {
            configuration_id: "23001234567890".to_owned(),
            api_key: "key".to_owned(),
        };
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        verify(&credentials, &map, b"{}")
            .err()
            .map(|refused| refused.reason())
    }

    #[test]
    fn each_signing_mistake_has_its_own_reason() {
        let right = expected_hash("key", b"{}");
        let wrong = expected_hash("other key", b"{}");
        let ours = ("configurationid", "23001234567890");
        assert_eq!(refusal(&[ours, ("hash", &right.to_uppercase())]), None);
        for (headers, reason) in [
            (vec![ours, ("hash", wrong.as_str())], SIGNATURE_MISMATCH),
            (vec![ours], "no Hash header"),
            (vec![("hash", right.as_str())], "no ConfigurationId header"),
            (
                vec![ours, ("hash", right.as_str()), ("Hash", right.as_str())],
                "two Hash headers",
            ),
            (
                vec![ours, ours, ("hash", right.as_str())],
                "two ConfigurationId headers",
            ),
            (
                vec![
                    ("configurationid", "23000000000000"),
                    ("hash", right.as_str()),
                ],
                "unknown configuration",
            ),
        ] {
            assert_eq!(refusal(&headers), Some(reason), "{headers:?}");
        }
    }

    #[test]
    fn hash_of_key_and_body() {
        // SHA-512 of "key" followed by "{}".
        let mut hasher = Sha512::new();
        hasher.update(b"key{}");
        assert_eq!(expected_hash("key", b"{}"), hex::encode(hasher.finalize()));
    }
}
