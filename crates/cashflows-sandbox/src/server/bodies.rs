//! Reading a request's body whole, within a size limit and a deadline, so
//! that no client holds a connection or the sandbox's memory by sending
//! slowly or without end.

use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::http::StatusCode;

use crate::journal::RefusalReason;

/// Why a body was not read: larger than the limit, or too slow to arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    TooLarge,
    TooSlow,
}

impl Unread {
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Unread::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Unread::TooSlow => StatusCode::REQUEST_TIMEOUT,
        }
    }

    pub(crate) fn reason(self) -> RefusalReason {
        RefusalReason(match self {
            Unread::TooLarge => "body larger than the limit",
            Unread::TooSlow => "body not received within the read timeout",
        })
    }
}

/// The body, at most `limit` bytes, within `read_timeout`. A body whose
/// `Content-Length` is past the limit is refused before any of it is read:
/// waiting for it would only hold the connection until the timeout.
pub(crate) async fn read_body(
    body: Body,
    limit: usize,
    read_timeout: Duration,
) -> Result<Bytes, Unread> {
    if body.size_hint().lower() > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(Unread::TooLarge);
    }
    match tokio::time::timeout(read_timeout, to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(Unread::TooLarge),
        Err(_) => Err(Unread::TooSlow),
    }
}
