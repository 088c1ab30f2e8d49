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
    /// Whose words the values' descriptions are.
    pub value_descriptions: Wording,
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

/// Whose words a text is: Cashflows' published text, or this project's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    Published,
    Project,
}

/// A JSON object of a request or response. Every model keeps the fields it
/// does not list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDef {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
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
