//! Control requests' bodies, read whole before any handler runs: at most
//! a snapshot's size, within the sandbox's read timeout, so that a caller
//! sending slowly or without end holds neither a connection nor memory.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::refusal::ControlRefusal;
use crate::engine::limits::SNAPSHOT_LIMIT;
use crate::server::bodies::{Unread, read_body};

/// Reads the body (see [`read_body`]), then hands the request on with it.
pub(super) async fn read_within(
    State(read_timeout): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    match read_body(body, SNAPSHOT_LIMIT, read_timeout).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(unread) => {
            let message = match unread {
                Unread::TooLarge => "the body is larger than the control surface takes",
                Unread::TooSlow => "the body did not arrive within the read timeout",
            };
            ControlRefusal::new(unread.status(), message).into_response()
        }
    }
}
