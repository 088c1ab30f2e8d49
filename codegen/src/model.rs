//! The resolved model: the spec once checked and resolved, with every Rust name, type,
//! docs anchor and advice wording decided once. Every emitter (Rust, docs,
//! manifest) reads this and nothing else, so no two outputs can disagree
//! about a name.

use serde::Serialize;

use crate::json::Json;
use crate::links::Links;
use crate::spec::{Funding, Provenance};
use crate::types::TypeRef;

/// The whole spec, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub guidance: Guidance,
    pub errors: CodeTable,
    pub warnings: CodeTable,
    pub acquirer: Acquirer,
    pub cards: Cards,
    pub statuses: Statuses,
    pub environments: Environments,
    pub endpoints: Endpoints,
    pub remote_auth: RemoteAuth,
    pub models: Models,
    pub triggers: Triggers,
    pub sandbox_control: SandboxControl,
}

/// Which Cashflows document a table was taken from, and the spec file that holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The spec file, relative to `spec/`.
    pub file: &'static str,
    pub document: String,
    pub retrieved: String,
}

impl Source {
    /// `spec/<file>`, as generated headers name it.
    pub fn path(&self) -> String {
        format!("spec/{}", self.file)
    }
}

/// `guidance.yaml`: the outcome classes of the project's advice.
#[derive(Debug, Clone, Serialize)]
pub struct Guidance {
    pub source: Source,
    pub outcomes: Vec<OutcomeClass>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeClass {
    /// The `Outcome` variant.
    pub variant: String,
    pub description: String,
    pub anchor: String,
}

/// The project's advice on a row, worded once for rustdoc and the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// The `Outcome` variant.
    pub outcome: String,
    pub retry_may_help: bool,
    /// "Validation; a retry will not help": the one wording every output uses.
    pub wording: String,
}

/// The Gateway errors or the Gateway warnings.
#[derive(Debug, Clone, Serialize)]
pub struct CodeTable {
    pub source: Source,
    pub rows: Vec<CodeRow>,
    /// The table's enum.
    pub links: Links,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeRow {
    pub variant: String,
    /// The wire code, where one is published.
    pub code: Option<String>,
    pub message: String,
    pub provenance: Provenance,
    pub note: Option<String>,
    pub advice: Advice,
    /// Whether another row of the table has the same message (it can then
    /// only be recognised by its code).
    pub shares_message: bool,
    /// The docs anchor of the row's entry.
    pub anchor: String,
    pub links: Links,
}

/// `acquirer-codes.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Acquirer {
    pub source: Source,
    pub classes: Vec<AcquirerClass>,
    pub codes: Vec<AcquirerCode>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AcquirerClass {
    pub letter: char,
    pub variant: String,
    pub meaning: String,
    pub status: String,
    pub provenance: Provenance,
    pub advice: Advice,
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AcquirerCode {
    /// As the table writes it: `Dx01`.
    pub pattern: String,
    /// The `AcquirerReason` constant: `DX01`.
    pub constant: String,
    pub class_letter: char,
    /// The docs anchor of the code's class.
    pub class_anchor: String,
    pub number: u8,
    pub reason: String,
    pub status: String,
    pub provenance: Provenance,
    pub advice: Advice,
    pub anchor: String,
    pub links: Links,
}

/// `test-cards.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Cards {
    pub source: Source,
    pub expiry_rule: String,
    pub schemes: Vec<CardScheme>,
    pub cards: Vec<TestCard>,
    pub scenarios: Vec<Scenario>,
    pub holders: Vec<CardHolder>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardScheme {
    pub variant: String,
    pub name: String,
    pub lengths: Vec<usize>,
    pub cvc_length: usize,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Serialize)]
pub struct TestCard {
    pub constant: String,
    pub number: String,
    pub anchor: String,
    pub links: Links,
    /// The `CardScheme` variant and the scheme's name.
    pub scheme_variant: String,
    pub scheme_name: String,
    pub funding: Funding,
    pub cvc: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    pub variant: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardHolder {
    pub constant: String,
    pub name: String,
    /// The `ThreeDSecureScenario` variant.
    pub scenario_variant: String,
    pub description: String,
    pub provenance: Provenance,
    pub anchor: String,
    pub links: Links,
}

/// `http-statuses.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Statuses {
    pub source: Source,
    /// The seed's table.
    pub rows: Vec<Status>,
    /// Statuses documented elsewhere, with their own text.
    pub elsewhere: Vec<Status>,
}

impl Statuses {
    /// Every documented status.
    pub fn all(&self) -> impl Iterator<Item = &Status> {
        self.rows.iter().chain(&self.elsewhere)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub constant: String,
    pub code: u16,
    pub text: String,
    pub methods: String,
    pub description: String,
    pub provenance: Provenance,
    pub anchor: String,
}

/// `environments.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Environments {
    pub source: Source,
    pub remote_auth_path: String,
    pub list: Vec<Environment>,
    pub configuration_id_header: String,
    pub hash_header: String,
    /// The signature's hash (the resolver accepts only SHA-512, which the signer computes).
    pub hash_algorithm: String,
    /// What the signature covers, in words (documentation only).
    pub hash_input: String,
    /// Whether the signature is sent as upper-case hex (the signer reads it).
    pub hash_hex_uppercase: bool,
    pub gateway_auth_provenance: Provenance,
    pub remote_auth_auth_provenance: Provenance,
    pub remote_auth_id_field: String,
    pub remote_auth_password_field: String,
    /// The seed's own words for the Gateway headers.
    pub gateway_seed_words: Vec<SeedWords>,
    /// Further facts about Gateway authentication.
    pub gateway_auth_notes: Vec<String>,
    /// The seed's own words for the Remote Auth credential fields.
    pub remote_auth_seed_words: Vec<SeedWords>,
}

/// The seed's own words for a header or field.
#[derive(Debug, Clone, Serialize)]
pub struct SeedWords {
    pub name: String,
    pub words: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Environment {
    pub variant: String,
    pub key: String,
    pub description: String,
    pub gateway_url: String,
    pub remote_auth_url: String,
    /// The constants that hold the two URLs.
    pub gateway_constant: String,
    pub remote_auth_constant: String,
    /// The Gateway addresses Cashflows asks merchants to allow-list.
    pub allow_list: Vec<String>,
    pub provenance: Provenance,
    pub anchor: String,
    pub links: Links,
}

/// The Gateway endpoints of `endpoints.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoints {
    pub source: Source,
    pub list: Vec<Endpoint>,
    pub return_url_parameters: Vec<ReturnUrlParameter>,
    pub webhook: Webhook,
    /// Embedded checkout's calls made by the shopper's browser: in the
    /// OpenAPI document and the book, never in the client (only a server
    /// calls the Gateway through it).
    pub browser_calls: Vec<BrowserCall>,
}

/// A call the shopper's browser makes to the Gateway in embedded checkout:
/// unsigned, the intent's token in its path as the credential.
#[derive(Debug, Clone, Serialize)]
pub struct BrowserCall {
    /// Its name: the document's `operationId`, never a client method.
    pub name: String,
    pub summary: String,
    /// The method as sent (`GET`).
    pub method: String,
    pub path: String,
    pub path_params: Vec<BrowserParam>,
    /// The request body's alternatives; empty: no body.
    pub request: Vec<BrowserBody>,
    pub answer: BrowserAnswer,
    /// The success status, where published.
    pub success: Option<u16>,
    /// Statuses with a meaning of their own; any status from 400 up is an
    /// error answer besides.
    pub statuses: Vec<u16>,
    pub provenance: Provenance,
    pub note: Option<String>,
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrowserParam {
    pub wire: String,
    pub description: String,
}

/// One shape of a browser call's request body.
#[derive(Debug, Clone, Serialize)]
pub struct BrowserBody {
    pub description: String,
    pub fields: Vec<BrowserField>,
}

/// What a browser call's success answer holds in `data`.
#[derive(Debug, Clone, Serialize)]
pub struct BrowserAnswer {
    pub data: BrowserData,
    pub description: Option<String>,
    pub fields: Vec<BrowserField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrowserData {
    /// An object of the fields.
    Object,
    /// A list of objects of the fields.
    List,
    /// Not published: the answer is not described.
    Unpublished,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrowserField {
    pub wire: String,
    pub ty: TypeRef,
    pub required: bool,
    pub description: String,
}

/// The webhook notification and its acknowledgement.
#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    pub provenance: Provenance,
    pub note: Option<String>,
    pub notification: Vec<BodyField>,
    pub acknowledgement: Vec<BodyField>,
}

/// A field of a JSON body that is not one of the models.
#[derive(Debug, Clone, Serialize)]
pub struct BodyField {
    pub wire: String,
    pub ty: TypeRef,
    pub description: String,
}

/// A realistic answer of a call: the whole envelope.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerExample {
    pub summary: String,
    pub description: String,
    pub value: Json,
}

/// A query parameter the Gateway appends to a return URL.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnUrlParameter {
    pub name: String,
    /// Its constant in `return_url`.
    pub constant: String,
    pub description: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    /// The operation's name: the `Client` method.
    pub name: String,
    /// The descriptor constant.
    pub constant: String,
    /// Its variant of the `Operation` enum.
    pub variant: String,
    /// The path builder function.
    pub path_fn: String,
    pub summary: String,
    pub method: HttpMethod,
    pub path: String,
    pub path_params: Vec<PathParam>,
    pub query: Option<QueryType>,
    /// The request body's model.
    pub request: Option<String>,
    /// What `data` holds; `None` for a call without a body (HEAD).
    pub response: Option<TypeRef>,
    /// The success status, where published.
    pub success: Option<u16>,
    /// The other statuses: documented, or assumed (`statuses_provenance`).
    pub statuses: Vec<u16>,
    pub provenance: Provenance,
    /// How sure `statuses` is: the endpoint's provenance unless the spec
    /// says otherwise.
    pub statuses_provenance: Provenance,
    pub note: Option<String>,
    /// The project's own reading, not Cashflows'.
    pub project_note: Option<String>,
    /// A realistic success answer, where one is documented.
    pub example: Option<AnswerExample>,
    pub anchor: String,
    pub links: Links,
}

/// A Gateway HTTP method: its wire text and its `Method` variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpMethod {
    pub wire: String,
    pub variant: String,
}

impl HttpMethod {
    /// Whether calls with this method only read, so retrying them is safe;
    /// the same as the client's `Endpoint::is_read`, which decides retries.
    pub fn is_read(&self) -> bool {
        matches!(self.wire.as_str(), "GET" | "HEAD")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PathParam {
    /// The placeholder in the path.
    pub wire: String,
    /// The Rust parameter.
    pub ident: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryType {
    pub name: String,
    pub params: Vec<QueryParam>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryParam {
    pub wire: String,
    pub field: String,
    pub ty: TypeRef,
    pub description: String,
}

/// Remote Auth, from `endpoints.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct RemoteAuth {
    pub source: Source,
    pub note: Option<String>,
    pub method: String,
    pub content_type: String,
    pub encoding: String,
    pub fields: Vec<FormField>,
    pub transaction_types: WireEnum,
    pub transaction_classes: WireEnum,
    pub reply_separator: char,
    pub reply_provenance: Provenance,
    pub reply_fields: Vec<(String, String)>,
    pub check_results: Vec<CheckResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormField {
    /// The form field's name, also the request struct's field.
    pub name: String,
    /// The `FormField` constant.
    pub constant: String,
    pub ty: FormType,
    pub required_for: Requirement,
    /// The field that may stand in for this one.
    pub unless: Option<String>,
    /// "mandatory for sale and verify (unless `card_token` is sent)": the
    /// one wording of the requirement.
    pub requirement: String,
    pub format: String,
    pub max_length: Option<usize>,
    pub secret: bool,
    /// Filled from the credentials, not from the request.
    pub credential: bool,
    pub provenance: Provenance,
    pub anchor: String,
}

/// Which transactions must send a form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Requirement {
    Always,
    /// The `TransactionType` variants that must send it.
    For(Vec<String>),
    Optional,
}

/// How a Remote Auth form field is typed in Rust and written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FormType {
    Text,
    CardNumber,
    CardCvc,
    Amount,
    /// `1` or `0`.
    Flag,
    /// `true` or `false`.
    Bool,
    TransactionType,
    TransactionClass,
    CardToken,
    Cryptogram,
}

impl FormType {
    /// Every type, as the spec spells it.
    pub const SPELLINGS: [(&'static str, FormType); 10] = [
        ("string", FormType::Text),
        ("card_number", FormType::CardNumber),
        ("card_cvc", FormType::CardCvc),
        ("card_token", FormType::CardToken),
        ("cryptogram", FormType::Cryptogram),
        ("amount", FormType::Amount),
        ("flag", FormType::Flag),
        ("bool", FormType::Bool),
        ("TransactionType", FormType::TransactionType),
        ("TransactionClass", FormType::TransactionClass),
    ];

    /// The type the spec spells `name`.
    pub fn parse(name: &str) -> Option<FormType> {
        Self::SPELLINGS
            .iter()
            .find(|(spelling, _)| *spelling == name)
            .map(|(_, ty)| *ty)
    }

    /// As the spec spells it.
    pub fn spelling(self) -> &'static str {
        Self::SPELLINGS
            .iter()
            .find(|(_, ty)| *ty == self)
            .map_or("string", |(spelling, _)| spelling)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub digit: char,
    pub variant: String,
    pub description: String,
}

/// `models.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Models {
    pub source: Source,
    pub enums: Vec<WireEnum>,
    pub structs: Vec<Struct>,
}

/// A forward-compatible string enumeration.
#[derive(Debug, Clone, Serialize)]
pub struct WireEnum {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
    /// Whether the values' descriptions are this project's words, not Cashflows'.
    pub project_descriptions: bool,
    pub values: Vec<WireValue>,
    pub anchor: String,
    pub links: Links,
}

#[derive(Debug, Clone, Serialize)]
pub struct WireValue {
    pub variant: String,
    pub wire: String,
    pub description: String,
    /// Where a value's grade differs from its enumeration's.
    pub provenance: Option<Provenance>,
}

/// A JSON object of a request or response.
#[derive(Debug, Clone, Serialize)]
pub struct Struct {
    pub name: String,
    pub description: String,
    pub provenance: Provenance,
    pub fields: Vec<Field>,
    /// Whether every required field has a default value, so the struct can
    /// be built with `..Default::default()`.
    pub has_default: bool,
    pub anchor: String,
    pub links: Links,
}

/// The field of every model that keeps what the spec does not list.
pub const OTHER_FIELDS: &str = "other";

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub ident: String,
    pub wire: String,
    /// The key in the other case, also accepted when reading.
    pub alias: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub description: String,
}

impl Model {
    /// Every Rust path the generated code defines from a spec row, as
    /// hand-written code names it (`GatewayErrorCode::PaymentRefused`,
    /// `test_cards::LUKE_SKYWALKER`, `models::PaymentJob::payments`), with
    /// the spec file it comes from.
    pub fn symbols(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        let mut add = |path: String, file: &'static str| out.push((path, file));
        let file = self.guidance.source.file;
        for outcome in &self.guidance.outcomes {
            add(format!("Outcome::{}", outcome.variant), file);
        }
        for (type_name, table) in [
            ("GatewayErrorCode", &self.errors),
            ("GatewayWarningCode", &self.warnings),
        ] {
            for row in &table.rows {
                add(format!("{type_name}::{}", row.variant), table.source.file);
            }
        }
        let file = self.acquirer.source.file;
        for class in &self.acquirer.classes {
            add(format!("AcquirerClass::{}", class.variant), file);
        }
        for code in &self.acquirer.codes {
            add(format!("AcquirerReason::{}", code.constant), file);
        }
        let file = self.cards.source.file;
        for scheme in &self.cards.schemes {
            add(format!("CardScheme::{}", scheme.variant), file);
        }
        for card in &self.cards.cards {
            add(format!("test_cards::{}", card.constant), file);
        }
        for scenario in &self.cards.scenarios {
            add(format!("ThreeDSecureScenario::{}", scenario.variant), file);
        }
        for holder in &self.cards.holders {
            add(format!("test_cards::{}", holder.constant), file);
        }
        for status in self.statuses.all() {
            add(
                format!("http_statuses::{}", status.constant),
                self.statuses.source.file,
            );
        }
        let file = self.environments.source.file;
        for environment in &self.environments.list {
            add(format!("Environment::{}", environment.variant), file);
        }
        let file = self.endpoints.source.file;
        for parameter in &self.endpoints.return_url_parameters {
            add(format!("return_url::{}", parameter.constant), file);
        }
        for endpoint in &self.endpoints.list {
            add(format!("endpoints::{}", endpoint.constant), file);
            add(format!("endpoints::{}", endpoint.path_fn), file);
            add(format!("Client::{}", endpoint.name), file);
            if let Some(query) = &endpoint.query {
                add(format!("endpoints::{}", query.name), file);
            }
        }
        let remote = &self.remote_auth;
        for field in &remote.fields {
            add(format!("remote_auth::{}", field.constant), file);
            if !field.credential {
                add(format!("RemoteAuthRequest::{}", field.name), file);
            }
        }
        for values in [&remote.transaction_types, &remote.transaction_classes] {
            for value in &values.values {
                add(format!("{}::{}", values.name, value.variant), file);
            }
        }
        for result in &remote.check_results {
            add(format!("CheckResult::{}", result.variant), file);
        }
        let file = self.models.source.file;
        for def in &self.models.enums {
            add(format!("models::{}", def.name), file);
            for value in &def.values {
                add(format!("{}::{}", def.name, value.variant), file);
            }
        }
        for def in &self.models.structs {
            add(format!("models::{}", def.name), file);
            for field in &def.fields {
                add(format!("models::{}::{}", def.name, field.ident), file);
            }
        }
        out
    }
}

/// `sandbox.yaml`: every row of the other tables, with the way a test
/// provokes it in the sandbox.
#[derive(Debug, Clone, Serialize)]
pub struct Triggers {
    pub source: Source,
    pub tables: Vec<TriggerTable>,
    /// Per documented flow, what Cashflows publishes and what the sandbox
    /// decides.
    pub flows: Vec<SandboxFlow>,
}

/// A documented flow as the sandbox models it.
#[derive(Debug, Clone, Serialize)]
pub struct SandboxFlow {
    pub title: String,
    /// Cashflows' published behaviour.
    pub published: Vec<FlowFact>,
    /// The sandbox's own decisions.
    pub sandbox: Vec<String>,
}

/// A published behaviour of a flow.
#[derive(Debug, Clone, Serialize)]
pub struct FlowFact {
    /// The grade's label (`doc`, `observed`, …).
    pub grade: &'static str,
    pub text: String,
}

/// The triggers of one table.
#[derive(Debug, Clone, Serialize)]
pub struct TriggerTable {
    /// The Rust module, also the table's key in `sandbox.yaml`.
    pub module: String,
    pub title: String,
    /// The Rust type of a row, as the generated module names it.
    pub row_type: String,
    pub prefix: String,
    pub field: String,
    /// What the project triggers' field is to real Cashflows, where it is
    /// not plain input.
    pub note: Option<String>,
    pub rows: Vec<TriggerRow>,
    /// The project triggers' constants, each once, in row order.
    pub constants: Vec<TriggerConstant>,
    pub anchor: String,
    /// The table's module of `cashflows::sandbox_triggers`.
    pub links: Links,
}

#[derive(Debug, Clone, Serialize)]
pub struct TriggerRow {
    /// The row as the book shows it: `PaymentRefused`, `Dx01`,
    /// `create_payment_job 503`, `Paid`.
    pub label: String,
    pub row: RowRef,
    pub kind: TriggerKind,
    /// The project trigger's constant, for project rows.
    pub constant: Option<String>,
    /// The project trigger's value, for project rows.
    pub value: Option<String>,
    /// The project trigger constant's links, for project rows.
    pub constant_links: Option<Links>,
    /// How the row is provoked, in a sentence.
    pub how: String,
    /// The row's entry in the reference: `gateway-errors.md#error-…`.
    pub link: String,
}

/// A row of another table, as Rust names it.
#[derive(Debug, Clone, Serialize)]
pub enum RowRef {
    /// A variant of a generated enum (`GatewayErrorCode::PaymentRefused`).
    Variant { enum_path: String, variant: String },
    /// An `AcquirerReason` constant (`DX01`).
    Acquirer { constant: String },
    /// A call's status: `None` is its success.
    Call {
        endpoint_constant: String,
        status: Option<u16>,
    },
}

/// How a row is provoked; the book shows it as its serialised name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TriggerKind {
    /// The row's own published text says when it happens.
    #[serde(rename = "natural")]
    Natural,
    /// Cashflows publishes how.
    #[serde(rename = "documented")]
    Documented,
    /// The sandbox's own rule: Cashflows publishes nothing that says when.
    #[serde(rename = "sandbox rule")]
    SandboxRule,
    /// A value the sandbox reserves.
    #[serde(rename = "project")]
    Project,
}

impl TriggerKind {
    /// The `TriggerKind` variant.
    pub fn variant(self) -> &'static str {
        match self {
            TriggerKind::Natural => "Natural",
            TriggerKind::Documented => "Documented",
            TriggerKind::SandboxRule => "SandboxRule",
            TriggerKind::Project => "Project",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TriggerConstant {
    pub name: String,
    pub value: String,
}

/// `sandbox-control.yaml`: the sandbox's control surface, for its OpenAPI
/// document.
#[derive(Debug, Clone, Serialize)]
pub struct SandboxControl {
    pub source: Source,
    pub prefix: String,
    pub description: String,
    /// Named JSON Schemas, in the spec's order.
    pub schemas: Vec<(String, Json)>,
    pub endpoints: Vec<ControlEndpoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ControlEndpoint {
    /// Its operationId.
    pub name: String,
    pub summary: String,
    /// Lower case, as OpenAPI keys operations.
    pub method: String,
    pub path: String,
    /// Name and description of each.
    pub path_params: Vec<(String, String)>,
    pub query_params: Vec<(String, String)>,
    /// The schema of its JSON body.
    pub request: Option<String>,
    /// Its own answers and every endpoint's, by status; its own win.
    pub answers: Vec<ControlAnswer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ControlAnswer {
    pub status: u16,
    pub description: String,
    pub schema: Option<String>,
}
