//! How sure the spec is of a value.

/// How sure the spec is of a value, as graded when it was written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// Stated by Cashflows.
    Doc,
    /// Seen in working integrations, not in Cashflows' text.
    Observed,
    /// From an unofficial summary of the docs: plausible, unverified.
    ThirdParty,
    /// Nobody publishes it; the value is missing on purpose.
    Unknown,
    /// This project's own reading or decision, marked so: not published.
    Project,
}
