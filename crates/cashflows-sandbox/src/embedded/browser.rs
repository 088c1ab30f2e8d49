//! The browser's calls of embedded checkout: read an intent, pay it, list
//! and forget the shopper's stored cards. Answers use the Gateway's
//! envelope.

use axum::body::Bytes;
use axum::extract::{Path, State};
use cashflows::models::Links;
use cashflows::{GatewayErrorCode, http_statuses};
use serde::{Deserialize, Serialize};

use super::intent_view::IntentView;
use crate::app::App;
use crate::engine::limits::BROWSER_BODY_LIMIT;
use crate::engine::{IntentCard, IntentStep, ShopperCard};
use crate::gateway::{GatewayRefusal, Reply, challenge_link, parse_object, success};

/// Where the browser's calls live: `{base}/api/gateway/payment-intents/{token}…`.
pub(super) const INTENTS_PATH: &str = "/api/gateway/payment-intents";

/// The most preparation ids a payment may name: the library sends four.
const PREPARATION_IDS_LIMIT: usize = 16;

/// `GET …/{token}`: the intent as the shopper's browser reads it.
pub(crate) async fn intent(State(app): State<App>, Path(token): Path<String>) -> Reply {
    let job = app.store().intent_job(&token)?;
    Ok(success(
        http_statuses::OK,
        &IntentView::of(&job),
        &Links::default(),
    ))
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
pub(crate) async fn pay(State(app): State<App>, Path(token): Path<String>, body: Bytes) -> Reply {
    if body.len() > BROWSER_BODY_LIMIT {
        return Err(GatewayRefusal::TooLarge);
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
        _ => {
            return Err(GatewayRefusal::Malformed(
                "not one card: preparation ids or a stored card",
            ));
        }
    };
    let paid = app.store().pay_intent(&token, &card)?;
    let view = IntentView::of(&paid.job);
    let links = match &paid.step {
        IntentStep::Authorised => Links::default(),
        IntentStep::Challenge(payment) => Links {
            action: Some(challenge_link(&app, view.job_reference(), payment)),
            ..Links::default()
        },
        // As a direct card payment whose authentication fails: 400 with the
        // failed job's intent in `data`.
        IntentStep::AuthenticationFailed => {
            return Err(GatewayRefusal::documented_with_data(
                GatewayErrorCode::ThreeDSecureFailed,
                serde_json::to_value(&view).ok(),
            ));
        }
    };
    Ok(success(http_statuses::OK, &view, &links))
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
pub(crate) async fn stored_cards(State(app): State<App>, Path(token): Path<String>) -> Reply {
    let cards = app.store().stored_cards(&token)?;
    let listed: Vec<ListedCard> = cards.iter().map(ListedCard::of).collect();
    Ok(success(http_statuses::OK, &listed, &Links::default()))
}

/// `DELETE …/{token}/stored-cards/{encryptedCardData}`: 200 with no data,
/// 404 when the shopper has no such card.
pub(crate) async fn delete_stored_card(
    State(app): State<App>,
    Path((token, card)): Path<(String, String)>,
) -> Reply {
    app.store().delete_stored_card(&token, &card)?;
    Ok(success(
        http_statuses::OK,
        &serde_json::Value::Null,
        &Links::default(),
    ))
}
