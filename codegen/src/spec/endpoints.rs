use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `endpoints.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointsFile {
    pub source: Source,
    pub gateway: GatewayApi,
    /// The query parameters the Gateway appends to a return URL.
    pub return_url_parameters: Vec<ReturnUrlParameter>,
    /// The webhook notification and its acknowledgement.
    pub webhook: WebhookSpec,
    /// Embedded checkout's calls made by the shopper's browser: described
    /// for the OpenAPI document and the book, never made by the client.
    #[serde(default)]
    pub browser_calls: Vec<BrowserCall>,
    pub remote_auth: RemoteAuthApi,
}

/// A call the shopper's browser makes to the Gateway (embedded checkout),
/// unsigned, with the intent's token as its credential.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserCall {
    pub name: String,
    pub summary: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub path_params: Vec<PathParam>,
    /// The request body's alternatives (one of them is sent); none: no body.
    #[serde(default)]
    pub request: Vec<BrowserBody>,
    /// What the success answer's `data` holds.
    pub answer: BrowserAnswer,
    /// The success status, where published.
    #[serde(default)]
    pub success: Option<u16>,
    /// Statuses with a meaning of their own; any status from 400 up is an
    /// error answer whatever this lists.
    #[serde(default)]
    pub statuses: Vec<u16>,
    pub provenance: Provenance,
    #[serde(default)]
    pub note: Option<String>,
}

/// One shape of a browser call's request body.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserBody {
    pub description: String,
    pub fields: Vec<BrowserField>,
}

/// What a browser call's success answer holds in `data`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserAnswer {
    /// `object`, `list` (of objects) or `unpublished`.
    pub data: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub fields: Vec<BrowserField>,
}

/// A field of a browser call's body or answer: a type of the field grammar
/// (a named type is a model or enumeration of `models.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    pub description: String,
}

/// The body the Gateway posts to a webhook, and the receiver's answer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSpec {
    pub provenance: Provenance,
    #[serde(default)]
    pub note: Option<String>,
    pub notification: Vec<BodyField>,
    pub acknowledgement: Vec<BodyField>,
}

/// A field of a JSON body that is not a model of `models.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BodyField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
}

/// A realistic answer of a call, for the OpenAPI document (and the test
/// that decodes every example with the client).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerExample {
    pub summary: String,
    /// Where its shape comes from, and which values are illustrative.
    pub description: String,
    /// The whole answer: the envelope with its `data`.
    pub value: serde_yaml::Value,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnUrlParameter {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayApi {
    pub path_prefix: String,
    pub endpoints: Vec<GatewayEndpoint>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayEndpoint {
    pub name: String,
    pub summary: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub path_params: Vec<PathParam>,
    #[serde(default)]
    pub query_params: Vec<QueryParam>,
    #[serde(default)]
    pub request: Option<String>,
    /// A model, a list of a model, or `none` (no body: HEAD).
    pub response: String,
    /// The success status, where published.
    #[serde(default)]
    pub success: Option<u16>,
    /// The other statuses.
    pub statuses: Vec<u16>,
    pub provenance: Provenance,
    /// How sure `statuses` is, where it differs from `provenance` (`project`
    /// for a call that publishes none, whose list the project assumes).
    #[serde(default)]
    pub statuses_provenance: Option<Provenance>,
    /// What Cashflows says of the call beyond its summary.
    #[serde(default)]
    pub note: Option<String>,
    /// The project's own reading, where Cashflows publishes nothing (how the
    /// client reads the call's answers, say); shown marked as the project's.
    #[serde(default)]
    pub project_note: Option<String>,
    /// A realistic success answer, where one is documented.
    #[serde(default)]
    pub example: Option<AnswerExample>,
}

impl GatewayEndpoint {
    /// The `{name}` placeholders of the path, in order.
    pub fn placeholders(&self) -> Vec<&str> {
        placeholders(&self.path)
    }
}

impl BrowserCall {
    /// The `{name}` placeholders of the path, in order.
    pub fn placeholders(&self) -> Vec<&str> {
        placeholders(&self.path)
    }
}

fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathParam {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QueryParam {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteAuthApi {
    /// What the published tables leave out, said once.
    #[serde(default)]
    pub note: Option<String>,
    pub method: String,
    pub content_type: String,
    pub encoding: String,
    pub fields: Vec<FormField>,
    pub transaction_types: Vec<NamedValue>,
    pub transaction_classes: Vec<NamedValue>,
    pub reply: ReplyFormat,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub name: String,
    /// Filled from the Remote Auth credentials, not from the request.
    #[serde(default)]
    pub credential: bool,
    /// How the value is typed in Rust and written on the wire.
    #[serde(rename = "type", default = "FormField::default_type")]
    pub ty: String,
    /// The transaction types that must send it; none: optional.
    #[serde(default)]
    pub required_for: Option<Requirement>,
    /// A field that may stand in for this one.
    #[serde(default)]
    pub unless: Option<String>,
    pub format: String,
    #[serde(default)]
    pub max_length: Option<usize>,
    #[serde(default)]
    pub secret: bool,
    pub provenance: Provenance,
}

/// `all`, or a list of `tran_type` values.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Requirement {
    /// `all` (the only word accepted).
    All(String),
    Types(Vec<String>),
}

impl FormField {
    fn default_type() -> String {
        "string".to_string()
    }
}

/// A wire value with the Rust variant name chosen for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NamedValue {
    pub value: String,
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyFormat {
    pub separator: String,
    pub provenance: Provenance,
    pub fields: Vec<ReplyField>,
    pub check_results: Vec<CheckResult>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyField {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckResult {
    pub digit: u8,
    pub name: String,
    pub description: String,
}
