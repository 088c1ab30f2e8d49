//! The spec as written in `spec/`: one serde type per file, unknown keys refused.

mod acquirer;
mod cards;
mod common;
mod endpoints;
mod environments;
mod gateway_codes;
mod guidance;
mod models;
mod sandbox;
mod sandbox_control;
mod statuses;

pub use acquirer::{AcquirerClass, AcquirerCode, AcquirerCodesFile};
pub use cards::{CardScheme, CardsFile, Funding, TestCard, TestCardHolder, ThreeDsScenario};
pub use common::{Advice, Provenance, Source};
pub use endpoints::{
    AnswerExample, BodyField, BrowserAnswer, BrowserBody, BrowserCall, BrowserField, CheckResult,
    EndpointsFile, FormField, GatewayApi, GatewayEndpoint, NamedValue, PathParam, QueryParam,
    RemoteAuthApi, ReplyField, ReplyFormat, Requirement, ReturnUrlParameter, WebhookSpec,
};
pub use environments::{
    EnvironmentDef, EnvironmentsFile, GatewayAuth, HexCase, RemoteAuthAuth, SeedWords,
};
pub use gateway_codes::{GatewayCode, GatewayErrorsFile, GatewayWarningsFile};
pub use guidance::{GuidanceFile, OutcomeDef};
pub use models::{EnumDef, EnumValue, FieldDef, ModelDef, ModelsFile, Wording};
pub use sandbox::{
    Flow, ProjectTrigger, ProjectTriggers, Published, RowTrigger, SandboxFile, TriggerLists,
};
pub use sandbox_control::{ControlAnswer, ControlEndpoint, ControlParam, SandboxControlFile};
pub use statuses::{HttpStatus, StatusesFile};

/// Every table of the spec, loaded but not yet cross-checked.
#[derive(Debug, Clone)]
pub struct Spec {
    pub guidance: GuidanceFile,
    pub errors: GatewayErrorsFile,
    pub warnings: GatewayWarningsFile,
    pub acquirer: AcquirerCodesFile,
    pub cards: CardsFile,
    pub statuses: StatusesFile,
    pub environments: EnvironmentsFile,
    pub endpoints: EndpointsFile,
    pub models: ModelsFile,
    pub sandbox: SandboxFile,
    pub sandbox_control: SandboxControlFile,
}

/// The file each table lives in, relative to `spec/`.
pub mod files {
    pub const GUIDANCE: &str = "guidance.yaml";
    pub const GATEWAY_ERRORS: &str = "gateway-errors.yaml";
    pub const GATEWAY_WARNINGS: &str = "gateway-warnings.yaml";
    pub const ACQUIRER_CODES: &str = "acquirer-codes.yaml";
    pub const TEST_CARDS: &str = "test-cards.yaml";
    pub const HTTP_STATUSES: &str = "http-statuses.yaml";
    pub const ENVIRONMENTS: &str = "environments.yaml";
    pub const ENDPOINTS: &str = "endpoints.yaml";
    pub const MODELS: &str = "models.yaml";
    pub const SANDBOX: &str = "sandbox.yaml";
    pub const SANDBOX_CONTROL: &str = "sandbox-control.yaml";

    /// All of them, in the order they are loaded.
    pub const ALL: [&str; 11] = [
        GUIDANCE,
        GATEWAY_ERRORS,
        GATEWAY_WARNINGS,
        ACQUIRER_CODES,
        TEST_CARDS,
        HTTP_STATUSES,
        ENVIRONMENTS,
        ENDPOINTS,
        MODELS,
        SANDBOX,
        SANDBOX_CONTROL,
    ];
}
