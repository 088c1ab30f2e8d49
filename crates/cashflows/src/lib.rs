//! Typed access to the Cashflows payment APIs: signed Gateway calls, Remote
//! Auth calls, and the tables Cashflows documents, generated from the spec in
//! the repository's `spec/` by `cargo xtask codegen`.
//!
//! - Gateway errors and warnings: [`GatewayErrorCode`], [`GatewayWarningCode`].
//! - Remote Auth acquirer response codes: [`AcquirerResponseCode`], [`AcquirerReason`].
//! - Test cards and 3-D Secure card holder names: [`test_cards`].
//! - Environments and authentication: [`Environment`], [`environments`].
//! - Gateway endpoints and their models: [`endpoints`], [`models`].
//! - Remote Auth form fields: [`remote_auth`].
//! - Documented HTTP statuses: [`http_statuses`].
//! - Signed Gateway calls and Remote Auth calls: [`Client`].
//! - Webhook notifications: [`webhooks`].
//!
//! Codes the server sends never fail to parse: values this version does not
//! know are kept in an `Unknown` variant and round-trip unchanged.
//!
//! The data of every table lives in the generated modules (`src/generated/`);
//! the behaviour over it is written here by hand.
//!
//! [The book](https://cashflows-rs.github.io/cashflows/) has a guide (getting
//! started, the hosted page and webhooks, embedded checkout, captures and
//! refunds, errors and unknown outcomes, Remote Auth, testing with the
//! sandbox) and the reference; the generated items link to their entries.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod acquirer_code;
mod advice;
mod amount;
mod card;
mod client;
mod code_table;
mod credentials;
mod decode;
mod endpoint;
mod envelope;
mod environment;
mod error;
mod exact_json;
mod generated;
mod http_status;
mod model_ext;
mod model_serde;
mod parameters;
mod provenance;
mod reference;
mod remote_auth_call;
mod remote_auth_form;
mod remote_auth_reply;
mod return_parameters;
#[cfg(feature = "sandbox-triggers")]
mod sandbox_trigger;
mod signing;
mod test_card;
mod transport;
mod unknown;
mod wire;
mod wire_enum;

pub mod acquirer;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
pub mod webhooks;

/// The Gateway endpoints: what each one is, and the path to call.
pub mod endpoints {
    pub use crate::endpoint::{Endpoint, InvalidPathSegment, Method};
    pub use crate::generated::endpoints::*;
}

/// Where the APIs live and how requests authenticate.
pub mod environments {
    pub use crate::generated::environments::*;
}

/// The HTTP statuses the Cashflows APIs document, with their meaning.
pub mod http_statuses {
    pub use crate::generated::http_statuses::*;
    pub use crate::http_status::{DocumentedStatus, describe};
}

/// The Gateway's request and response models and its enumerations.
///
/// Reading is lenient: unknown enum values are kept, open models keep the
/// fields they do not list, PascalCase keys are accepted beside camelCase,
/// and an explicit `null` list or map reads as empty. The free-form
/// `parameters` of a capture or refund is [`Parameters`](models::Parameters):
/// every key kept in order, looked up without regard to case.
pub mod models {
    pub use crate::envelope::{ErrorEntry, ErrorReport, Link, Links};
    pub use crate::generated::model_enums::*;
    pub use crate::generated::models::*;
    pub use crate::parameters::Parameters;
    pub use crate::wire::WireFields;
}

/// Remote Auth: a form POST whose reply is one line of `|`-separated fields.
pub mod remote_auth {
    pub use crate::generated::remote_auth::*;
    pub use crate::remote_auth_form::{FormField, Requirement};
    pub use crate::remote_auth_reply::{ParseReplyError, RemoteAuthReply};
}

/// The query parameters the Gateway appends to a return URL, and their reader.
pub mod return_url {
    pub use crate::generated::return_url::*;
    pub use crate::return_parameters::ReturnParameters;
}

/// How a test provokes each row of the tables in `cashflows-sandbox`: one
/// submodule per table, each with every row (`ALL`) and a constant per
/// project trigger. The book's "Testing with the sandbox" page lists the
/// same rows.
///
/// Needs the `sandbox-triggers` feature, which `cashflows-sandbox` turns on.
#[cfg(feature = "sandbox-triggers")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox-triggers")))]
pub mod sandbox_triggers {
    pub use crate::generated::sandbox_triggers::*;
    pub use crate::sandbox_trigger::{CallStatus, Trigger, TriggerKind};
}

/// Test cards for the integration environment. Outcomes are driven by the
/// card holder name (see [`TestCardHolder`](test_cards::TestCardHolder)),
/// not by the number.
pub mod test_cards {
    pub use crate::generated::test_cards::*;
    pub use crate::test_card::{Funding, TestCard, TestCardHolder, find_card, find_holder};
}

pub use acquirer::{AcquirerClass, AcquirerReason};
pub use acquirer_code::{AcquirerResponseCode, ParseAcquirerCodeError};
pub use advice::Advice;
pub use amount::{Amount, ParseAmountError};
pub use card::{CardNumber, CardSecurityCode, CardToken, Cryptogram};
pub use client::{Client, ClientBuilder, CreateOutcome, Response, RetryPolicy};
pub use credentials::{GatewayCredentials, RemoteAuthCredentials};
pub use decode::decode_gateway_response;
pub use envelope::ErrorReport;
pub use environments::Environment;
pub use error::{
    ApiError, DecodeError, Error, GatewayError, GatewayWarning, OutcomeUnknown, Redirect,
    ReportedEntry, TransportError,
};
pub use generated::gateway_errors::GatewayErrorCode;
pub use generated::gateway_warnings::GatewayWarningCode;
pub use generated::guidance::Outcome;
pub use provenance::Provenance;
pub use reference::Reference;
pub use return_parameters::ReturnParameters;
pub use rust_decimal::Decimal;
pub use signing::sign_request;
pub use unknown::{UnknownValue, UnknownValueError};
