//! Remote Auth. (Stub: to be implemented.)

use axum::http::StatusCode;

pub(crate) async fn handle() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}
