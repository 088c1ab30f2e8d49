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
    check_query(&query)?;
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

/// The query parameters the document types, held to their types: the
/// sandbox ignores them when it answers, but a value that is not of its
/// documented type is a malformed request (400, no error entry: Cashflows
/// publishes no message for it). `collectAmount` is an `Amount`, a plain
/// decimal (`10.00`: digits, at most one point with digits after it; no
/// sign, exponent or spaces); `all` is a boolean, `true` or `false`. An empty
/// value is not either.
fn check_query(query: &HashMap<String, String>) -> Result<(), GatewayRefusal> {
    if query
        .get("collectAmount")
        .is_some_and(|amount| !is_plain_decimal(amount))
    {
        return Err(GatewayRefusal::Malformed(
            "collectAmount is not a plain decimal amount",
        ));
    }
    if query
        .get("all")
        .is_some_and(|all| !matches!(all.as_str(), "true" | "false"))
    {
        return Err(GatewayRefusal::Malformed("all is not true or false"));
    }
    Ok(())
}

/// Whether `text` is digits, optionally followed by a point and more
/// digits: the form of an `Amount` in the document (`^[0-9]+(\.[0-9]+)?$`).
fn is_plain_decimal(text: &str) -> bool {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
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
