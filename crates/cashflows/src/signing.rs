//! Gateway request signing.

use sha2::{Digest, Sha512};

use crate::environments::HASH_HEX_UPPERCASE;

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
    let mut hasher = Sha512::new();
    hasher.update(api_key.as_bytes());
    hasher.update(body);
    if HASH_HEX_UPPERCASE {
        hex::encode_upper(hasher.finalize())
    } else {
        hex::encode(hasher.finalize())
    }
}
