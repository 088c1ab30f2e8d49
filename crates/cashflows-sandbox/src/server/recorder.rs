//! Recording each request into the request log (see `journal`), as it
//! arrives: the body is read here, within the read timeout and the body
//! limit, then handed on.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};

use crate::engine::limits::{BODY_LIMIT, RECORDED_BODY_LIMIT};
use crate::journal::{RecordedRequest, RequestLog};

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

/// Reads the body (at most [`BODY_LIMIT`] bytes, within the configured read
/// timeout), records the request, then hands it on. Logs method, route
/// template and status only.
pub(crate) async fn record(
    State(recorder): State<Recorder>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(recorder.read_timeout, to_bytes(body, BODY_LIMIT)).await;
    let header = |headers: &HeaderMap, name: &str| {
        headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    let (bytes, refusal) = match read {
        Ok(Ok(bytes)) => (Some(bytes), None),
        Ok(Err(_)) => (None, Some(StatusCode::PAYLOAD_TOO_LARGE)),
        Err(_) => (None, Some(StatusCode::REQUEST_TIMEOUT)),
    };
    let kept = bytes.as_deref().unwrap_or_default();
    let body_truncated = bytes.is_none() || kept.len() > RECORDED_BODY_LIMIT;
    let method = parts.method.clone();
    let path = parts.uri.path().to_owned();
    // The router applies this layer to each route, so the matched route is
    // known here (and absent for the fallback).
    let route = parts
        .extensions
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    recorder.log().push(RecordedRequest {
        method: method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| path.clone(), |full| full.as_str().to_owned()),
        configuration_id: header(&parts.headers, CONFIGURATION_ID_HEADER),
        hash: header(&parts.headers, HASH_HEADER),
        content_type: header(&parts.headers, "content-type"),
        body: kept.get(..RECORDED_BODY_LIMIT).unwrap_or(kept).to_vec(),
        body_truncated,
    });
    let response = match (bytes, refusal) {
        (Some(bytes), _) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        (None, refusal) => refusal.unwrap_or(StatusCode::BAD_REQUEST).into_response(),
    };
    let route = logged_path(route.as_deref());
    tracing::info!(%method, %route, status = response.status().as_u16(), "request");
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
