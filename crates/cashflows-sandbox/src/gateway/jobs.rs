//! The Gateway's payment job calls: create, retrieve, cancel, and whether
//! an order number is taken.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use cashflows::endpoints;
use cashflows::models::{ErrorEntry, Links, PaymentJobParameters};
use cashflows::{GatewayErrorCode, GatewayWarningCode, http_statuses};

use super::envelope::{GatewayRefusal, Reply, success, success_with_warnings};
use super::links::{challenge_link, data_links, hosted_page_link, job_link};
use super::requests::{forced_status, order_number, parse_create_request};
use super::signature::Signed;
use crate::app::App;
use crate::engine::{JobStep, triggers, warning_entry};

/// `POST /api/gateway/payment-jobs`: 201 with the job. With card data (or,
/// for a recurring child, the parent's card) the job is paid at once, waits
/// for its 3-D Secure step (`links.action`), or fails (400,
/// `ThreeDSecureFailed`, the failed job in `data`); a card the sandbox
/// refuses answers 400 `PaymentRefused`, the sandbox's own choice (see
/// `Refusal::card_refused`). Without card data the job waits on the hosted
/// page (`links.action`). The warnings of the engine (a customer's token
/// cap) join those of the request.
pub(crate) async fn create_payment_job(State(app): State<App>, Signed(body): Signed) -> Reply {
    let request = parse_create_request(&body)?;
    let order_number = order_number(request.order.as_ref());
    forced_status(&endpoints::CREATE_PAYMENT_JOB, order_number)?;
    if let Some(code) = triggers::gateway_error(order_number) {
        return Err(GatewayRefusal::documented(code));
    }
    let mut warnings = create_warnings(request.parameters.as_ref(), order_number);
    let created = app.store().create_job(request)?;
    warnings.extend(created.warnings.iter().map(warning_entry));
    let job = created
        .job
        .reference
        .as_ref()
        .map_or("", |job| job.as_str());
    let action = match &created.step {
        JobStep::HostedPage => Some(hosted_page_link(&app, job)),
        JobStep::Challenge(payment) => Some(challenge_link(&app, job, payment)),
        JobStep::Authorised | JobStep::AuthenticationFailed => None,
    };
    let links = Links {
        data: Some(job_link(&app, job)),
        action,
        ..Links::default()
    };
    if created.step == JobStep::AuthenticationFailed {
        return Err(GatewayRefusal::documented_with(
            GatewayErrorCode::ThreeDSecureFailed,
            serde_json::to_value(&created.job).ok(),
            links,
        ));
    }
    Ok(success_with_warnings(
        http_statuses::CREATED,
        &created.job,
        &links,
        warnings,
    ))
}

/// The warnings a created job carries: an unknown payment page (the sandbox
/// has none), and the warning an order number selects.
fn create_warnings(
    parameters: Option<&PaymentJobParameters>,
    order_number: &str,
) -> Vec<ErrorEntry> {
    let page_reference = parameters
        .and_then(|parameters| parameters.payment_page_reference.as_deref())
        .is_some_and(|reference| !reference.trim().is_empty());
    let unknown_page =
        page_reference.then_some(GatewayWarningCode::PaymentPageReferenceDoesNotExist);
    unknown_page
        .into_iter()
        .chain(triggers::gateway_warning(order_number))
        .map(|code| warning_entry(&code))
        .collect()
}

/// `HEAD /api/gateway/orders/{orderNumber}`: 200 when a job of this
/// configuration has the order number, 404 otherwise; no body either way.
/// The sandbox's choice, matching the client's reading: Cashflows publishes
/// neither the call's success status nor what its answers mean.
pub(crate) async fn order_exists(
    State(app): State<App>,
    Path(order_number): Path<String>,
    Signed(_): Signed,
) -> StatusCode {
    if let Some(status) = triggers::http_status(&endpoints::ORDER_EXISTS, &order_number) {
        return StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    if app.store().order_exists(&order_number) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    }
}

/// `GET /api/gateway/payment-jobs/{paymentJobReference}`.
pub(crate) async fn retrieve_payment_job(
    State(app): State<App>,
    Path(job): Path<String>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::RETRIEVE_PAYMENT_JOB, &job)?;
    let found = app.store().current_payment_job(&job)?;
    Ok(success(
        http_statuses::OK,
        &found,
        &data_links(job_link(&app, &job)),
    ))
}

/// `PATCH /api/gateway/payment-jobs/{paymentJobReference}/cancel`.
pub(crate) async fn cancel_payment_job(
    State(app): State<App>,
    Path(job): Path<String>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::CANCEL_PAYMENT_JOB, &job)?;
    let cancelled = app.store().cancel_job(&job)?;
    Ok(success(
        http_statuses::OK,
        &cancelled,
        &data_links(job_link(&app, &job)),
    ))
}
