//! The sandbox's in-memory store. (Stub: to be implemented.)

/// Counts for reconciliation.
#[derive(Debug, Clone, Default)]
pub struct Totals {}
