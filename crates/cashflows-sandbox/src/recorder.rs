//! What the sandbox records of each request: a bounded log, newest last,
//! that keeps the start of each body, so a long-running sandbox or a client
//! sending large bodies cannot grow its memory without bound.

use std::collections::VecDeque;
use std::fmt;

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};

use crate::limits::{BODY_LIMIT, RECORDED_BODY_LIMIT};
use crate::server::AppState;

/// A request the sandbox received, as received.
///
/// `Debug` shows the body's length only: bodies carry card data and the
/// Remote Auth password.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method (`GET`, `POST`, `PATCH`, …).
    pub method: String,
    /// The path with its query string, if any (`/api/gateway/…?locale=en_GB`).
    pub path: String,
    /// The `ConfigurationId` header, if present.
    pub configuration_id: Option<String>,
    /// The `Hash` header, if present.
    pub hash: Option<String>,
    /// The `Content-Type` header, if present.
    pub content_type: Option<String>,
    /// The body, byte for byte, up to [`RECORDED_BODY_LIMIT`] bytes.
    pub body: Vec<u8>,
    /// Whether the body was longer than [`RECORDED_BODY_LIMIT`] (and is cut
    /// here), or was refused for its size or for arriving too slowly.
    pub body_truncated: bool,
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("configuration_id", &self.configuration_id)
            .field("hash", &self.hash)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("body_truncated", &self.body_truncated)
            .finish()
    }
}

/// The last `capacity` requests, oldest first.
pub(crate) struct RequestLog {
    capacity: usize,
    entries: VecDeque<RecordedRequest>,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> Self {
        RequestLog {
            capacity,
            entries: VecDeque::new(),
        }
    }

    /// Adds a request, forgetting the oldest one when the log is full.
    pub(crate) fn push(&mut self, request: RecordedRequest) {
        if self.capacity == 0 {
            return;
        }
        while self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
    }

    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
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
pub(crate) async fn record(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(app.config().read_timeout, to_bytes(body, BODY_LIMIT)).await;
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
    app.record(RecordedRequest {
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

    fn request(path: &str) -> RecordedRequest {
        RecordedRequest {
            method: "GET".to_owned(),
            path: path.to_owned(),
            configuration_id: None,
            hash: None,
            content_type: None,
            body: Vec::new(),
            body_truncated: false,
        }
    }

    #[test]
    fn the_logged_path_is_the_route_template() {
        let template = "/api/gateway/payment-intents/{token}/stored-cards/{card}";
        assert_eq!(logged_path(Some(template)), template);
        assert_eq!(logged_path(None), UNMATCHED_ROUTE);
    }

    #[test]
    fn the_log_keeps_the_newest() {
        let mut log = RequestLog::new(2);
        for path in ["/a", "/b", "/c"] {
            log.push(request(path));
        }
        let paths: Vec<String> = log.snapshot().into_iter().map(|entry| entry.path).collect();
        assert_eq!(paths, ["/b", "/c"]);
    }
}
