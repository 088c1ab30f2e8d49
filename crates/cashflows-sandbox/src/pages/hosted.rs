//! The hosted payment page: a card form that works without JavaScript, and
//! its cancel link.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use serde::Deserialize;

use super::responses::{back_to_shop, html, layout, page_error, path_segment, redirect};
use crate::app::App;
use crate::engine::{CardEntry, PageError, PageOutcome, ShopperView};
use crate::paths::{HOSTED_PAGE_PATH, THREE_D_SECURE_PATH};

/// The card form as the browser posts it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct CardForm {
    card_number: String,
    card_expiry_month: String,
    card_expiry_year: String,
    card_cvc: String,
    card_holder_name: String,
}

impl From<CardForm> for CardEntry {
    fn from(form: CardForm) -> Self {
        CardEntry {
            card_number: form.card_number,
            card_expiry_month: form.card_expiry_month,
            card_expiry_year: form.card_expiry_year,
            card_cvc: form.card_cvc,
            card_holder_name: form.card_holder_name,
        }
    }
}

/// `GET /sandbox/pay/{job}`: the card form.
pub(crate) async fn hosted_page(State(app): State<App>, Path(job): Path<String>) -> Response {
    let view = app.store().shopper_view(&job);
    match view {
        Ok(view) if view.payable => html(StatusCode::OK, &card_form(&job, &view, None)),
        Ok(_) => page_error(PageError::Conflict),
        Err(error) => page_error(error),
    }
}

/// `POST /sandbox/pay/{job}`: pays with the card typed; then the challenge
/// page, or back to the shop.
pub(crate) async fn pay(
    State(app): State<App>,
    Path(job): Path<String>,
    Form(card): Form<CardForm>,
) -> Response {
    let paid = app.store().pay_on_hosted_page(&job, &card.into());
    let outcome = match paid {
        Ok(outcome) => outcome,
        Err(error) => return page_error(error),
    };
    let Ok(view) = app.store().shopper_view(&job) else {
        return page_error(PageError::NotFound);
    };
    match outcome {
        PageOutcome::Refused(reason) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            &card_form(&job, &view, Some(reason)),
        ),
        PageOutcome::Challenge(payment) => redirect(&format!(
            "{THREE_D_SECURE_PATH}/{}/{}",
            path_segment(&job),
            path_segment(payment.as_str())
        )),
        PageOutcome::Authorised(payment) => back_to_shop(
            view.return_url_success.as_deref(),
            &view,
            &job,
            Some(payment.as_str()),
            "Payment authorised.",
        ),
        PageOutcome::Failed(payment) => back_to_shop(
            view.return_url_failed.as_deref(),
            &view,
            &job,
            Some(payment.as_str()),
            "Payment failed: 3-D Secure authentication failed.",
        ),
    }
}

/// `GET /sandbox/pay/{job}/cancel`: the shopper gives up; the job is
/// cancelled and the shopper goes to the cancelled URL.
pub(crate) async fn cancel(State(app): State<App>, Path(job): Path<String>) -> Response {
    let cancelled = app.store().cancel_on_hosted_page(&job);
    if let Err(error) = cancelled {
        return page_error(error);
    }
    let Ok(view) = app.store().shopper_view(&job) else {
        return page_error(PageError::NotFound);
    };
    back_to_shop(
        view.return_url_cancelled.as_deref(),
        &view,
        &job,
        None,
        "Payment cancelled.",
    )
}

fn card_form(job: &str, view: &ShopperView, error: Option<&str>) -> String {
    let action = format!("{HOSTED_PAGE_PATH}/{}", path_segment(job));
    let amount = view
        .amount
        .map(|amount| amount.to_string())
        .unwrap_or_default();
    let order = view
        .order_number
        .as_deref()
        .map(|order| format!("<p>Order <span id=\"order\">{}</span></p>", text(order)))
        .unwrap_or_default();
    let error = error
        .map(|reason| format!("<p class=\"error\" role=\"alert\">{}</p>", text(reason)))
        .unwrap_or_default();
    let field = |id: &str, label: &str, extra: &str| {
        format!("<label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{id}\" {extra}>")
    };
    let body = format!(
        "<h1>Pay <span id=\"amount\">{amount}</span> {currency}</h1>{order}{error}\
         <form method=\"post\" action=\"{action}\">\
         {number}{month}{year}{cvc}{holder}\
         <button type=\"submit\">Pay</button></form>\
         <p><a id=\"cancel\" href=\"{action}/cancel\">Cancel and return to the shop</a></p>",
        amount = text(&amount),
        currency = text(&view.currency),
        action = attribute(&action),
        number = field(
            "cardNumber",
            "Card number",
            "inputmode=\"numeric\" autocomplete=\"cc-number\" required"
        ),
        month = field(
            "cardExpiryMonth",
            "Expiry month (MM)",
            "inputmode=\"numeric\" autocomplete=\"cc-exp-month\" maxlength=\"2\" required"
        ),
        year = field(
            "cardExpiryYear",
            "Expiry year (YY)",
            "inputmode=\"numeric\" autocomplete=\"cc-exp-year\" maxlength=\"4\" required"
        ),
        cvc = field(
            "cardCvc",
            "Security code (CVC)",
            "inputmode=\"numeric\" autocomplete=\"cc-csc\" maxlength=\"4\" required"
        ),
        holder = field(
            "cardHolderName",
            "Card holder name",
            "autocomplete=\"cc-name\""
        ),
    );
    layout("Pay", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_values_are_escaped() {
        let view = ShopperView {
            payable: true,
            amount: None,
            currency: "<b>GBP</b>".to_owned(),
            order_number: Some("\"><script>alert(1)</script>".to_owned()),
            status: None,
            return_url_success: None,
            return_url_failed: None,
            return_url_cancelled: None,
        };
        let page = card_form("1", &view, Some("<i>no</i>"));
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("<b>GBP"), "{page}");
        assert!(!page.contains("<i>no"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
    }
}
