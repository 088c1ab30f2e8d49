//! Gateway handlers. (Stub: to be implemented.)

use axum::http::StatusCode;

pub(crate) async fn create_payment_job() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn retrieve_payment_job() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn cancel_payment_job() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn retrieve_payment() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn cancel_payment() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn capture_payment() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn refund_payment() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn supported_payment_methods() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

pub(crate) async fn tokenise_card() -> StatusCode {
    StatusCode::NOT_IMPLEMENTED
}

