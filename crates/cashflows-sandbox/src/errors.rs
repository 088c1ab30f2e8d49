//! The Gateway's response envelope (`data`, `errorReport`, `links`) and the
//! errors the sandbox reports, built from the client crate's models and its
//! Gateway error table.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cashflows::http_statuses::{self, DocumentedStatus};
use cashflows::models::{ErrorEntry, ErrorReport, Link, Links, Locale};
use cashflows::{GatewayErrorCode, GatewayWarningCode};
use serde::Serialize;
use serde_json::Value;

/// The `type` of a `links.data` link to a payment job: the sandbox's own
/// choice (Cashflows does not publish link types), the model's name.
pub(crate) const JOB_LINK_TYPE: &str = "PaymentJob";

/// The `type` of a `links.data` link to a payment: the sandbox's own choice,
/// the model's name.
pub(crate) const PAYMENT_LINK_TYPE: &str = "Payment";

/// The `type` of a `links.action` link: the sandbox's own choice, since
/// Cashflows does not publish link types.
pub(crate) const ACTION_LINK_TYPE: &str = "Redirect";

/// The HTTP status for a documented status.
pub(crate) fn status(documented: DocumentedStatus) -> StatusCode {
    StatusCode::from_u16(documented.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// An `errorReport` entry for a Gateway error: the published code (omitted
/// when Cashflows publishes none) and the documented message, verbatim, as
/// both `message` and `translatedMessage` (the sandbox speaks en_GB only).
pub(crate) fn entry(code: &GatewayErrorCode) -> ErrorEntry {
    report_entry(code.code(), code.message())
}

/// An `errorReport.warnings` entry for a Gateway warning, built like an
/// error's.
pub(crate) fn warning_entry(code: &GatewayWarningCode) -> ErrorEntry {
    report_entry(code.code(), code.message())
}

fn report_entry(code: Option<&str>, message: Option<&str>) -> ErrorEntry {
    let message = message.map(str::to_owned);
    ErrorEntry {
        code: code.map(str::to_owned),
        message: message.clone(),
        parameters: Vec::new(),
        translated_message: message,
        ..ErrorEntry::default()
    }
}

/// A link with a type.
pub(crate) fn link(url: String, link_type: &str) -> Link {
    Link {
        url: Some(url),
        link_type: Some(link_type.to_owned()),
        ..Link::default()
    }
}

/// The full envelope. Lists the models leave out when empty (`errors`,
/// `warnings`, an entry's `parameters`) are written as `[]`.
fn envelope(
    data: Value,
    errors: Vec<ErrorEntry>,
    warnings: Vec<ErrorEntry>,
    fatal: bool,
    links: &Links,
) -> Value {
    let report = ErrorReport {
        errors,
        warnings,
        language: Some(Locale::EnGb.as_str().to_owned()),
        is_fatal_error: Some(fatal),
        ..ErrorReport::default()
    };
    let mut report = serde_json::to_value(report).unwrap_or(Value::Null);
    if let Some(object) = report.as_object_mut() {
        for list in ["errors", "warnings"] {
            let entries = object
                .entry(list)
                .or_insert_with(|| Value::Array(Vec::new()));
            for entry in entries.as_array_mut().into_iter().flatten() {
                if let Some(entry) = entry.as_object_mut() {
                    entry
                        .entry("parameters")
                        .or_insert_with(|| Value::Array(Vec::new()));
                }
            }
        }
    }
    serde_json::json!({
        "data": data,
        "errorReport": report,
        "links": serde_json::to_value(links).unwrap_or(Value::Null),
    })
}

/// A JSON response.
fn json(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
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
    let data = serde_json::to_value(data).unwrap_or(Value::Null);
    json(
        status(documented),
        &envelope(data, Vec::new(), warnings, false, links),
    )
}

/// Why a Gateway request failed.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// Bad or missing `Hash`, unknown `ConfigurationId`: 401.
    Unauthorized,
    /// No such job or payment, or no such path: 404.
    NotFound,
    /// The body is not JSON, or not the model (for example no `currency`): 400.
    Malformed,
    /// The request was understood and refused with a documented Gateway
    /// error: 400.
    Refused(Box<Refusal>),
    /// A documented status a project trigger selected (403, 406, 500, 503).
    Status(u16),
}

/// A documented Gateway error, with `data` when there is something to show
/// (the failed job of a failed 3-D Secure step) and the links that go with it.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) code: GatewayErrorCode,
    pub(crate) data: Option<Value>,
    pub(crate) links: Links,
}

impl ApiError {
    /// A refusal with no `data`.
    pub(crate) fn refused(code: GatewayErrorCode) -> Self {
        Self::refused_with(code, None, Links::default())
    }

    /// A refusal with `data` and links.
    pub(crate) fn refused_with(code: GatewayErrorCode, data: Option<Value>, links: Links) -> Self {
        ApiError::Refused(Box::new(Refusal { code, data, links }))
    }
}

impl IntoResponse for ApiError {
    /// 401, 404 and malformed 400 responses carry the envelope with
    /// `isFatalError: true` and no error entry: Cashflows publishes no
    /// message for them, and the sandbox invents none.
    fn into_response(self) -> Response {
        let none = Links::default();
        match self {
            ApiError::Unauthorized => json(
                status(http_statuses::UNAUTHORIZED),
                &envelope(Value::Null, Vec::new(), Vec::new(), true, &none),
            ),
            ApiError::NotFound => json(
                status(http_statuses::NOT_FOUND),
                &envelope(Value::Null, Vec::new(), Vec::new(), true, &none),
            ),
            ApiError::Malformed => json(
                status(http_statuses::BAD_REQUEST),
                &envelope(Value::Null, Vec::new(), Vec::new(), true, &none),
            ),
            ApiError::Status(code) => json(
                StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                &envelope(Value::Null, Vec::new(), Vec::new(), true, &none),
            ),
            ApiError::Refused(refusal) => {
                let Refusal { code, data, links } = *refusal;
                json(
                    status(http_statuses::BAD_REQUEST),
                    &envelope(
                        data.unwrap_or(Value::Null),
                        vec![entry(&code)],
                        Vec::new(),
                        true,
                        &links,
                    ),
                )
            }
        }
    }
}
