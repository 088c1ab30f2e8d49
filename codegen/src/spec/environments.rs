use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `environments.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentsFile {
    pub source: Source,
    pub remote_auth_path: String,
    pub environments: Vec<EnvironmentDef>,
    pub gateway_auth: GatewayAuth,
    pub remote_auth_auth: RemoteAuthAuth,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentDef {
    pub key: String,
    pub name: String,
    pub description: String,
    pub gateway: String,
    pub remote_auth: String,
    /// The Gateway addresses (IPv4) Cashflows asks merchants to allow-list.
    #[serde(default)]
    pub allow_list: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayAuth {
    pub configuration_id_header: String,
    pub hash_header: String,
    pub hash_algorithm: String,
    pub hash_input: String,
    pub hex_case: HexCase,
    pub provenance: Provenance,
    /// The seed's own description of each header, verbatim.
    #[serde(default)]
    pub seed_words: Vec<SeedWords>,
    /// Further facts about Gateway authentication, each a sentence.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The seed's own words for a header or field, and where they mislead, a
/// note saying so.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SeedWords {
    /// The header or field the words describe.
    pub name: String,
    pub words: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HexCase {
    Upper,
    Lower,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteAuthAuth {
    pub id_field: String,
    pub password_field: String,
    pub provenance: Provenance,
    /// The seed's own description of each field, verbatim.
    #[serde(default)]
    pub seed_words: Vec<SeedWords>,
}
