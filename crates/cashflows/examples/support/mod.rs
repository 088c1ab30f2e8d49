//! What the examples share: configuration from the environment, a unique
//! order number and a test card's expiry.

use cashflows::Environment;

/// `CASHFLOWS_BASE_URL` (a local sandbox, say), else the integration
/// environment.
pub fn environment() -> Environment {
    match std::env::var("CASHFLOWS_BASE_URL") {
        Ok(base) if !base.trim().is_empty() => Environment::Custom(base),
        _ => Environment::Integration,
    }
}

/// An environment variable that must be set.
pub fn required(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// A unique order number: the Gateway refuses one it has seen.
pub fn order_number() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("example-{nanos}")
}

/// December, two years from now, as `MM` and `YY`.
pub fn expiry_two_years_ahead() -> (String, String) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let year = 1970 + seconds / 31_556_952 + 2;
    ("12".to_owned(), format!("{:02}", year % 100))
}
