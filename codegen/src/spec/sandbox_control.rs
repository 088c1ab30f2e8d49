use serde::{Deserialize, Serialize};

use super::Source;

/// `sandbox-control.yaml`: the sandbox's own control surface under its
/// prefix, described for its OpenAPI document. Its JSON shapes are JSON
/// Schema, written in YAML, because they are the sandbox's and nobody
/// else's: nothing else in the spec reads them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SandboxControlFile {
    pub source: Source,
    /// Every path starts with it.
    pub prefix: String,
    /// What the surface is and who may call it (the document's description).
    pub description: String,
    /// Answers every endpoint may give (the access checks' refusals).
    pub every_endpoint_answers: Vec<ControlAnswer>,
    /// Named JSON Schemas (`components.schemas`).
    pub schemas: serde_yaml::Mapping,
    pub endpoints: Vec<ControlEndpoint>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlEndpoint {
    /// Its operationId (snake case).
    pub name: String,
    pub summary: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub path_params: Vec<ControlParam>,
    #[serde(default)]
    pub query_params: Vec<ControlParam>,
    /// The schema of its JSON body, if it takes one.
    #[serde(default)]
    pub request: Option<String>,
    pub answers: Vec<ControlAnswer>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlParam {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlAnswer {
    pub status: u16,
    pub description: String,
    /// The schema of its JSON body; none: no body.
    #[serde(default)]
    pub schema: Option<String>,
}
