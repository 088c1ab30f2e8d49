//! The control surface as JSON, for scripts in any language. Each answer
//! is JSON (or no content), each refusal `{"error": "…"}`; the book's
//! "Controlling the sandbox" page shows every request and its answer.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::clock::{self, Advance, SetTo};
use super::controls::PREFIX;
use super::refusal::ControlRefusal;
use super::requests::shown_requests;
use super::state::ControlState;
use crate::engine::Snapshot;
use crate::engine::limits::SNAPSHOT_LIMIT;
use crate::server::faults::Fault;
use crate::server::webhooks::RedeliverError;

/// The JSON routes, under [`PREFIX`].
pub(super) fn router() -> Router<ControlState> {
    let at = |path: &str| format!("{PREFIX}{path}");
    Router::new()
        .route(&at("/clock"), get(clock_now))
        .route(&at("/clock/advance"), post(advance))
        .route(&at("/clock/set"), post(set))
        .route(&at("/reset"), post(reset))
        .route(
            &at("/snapshot"),
            get(snapshot)
                .post(restore)
                .layer(DefaultBodyLimit::max(SNAPSHOT_LIMIT)),
        )
        .route(
            &at("/faults"),
            get(faults).post(inject).delete(clear_faults),
        )
        .route(&at("/webhooks"), get(deliveries))
        .route(&at("/webhooks/{id}/redeliver"), post(redeliver))
        .route(&at("/requests"), get(requests))
        .route(&at("/{*rest}"), any(unknown))
}

type Answer = Result<Response, ControlRefusal>;

async fn clock_now(State(state): State<ControlState>) -> Answer {
    Ok(Json(clock::view(state.controls.clock())).into_response())
}

async fn advance(
    State(state): State<ControlState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let advance: Advance = json_body(&headers, body)?;
    Ok(Json(advance.apply(state.controls.clock())?).into_response())
}

async fn set(
    State(state): State<ControlState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let set: SetTo = json_body(&headers, body)?;
    Ok(Json(set.apply(state.controls.clock())?).into_response())
}

async fn reset(State(state): State<ControlState>) -> Answer {
    state.controls.reset();
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn snapshot(State(state): State<ControlState>) -> Answer {
    let json = state.controls.snapshot().to_json();
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

async fn restore(
    State(state): State<ControlState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let bytes = json_bytes(&headers, body)?;
    let snapshot = Snapshot::from_json(&bytes)
        .map_err(|error| ControlRefusal::bad_request(error.to_string()))?;
    state
        .controls
        .restore(snapshot)
        .map_err(|error| ControlRefusal::bad_request(error.to_string()))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn faults(State(state): State<ControlState>) -> Answer {
    Ok(Json(state.controls.faults().pending()).into_response())
}

async fn inject(
    State(state): State<ControlState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let bytes = json_bytes(&headers, body)?;
    let id = Fault::from_json(&bytes)
        .and_then(|fault| state.controls.faults().inject(fault))
        .map_err(|error| ControlRefusal::bad_request(error.to_string()))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

async fn clear_faults(State(state): State<ControlState>) -> Answer {
    state.controls.faults().clear();
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `?job=REFERENCE`: only that job's deliveries.
#[derive(Debug, Deserialize)]
struct ForJob {
    job: Option<String>,
}

async fn deliveries(State(state): State<ControlState>, Query(filter): Query<ForJob>) -> Answer {
    let mut deliveries = state.controls.webhooks().deliveries();
    if let Some(job) = &filter.job {
        deliveries.retain(|delivery| &delivery.payment_job_reference == job);
    }
    Ok(Json(deliveries).into_response())
}

async fn redeliver(State(state): State<ControlState>, Path(id): Path<String>) -> Answer {
    let id: u64 = id
        .parse()
        .map_err(|_| ControlRefusal::not_found("no webhook delivery has this id"))?;
    let attempt = state
        .controls
        .webhooks()
        .redeliver(id)
        .await
        .map_err(redelivery_refused)?;
    Ok(Json(attempt).into_response())
}

/// A redelivery that sent nothing: 404 for an unknown delivery, 409 for
/// one the sandbox cannot send.
pub(super) fn redelivery_refused(error: RedeliverError) -> ControlRefusal {
    let status = match error {
        RedeliverError::UnknownId(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::CONFLICT,
    };
    ControlRefusal::new(status, error.to_string())
}

async fn requests(State(state): State<ControlState>) -> Answer {
    Ok(Json(shown_requests(&state.controls.recorder().requests())).into_response())
}

async fn unknown() -> Answer {
    Err(ControlRefusal::not_found(
        "no such control endpoint: the book's \"Controlling the sandbox\" page lists them",
    ))
}

/// The body of a request that must send JSON: refused unless it says it is
/// JSON (a form another site posts cannot), or when it is too large.
fn json_bytes(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Bytes, ControlRefusal> {
    let bytes = body.map_err(|rejection| {
        ControlRefusal::new(
            rejection.status(),
            "the body is too large, or could not be read",
        )
    })?;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(ControlRefusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as JSON, with Content-Type: application/json",
        ));
    }
    Ok(bytes)
}

/// A JSON body read as `T`, with a message naming what is wrong.
fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ControlRefusal> {
    let bytes = json_bytes(headers, body)?;
    serde_json::from_slice(&bytes).map_err(|error| {
        ControlRefusal::bad_request(format!("the body does not fit this call: {error}"))
    })
}
