//! The merchant the sandbox stands in for: the credentials and settings of
//! its one configuration, and how secrets are compared.

/// The merchant configuration the sandbox holds.
#[derive(Clone)]
pub(crate) struct Merchant {
    /// The Gateway configuration ID its jobs are created for.
    pub(crate) configuration_id: String,
    /// The configuration's webhook URL (set in Cashflows' portal): where a
    /// job that gives no `parameters.WebhookUrl` is notified.
    pub(crate) webhook_url: Option<String>,
    /// The Remote Auth profile ID (`auth_id`).
    pub(crate) auth_id: String,
    /// The Remote Auth password (`auth_pass`).
    pub(crate) auth_pass: String,
    /// Automatic capture, a setting of the configuration in Cashflows'
    /// portal (on by default): off, an authorised card payment stops at
    /// `Reserved` until the merchant captures it.
    pub(crate) automatic_capture: bool,
}

impl Merchant {
    /// Whether a Remote Auth request's `auth_id` and `auth_pass` are this
    /// merchant's. A merchant without them (a Gateway-only shop: either is
    /// empty) matches no request, as unknown credentials do not.
    pub(crate) fn remote_auth_matches(&self, auth_id: &str, auth_pass: &str) -> bool {
        if self.auth_id.is_empty() || self.auth_pass.is_empty() {
            return false;
        }
        let id_matches = constant_time_eq(auth_id.as_bytes(), self.auth_id.as_bytes());
        let pass_matches = constant_time_eq(auth_pass.as_bytes(), self.auth_pass.as_bytes());
        id_matches && pass_matches
    }
}

/// Compares two byte strings in time that depends on their lengths only.
pub(crate) fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    left.iter()
        .zip(right)
        .fold(0u8, |difference, (a, b)| difference | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
