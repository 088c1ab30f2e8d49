//! What the generated trigger tables are made of: a row of another table
//! and the way a test provokes it in `cashflows-sandbox`.

use crate::endpoint::Endpoint;

/// How a row is provoked in the sandbox, and so how far a test that
/// provokes it says anything about Cashflows itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TriggerKind {
    /// The row's own published text says when it happens (a duplicate order
    /// number, a refund over the paid amount), and the sandbox does that.
    Natural,
    /// Cashflows publishes how the row comes about (its documented answers),
    /// and the sandbox does that.
    Documented,
    /// The sandbox's own rule, its sentence says so: Cashflows publishes
    /// nothing that says when the row happens (which error a refused card
    /// gets, what a payment does after each 3-D Secure result), so its
    /// integration environment may behave otherwise.
    SandboxRule,
    /// A value the sandbox reserves, in the table's field: the project's
    /// choice, which Cashflows' integration environment does not honour (an
    /// order number or reference is ordinary input there; `SimulatedStatus`
    /// is Cashflows' own parameter, whose values it does not publish).
    Project,
}

/// One row of a table and the way a test provokes it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Trigger<R: 'static> {
    /// The row.
    pub row: R,
    /// How the row is provoked.
    pub kind: TriggerKind,
    /// The reserved value of a project trigger.
    pub value: Option<&'static str>,
    /// How the row is provoked, in a sentence.
    pub how: &'static str,
}

impl<R> Trigger<R> {
    /// The project trigger of `table` whose reserved value is `value`.
    pub fn find(table: &'static [Trigger<R>], value: &str) -> Option<&'static Trigger<R>> {
        table
            .iter()
            .find(|trigger| trigger.kind == TriggerKind::Project && trigger.value == Some(value))
    }
}

/// A documented status of one Gateway call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallStatus {
    /// The call.
    pub endpoint: &'static Endpoint,
    /// The status; `None` is the call's success.
    pub status: Option<u16>,
}
