use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `sandbox.yaml`: how a test provokes each row in the local sandbox. The
/// whole file is the project's.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SandboxFile {
    pub source: Source,
    /// Where each table's project triggers go.
    pub project: ProjectTriggers,
    /// Rows whose own published text says when they happen.
    #[serde(default)]
    pub natural: TriggerLists,
    /// Rows whose trigger Cashflows publishes (its test data, its documented
    /// answers).
    #[serde(default)]
    pub documented: TriggerLists,
    /// Rows the sandbox provokes by a rule of its own (Cashflows publishes
    /// nothing that says when they happen), each with a sentence saying so.
    #[serde(default)]
    pub sandbox_rules: TriggerLists,
    /// Per documented flow (recurring payments, MOTO, tokens, …), what
    /// Cashflows publishes of it and what the sandbox decides where it
    /// publishes nothing.
    #[serde(default)]
    pub flows: Vec<Flow>,
}

/// One flow: Cashflows' published behaviour, each with its grade, and the
/// sandbox's own decisions, each sentence naming the sandbox.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The flow's name, a heading in the book.
    pub flow: String,
    /// What Cashflows publishes of the flow.
    #[serde(default)]
    pub cashflows: Vec<Published>,
    /// What the sandbox decides where Cashflows publishes nothing.
    #[serde(default)]
    pub sandbox: Vec<String>,
}

/// A published behaviour and how sure we are of it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    pub provenance: Provenance,
    pub says: String,
}

/// One table's project trigger: `prefix` and the row's key, in `field`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTrigger {
    pub prefix: String,
    pub field: String,
    /// What the field is to real Cashflows, where it is not plain input
    /// (`SimulatedStatus`, Cashflows' own simulation parameter).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTriggers {
    pub gateway_errors: ProjectTrigger,
    pub gateway_warnings: ProjectTrigger,
    pub acquirer_codes: ProjectTrigger,
    pub http_statuses: ProjectTrigger,
    pub payment_statuses: ProjectTrigger,
    pub capture_statuses: ProjectTrigger,
    pub refund_statuses: ProjectTrigger,
}

/// Rows listed by table, each with a sentence saying how it is provoked.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerLists {
    #[serde(default)]
    pub gateway_errors: Vec<RowTrigger>,
    #[serde(default)]
    pub gateway_warnings: Vec<RowTrigger>,
    #[serde(default)]
    pub acquirer_codes: Vec<RowTrigger>,
    #[serde(default)]
    pub http_statuses: Vec<RowTrigger>,
    #[serde(default)]
    pub payment_statuses: Vec<RowTrigger>,
    #[serde(default)]
    pub capture_statuses: Vec<RowTrigger>,
    #[serde(default)]
    pub refund_statuses: Vec<RowTrigger>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RowTrigger {
    /// The row: a Gateway code's Rust name, an acquirer code as the table
    /// writes it (`Vx01`), an HTTP status (`404`, or `success`), an
    /// enumeration value.
    pub row: String,
    pub how: String,
}
