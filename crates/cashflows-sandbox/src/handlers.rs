//! The Gateway's handlers (one per generated route, named after its
//! endpoint) and the sandbox's own browser pages.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cashflows::endpoints::{self, Endpoint, retrieve_payment_job_path, retrieve_payment_path};
use cashflows::models::{
    CapturePaymentRequest, CardTokenisationRequest, CreatePaymentIntentRequest,
    CreatePaymentJobRequest, ErrorEntry, Links, PaymentJobParameters, PaymentMethod,
    PaymentMethodInfo, RefundPaymentRequest, TokenisedCard, UpdateOrderRequest, WireFields,
};
use cashflows::{CardToken, GatewayErrorCode, GatewayWarningCode, http_statuses};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::auth::Signed;
use crate::errors::{
    ACTION_LINK_TYPE, GatewayRefusal, JOB_LINK_TYPE, PAYMENT_LINK_TYPE, link, success,
    success_with_warnings, warning_entry,
};
use crate::outcomes::{self, Expiry};
use crate::server::AppState;
use crate::state::{StoredCard, card_refused};
use crate::{triggers, webhooks};

/// What a Gateway handler answers.
type Reply = Result<Response, GatewayRefusal>;

/// `POST /api/gateway/payment-jobs`: 201 with the job. With card data the
/// job is paid at once, waits for its 3-D Secure step (`links.action`), or
/// fails (400, `ThreeDSecureFailed`, the failed job in `data`); a card the
/// sandbox refuses answers 400 `PaymentRefused`, the sandbox's own choice
/// (see [`card_refused`]). Without card data the job waits on the hosted
/// page (`links.action`).
pub(crate) async fn create_payment_job(State(app): State<AppState>, Signed(body): Signed) -> Reply {
    let request = parse_create_request(&body)?;
    let order_number = order_number(request.order.as_ref());
    forced_status(&endpoints::CREATE_PAYMENT_JOB, order_number)?;
    if let Some(code) = triggers::gateway_error(order_number) {
        return Err(GatewayRefusal::documented(code));
    }
    let warnings = create_warnings(&request, order_number);
    let created = app
        .store()
        .create_job(&app.merchant(), request, crate::dates::now())?;
    webhooks::dispatch(&app, created.changes);
    let links = Links {
        data: Some(job_link(&app, reference(&created.job.reference))),
        action: created.action_url.map(|url| link(url, ACTION_LINK_TYPE)),
        ..Links::default()
    };
    if created.failed {
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
fn create_warnings(request: &CreatePaymentJobRequest, order_number: &str) -> Vec<ErrorEntry> {
    let page_reference = request
        .parameters
        .as_ref()
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

/// A request's order number, or "".
fn order_number(order: Option<&UpdateOrderRequest>) -> &str {
    order
        .and_then(|order| order.order_number.as_deref())
        .unwrap_or_default()
}

/// The documented status of `endpoint` that a project trigger in `value`
/// selects, as an error to answer with.
fn forced_status(endpoint: &Endpoint, value: &str) -> Result<(), GatewayRefusal> {
    match triggers::http_status(endpoint, value) {
        Some(status) => Err(GatewayRefusal::Status(status)),
        None => Ok(()),
    }
}

/// `HEAD /api/gateway/orders/{orderNumber}`: 200 when a job of this
/// configuration has the order number, 404 otherwise; no body either way.
pub(crate) async fn order_exists(
    State(app): State<AppState>,
    Path(order_number): Path<String>,
    Signed(_): Signed,
) -> StatusCode {
    if let Some(status) = triggers::http_status(&endpoints::ORDER_EXISTS, &order_number) {
        return StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    let configuration = &app.config().configuration_id;
    if app.store().order_exists(configuration, &order_number) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    }
}

/// `POST /api/gateway/payment-intents/`: 201 (the sandbox's choice: the
/// status is not published) with the job reference and the token the
/// shopper's browser pays with.
pub(crate) async fn create_payment_intent(
    State(app): State<AppState>,
    Signed(body): Signed,
) -> Reply {
    let request: CreatePaymentIntentRequest = parse_object(&body)?;
    forced_status(
        &endpoints::CREATE_PAYMENT_INTENT,
        order_number(request.order.as_ref()),
    )?;
    let (intent, changes) =
        app.store()
            .create_intent(&app.merchant(), &request, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    let links = data_links(job_link(&app, reference(&intent.payment_job_reference)));
    Ok(success(http_statuses::CREATED, &intent, &links))
}

/// `GET /api/gateway/payment-jobs/{paymentJobReference}`.
pub(crate) async fn retrieve_payment_job(
    State(app): State<AppState>,
    Path(job): Path<String>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::RETRIEVE_PAYMENT_JOB, &job)?;
    let (found, changes) = app
        .store()
        .current_payment_job(&job, crate::dates::now())
        .ok_or(GatewayRefusal::NotFound)?;
    webhooks::dispatch(&app, changes);
    Ok(success(
        http_statuses::OK,
        &found,
        &data_links(job_link(&app, &job)),
    ))
}

/// `PATCH /api/gateway/payment-jobs/{paymentJobReference}/cancel`.
pub(crate) async fn cancel_payment_job(
    State(app): State<AppState>,
    Path(job): Path<String>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::CANCEL_PAYMENT_JOB, &job)?;
    let (cancelled, changes) = app.store().cancel_job(&job, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    Ok(success(
        http_statuses::OK,
        &cancelled,
        &data_links(job_link(&app, &job)),
    ))
}

/// `GET /api/gateway/payment-jobs/{paymentJobReference}/payments/{paymentReference}`.
pub(crate) async fn retrieve_payment(
    State(app): State<AppState>,
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
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
    Signed(_): Signed,
) -> Reply {
    forced_status(&endpoints::CANCEL_PAYMENT, &job)?;
    let (cancelled, changes) = app
        .store()
        .cancel_payment(&job, &payment, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::OK, &cancelled, &links))
}

/// `POST …/payments/{paymentReference}/captures`: 201 with the capture.
pub(crate) async fn capture_payment(
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
    Signed(body): Signed,
) -> Reply {
    forced_status(&endpoints::CAPTURE_PAYMENT, &job)?;
    let request: CapturePaymentRequest = parse_optional(&body)?;
    let (capture, changes) = app
        .store()
        .capture(&job, &payment, &request, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::CREATED, &capture, &links))
}

/// `POST …/payments/{paymentReference}/refunds`: 201 with the refund.
pub(crate) async fn refund_payment(
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
    Signed(body): Signed,
) -> Reply {
    forced_status(&endpoints::REFUND_PAYMENT, &job)?;
    let request: RefundPaymentRequest = parse_optional(&body)?;
    let (refund, changes) = app
        .store()
        .refund(&job, &payment, &request, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::CREATED, &refund, &links))
}

/// The currencies the sandbox's card method accepts: its own choice
/// (Cashflows publishes none for the integration environment).
const CARD_CURRENCIES: [&str; 3] = ["GBP", "EUR", "USD"];

/// `GET /api/gateway/supported-payment-methods`: the sandbox supports cards
/// only, whatever the query (its own choice).
pub(crate) async fn supported_payment_methods(
    Query(query): Query<HashMap<String, String>>,
    Signed(_): Signed,
) -> Reply {
    let customer = query.get("customerReference").map_or("", String::as_str);
    forced_status(&endpoints::SUPPORTED_PAYMENT_METHODS, customer)?;
    let card = PaymentMethodInfo {
        payment_method: PaymentMethod::Card,
        logo: None,
        issuer_list: Vec::new(),
        supports_tokenisation: Some(true),
        tokenized_cards: Vec::new(),
        currencies: CARD_CURRENCIES.map(str::to_owned).to_vec(),
        surcharge_amount: None,
        surcharge_amount_excl_vat: None,
        surcharge_amount_vat: None,
        surcharge_vat_percentage: None,
        description: None,
        other: BTreeMap::new(),
    };
    Ok(success(http_statuses::OK, &vec![card], &Links::default()))
}

/// `POST /api/gateway/card-tokenisation`: 201 with a token for a test card
/// (valid CVC length when sent, valid expiry); otherwise 400
/// `PaymentRefused`, the sandbox's own choice (see [`card_refused`]).
pub(crate) async fn tokenise_card(State(app): State<AppState>, Signed(body): Signed) -> Reply {
    let request: CardTokenisationRequest = parse_object(&body)?;
    // Every field the call requires must carry a value, not only be present.
    if request.card_holder_name.trim().is_empty() {
        return Err(GatewayRefusal::Malformed);
    }
    forced_status(&endpoints::TOKENISE_CARD, &request.card_holder_name)?;
    let number = request.card_number.as_ref().ok_or_else(card_refused)?;
    let card = outcomes::find_test_card(number.expose()).ok_or_else(card_refused)?;
    if !outcomes::cvc_matches(card, request.card_cvc.expose()) {
        return Err(card_refused());
    }
    let expiry = outcomes::check_expiry(
        &request.card_expiry_month,
        &request.card_expiry_year,
        crate::dates::now().date(),
    );
    if expiry != Expiry::Valid {
        return Err(card_refused());
    }
    let token = app.store().store_token(StoredCard {
        card,
        holder: Some(request.card_holder_name.clone()),
    });
    let tokenised = TokenisedCard {
        token: Some(CardToken::new(token)),
        card_expiry_month: Some(request.card_expiry_month.clone()),
        card_expiry_year: Some(request.card_expiry_year.clone()),
        truncated_card_number: Some(number.masked()),
        other: BTreeMap::new(),
    };
    Ok(success(
        http_statuses::CREATED,
        &tokenised,
        &Links::default(),
    ))
}

/// Any other path: 404 in the Gateway's envelope.
pub(crate) async fn not_found() -> Response {
    GatewayRefusal::NotFound.into_response()
}

/// A model's reference, which the sandbox always sets.
fn reference(reference: &Option<cashflows::Reference>) -> &str {
    reference.as_ref().map_or("", cashflows::Reference::as_str)
}

fn job_link(app: &AppState, job: &str) -> cashflows::models::Link {
    link(
        format!(
            "{}{}",
            app.base_url(),
            retrieve_payment_job_path(job).unwrap_or_default()
        ),
        JOB_LINK_TYPE,
    )
}

fn payment_link(app: &AppState, job: &str, payment: &str) -> cashflows::models::Link {
    link(
        format!(
            "{}{}",
            app.base_url(),
            retrieve_payment_path(job, payment).unwrap_or_default()
        ),
        PAYMENT_LINK_TYPE,
    )
}

fn data_links(data: cashflows::models::Link) -> Links {
    Links {
        data: Some(data),
        ..Links::default()
    }
}

/// A body whose fields are all optional: an empty body reads as `{}`.
fn parse_optional<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, GatewayRefusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    parse_object(body)
}

/// A request body: a JSON object, read into the model. Only an object is a
/// request: serde would read an array (`[]`, `["10.00", true]`) field by
/// field, in the model's order, and `[]` as "every field left out".
pub(crate) fn parse_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, GatewayRefusal> {
    let starts_an_object = body
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| *byte == b'{');
    if !starts_an_object {
        return Err(GatewayRefusal::Malformed);
    }
    serde_json::from_slice(body).map_err(|_| GatewayRefusal::Malformed)
}

/// Reads a create request with its keys in any letter case: the models
/// already accept camelCase and PascalCase; other spellings (`CARDNUMBER`,
/// `cardnumber`) are mapped to the model's own names first.
fn parse_create_request(body: &[u8]) -> Result<CreatePaymentJobRequest, GatewayRefusal> {
    let mut value: Value = parse_object(body)?;
    canonical_keys::<CreatePaymentJobRequest>(&mut value);
    if let Some(object) = value.as_object_mut() {
        for (key, parameters) in object.iter_mut() {
            if key.eq_ignore_ascii_case("parameters") {
                canonical_keys::<PaymentJobParameters>(parameters);
            }
        }
    }
    serde_json::from_value(value).map_err(|_| GatewayRefusal::Malformed)
}

/// Renames the keys of a JSON object that match one of `T`'s keys but for
/// letter case to that key: the Gateway reads keys without regard to case.
fn canonical_keys<T: WireFields>(value: &mut Value) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let renames: Vec<(String, &str)> = object
        .keys()
        .filter(|key| !T::WIRE_NAMES.contains(&key.as_str()))
        .filter_map(|key| {
            T::WIRE_NAMES
                .iter()
                .find(|name| name.eq_ignore_ascii_case(key))
                .map(|name| (key.clone(), *name))
        })
        .collect();
    for (from, to) in renames {
        if let Some(field) = object.remove(&from) {
            object.entry(to).or_insert(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_any_case() {
        let body =
            br#"{"CURRENCY":"GBP","PARAMETERS":{"cardnumber":"4000000000000002","CardCvc":"123"}}"#;
        let request = parse_create_request(body).unwrap();
        assert_eq!(request.currency, "GBP");
        let parameters = request.parameters.unwrap();
        assert_eq!(parameters.card_number.unwrap().expose(), "4000000000000002");
        assert_eq!(parameters.card_cvc.unwrap().expose(), "123");
    }
}
