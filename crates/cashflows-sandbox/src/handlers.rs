//! The Gateway's handlers (one per generated route, named after its
//! endpoint) and the sandbox's own browser pages.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cashflows::endpoints::{retrieve_payment_job_path, retrieve_payment_path};
use cashflows::models::{
    CapturePaymentRequest, CardTokenisationRequest, CreatePaymentJobRequest, Links,
    PaymentJobParameters, PaymentMethod, PaymentMethodInfo, RefundPaymentRequest, TokenisedCard,
};
use cashflows::{GatewayErrorCode, http_statuses};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::Value;

use crate::auth::Signed;
use crate::errors::{ACTION_LINK_TYPE, ApiError, JOB_LINK_TYPE, PAYMENT_LINK_TYPE, link, success};
use crate::outcomes::{self, Expiry};
use crate::server::AppState;
use crate::state::{PageError, StoredCard, UtcTime};
use crate::webhooks;

/// What a Gateway handler answers.
type Reply = Result<Response, ApiError>;

/// `POST /api/gateway/payment-jobs`: 201 with the job. With card data the
/// job is paid at once, waits for its 3-D Secure step (`links.action`), or
/// fails (400, `ThreeDSecureFailed`, the failed job in `data`). Without card
/// data the job waits on the hosted page (`links.action`).
pub(crate) async fn create_payment_job(State(app): State<AppState>, Signed(body): Signed) -> Reply {
    let request = parse_create_request(&body)?;
    let created = app.store().create_job(
        &app.config().configuration_id,
        app.base_url(),
        request,
        UtcTime::now(),
    )?;
    webhooks::dispatch(&app, created.changes);
    let links = Links {
        data: Some(job_link(&app, created.job.reference.as_str())),
        action: created.action_url.map(|url| link(url, ACTION_LINK_TYPE)),
        documentation: None,
    };
    if created.failed {
        return Err(ApiError::refused_with(
            GatewayErrorCode::ThreeDSecureFailed,
            serde_json::to_value(&created.job).ok(),
            links,
        ));
    }
    Ok(success(http_statuses::CREATED, &created.job, &links))
}

/// `GET /api/gateway/payment-jobs/{paymentJobReference}`.
pub(crate) async fn retrieve_payment_job(
    State(app): State<AppState>,
    Path(job): Path<String>,
    Signed(_): Signed,
) -> Reply {
    let found = app.store().payment_job(&job).ok_or(ApiError::NotFound)?;
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
    let (cancelled, changes) = app.store().cancel_job(&job, UtcTime::now())?;
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
    let (cancelled, changes) = app.store().cancel_payment(&job, &payment, UtcTime::now())?;
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
    let request: CapturePaymentRequest = parse_optional(&body)?;
    let (capture, changes) = app
        .store()
        .capture(&job, &payment, &request, UtcTime::now())?;
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
    let request: RefundPaymentRequest = parse_optional(&body)?;
    let (refund, changes) = app
        .store()
        .refund(&job, &payment, &request, UtcTime::now())?;
    webhooks::dispatch(&app, changes);
    let links = data_links(payment_link(&app, &job, &payment));
    Ok(success(http_statuses::CREATED, &refund, &links))
}

/// The key of the one field the sandbox writes in each supported payment
/// method. `PaymentMethodInfo`'s fields are not published: this name is the
/// sandbox's own choice.
const PAYMENT_METHOD_KEY: &str = "paymentMethod";

/// `GET /api/gateway/supported-payment-methods`: the sandbox supports cards
/// only, whatever the query, and answers `[{"paymentMethod": "Card"}]` (its
/// own choice of shape; Cashflows does not publish it).
pub(crate) async fn supported_payment_methods(Signed(_): Signed) -> Reply {
    let card = PaymentMethodInfo {
        other: BTreeMap::from([(
            PAYMENT_METHOD_KEY.to_owned(),
            Value::String(PaymentMethod::Card.as_str().to_owned()),
        )]),
    };
    Ok(success(http_statuses::OK, &vec![card], &Links::default()))
}

/// `POST /api/gateway/card-tokenisation`: 201 with a token for a test card
/// (valid CVC length when sent, valid expiry); `PaymentRefused` otherwise.
pub(crate) async fn tokenise_card(State(app): State<AppState>, Signed(body): Signed) -> Reply {
    let request: CardTokenisationRequest =
        serde_json::from_slice(&body).map_err(|_| ApiError::Malformed)?;
    let refused = || ApiError::refused(GatewayErrorCode::PaymentRefused);
    let card = outcomes::find_test_card(request.card_number.expose()).ok_or_else(refused)?;
    if let Some(cvc) = &request.card_cvc {
        if !outcomes::cvc_matches(card, cvc.expose()) {
            return Err(refused());
        }
    }
    let expiry = outcomes::check_expiry(
        &request.card_expiry_month,
        &request.card_expiry_year,
        &UtcTime::now(),
    );
    if expiry != Expiry::Valid {
        return Err(refused());
    }
    let token = app.store().store_token(StoredCard {
        card,
        holder: request.card_holder_name.clone(),
    });
    let tokenised = TokenisedCard {
        token,
        truncated_card_number: Some(request.card_number.masked()),
        other: BTreeMap::new(),
    };
    Ok(success(
        http_statuses::CREATED,
        &tokenised,
        &Links::default(),
    ))
}

/// `GET /sandbox/3ds/{paymentJobReference}/{paymentReference}` (sandbox
/// only; not signed: the shopper's browser calls it): completes a challenged
/// payment's 3-D Secure step. The payment becomes Paid (Reserved with
/// `SimulatedStatus: Reserved`); the answer redirects (303) to
/// `ReturnUrlSuccess` when the job has one, else is a short text.
pub(crate) async fn complete_three_d_secure(
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
) -> Response {
    let completed = app
        .store()
        .complete_authentication(&job, &payment, UtcTime::now());
    match completed {
        Ok(changes) => {
            webhooks::dispatch(&app, changes);
            let return_url = app
                .store()
                .record(&job)
                .and_then(|record| record.return_url_success.clone());
            page(return_url, "3-D Secure authentication completed.")
        }
        Err(error) => page_error(error),
    }
}

/// `GET /sandbox/pay/{paymentJobReference}[?cardHolderName=…]` (sandbox only;
/// not signed): stands in for the hosted payment page and pays a pending
/// job with a card. The holder name picks the 3-D Secure outcome as for a
/// direct card payment (a challenge is answered at once; no name is
/// "Luke Skywalker"). Redirects (303) to `ReturnUrlSuccess` or
/// `ReturnUrlFailed` when the job has them, else answers a short text.
pub(crate) async fn hosted_payment_page(
    State(app): State<AppState>,
    Path(job): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let holder = query.get("cardHolderName").map(String::as_str);
    let paid = app.store().pay_on_hosted_page(&job, holder, UtcTime::now());
    match paid {
        Ok((paid, changes)) => {
            webhooks::dispatch(&app, changes);
            let store = app.store();
            let record = store.record(&job);
            if paid {
                let url = record.and_then(|record| record.return_url_success.clone());
                page(url, "Payment authorised.")
            } else {
                let url = record.and_then(|record| record.return_url_failed.clone());
                page(url, "Payment failed: 3-D Secure authentication failed.")
            }
        }
        Err(error) => page_error(error),
    }
}

/// Any other path: 404 in the Gateway's envelope.
pub(crate) async fn not_found() -> Response {
    ApiError::NotFound.into_response()
}

/// A browser page's answer: a redirect to `return_url`, or a short text.
fn page(return_url: Option<String>, text: &'static str) -> Response {
    match return_url.and_then(|url| HeaderValue::from_str(&url).ok()) {
        Some(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        None => text_page(StatusCode::OK, text),
    }
}

fn page_error(error: PageError) -> Response {
    match error {
        PageError::NotFound => text_page(StatusCode::NOT_FOUND, "No such payment job or payment."),
        PageError::Conflict => text_page(
            StatusCode::CONFLICT,
            "The payment job or payment is not waiting for this step.",
        ),
    }
}

fn text_page(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        text,
    )
        .into_response()
}

fn job_link(app: &AppState, job: &str) -> cashflows::models::Link {
    link(
        format!("{}{}", app.base_url(), retrieve_payment_job_path(job)),
        JOB_LINK_TYPE,
    )
}

fn payment_link(app: &AppState, job: &str, payment: &str) -> cashflows::models::Link {
    link(
        format!("{}{}", app.base_url(), retrieve_payment_path(job, payment)),
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
fn parse_optional<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|_| ApiError::Malformed)
}

/// Reads a create request with its keys in any letter case: the models
/// already accept camelCase and PascalCase; other spellings (`CARDNUMBER`,
/// `cardnumber`) are mapped to the model's own names first.
fn parse_create_request(body: &[u8]) -> Result<CreatePaymentJobRequest, ApiError> {
    let mut value: Value = serde_json::from_slice(body).map_err(|_| ApiError::Malformed)?;
    canonical_keys::<CreatePaymentJobRequest>(&mut value);
    if let Some(object) = value.as_object_mut() {
        for (key, parameters) in object.iter_mut() {
            if key.eq_ignore_ascii_case("parameters") {
                canonical_keys::<PaymentJobParameters>(parameters);
            }
        }
    }
    serde_json::from_value(value).map_err(|_| ApiError::Malformed)
}

/// Renames the keys of a JSON object that match one of `T`'s field names
/// but for letter case to that name.
fn canonical_keys<T: DeserializeOwned>(value: &mut Value) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let names = field_names::<T>();
    let renames: Vec<(String, &str)> = object
        .keys()
        .filter(|key| !names.contains(&key.as_str()))
        .filter_map(|key| {
            names
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

/// The field names a derived `Deserialize` struct accepts, read from the
/// `fields` it hands its deserializer (so the sandbox never retypes them).
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut found = None;
    let _ = T::deserialize(FieldProbe(&mut found));
    found.unwrap_or(&[])
}

/// A deserializer that records the field list of the struct asked of it
/// and fails.
struct FieldProbe<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("field probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("field probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
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
