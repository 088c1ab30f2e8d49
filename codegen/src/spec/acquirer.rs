use serde::{Deserialize, Serialize};

use super::{Advice, Provenance, Source};

/// `acquirer-codes.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AcquirerCodesFile {
    pub source: Source,
    pub classes: Vec<AcquirerClass>,
    pub codes: Vec<AcquirerCode>,
}

/// A class letter and what it means.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AcquirerClass {
    pub letter: String,
    /// The Rust variant name.
    pub name: String,
    pub meaning: String,
    pub status: String,
    pub provenance: Provenance,
    pub advice: Advice,
}

/// One row of the acquirer response code table, written as in the seed (`Dx01`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AcquirerCode {
    pub code: String,
    pub reason: String,
    pub status: String,
    pub provenance: Provenance,
    pub advice: Advice,
}
