use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `http-statuses.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusesFile {
    pub source: Source,
    /// The seed's table, verbatim.
    pub statuses: Vec<HttpStatus>,
    /// Statuses documented elsewhere, with their own text.
    #[serde(default)]
    pub elsewhere: Vec<HttpStatus>,
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
