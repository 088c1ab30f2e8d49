//! The Gateway's payment intent call, the merchant's side of embedded
//! checkout (the browser's side is the `embedded` adapter).

use axum::extract::State;
use cashflows::endpoints;
use cashflows::http_statuses;
use cashflows::models::CreatePaymentIntentRequest;

use super::envelope::{Reply, success};
use super::links::{data_links, job_link};
use super::requests::{forced_status, order_number, parse_object};
use super::signature::Signed;
use crate::app::App;

/// `POST /api/gateway/payment-intents/`: 201 (the sandbox's choice: the
/// status is not published) with the job reference and the token the
/// shopper's browser pays with.
pub(crate) async fn create_payment_intent(State(app): State<App>, Signed(body): Signed) -> Reply {
    let request: CreatePaymentIntentRequest = parse_object(&body)?;
    forced_status(
        &endpoints::CREATE_PAYMENT_INTENT,
        order_number(request.order.as_ref()),
    )?;
    let intent = app.store().create_intent(&request)?;
    let job = intent
        .payment_job_reference
        .as_ref()
        .map_or("", |job| job.as_str());
    let links = data_links(job_link(&app, job));
    Ok(success(http_statuses::CREATED, &intent, &links))
}
