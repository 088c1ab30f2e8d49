//! The dashboard: what the sandbox holds, for a person debugging a test.
//! The jobs, each job's payments, captures, refunds, webhook deliveries
//! (with a button to redeliver) and requests; the clock with a control to
//! move it; a reset. Plain HTML that works without JavaScript, from
//! templates that escape every value they show (minijinja, `.html`
//! templates). State changes are forms that POST, each carrying the
//! sandbox's form token, and answer with a redirect to the page they came
//! from.
//!
//! Card tokens, card numbers and request bodies are never shown: the jobs
//! show references, amounts, statuses and dates only.

use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cashflows::models::{Payment, PaymentJob};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::api::redelivery_refused;
use super::clock::{self, Advance};
use super::controls::PREFIX;
use super::refusal::ControlRefusal;
use super::requests::{ShownRequest, shown_requests};
use super::state::ControlState;
use crate::server::webhooks::{WebhookAttempt, WebhookDelivery};

/// The most jobs the dashboard lists, newest first.
const JOBS_SHOWN: usize = 200;

/// The dashboard's routes, under [`PREFIX`].
pub(super) fn router() -> Router<ControlState> {
    let at = |path: &str| format!("{PREFIX}{path}");
    Router::new()
        .route(PREFIX, get(index))
        .route(&at("/"), get(index))
        .route(&at("/jobs/{reference}"), get(job))
        .route(&at("/forms/clock"), post(advance_clock))
        .route(&at("/forms/reset"), post(reset))
        .route(&at("/forms/webhooks/{id}/redeliver"), post(redeliver))
}

/// A job as a row of the list.
#[derive(Serialize)]
struct JobRow {
    reference: String,
    order_number: String,
    job_type: String,
    status: String,
    amount: String,
    paid: String,
    created: String,
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn job_row(job: &PaymentJob) -> JobRow {
    let currency = job.currency.clone().unwrap_or_default();
    let money = |amount: Option<cashflows::Amount>| {
        amount.map_or_else(String::new, |amount| format!("{amount} {currency}"))
    };
    JobRow {
        reference: text(job.reference.as_ref()),
        order_number: text(
            job.order
                .as_ref()
                .and_then(|order| order.order_number.as_ref()),
        ),
        job_type: text(job.job_type.as_ref().map(|kind| kind.as_str().to_owned())),
        status: text(
            job.payment_status
                .as_ref()
                .map(|status| status.as_str().to_owned()),
        ),
        amount: money(job.amount_to_collect),
        paid: money(job.paid_amount),
        created: text(job.create_date_time_utc.as_ref()),
    }
}

async fn index(State(state): State<ControlState>) -> Response {
    let controls = &state.controls;
    let jobs: Vec<JobRow> = controls
        .app()
        .store()
        .newest_payment_jobs(JOBS_SHOWN)
        .iter()
        .map(job_row)
        .collect();
    state.pages.render(
        "index.html",
        context! {
            prefix => PREFIX,
            form_token => state.access.form_token(),
            clock => Serde(clock::view(controls.clock())),
            jobs => Serde(&jobs),
            jobs_shown => JOBS_SHOWN,
            faults => controls.faults().pending().len(),
            deliveries => controls.webhooks().deliveries().len(),
        },
    )
}

/// A payment's line, and its captures' and refunds'.
#[derive(Serialize)]
struct PaymentRow {
    reference: String,
    status: String,
    amount: String,
    paid: String,
    created: String,
    captures: Vec<MoneyRow>,
    refunds: Vec<MoneyRow>,
}

/// A capture or a refund.
#[derive(Serialize)]
struct MoneyRow {
    reference: String,
    status: String,
    amount: String,
    created: String,
}

fn payment_row(payment: &Payment, currency: &str) -> PaymentRow {
    let money = |amount: Option<cashflows::Amount>| {
        amount.map_or_else(String::new, |amount| format!("{amount} {currency}"))
    };
    PaymentRow {
        reference: text(payment.reference.as_ref()),
        status: text(
            payment
                .status
                .as_ref()
                .map(|status| status.as_str().to_owned()),
        ),
        amount: money(payment.amount_to_collect),
        paid: money(payment.paid_amount),
        created: text(payment.create_date_time_utc.as_ref()),
        captures: payment
            .captures
            .iter()
            .map(|capture| MoneyRow {
                reference: text(capture.reference.as_ref()),
                status: text(capture.status.as_ref().map(|s| s.as_str().to_owned())),
                amount: money(capture.amount_to_capture),
                created: text(capture.create_date_time_utc.as_ref()),
            })
            .collect(),
        refunds: payment
            .refunds
            .iter()
            .map(|refund| MoneyRow {
                reference: text(refund.reference.as_ref()),
                status: text(refund.status.as_ref().map(|s| s.as_str().to_owned())),
                amount: money(refund.amount_to_refund),
                created: text(refund.create_date_time_utc.as_ref()),
            })
            .collect(),
    }
}

async fn job(State(state): State<ControlState>, Path(reference): Path<String>) -> Response {
    let controls = &state.controls;
    let found = controls.app().store().current_payment_job(&reference).ok();
    let Some(job) = found else {
        return refused(
            &state,
            ControlRefusal::not_found("the sandbox holds no job with this reference"),
        );
    };
    let currency = job.currency.clone().unwrap_or_default();
    let payments: Vec<PaymentRow> = job
        .payments
        .iter()
        .map(|payment| payment_row(payment, &currency))
        .collect();
    let deliveries: Vec<DeliveryView> = controls
        .webhooks()
        .deliveries()
        .into_iter()
        .filter(|delivery| delivery.payment_job_reference == reference)
        .map(DeliveryView::from)
        .collect();
    let requests: Vec<ShownRequest> = shown_requests(&controls.recorder().requests())
        .into_iter()
        .filter(|request| request.path.contains(reference.as_str()))
        .collect();
    state.pages.render(
        "job.html",
        context! {
            prefix => PREFIX,
            form_token => state.access.form_token(),
            clock => Serde(clock::view(controls.clock())),
            job => Serde(job_row(&job)),
            payments => Serde(&payments),
            deliveries => Serde(&deliveries),
            requests => Serde(&requests),
        },
    )
}

/// A webhook delivery as the page shows it: its body as the JSON text
/// sent.
#[derive(Serialize)]
struct DeliveryView {
    id: u64,
    payment: Option<String>,
    url: String,
    body: String,
    acknowledged: bool,
    error: Option<String>,
    attempts: Vec<WebhookAttempt>,
}

impl From<WebhookDelivery> for DeliveryView {
    fn from(delivery: WebhookDelivery) -> Self {
        DeliveryView {
            id: delivery.id,
            payment: delivery.payment_reference,
            url: delivery.url,
            body: delivery.body.to_string(),
            acknowledged: delivery.acknowledged,
            error: delivery.error,
            attempts: delivery.attempts,
        }
    }
}

/// A form's fields: its token, and what it asks.
#[derive(Debug, Deserialize)]
struct ClockForm {
    token: String,
    #[serde(default)]
    months: u8,
    #[serde(default)]
    days: u64,
    #[serde(default)]
    hours: u64,
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    token: String,
}

/// The page that says a form lacks the sandbox's form token; `None` when
/// it has it.
fn wrong_form_token(state: &ControlState, given: &str) -> Option<Response> {
    if state.access.is_form_token(given) {
        None
    } else {
        Some(refused(
            state,
            ControlRefusal::forbidden(
                "this form does not carry the sandbox's form token: \
                 reload the dashboard and use its forms",
            ),
        ))
    }
}

async fn advance_clock(State(state): State<ControlState>, Form(form): Form<ClockForm>) -> Response {
    if let Some(page) = wrong_form_token(&state, &form.token) {
        return page;
    }
    let advance = Advance::new(form.months, form.days, form.hours);
    match advance.apply(state.controls.clock()) {
        Ok(_) => Redirect::to(&format!("{PREFIX}/")).into_response(),
        Err(refusal) => refused(&state, refusal),
    }
}

async fn reset(State(state): State<ControlState>, Form(form): Form<TokenForm>) -> Response {
    if let Some(page) = wrong_form_token(&state, &form.token) {
        return page;
    }
    state.controls.reset();
    Redirect::to(&format!("{PREFIX}/")).into_response()
}

async fn redeliver(
    State(state): State<ControlState>,
    Path(id): Path<u64>,
    Form(form): Form<TokenForm>,
) -> Response {
    if let Some(page) = wrong_form_token(&state, &form.token) {
        return page;
    }
    let job = state
        .controls
        .webhooks()
        .deliveries()
        .into_iter()
        .find(|delivery| delivery.id == id)
        .map(|delivery| delivery.payment_job_reference);
    match state.controls.webhooks().redeliver(id).await {
        Ok(_) => {
            let back = job.map_or_else(
                || format!("{PREFIX}/"),
                |job| format!("{PREFIX}/jobs/{job}"),
            );
            Redirect::to(&back).into_response()
        }
        Err(error) => refused(&state, redelivery_refused(error)),
    }
}

/// A refusal as a page, with its status.
fn refused(state: &ControlState, refusal: ControlRefusal) -> Response {
    let mut page = state.pages.render(
        "refused.html",
        context! { prefix => PREFIX, message => refusal.message },
    );
    *page.status_mut() = refusal.status;
    page.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::control::pages::Pages;

    #[test]
    fn every_page_renders_and_escapes() {
        let pages = Pages::default();
        let clock = context! { now => "2030-01-01T00:00:00Z", movable => true };
        let row = JobRow {
            reference: "220000000000000001".to_owned(),
            order_number: "<b>1</b>".to_owned(),
            job_type: "Payment".to_owned(),
            status: "Paid".to_owned(),
            amount: "10.00 GBP".to_owned(),
            paid: "10.00 GBP".to_owned(),
            created: "2030-01-01T00:00:00Z".to_owned(),
        };
        let index = pages
            .templates()
            .get_template("index.html")
            .unwrap()
            .render(context! {
                prefix => PREFIX, form_token => "t", clock => clock.clone(),
                jobs => Serde(vec![&row]), jobs_shown => JOBS_SHOWN, faults => 0, deliveries => 1,
            });
        let index = index.unwrap();
        assert!(index.contains("&lt;b&gt;1&lt;&#x2f;b&gt;"), "{index}");
        let job = pages
            .templates()
            .get_template("job.html")
            .unwrap()
            .render(context! {
                prefix => PREFIX, form_token => "t", clock => clock,
                job => Serde(&row), payments => Serde(Vec::<PaymentRow>::new()),
                deliveries => Serde(Vec::<DeliveryView>::new()),
                requests => Serde(Vec::<ShownRequest>::new()),
            });
        assert!(job.unwrap().contains("No payments yet"));
        let refused = pages.templates().get_template("refused.html").unwrap();
        assert!(
            refused
                .render(context! { prefix => PREFIX, message => "no" })
                .is_ok()
        );
    }
}
