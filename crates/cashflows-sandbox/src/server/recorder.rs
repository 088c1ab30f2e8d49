//! Recording each request into the request log (see `journal`), as it
//! arrives: the body is read here, within the read timeout and the body
//! limit, then handed on; and logging each request once answered, with the
//! reason of its refusal if it was refused. A request that meets a fault
//! (see `faults`) has it taken here, recorded, and played out around the
//! request's handling.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};

use super::bodies::{Unread, read_body};
use super::connections::ConnectionInfo;
use super::faults::{self, FaultKind, Faults};
use crate::engine::limits::{BODY_LIMIT, RECORDED_BODY_LIMIT};
use crate::gateway;
use crate::journal::{RecordedRequest, RefusalReason, RequestLog};

/// Where requests are recorded, and how long a body may take to arrive.
#[derive(Clone)]
pub(crate) struct Recorder {
    log: Arc<Mutex<RequestLog>>,
    read_timeout: Duration,
    faults: Faults,
}

impl Recorder {
    /// A recorder that keeps the newest `capacity` requests, and plays out
    /// the `faults` requests meet.
    pub(crate) fn new(capacity: usize, read_timeout: Duration, faults: Faults) -> Self {
        Recorder {
            log: Arc::new(Mutex::new(RequestLog::new(capacity))),
            read_timeout,
            faults,
        }
    }

    /// Forgets every request recorded.
    pub(crate) fn clear(&self) {
        self.log().clear();
    }

    /// The requests kept, oldest first.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.log().snapshot()
    }

    /// Fills in the answer to the request logged as `number`.
    fn answered(&self, number: u64, status: Option<StatusCode>, reason: Option<&'static str>) {
        let status = status.map(|status| status.as_u16());
        self.log().answered(number, status, reason);
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
fn recorded(parts: &Parts, body: Option<&[u8]>, fault: Option<FaultKind>) -> RecordedRequest {
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
        fault: fault.map(|kind| kind.name().to_owned()),
        route: parts
            .extensions
            .get::<MatchedPath>()
            .map(|matched| matched.as_str().to_owned()),
        status: None,
        reason: None,
    }
}

/// Reads the body (see [`read_body`]), records the request, then hands it
/// on, through the fault it meets if any. Logs method, route template,
/// status and fault, and for a refusal the reason the deciding code gave;
/// never the path as sent, a header or the body.
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
    let fault = recorder
        .faults
        .take(&parts.method, route.as_deref(), parts.uri.path());
    let read = read_body(body, BODY_LIMIT, recorder.read_timeout).await;
    let number = recorder
        .log()
        .push(recorded(&parts, read.as_deref().ok(), fault));
    let method = parts.method.clone();
    let connection = parts.extensions.get::<ConnectionInfo>().cloned();
    let on_gateway = route.as_deref().is_none_or(gateway::is_gateway_path);
    let logged_route = logged_path(route.as_deref()).to_owned();
    let process = async move {
        match read {
            Ok(bytes) => {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
            Err(unread) => unread_answer(unread, route.as_deref()),
        }
    };
    let Some(kind) = fault else {
        let response = process.await;
        let reason = response
            .extensions()
            .get::<RefusalReason>()
            .map(|reason| reason.0);
        log_request(
            &method,
            &logged_route,
            Some(response.status()),
            reason,
            None,
        );
        recorder.answered(number, Some(response.status()), reason);
        return response;
    };
    let mut log = |status: Option<StatusCode>| {
        log_request(&method, &logged_route, status, None, Some(kind.name()));
        recorder.answered(number, status, None);
    };
    faults::apply(kind, connection, on_gateway, process, &mut log).await
}

/// The log line of one request.
fn log_request(
    method: &Method,
    route: &str,
    status: Option<StatusCode>,
    reason: Option<&str>,
    fault: Option<&str>,
) {
    let status = status.map(|status| status.as_u16());
    tracing::info!(%method, %route, status, reason, fault, "request");
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
