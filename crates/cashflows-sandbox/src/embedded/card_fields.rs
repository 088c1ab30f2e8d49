//! The card field pages of embedded checkout: Cashflows' library replaces
//! each card input of the shop's page with an iframe of
//! `{base}preparations/{uuid}?inputtype=cardnumber|cardholdername|cardexpiry|cardcvc`
//! and waits for each to tell it, by `postMessage({event: 'validate',
//! preparationId, valid, message}, '*')` to the parent window, whether its
//! field is valid; a payment then names the preparations' ids.
//!
//! The Gateway's own field pages are not published: these are the
//! sandbox's own. Each is one input; as the shopper types, its script
//! checks the value (a Luhn-valid number of 12 to 19 digits, a name, an
//! `MM/YY` expiry, a 3- or 4-digit code) and posts it to
//! `POST /preparations/{uuid}` as `{"sequence": n, "value": "…"}` (the
//! sandbox's own call), so the payment finds it server-side. Whether the
//! card is one of the test cards is decided by the payment, as on the
//! Gateway, not by the field.
//!
//! Each preparation is opened once: a second `GET` of the same id is
//! refused (409), as is an update after a payment used it.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use html_escape::encode_text as text;
use serde::Deserialize;

use crate::app::App;
use crate::engine::limits::FIELD_UPDATE_LIMIT;
use crate::engine::{FIELD_VALUE_LIMIT, FieldKind, PreparationError};
use crate::pages::{html, layout};

/// Where the field pages live: `{base}/preparations/{uuid}`, as the library
/// builds it from its base URL.
pub(super) const PREPARATIONS_PATH: &str = "/preparations";

/// `GET /preparations/{uuid}?inputtype=…`: the field page.
pub(crate) async fn field_page(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(kind) = query
        .get("inputtype")
        .and_then(|inputtype| FieldKind::parse(inputtype))
    else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "inputtype must be cardnumber, cardholdername, cardexpiry or cardcvc.",
        );
    };
    let opened = app.store().open_card_field(&id, kind);
    match opened {
        Ok(()) => html(StatusCode::OK, &page(&id, kind)),
        Err(error) => preparation_refusal(error),
    }
}

/// A field page's update.
#[derive(Debug, Deserialize)]
struct Update {
    sequence: u64,
    value: String,
}

/// `POST /preparations/{uuid}`: what the shopper typed; 204.
pub(crate) async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if body.len() > FIELD_UPDATE_LIMIT {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let Ok(update) = serde_json::from_slice::<Update>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let updated = app
        .store()
        .update_card_field(&id, update.sequence, &update.value);
    match updated {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => preparation_refusal(error),
    }
}

fn preparation_refusal(error: PreparationError) -> Response {
    match error {
        PreparationError::NotFound => refusal(StatusCode::NOT_FOUND, "No such card field."),
        PreparationError::Conflict => refusal(
            StatusCode::CONFLICT,
            "This card field was opened already, or has paid already.",
        ),
        PreparationError::TooLong => refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The value is longer than any card field holds.",
        ),
    }
}

fn refusal(status: StatusCode, message: &str) -> Response {
    html(
        status,
        &layout("Not available", &format!("<h1>{}</h1>", text(message))),
    )
}

/// The label, input attributes and check of each field.
fn field(kind: FieldKind) -> (&'static str, &'static str) {
    match kind {
        FieldKind::Number => (
            "Card number",
            "inputmode=\"numeric\" autocomplete=\"cc-number\"",
        ),
        FieldKind::HolderName => ("Card holder name", "autocomplete=\"cc-name\""),
        FieldKind::Expiry => (
            "Expiry (MM/YY)",
            "inputmode=\"numeric\" autocomplete=\"cc-exp\" placeholder=\"MM/YY\"",
        ),
        FieldKind::Cvc => (
            "Security code",
            "inputmode=\"numeric\" autocomplete=\"cc-csc\"",
        ),
    }
}

/// The field page: one labelled input and its script. `id` is a UUID and
/// `kind` one of four words, so both are safe inside the script as JSON.
fn page(id: &str, kind: FieldKind) -> String {
    let (label, attributes) = field(kind);
    let id_json = serde_json::to_string(id).unwrap_or_default();
    let kind_json = serde_json::to_string(kind.as_str()).unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{label} \u{2014} Cashflows sandbox</title>\
         <style>body{{margin:0;font-family:system-ui,sans-serif}}\
         label{{position:absolute;left:-10000px}}\
         input{{box-sizing:border-box;width:100%;font-size:1rem;padding:.3rem;border:0}}</style>\
         </head><body><label for=\"value\">{label}</label>\
         <input id=\"value\" name=\"value\" maxlength=\"{FIELD_VALUE_LIMIT}\" {attributes}>\
         <script>\n{script}</script></body></html>",
        label = text(label),
        script = SCRIPT
            .replace("__ID__", &id_json)
            .replace("__KIND__", &kind_json)
            .replace("__PATH__", PREPARATIONS_PATH),
    )
}

/// The field page's script (see the module's documentation).
const SCRIPT: &str = r#"(function () {
  var id = __ID__, kind = __KIND__, endpoint = "__PATH__/" + id;
  var input = document.getElementById("value");
  var sequence = 0;
  function luhn(digits) {
    var sum = 0, double = false;
    for (var i = digits.length - 1; i >= 0; i--) {
      var n = digits.charCodeAt(i) - 48;
      if (double) { n *= 2; if (n > 9) { n -= 9; } }
      sum += n; double = !double;
    }
    return sum % 10 === 0;
  }
  function problem(value) {
    switch (kind) {
      case "cardnumber":
        var digits = value.replace(/\s/g, "");
        return /^\d{12,19}$/.test(digits) && luhn(digits) ? "" : "Enter a valid card number.";
      case "cardholdername":
        return value.trim() ? "" : "Enter the name on the card.";
      case "cardexpiry":
        return /^\s*(0?[1-9]|1[0-2])\s*\/?\s*(\d{2}|\d{4})\s*$/.test(value) ? "" : "Enter the expiry date as MM/YY.";
      default:
        return /^\s*\d{3,4}\s*$/.test(value) ? "" : "Enter the 3 or 4 digit security code.";
    }
  }
  input.addEventListener("input", function () {
    var value = input.value;
    sequence += 1;
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sequence: sequence, value: value })
    });
    var message = problem(value);
    parent.postMessage({ event: "validate", preparationId: id, valid: message === "", message: message }, "*");
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_carries_its_id_and_kind() {
        let page = page("0b6f1c52-3c1e-4a8e-9b7d-2f4a5c6d7e8f", FieldKind::Expiry);
        assert!(page.contains("var id = \"0b6f1c52-3c1e-4a8e-9b7d-2f4a5c6d7e8f\", kind = \"cardexpiry\", endpoint = \"/preparations/\" + id;"));
        assert!(!page.contains("__"));
    }
}
