//! The browser side of embedded checkout, as Cashflows' own JavaScript
//! library (`cashflows-clientlib-js` 1.0.51) calls it: unsigned calls
//! authenticated by the intent's token, answered to a page on another
//! origin (CORS).
//!
//! - `GET /api/gateway/payment-intents/{token}`: the intent (404 for an
//!   unknown token; the library then says "Invalid payment intent.").
//! - `POST …/{token}/payments`: `{preparationIds: [uuid…]}` (with
//!   `options: ['StoreCardDetails']`) or `{storedCard: encryptedCardData}`.
//!   `Paid` answers 200; a challenge answers `Pending` with `links.action`
//!   (the sandbox's 3-D Secure page, the same as the hosted flow's); a
//!   failed authentication or a refused card answers 400 with the
//!   documented error.
//! - `GET …/{token}/stored-cards` and `DELETE …/stored-cards/{id}`.
//!
//! The paths and the fields the library reads are observed in its source;
//! statuses the library does not tell apart (200 here), the intent's other
//! fields, where stored cards belong (the order's `customerReference`) and
//! the token's format are the sandbox's own choices.

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::http_statuses;
use cashflows::models::Links;
use serde::{Deserialize, Serialize};

use crate::errors::{ACTION_LINK_TYPE, GatewayRefusal, link, success};
use crate::handlers::parse_object;
use crate::intents::ShopperCard;
use crate::limits::BROWSER_BODY_LIMIT;
use crate::server::{AppState, THREE_D_SECURE_PATH};
use crate::state::IntentCard;
use crate::webhooks;

/// Where the browser's calls live: `{base}/api/gateway/payment-intents/{token}…`.
pub(crate) const INTENTS_PATH: &str = "/api/gateway/payment-intents";

/// The most preparation ids a payment may name: the library sends four.
const PREPARATION_IDS_LIMIT: usize = 16;

type Reply = Result<Response, GatewayRefusal>;

/// `GET …/{token}`: the intent as the shopper's browser reads it.
pub(crate) async fn intent(State(app): State<AppState>, Path(token): Path<String>) -> Reply {
    let (view, changes) = app.store().intent_view(&token, crate::dates::now())?;
    webhooks::dispatch(&app, changes);
    Ok(success(http_statuses::OK, &view, &Links::default()))
}

/// The body of a payment from an intent.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct PaymentFromIntent {
    preparation_ids: Option<Vec<String>>,
    options: Vec<String>,
    stored_card: Option<String>,
}

/// `POST …/{token}/payments`.
pub(crate) async fn pay(
    State(app): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Reply {
    if body.len() > BROWSER_BODY_LIMIT {
        return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    }
    let request: PaymentFromIntent = parse_object(&body)?;
    let card = match (request.preparation_ids, request.stored_card) {
        (Some(preparations), None) if preparations.len() <= PREPARATION_IDS_LIMIT => {
            let store = request
                .options
                .iter()
                .any(|option| option.eq_ignore_ascii_case("StoreCardDetails"));
            IntentCard::Fields {
                preparations,
                store,
            }
        }
        (None, Some(stored)) => IntentCard::Stored(stored),
        _ => return Err(GatewayRefusal::Malformed),
    };
    let (result, changes) = app.store().pay_intent(&token, &card, crate::dates::now());
    webhooks::dispatch(&app, changes);
    let paid = result?;
    let links = match paid.challenge {
        Some(payment) => {
            let url = format!(
                "{}{THREE_D_SECURE_PATH}/{}/{}",
                app.base_url(),
                paid.view.job_reference(),
                payment.as_str()
            );
            Links {
                action: Some(link(url, ACTION_LINK_TYPE)),
                ..Links::default()
            }
        }
        None => Links::default(),
    };
    Ok(success(http_statuses::OK, &paid.view, &links))
}

/// A stored card as the library lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListedCard {
    masked_card_number: String,
    card_expiry_month: String,
    card_expiry_year: String,
    encrypted_card_data: String,
}

impl ListedCard {
    fn of(card: &ShopperCard) -> Self {
        ListedCard {
            masked_card_number: card.masked_number(),
            card_expiry_month: card.expiry_month.clone(),
            card_expiry_year: card.expiry_year.clone(),
            encrypted_card_data: card.id.clone(),
        }
    }
}

/// `GET …/{token}/stored-cards`.
pub(crate) async fn stored_cards(State(app): State<AppState>, Path(token): Path<String>) -> Reply {
    let cards = app.store().stored_cards(&token)?;
    let listed: Vec<ListedCard> = cards.iter().map(ListedCard::of).collect();
    Ok(success(http_statuses::OK, &listed, &Links::default()))
}

/// `DELETE …/{token}/stored-cards/{encryptedCardData}`: 200 with no data,
/// 404 when the shopper has no such card.
pub(crate) async fn delete_stored_card(
    State(app): State<AppState>,
    Path((token, card)): Path<(String, String)>,
) -> Reply {
    app.store().delete_stored_card(&token, &card)?;
    Ok(success(
        http_statuses::OK,
        &serde_json::Value::Null,
        &Links::default(),
    ))
}

/// CORS as a Gateway answers a library running on the shop's origin: any
/// origin may call (the token is the credential; no cookies are involved),
/// with the methods the library uses and a `Content-Type` header. A
/// preflight (`OPTIONS`) is answered here, 204, and goes no further.
pub(crate) async fn cors(request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        (
            header::ACCESS_CONTROL_ALLOW_METHODS,
            "GET, POST, DELETE, OPTIONS",
        ),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "Content-Type, Accept, Accept-Language",
        ),
        (header::ACCESS_CONTROL_MAX_AGE, "600"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
