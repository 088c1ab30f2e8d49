//! The Gateway's response envelope (`data`, `errorReport`, `links`) and the
//! errors the sandbox reports, built from the client crate's models and its
//! Gateway error table; how the engine's refusals are answered.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cashflows::GatewayErrorCode;
use cashflows::http_statuses::{self, DocumentedStatus};
use cashflows::models::{ErrorEntry, Links, Locale};
use serde::Serialize;
use serde_json::Value;

use crate::engine::{Refusal, error_entry, report_entry};
use crate::journal::RefusalReason;

/// The HTTP status for a documented status.
pub(crate) fn status(documented: DocumentedStatus) -> StatusCode {
    StatusCode::from_u16(documented.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The envelope as the sandbox writes it: `data`, `errorReport` and
/// `links`, serialised in one pass. Lists the client's models leave out when
/// empty (`errors`, `warnings`, an entry's `parameters`) are written as `[]`,
/// as the Gateway does.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, T: Serialize> {
    data: Option<&'a T>,
    error_report: WireReport<'a>,
    links: &'a Links,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireReport<'a> {
    errors: Vec<WireEntry<'a>>,
    warnings: Vec<WireEntry<'a>>,
    language: &'a str,
    is_fatal_error: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireEntry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    parameters: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    translated_message: Option<&'a str>,
}

impl<'a> WireEntry<'a> {
    fn from(entry: &'a ErrorEntry) -> Self {
        WireEntry {
            code: entry.code.as_deref(),
            message: entry.message.as_deref(),
            parameters: &entry.parameters,
            translated_message: entry.translated_message.as_deref(),
        }
    }
}

/// The envelope's bytes.
fn envelope<T: Serialize>(
    data: Option<&T>,
    errors: &[ErrorEntry],
    warnings: &[ErrorEntry],
    fatal: bool,
    links: &Links,
) -> Vec<u8> {
    let envelope = Envelope {
        data,
        error_report: WireReport {
            errors: errors.iter().map(WireEntry::from).collect(),
            warnings: warnings.iter().map(WireEntry::from).collect(),
            language: Locale::EnGb.as_str(),
            is_fatal_error: fatal,
        },
        links,
    };
    serde_json::to_vec(&envelope).unwrap_or_default()
}

/// A JSON response.
fn json(status: StatusCode, bytes: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response()
}

/// A fatal answer without `data`.
fn fatal(
    status: StatusCode,
    errors: &[ErrorEntry],
    data: Option<&Value>,
    links: &Links,
) -> Response {
    json(status, envelope(data, errors, &[], true, links))
}

/// A fatal answer with this status and no error entry, for a request
/// refused before any handler saw it (a body too large or too slow).
pub(crate) fn fatal_status(status: StatusCode) -> Response {
    fatal(status, &[], None, &Links::default())
}

/// A successful response with `data`.
pub(crate) fn success<T: Serialize>(
    documented: DocumentedStatus,
    data: &T,
    links: &Links,
) -> Response {
    success_with_warnings(documented, data, links, Vec::new())
}

/// A successful response with `data` and warnings.
pub(crate) fn success_with_warnings<T: Serialize>(
    documented: DocumentedStatus,
    data: &T,
    links: &Links,
    warnings: Vec<ErrorEntry>,
) -> Response {
    json(
        status(documented),
        envelope(Some(data), &[], &warnings, false, links),
    )
}

/// The documented message of the create call's 404 for an unknown
/// `ConfigurationId` (Cashflows documents it). No code is published with it. The sandbox
/// answers every call's unknown configuration with it: its own choice for
/// the calls other than create, whose text is not published.
pub(crate) const CONFIGURATION_NOT_FOUND: &str = "Configuration not found.";

/// What a Gateway handler answers.
pub(crate) type Reply = Result<Response, GatewayRefusal>;

/// Why the sandbox refuses a Gateway request: what the Gateway answers
/// instead of `data`. (The client reads such an answer as `Error::Api`.)
/// The phrases some variants carry say why, for the log only (see
/// [`RefusalReason`]): the answer itself never shows them.
#[derive(Debug)]
pub(crate) enum GatewayRefusal {
    /// Bad, missing or repeated `Hash`, missing or repeated
    /// `ConfigurationId`: 401.
    Unauthorized(&'static str),
    /// A `ConfigurationId` the sandbox does not have: 404 with
    /// [`CONFIGURATION_NOT_FOUND`].
    ConfigurationNotFound,
    /// No such job or payment, or no such path: 404.
    NotFound(&'static str),
    /// The body is not JSON, or not the model (for example no `currency`),
    /// or breaks one of the sandbox's rules for bodies (see `strict`): 400.
    Malformed(&'static str),
    /// A body past its call's limit: 413.
    TooLarge,
    /// The request was understood and refused with a documented Gateway
    /// error: 400.
    Documented(Box<DocumentedError>),
    /// A documented status a project trigger selected (403, 406, 500, 503).
    Status(u16),
}

/// A documented Gateway error, with `data` when there is something to show
/// (the failed job of a failed 3-D Secure step) and the links that go with it.
#[derive(Debug)]
pub(crate) struct DocumentedError {
    pub(crate) code: GatewayErrorCode,
    pub(crate) data: Option<Value>,
    pub(crate) links: Links,
}

impl GatewayRefusal {
    /// A documented Gateway error with no `data`.
    pub(crate) fn documented(code: GatewayErrorCode) -> Self {
        Self::documented_with(code, None, Links::default())
    }

    /// A documented Gateway error with `data` and no links.
    pub(crate) fn documented_with_data(code: GatewayErrorCode, data: Option<Value>) -> Self {
        Self::documented_with(code, data, Links::default())
    }

    /// A documented Gateway error with `data` and links.
    pub(crate) fn documented_with(
        code: GatewayErrorCode,
        data: Option<Value>,
        links: Links,
    ) -> Self {
        GatewayRefusal::Documented(Box::new(DocumentedError { code, data, links }))
    }
}

impl From<Refusal> for GatewayRefusal {
    /// A documented error is 400 with its entry; not found is 404; a
    /// malformed request is 400 without an entry.
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::NotFound => GatewayRefusal::NotFound("no such job, payment, intent or card"),
            Refusal::Malformed => {
                GatewayRefusal::Malformed("a currency, date or URL the sandbox cannot use")
            }
            Refusal::Gateway(code) => GatewayRefusal::documented(code),
        }
    }
}

impl GatewayRefusal {
    /// Why, for the log: the phrase the deciding code gave, a documented
    /// error's message, or what selected a status.
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            GatewayRefusal::Unauthorized(reason)
            | GatewayRefusal::NotFound(reason)
            | GatewayRefusal::Malformed(reason) => reason,
            GatewayRefusal::ConfigurationNotFound => "unknown configuration",
            GatewayRefusal::TooLarge => "body larger than the limit",
            GatewayRefusal::Documented(error) => {
                error.code.message().unwrap_or("a documented Gateway error")
            }
            GatewayRefusal::Status(_) => "a trigger selected this status",
        }
    }
}

impl IntoResponse for GatewayRefusal {
    /// The answer, carrying its reason for the recorder's log.
    fn into_response(self) -> Response {
        let reason = RefusalReason(self.reason());
        let mut response = self.answer();
        response.extensions_mut().insert(reason);
        response
    }
}

impl GatewayRefusal {
    /// The answer. 401, 404 and malformed 400 responses carry the envelope
    /// with `isFatalError: true` and no error entry: Cashflows publishes no
    /// message for them, and the sandbox invents none (the reason goes to
    /// the log only). An unknown configuration's 404 carries its documented
    /// message, without a code.
    fn answer(self) -> Response {
        let none = Links::default();
        match self {
            GatewayRefusal::Unauthorized(_) => {
                fatal(status(http_statuses::UNAUTHORIZED), &[], None, &none)
            }
            GatewayRefusal::NotFound(_) => {
                fatal(status(http_statuses::NOT_FOUND), &[], None, &none)
            }
            GatewayRefusal::ConfigurationNotFound => fatal(
                status(http_statuses::NOT_FOUND),
                &[report_entry(None, Some(CONFIGURATION_NOT_FOUND))],
                None,
                &none,
            ),
            GatewayRefusal::Malformed(_) => {
                fatal(status(http_statuses::BAD_REQUEST), &[], None, &none)
            }
            GatewayRefusal::TooLarge => fatal_status(StatusCode::PAYLOAD_TOO_LARGE),
            GatewayRefusal::Status(code) => fatal(
                StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                &[],
                None,
                &none,
            ),
            GatewayRefusal::Documented(error) => {
                let DocumentedError { code, data, links } = *error;
                fatal(
                    status(http_statuses::BAD_REQUEST),
                    &[error_entry(&code)],
                    data.as_ref(),
                    &links,
                )
            }
        }
    }
}
