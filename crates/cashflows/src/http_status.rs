//! An HTTP status as Cashflows documents it; the rows are generated
//! (`generated/http_statuses.rs`).

use crate::Provenance;
use crate::generated::http_statuses::ALL;

/// An HTTP status as Cashflows documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentedStatus {
    /// The status code.
    pub code: u16,
    /// The reason phrase.
    pub text: &'static str,
    /// The methods that typically answer with it.
    pub methods: &'static str,
    /// What it means.
    pub description: &'static str,
    /// How sure the spec is of this row.
    pub provenance: Provenance,
}

/// What Cashflows documents for a status code, if anything.
///
/// ```
/// let found = cashflows::http_statuses::describe(404).unwrap();
/// assert_eq!(found, &cashflows::http_statuses::NOT_FOUND);
/// assert!(cashflows::http_statuses::describe(418).is_none());
/// ```
pub fn describe(code: u16) -> Option<&'static DocumentedStatus> {
    ALL.iter().find(|status| status.code == code)
}
