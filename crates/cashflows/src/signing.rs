//! Gateway request signing.

use reqwest::header::HeaderValue;
use sha2::{Digest, Sha512};

use crate::environments::HASH_HEX_UPPERCASE;
use crate::error::Error;

/// The length of a signature: a SHA-512 digest in hex.
const SIGNATURE_LEN: usize = 128;

/// The `Hash` header for a body: SHA-512 over the API key's bytes followed by
/// the body's bytes, as hex in the case the spec gives
/// ([`HASH_HEX_UPPERCASE`](crate::environments::HASH_HEX_UPPERCASE): upper).
/// The two are fed to the hasher in turn, so the key is never copied next to
/// the body.
///
/// ```
/// let hash = cashflows::sign_request("key", b"{}");
/// assert_eq!(hash.len(), 128);
/// assert_eq!(hash, hash.to_uppercase());
/// ```
pub fn sign_request(api_key: &str, body: &[u8]) -> String {
    signature(api_key, body)
        .iter()
        .map(|&byte| char::from(byte))
        .collect()
}

/// The signature as a header value, made without an intermediate string
/// and marked sensitive (HTTP/2 never indexes it; its `Debug` hides it).
pub(crate) fn signature_header(api_key: &str, body: &[u8]) -> Result<HeaderValue, Error> {
    let mut header = HeaderValue::from_bytes(&signature(api_key, body))
        .map_err(|_| Error::Invalid("the signature is not a header value".to_string()))?;
    header.set_sensitive(true);
    Ok(header)
}

/// The signature's hex digits, in a buffer on the stack.
fn signature(api_key: &str, body: &[u8]) -> [u8; SIGNATURE_LEN] {
    let mut hasher = Sha512::new();
    hasher.update(api_key.as_bytes());
    hasher.update(body);
    let mut hex = [0; SIGNATURE_LEN];
    // Infallible: the buffer is exactly twice the digest's length.
    let _ = hex::encode_to_slice(hasher.finalize(), &mut hex);
    if HASH_HEX_UPPERCASE {
        hex.make_ascii_uppercase();
    }
    hex
}
