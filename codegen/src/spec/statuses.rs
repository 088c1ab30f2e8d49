use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `http-statuses.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusesFile {
    pub source: Source,
    pub statuses: Vec<HttpStatus>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpStatus {
    pub code: u16,
    pub text: String,
    pub methods: String,
    pub description: String,
    pub provenance: Provenance,
}
