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
//! - The card field pages the library frames, `/preparations/{uuid}` (see
//!   `card_fields`).
//!
//! The paths and the fields the library reads are observed in its source;
//! statuses the library does not tell apart (200 here), the intent's other
//! fields, where stored cards belong (the order's `customerReference`) and
//! the token's format are the sandbox's own choices.

mod browser;
mod card_fields;
mod cors;
mod intent_view;

use axum::Router;
use axum::middleware;
use axum::routing::{delete, get, post};

use self::browser::INTENTS_PATH;
use self::card_fields::PREPARATIONS_PATH;
use crate::app::App;

/// The browser's calls, with CORS, and the card field pages.
pub(crate) fn router() -> Router<App> {
    let browser_calls = Router::new()
        .route(&format!("{INTENTS_PATH}/{{token}}"), get(browser::intent))
        .route(
            &format!("{INTENTS_PATH}/{{token}}/payments"),
            post(browser::pay),
        )
        .route(
            &format!("{INTENTS_PATH}/{{token}}/stored-cards"),
            get(browser::stored_cards),
        )
        .route(
            &format!("{INTENTS_PATH}/{{token}}/stored-cards/{{card}}"),
            delete(browser::delete_stored_card),
        )
        .layer(middleware::from_fn(cors::cors));
    browser_calls.route(
        &format!("{PREPARATIONS_PATH}/{{preparationId}}"),
        get(card_fields::field_page).post(card_fields::update),
    )
}
