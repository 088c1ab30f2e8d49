//! The project's advice on a code: its outcome and whether a retry can help.

use crate::Outcome;

/// This project's advice on a code: its outcome, and whether sending the
/// same request again can help. Guidance, not Cashflows' documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Advice {
    /// What the code means for the payment.
    pub outcome: Outcome,
    /// Whether the same request may succeed later.
    pub retry_may_help: bool,
}

impl Advice {
    /// Advice with this outcome.
    pub const fn new(outcome: Outcome, retry_may_help: bool) -> Self {
        Advice {
            outcome,
            retry_may_help,
        }
    }
}
