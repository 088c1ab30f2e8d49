//! How the control surface says no: a status and a sentence, as
//! `{"error": "…"}` to a script and as a short page to a person.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refused control request: its status and what went wrong, in words
/// that say what to do instead. The words never repeat a value from the
/// request, which might be a secret.
#[derive(Debug)]
pub(super) struct ControlRefusal {
    pub(super) status: StatusCode,
    pub(super) message: String,
}

impl ControlRefusal {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ControlRefusal {
            status,
            message: message.into(),
        }
    }

    pub(super) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub(super) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub(super) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }
}

impl IntoResponse for ControlRefusal {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}
