use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `models.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsFile {
    pub source: Source,
    pub enums: Vec<EnumDef>,
    pub models: Vec<ModelDef>,
}

/// An enumeration the Gateway sends or accepts as a string.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    #[serde(default)]
    pub rust_name: Option<String>,
    pub description: String,
}

/// A JSON object of a request or response.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDef {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
    /// Keep the fields the spec does not list, in a map.
    #[serde(default)]
    pub keep_unknown_fields: bool,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// The wire name.
    pub name: String,
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    pub description: String,
}
