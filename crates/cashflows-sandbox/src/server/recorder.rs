//! Recording each request into the request log (see `journal`), as it
//! arrives: the body is read here, within the read timeout and the body
//! limit, then handed on; and logging each request once answered, with the
//! reason of its refusal if it was refused.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};

use crate::engine::limits::{BODY_LIMIT, RECORDED_BODY_LIMIT};
use crate::gateway;
use crate::journal::{RecordedRequest, RefusalReason, RequestLog};

/// Where requests are recorded, and how long a body may take to arrive.
#[derive(Clone)]
pub(crate) struct Recorder {
    log: Arc<Mutex<RequestLog>>,
    read_timeout: Duration,
}

impl Recorder {
    /// A recorder that keeps the newest `capacity` requests.
    pub(crate) fn new(capacity: usize, read_timeout: Duration) -> Self {
        Recorder {
            log: Arc::new(Mutex::new(RequestLog::new(capacity))),
            read_timeout,
        }
    }

    /// The requests kept, oldest first.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.log().snapshot()
    }

    fn log(&self) -> MutexGuard<'_, RequestLog> {
        // A push or a snapshot never leaves the log half-changed.
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the log says of a request's path where no route matched: the path
/// itself could carry anything a caller typed.
const UNMATCHED_ROUTE: &str = "(no route)";

/// The path as the log shows it: the route's template
/// (`/api/gateway/payment-intents/{token}`), never the path as sent. Paths
/// carry credentials and card references (payment-intent tokens, card
/// field preparation ids, stored cards' `encryptedCardData`), and logs are
/// kept and shared far more widely than the requests themselves.
fn logged_path(template: Option<&str>) -> &str {
    template.unwrap_or(UNMATCHED_ROUTE)
}

/// Why a body was not read: larger than the limit, or too slow to arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unread {
    TooLarge,
    TooSlow,
}

impl Unread {
    fn status(self) -> StatusCode {
        match self {
            Unread::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Unread::TooSlow => StatusCode::REQUEST_TIMEOUT,
        }
    }

    fn reason(self) -> RefusalReason {
        RefusalReason(match self {
            Unread::TooLarge => "body larger than the limit",
            Unread::TooSlow => "body not received within the read timeout",
        })
    }
}

/// The body, at most [`BODY_LIMIT`] bytes, within `read_timeout`. A body
/// whose `Content-Length` is past the limit is refused before any of it is
/// read: waiting for it would only hold the connection until the timeout.
async fn read_body(body: Body, read_timeout: Duration) -> Result<Bytes, Unread> {
    let limit = u64::try_from(BODY_LIMIT).unwrap_or(u64::MAX);
    if body.size_hint().lower() > limit {
        return Err(Unread::TooLarge);
    }
    match tokio::time::timeout(read_timeout, to_bytes(body, BODY_LIMIT)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(Unread::TooLarge),
        Err(_) => Err(Unread::TooSlow),
    }
}

/// The answer to a body that was not read: in the Gateway's envelope on its
/// paths (and on paths no route has, which the Gateway's 404 answers), the
/// bare status elsewhere (Remote Auth, the shopper's pages).
fn unread_answer(unread: Unread, route: Option<&str>) -> Response {
    let status = unread.status();
    let mut response = if route.is_none_or(gateway::is_gateway_path) {
        gateway::fatal_status(status)
    } else {
        status.into_response()
    };
    response.extensions_mut().insert(unread.reason());
    response
}

/// What the log keeps of a request, as received.
fn recorded(parts: &Parts, body: Option<&[u8]>) -> RecordedRequest {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    let kept = body.unwrap_or_default();
    RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path_and_query().map_or_else(
            || parts.uri.path().to_owned(),
            |full| full.as_str().to_owned(),
        ),
        configuration_id: header(CONFIGURATION_ID_HEADER),
        hash: header(HASH_HEADER),
        content_type: header("content-type"),
        body: kept.get(..RECORDED_BODY_LIMIT).unwrap_or(kept).to_vec(),
        body_truncated: body.is_none() || kept.len() > RECORDED_BODY_LIMIT,
    }
}

/// Reads the body (see [`read_body`]), records the request, then hands it
/// on. Logs method, route template and status, and for a refusal the
/// reason the deciding code gave; never the path as sent, a header or the
/// body.
pub(crate) async fn record(
    State(recorder): State<Recorder>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    // The router applies this layer to each route, so the matched route is
    // known here (and absent for the fallback).
    let route = parts
        .extensions
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    let read = read_body(body, recorder.read_timeout).await;
    recorder.log().push(recorded(&parts, read.as_deref().ok()));
    let method = parts.method.clone();
    let response = match read {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(unread) => unread_answer(unread, route.as_deref()),
    };
    let reason = response
        .extensions()
        .get::<RefusalReason>()
        .map(|reason| reason.0);
    let route = logged_path(route.as_deref());
    let status = response.status().as_u16();
    tracing::info!(%method, %route, status, reason, "request");
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logged_path_is_the_route_template() {
        let template = "/api/gateway/payment-intents/{token}/stored-cards/{card}";
        assert_eq!(logged_path(Some(template)), template);
        assert_eq!(logged_path(None), UNMATCHED_ROUTE);
    }
}
