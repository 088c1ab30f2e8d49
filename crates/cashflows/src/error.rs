//! The one error type of the client.

use std::fmt;
use std::time::Duration;

use crate::{GatewayErrorCode, GatewayWarningCode};

/// An error or warning from a Gateway `errorReport`, recognised against the
/// spec's table and kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedEntry<Kind> {
    /// The entry recognised by code, else by its exact documented message.
    pub kind: Kind,
    /// The code as sent, if any.
    pub code: Option<String>,
    /// The message as sent.
    pub message: String,
    /// Values the message refers to.
    pub parameters: Vec<String>,
    /// The message in the requested locale, if sent.
    pub translated_message: Option<String>,
}

/// An error from `errorReport.errors`.
pub type GatewayError = ReportedEntry<GatewayErrorCode>;
/// A warning from `errorReport.warnings`.
pub type GatewayWarning = ReportedEntry<GatewayWarningCode>;

impl<Kind> ReportedEntry<Kind> {
    pub(crate) fn from_entry(
        entry: crate::envelope::ErrorEntry,
        recognise: fn(&str, &str) -> Kind,
    ) -> Self {
        let message = entry.message.unwrap_or_default();
        let kind = recognise(entry.code.as_deref().unwrap_or_default(), &message);
        ReportedEntry {
            kind,
            code: entry.code,
            message,
            parameters: entry.parameters,
            translated_message: entry.translated_message,
        }
    }
}

/// Everything that can go wrong with a call. Secrets, card numbers and
/// request bodies never appear in it.
///
/// A call that changes something (a create, a capture, a refund, a cancel)
/// and whose answer was lost, unreadable, a server failure (5xx) or a 406
/// (documented only as "Bad response") ends in [`Error::OutcomeUnknown`]: it
/// may have happened. Never send it again blindly; look it up first (see
/// [`crate::Client::resolve_unknown_create`]). Every other error of such a
/// call means it did not happen.
///
/// ```
/// use cashflows::{Error, GatewayErrorCode};
///
/// fn explain(error: &Error) -> &'static str {
///     match error {
///         Error::Api(refusal) if refusal.has(&GatewayErrorCode::PaymentAlreadyFullyRefunded) => "nothing left to refund",
///         Error::Api(refusal) if refusal.status == 401 => "check the credentials; do not retry",
///         Error::Api(_) => "refused: nothing happened",
///         Error::OutcomeUnknown(_) => "it may have happened: look it up before anything else",
///         Error::Transport(transport) if transport.not_sent => "not sent: safe to send again",
///         Error::Timeout { .. } | Error::Transport(_) | Error::Decode(_) => "a read failed: read again later",
///         _ => "other",
///     }
/// }
/// # let _ = explain;
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered and refused the request.
    Api(ApiError),
    /// The request could not be sent, or the connection failed.
    Transport(TransportError),
    /// No complete answer came within the timeout.
    Timeout {
        /// The timeout that passed.
        after: Duration,
    },
    /// The answer could not be understood.
    Decode(DecodeError),
    /// The answer was larger than the client accepts.
    ResponseTooLarge {
        /// The most bytes the client reads.
        limit: usize,
    },
    /// The server answered with a redirect. Redirects are never followed:
    /// they would send the signed body (and card data) to another address.
    Redirected(Redirect),
    /// A call that changes something may or may not have happened: its
    /// answer was lost, unreadable, a redirect, a server failure (5xx) or a
    /// 406. The cause is kept. Look it up before sending it again.
    OutcomeUnknown(OutcomeUnknown),
    /// The client or the request is not usable as configured (for example
    /// Gateway credentials are missing, or a mandatory field is not set).
    Invalid(String),
}

impl Error {
    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode(decode) => decode.status,
            _ => None,
        }
    }

    /// The Gateway errors of a refusal (empty otherwise).
    pub fn gateway_errors(&self) -> &[GatewayError] {
        match self {
            Error::Api(api) => &api.errors,
            Error::OutcomeUnknown(unknown) => unknown.cause.gateway_errors(),
            _ => &[],
        }
    }

    /// Whether the request certainly did not reach Cashflows, so sending it
    /// again cannot do anything twice.
    pub fn request_not_sent(&self) -> bool {
        match self {
            Error::Transport(transport) => transport.not_sent,
            Error::Invalid(_) => true,
            _ => false,
        }
    }

    /// Whether a call that changes something may have happened (see
    /// [`Error::OutcomeUnknown`]).
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown(_))
    }
}

/// A redirect the client did not follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The HTTP status (301, 302, 303, 307 or 308).
    pub status: u16,
    /// Where the server pointed, as sent.
    pub location: Option<String>,
}

/// A call that changes something, whose outcome is unknown.
#[derive(Debug)]
pub struct OutcomeUnknown {
    /// The endpoint called (`create_payment_job`).
    pub call: &'static str,
    /// The order number the request carried, which resolves a create
    /// (see [`crate::Client::resolve_unknown_create`]).
    pub order_number: Option<String>,
    /// What went wrong.
    pub cause: Box<Error>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => fmt::Display::fmt(api, f),
            Error::Transport(transport) => fmt::Display::fmt(transport, f),
            Error::Timeout { after } => write!(f, "no answer from Cashflows within {after:?}"),
            Error::Decode(decode) => fmt::Display::fmt(decode, f),
            Error::ResponseTooLarge { limit } => {
                write!(f, "the answer was larger than {limit} bytes")
            }
            Error::Redirected(redirect) => write!(
                f,
                "Cashflows answered with a redirect (HTTP {}), which is never followed",
                redirect.status
            ),
            Error::OutcomeUnknown(unknown) => {
                write!(f, "the outcome of `{}` is unknown", unknown.call)?;
                if let Some(order) = &unknown.order_number {
                    write!(f, " (order {order})")?;
                }
                write!(f, "; look it up before sending it again: {}", unknown.cause)
            }
            Error::Invalid(reason) => write!(f, "invalid request: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(transport) => transport
                .source
                .as_ref()
                .map(|s| s as &(dyn std::error::Error + 'static)),
            Error::OutcomeUnknown(unknown) => Some(unknown.cause.as_ref()),
            _ => None,
        }
    }
}

/// The API refused the request: its status, its errors and warnings, and the
/// raw body.
#[derive(Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The errors of `errorReport`, recognised.
    pub errors: Vec<GatewayError>,
    /// The warnings of `errorReport`, recognised.
    pub warnings: Vec<GatewayWarning>,
    /// The body as received (lossy UTF-8).
    pub body: String,
}

impl ApiError {
    /// Whether any error has this kind.
    pub fn has(&self, kind: &GatewayErrorCode) -> bool {
        self.errors.iter().any(|error| &error.kind == kind)
    }
}

impl fmt::Debug for ApiError {
    /// The body is left out: it can be long, and may hold card data; read
    /// `body` when needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("errors", &self.errors)
            .field("warnings", &self.warnings)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cashflows refused the request (HTTP {})", self.status)?;
        for (index, error) in self.errors.iter().enumerate() {
            let separator = if index == 0 { ": " } else { "; " };
            write!(f, "{separator}{}", error.message)?;
            if let Some(code) = &error.code {
                write!(f, " ({code})")?;
            }
        }
        if let Some(hint) = self.hint() {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl ApiError {
    /// What a refusal that lists no error of its own most likely means, for
    /// the statuses whose meaning does not depend on the request's content.
    fn hint(&self) -> Option<&'static str> {
        match self.status {
            // The Gateway answers 401 when the `Hash` does not match: the API
            // key (or the body it signs) is not the one the configuration has.
            401 => Some(
                "check the configuration ID and the API key the client signs with \
                 (the API key of this configuration, in this environment); \
                 do not retry, repeated signature failures lock the account",
            ),
            400 if self.errors.is_empty() => {
                Some("the answer listed no error saying which part of the request is invalid")
            }
            _ => None,
        }
    }
}

/// The request could not be sent, or the connection failed.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) message: String,
    pub(crate) source: Option<reqwest::Error>,
    /// Whether the request certainly did not reach the server (a failed
    /// connection), so sending it again cannot do anything twice.
    pub not_sent: bool,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not reach Cashflows: {}", self.message)
    }
}

/// An answer (or a webhook notification) the client could not understand;
/// the body is kept.
#[derive(Clone)]
pub struct DecodeError {
    /// The HTTP status of the answer; `None` for a body that came without
    /// one (a webhook notification).
    pub status: Option<u16>,
    /// What was wrong, and where; never a value from the answer, which may
    /// be card data.
    pub reason: String,
    /// The body as received (lossy UTF-8). It may hold card tokens and
    /// other card data: neither `Debug` nor `Display` shows it.
    pub body: String,
}

impl fmt::Debug for DecodeError {
    /// The body is left out: it may hold card data; read `body` when needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("reason", &self.reason)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(
                f,
                "could not understand the answer (HTTP {status}): {}",
                self.reason
            ),
            None => write!(f, "could not understand the body: {}", self.reason),
        }
    }
}
