//! What a fault is, as a test or the control surface states it: its kind,
//! which requests it matches, how many times it fires; and its JSON form,
//! read strictly so that a mistyped fault is refused with the reason rather
//! than quietly injected as something else.

use std::fmt;
use std::time::Duration;

use axum::http::Method;
use serde::{Deserialize, Serialize};

/// The most times one fault may fire: enough for any test, and a bound on
/// what a mistyped number can do to a long-running sandbox.
pub const MAX_FAULT_TIMES: u32 = 1000;

/// The longest delay a fault may hold a request: past it, a client's own
/// timeout is what a test exercises, and a minute already proves that.
pub const MAX_FAULT_DELAY: Duration = Duration::from_secs(60);

/// The most faults pending at once; past it, a new one is refused.
pub const MAX_PENDING_FAULTS: usize = 100;

/// The statuses a `status` fault may answer: the failures a client must
/// expect from Cashflows (a server error, and unavailability).
pub const FAULT_STATUSES: [u16; 2] = [500, 503];

/// What a fault does to a request it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// The request is processed completely (its changes made, its webhooks
    /// sent), then the connection is closed without a byte of the answer.
    DropAfterProcessing,
    /// The connection is closed without processing the request.
    DropBeforeProcessing,
    /// The request is answered with this status (500 or 503) without being
    /// processed: in the Gateway's error envelope on its paths, bare
    /// elsewhere.
    Status(u16),
    /// The request waits this long, then is processed and answered as usual.
    Delay(Duration),
    /// The request is processed; the answer's status line and headers are
    /// sent with its full `Content-Length`, then about half its body, then
    /// the connection is closed.
    TruncateBody,
}

impl FaultKind {
    /// The kind's name in JSON (`drop_after_processing`, …).
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::DropAfterProcessing => DROP_AFTER,
            FaultKind::DropBeforeProcessing => DROP_BEFORE,
            FaultKind::Status(_) => STATUS,
            FaultKind::Delay(_) => DELAY,
            FaultKind::TruncateBody => TRUNCATE,
        }
    }
}

const DROP_AFTER: &str = "drop_after_processing";
const DROP_BEFORE: &str = "drop_before_processing";
const STATUS: &str = "status";
const DELAY: &str = "delay";
const TRUNCATE: &str = "truncate_body";

/// Every kind's name, in the order errors list them.
pub const FAULT_KINDS: [&str; 5] = [DROP_AFTER, DROP_BEFORE, STATUS, DELAY, TRUNCATE];

/// A fault for the next [`times`](Fault::times) requests that match its
/// method and path (every request, when it names neither).
///
/// Its JSON form, which [`Fault::from_json`] reads and `Serialize` writes:
///
/// ```json
/// {"kind": "status", "status": 503, "method": "GET",
///  "path": "/api/gateway/payment-jobs/{paymentJobReference}", "times": 1}
/// ```
///
/// `kind` is one of [`FAULT_KINDS`]; `status` (500 or 503) only with
/// `"status"`, `delay_ms` (at most 60000) only with `"delay"`; `method`
/// (any case) and `path` are optional; `times` defaults to 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FaultJson", into = "FaultJson")]
#[non_exhaustive]
pub struct Fault {
    /// What happens to a matching request.
    pub kind: FaultKind,
    /// The method a request must have (upper case), or `None` for any.
    pub method: Option<String>,
    /// The path a request must have: its route's template
    /// (`/api/gateway/payment-jobs/{paymentJobReference}`) or its concrete path,
    /// without the query. `None` for any.
    pub path: Option<String>,
    /// How many matching requests the fault fires on (1 to
    /// [`MAX_FAULT_TIMES`]).
    pub times: u32,
}

impl Fault {
    /// A fault of `kind` for the next request, whatever its method or path.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            kind,
            method: None,
            path: None,
            times: 1,
        }
    }

    /// The same, only for requests with `method` (any case).
    pub fn with_method(mut self, method: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// The same, only for requests whose route template or concrete path
    /// is `path`.
    pub fn with_path(mut self, path: &str) -> Fault {
        self.path = Some(path.to_owned());
        self
    }

    /// The same, for the next `times` matching requests.
    pub fn with_times(mut self, times: u32) -> Fault {
        self.times = times;
        self
    }

    /// Reads a fault from its JSON form (see [`Fault`]).
    ///
    /// # Errors
    ///
    /// A [`FaultError`] naming what is wrong: JSON that does not parse, an
    /// unknown field, an unknown kind, a field the kind does not take or
    /// lacks, a status other than 500 or 503, `times` out of range, a delay
    /// too long, a method or path that could not match anything.
    pub fn from_json(json: &[u8]) -> Result<Fault, FaultError> {
        let raw: FaultJson =
            serde_json::from_slice(json).map_err(|error| FaultError::Json(error.to_string()))?;
        Fault::try_from(raw)
    }

    /// Whether the fault can be injected as it is (see [`Fault::from_json`]
    /// for what is checked).
    ///
    /// # Errors
    ///
    /// The first thing wrong with it.
    pub fn validate(&self) -> Result<(), FaultError> {
        match self.kind {
            FaultKind::Status(status) if !FAULT_STATUSES.contains(&status) => {
                return Err(FaultError::Status(u64::from(status)));
            }
            FaultKind::Delay(delay) if delay > MAX_FAULT_DELAY => {
                return Err(FaultError::DelayTooLong(millis(delay)));
            }
            _ => {}
        }
        if self.times == 0 || self.times > MAX_FAULT_TIMES {
            return Err(FaultError::Times(u64::from(self.times)));
        }
        if let Some(method) = &self.method {
            if method.is_empty() || Method::from_bytes(method.as_bytes()).is_err() {
                return Err(FaultError::Method(shortened(method)));
            }
        }
        if let Some(path) = &self.path {
            if !path.starts_with('/') || path.contains('?') {
                return Err(FaultError::Path(shortened(path)));
            }
        }
        Ok(())
    }
}

/// Why a fault was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultError {
    /// The JSON does not parse, has a field of the wrong type, an unknown
    /// field, or no `kind` (serde's own words, with the position).
    Json(String),
    /// `kind` is none of [`FAULT_KINDS`].
    UnknownKind(String),
    /// The kind needs a field the fault does not have (`status` for
    /// `"status"`, `delay_ms` for `"delay"`).
    MissingField {
        /// The kind's name.
        kind: &'static str,
        /// The missing field.
        field: &'static str,
    },
    /// The fault has a field its kind does not take (`status` on a
    /// `"delay"`, say).
    ExcessField {
        /// The kind's name.
        kind: &'static str,
        /// The field given.
        field: &'static str,
    },
    /// A `status` other than those of [`FAULT_STATUSES`].
    Status(u64),
    /// A `delay_ms` past [`MAX_FAULT_DELAY`].
    DelayTooLong(u64),
    /// `times` is 0 or past [`MAX_FAULT_TIMES`].
    Times(u64),
    /// `method` is not an HTTP method token.
    Method(String),
    /// `path` does not start with `/`, or has a query.
    Path(String),
    /// [`MAX_PENDING_FAULTS`] faults are
    /// already pending.
    TooMany,
}

impl fmt::Display for FaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultError::Json(error) => {
                write!(f, "the fault is not valid JSON of its shape: {error}")
            }
            FaultError::UnknownKind(kind) => write!(
                f,
                "unknown fault kind {kind:?}; the kinds are {}",
                FAULT_KINDS.join(", ")
            ),
            FaultError::MissingField { kind, field } => {
                write!(f, "a {kind:?} fault needs {field:?}")
            }
            FaultError::ExcessField { kind, field } => {
                write!(f, "a {kind:?} fault takes no {field:?}")
            }
            FaultError::Status(status) => {
                write!(f, "\"status\" must be 500 or 503, not {status}")
            }
            FaultError::DelayTooLong(delay) => write!(
                f,
                "\"delay_ms\" must be at most {}, not {delay}",
                millis(MAX_FAULT_DELAY)
            ),
            FaultError::Times(times) => {
                write!(f, "\"times\" must be 1 to {MAX_FAULT_TIMES}, not {times}")
            }
            FaultError::Method(method) => {
                write!(f, "\"method\" {method:?} is not an HTTP method")
            }
            FaultError::Path(path) => write!(
                f,
                "\"path\" {path:?} must start with \"/\" and have no query"
            ),
            FaultError::TooMany => write!(
                f,
                "{} faults are already pending; clear them first",
                MAX_PENDING_FAULTS
            ),
        }
    }
}

impl std::error::Error for FaultError {}

/// At most 64 characters of what a caller sent, for an error: enough to
/// recognise it, not enough to make an error message a payload.
fn shortened(text: &str) -> String {
    text.chars().take(64).collect()
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The JSON form, field by field, before its fields are checked against
/// each other. Numbers are read wide so an out-of-range one is refused with
/// the fault's own words rather than serde's.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultJson {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    times: Option<u64>,
}

impl FaultJson {
    fn kind(&self) -> Result<FaultKind, FaultError> {
        let kind = match self.kind.as_str() {
            DROP_AFTER => FaultKind::DropAfterProcessing,
            DROP_BEFORE => FaultKind::DropBeforeProcessing,
            TRUNCATE => FaultKind::TruncateBody,
            STATUS => {
                let status = self.status.ok_or(FaultError::MissingField {
                    kind: STATUS,
                    field: "status",
                })?;
                FaultKind::Status(u16::try_from(status).map_err(|_| FaultError::Status(status))?)
            }
            DELAY => {
                let delay = self.delay_ms.ok_or(FaultError::MissingField {
                    kind: DELAY,
                    field: "delay_ms",
                })?;
                FaultKind::Delay(Duration::from_millis(delay))
            }
            other => return Err(FaultError::UnknownKind(shortened(other))),
        };
        let excess = match kind {
            FaultKind::Status(_) => self.delay_ms.map(|_| "delay_ms"),
            FaultKind::Delay(_) => self.status.map(|_| "status"),
            _ => (self.status.map(|_| "status")).or(self.delay_ms.map(|_| "delay_ms")),
        };
        match excess {
            Some(field) => Err(FaultError::ExcessField {
                kind: kind.name(),
                field,
            }),
            None => Ok(kind),
        }
    }
}

impl TryFrom<FaultJson> for Fault {
    type Error = FaultError;

    fn try_from(raw: FaultJson) -> Result<Fault, FaultError> {
        let kind = raw.kind()?;
        let times = raw.times.unwrap_or(1);
        let fault = Fault {
            kind,
            method: raw.method.map(|method| method.to_ascii_uppercase()),
            path: raw.path,
            times: u32::try_from(times).map_err(|_| FaultError::Times(times))?,
        };
        fault.validate()?;
        Ok(fault)
    }
}

impl From<Fault> for FaultJson {
    fn from(fault: Fault) -> FaultJson {
        let (status, delay_ms) = match fault.kind {
            FaultKind::Status(status) => (Some(u64::from(status)), None),
            FaultKind::Delay(delay) => (None, Some(millis(delay))),
            _ => (None, None),
        };
        FaultJson {
            kind: fault.kind.name().to_owned(),
            status,
            delay_ms,
            method: fault.method,
            path: fault.path,
            times: Some(u64::from(fault.times)),
        }
    }
}
