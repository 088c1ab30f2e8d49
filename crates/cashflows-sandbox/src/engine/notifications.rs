//! The status changes the engine asks to notify, as plain data: the server
//! takes them after each request and delivers them as webhooks.

use cashflows::Reference;

/// A status change to notify: a job's, or one of its payments'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusChange {
    /// Where: the job's `parameters.WebhookUrl`, or else the
    /// configuration's webhook URL.
    pub(crate) url: String,
    pub(crate) job: Reference,
    pub(crate) payment: Option<Reference>,
}
