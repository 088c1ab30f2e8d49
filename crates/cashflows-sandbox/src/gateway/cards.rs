//! The Gateway's card calls: the supported payment methods, and card
//! tokenisation.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use cashflows::endpoints;
use cashflows::http_statuses;
use cashflows::models::{CardTokenisationRequest, Links, PaymentMethod, PaymentMethodInfo};

use super::envelope::{GatewayRefusal, Reply, success};
use super::requests::{forced_status, parse_object};
use super::signature::Signed;
use crate::app::App;

/// The currencies the sandbox's card method accepts: its own choice
/// (Cashflows publishes none for the integration environment).
const CARD_CURRENCIES: [&str; 3] = ["GBP", "EUR", "USD"];

/// `GET /api/gateway/supported-payment-methods`: the sandbox supports cards
/// only, whatever the query (its own choice). With `customerReference`, the
/// card method lists that customer's tokenised cards (`tokenizedCards`), as
/// Cashflows documents.
pub(crate) async fn supported_payment_methods(
    State(app): State<App>,
    Query(query): Query<HashMap<String, String>>,
    Signed(_): Signed,
) -> Reply {
    let customer = query.get("customerReference").map_or("", String::as_str);
    forced_status(&endpoints::SUPPORTED_PAYMENT_METHODS, customer)?;
    let tokenized_cards = if customer.is_empty() {
        Vec::new()
    } else {
        app.store().tokenised_cards(customer)
    };
    let card = PaymentMethodInfo {
        payment_method: PaymentMethod::Card,
        logo: None,
        issuer_list: Vec::new(),
        supports_tokenisation: Some(true),
        tokenized_cards,
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
/// `PaymentRefused`, the sandbox's own choice (see
/// `Refusal::card_refused`).
pub(crate) async fn tokenise_card(State(app): State<App>, Signed(body): Signed) -> Reply {
    let request: CardTokenisationRequest = parse_object(&body)?;
    // Every field the call requires must carry a value, not only be present.
    if request.card_holder_name.trim().is_empty() {
        return Err(GatewayRefusal::Malformed("a required field is blank"));
    }
    forced_status(&endpoints::TOKENISE_CARD, &request.card_holder_name)?;
    let tokenised = app.store().tokenise_card(&request)?;
    Ok(success(
        http_statuses::CREATED,
        &tokenised,
        &Links::default(),
    ))
}
