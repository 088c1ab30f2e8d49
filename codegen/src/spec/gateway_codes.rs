use serde::{Deserialize, Serialize};

use super::{Advice, Provenance, Source};

/// `gateway-errors.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayErrorsFile {
    pub source: Source,
    pub errors: Vec<GatewayCode>,
}

/// `gateway-warnings.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayWarningsFile {
    pub source: Source,
    pub warnings: Vec<GatewayCode>,
}

/// One Gateway error or warning. `code` is the wire code where one is known;
/// without it, `name` gives the Rust variant name.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayCode {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub message: String,
    pub provenance: Provenance,
    #[serde(default)]
    pub note: Option<String>,
    pub advice: Advice,
}
