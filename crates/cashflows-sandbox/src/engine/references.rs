//! The references and tokens the sandbox hands out.

/// The first reference the sandbox hands out. References are opaque digit
/// strings of 18 digits, like the Gateway's; the counter is the sandbox's
/// own choice and is shared by jobs, payments, captures, refunds and Remote
/// Auth transactions.
pub(crate) const FIRST_REFERENCE: u64 = 220_000_000_000_000_001;

/// The first number past 18 digits: the counter stays below it.
pub(crate) const REFERENCE_END: u64 = 1_000_000_000_000_000_000;

/// The reference counter, and the secret tokens are derived from.
pub(crate) struct References {
    next: u64,
    /// This sandbox's secret, from which its tokens are derived: a token
    /// cannot be guessed from a reference.
    secret: [u8; 32],
}

impl References {
    pub(crate) fn new() -> Self {
        References {
            next: FIRST_REFERENCE,
            secret: fresh_secret(),
        }
    }

    /// The reference the counter hands out next.
    pub(crate) fn upcoming(&self) -> u64 {
        self.next
    }

    /// Moves the counter on to `next`, never back: a reference is never
    /// handed out twice in a process.
    pub(crate) fn skip_to(&mut self, next: u64) {
        self.next = self.next.max(next);
    }

    /// A fresh reference.
    pub(crate) fn next(&mut self) -> String {
        let reference = self.next;
        // 18-digit references: u64 runs out after 10^19, never in a test.
        self.next = self.next.saturating_add(1);
        reference.to_string()
    }

    /// A fresh token: 32 hex digits derived from this sandbox's secret and a
    /// fresh reference (the sandbox's own format; Cashflows does not publish
    /// one).
    pub(crate) fn token(&mut self, purpose: &str) -> String {
        let reference = self.next();
        tokenise(&self.secret, &format!("{purpose}:{reference}"))
    }
}

/// A token: 32 hex digits of the SHA-512 of the sandbox's secret and
/// `label` (the sandbox's own format; Cashflows does not publish one).
fn tokenise(secret: &[u8; 32], label: &str) -> String {
    use sha2::{Digest, Sha512};
    let mut hasher = Sha512::new();
    hasher.update(secret);
    hasher.update(label.as_bytes());
    let digest = hasher.finalize();
    hex::encode(digest.get(..16).unwrap_or_default())
}

/// 32 bytes no one outside this process can predict: the standard
/// library's randomly keyed hasher. Its keys come from the operating
/// system's random source, once per thread, and change with each new
/// hasher, so two sandboxes never share a secret. (Not the sandbox's clock:
/// a manual clock reads the same in every test.)
pub(crate) fn fresh_secret() -> [u8; 32] {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let keys = RandomState::new();
    let mut secret = [0u8; 32];
    for (index, chunk) in secret.chunks_mut(8).enumerate() {
        let mut hasher = keys.build_hasher();
        hasher.write_usize(index);
        for (byte, value) in chunk.iter_mut().zip(hasher.finish().to_le_bytes()) {
            *byte = value;
        }
    }
    secret
}
