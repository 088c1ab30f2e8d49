use serde::{Deserialize, Serialize};

use super::Source;

/// `guidance.yaml`: the outcome classes of the project's advice.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceFile {
    pub source: Source,
    pub outcomes: Vec<OutcomeDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub key: String,
    pub name: String,
    pub description: String,
}
