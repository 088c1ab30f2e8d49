//! The Gateway's payment calls: retrieve, cancel, capture and refund.

use axum::extract::{Path, State};
use cashflows::endpoints;
use cashflows::http_statuses;
use cashflows::models::{CapturePaymentRequest, RefundPaymentRequest};

use super::envelope::{Reply, success};
use super::links::{data_links, payment_link};
use super::requests::{forced_status, parse_optional};
use super::signature::Signed;
use crate::app::App;

/// `GET /api/gateway/payment-jobs/{paymentJobReference}/payments/{paymentReference}`.
pub(crate) async fn retrieve_payment(
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::RETRIEVE_PAYMENT, &job)?;
    let found = app.store().payment(&job, &payment)?;
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::OK, &found, &links))
}

/// `PATCH …/payments/{paymentReference}/cancel`: a pending or reserved
/// payment becomes Cancelled.
pub(crate) async fn cancel_payment(
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::CANCEL_PAYMENT, &job)?;
    let cancelled = app.store().cancel_payment(&job, &payment)?;
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::OK, &cancelled, &links))
}

/// `POST …/payments/{paymentReference}/captures`: 201 with the capture.
pub(crate) async fn capture_payment(
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
    Signed(body): Signed,
) -> Reply {
    forced_status(&endpoints::CAPTURE_PAYMENT, &job)?;
    let request: CapturePaymentRequest = parse_optional(&body)?;
    let capture = app.store().capture(&job, &payment, &request)?;
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::CREATED, &capture, &links))
}

/// `POST …/payments/{paymentReference}/refunds`: 201 with the refund.
pub(crate) async fn refund_payment(
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
    Signed(body): Signed,
) -> Reply {
    forced_status(&endpoints::REFUND_PAYMENT, &job)?;
    let request: RefundPaymentRequest = parse_optional(&body)?;
    let refund = app.store().refund(&job, &payment, &request)?;
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::CREATED, &refund, &links))
}
