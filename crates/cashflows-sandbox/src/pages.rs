//! The shopper's pages: the hosted payment page (a card form that works
//! without JavaScript), the 3-D Secure challenge page, the cancel link, and
//! the redirects back to the job's return URLs with the documented `status`,
//! `paymentjobref`, `paymentref` and `ordernumber`. Every value shown is
//! escaped. The pages are the sandbox's own: Cashflows' real pages differ.
//!
//! The challenge page is also where embedded checkout's 3-D Secure step
//! goes (inside the library's dialog); see [`back_to_shop`].
//!
//! Without a browser, a test completes them with plain form posts: the
//! hosted page takes `cardNumber`, `cardExpiryMonth`, `cardExpiryYear`,
//! `cardCvc` and `cardHolderName`; the challenge page takes `result` =
//! `pass` or `fail`.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cashflows::GatewayErrorCode;
use cashflows::return_url;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use serde::Deserialize;

use crate::server::{AppState, HOSTED_PAGE_PATH, THREE_D_SECURE_PATH};
use crate::state::{CardEntry, PageError, PageOutcome, ShopperView};
use crate::webhooks;

/// `GET /sandbox/pay/{job}`: the card form.
pub(crate) async fn hosted_page(State(app): State<AppState>, Path(job): Path<String>) -> Response {
    let view = app.store().shopper_view(&job, crate::dates::now());
    match view {
        Ok(view) if view.payable => html(StatusCode::OK, &card_form(&job, &view, None)),
        Ok(_) => page_error(&app, PageError::Conflict),
        Err(error) => page_error(&app, error),
    }
}

/// `POST /sandbox/pay/{job}`: pays with the card typed; then the challenge
/// page, or back to the shop.
pub(crate) async fn pay(
    State(app): State<AppState>,
    Path(job): Path<String>,
    Form(card): Form<CardEntry>,
) -> Response {
    let paid = app
        .store()
        .pay_on_hosted_page(&job, &card, crate::dates::now());
    let (outcome, changes) = match paid {
        Ok(paid) => paid,
        Err(error) => return page_error(&app, error),
    };
    webhooks::dispatch(&app, changes);
    let Ok(view) = app.store().shopper_view(&job, crate::dates::now()) else {
        return page_error(&app, PageError::NotFound);
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
pub(crate) async fn cancel(State(app): State<AppState>, Path(job): Path<String>) -> Response {
    let cancelled = app.store().cancel_on_hosted_page(&job, crate::dates::now());
    match cancelled {
        Ok(changes) => webhooks::dispatch(&app, changes),
        Err(error) => return page_error(&app, error),
    }
    let Ok(view) = app.store().shopper_view(&job, crate::dates::now()) else {
        return page_error(&app, PageError::NotFound);
    };
    back_to_shop(
        view.return_url_cancelled.as_deref(),
        &view,
        &job,
        None,
        "Payment cancelled.",
    )
}

/// `GET /sandbox/3ds/{job}/{payment}`: the challenge, to pass or fail.
pub(crate) async fn challenge_page(
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
) -> Response {
    match app.store().shopper_view(&job, crate::dates::now()) {
        Ok(view) => html(StatusCode::OK, &challenge(&job, &payment, &view)),
        Err(error) => page_error(&app, error),
    }
}

/// The challenge page's answer.
#[derive(Debug, Deserialize)]
pub(crate) struct ChallengeAnswer {
    result: String,
}

/// `POST /sandbox/3ds/{job}/{payment}`: `result=pass` authorises the
/// payment, anything else fails it; then back to the shop.
pub(crate) async fn answer_challenge(
    State(app): State<AppState>,
    Path((job, payment)): Path<(String, String)>,
    Form(answer): Form<ChallengeAnswer>,
) -> Response {
    let passed = answer.result == "pass";
    let completed =
        app.store()
            .complete_authentication(&job, &payment, passed, crate::dates::now());
    let changes = match completed {
        Ok((_, changes)) => changes,
        Err(error) => return page_error(&app, error),
    };
    webhooks::dispatch(&app, changes);
    let Ok(view) = app.store().shopper_view(&job, crate::dates::now()) else {
        return page_error(&app, PageError::NotFound);
    };
    if passed {
        back_to_shop(
            view.return_url_success.as_deref(),
            &view,
            &job,
            Some(&payment),
            "3-D Secure authentication completed: payment authorised.",
        )
    } else {
        back_to_shop(
            view.return_url_failed.as_deref(),
            &view,
            &job,
            Some(&payment),
            "Payment failed: 3-D Secure authentication failed.",
        )
    }
}

/// A redirect (303) to the return URL with the documented parameters, or
/// a short result page when the job has none. Opened inside a frame (the
/// 3-D Secure dialog of embedded checkout, whose jobs have no return URLs),
/// the result page tells its parent window `{event: 'update'}`, the message
/// Cashflows' library waits for to read the intent again.
fn back_to_shop(
    url: Option<&str>,
    view: &ShopperView,
    job: &str,
    payment: Option<&str>,
    message: &str,
) -> Response {
    let status = view.status.as_ref().map_or("", |status| status.as_str());
    let target = url
        .and_then(|url| reqwest::Url::parse(url).ok())
        .map(|mut url| {
            {
                let mut query = url.query_pairs_mut();
                query.append_pair(return_url::STATUS, status);
                query.append_pair(return_url::PAYMENTJOBREF, job);
                if let Some(payment) = payment {
                    query.append_pair(return_url::PAYMENTREF, payment);
                }
                if let Some(order) = &view.order_number {
                    query.append_pair(return_url::ORDERNUMBER, order);
                }
            }
            url.to_string()
        });
    match target {
        Some(target) => redirect(&target),
        None => html(
            StatusCode::OK,
            &layout(
                "Payment result",
                &format!(
                    "<h1>{}</h1><p>Status: <strong id=\"status\">{}</strong></p>{UPDATE_PARENT}",
                    text(message),
                    text(status)
                ),
            ),
        ),
    }
}

/// Tells the parent window, when there is one, that the payment changed.
const UPDATE_PARENT: &str = "<script>if (window.parent !== window) \
     { window.parent.postMessage({ event: \"update\" }, \"*\"); }</script>";

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

fn challenge(job: &str, payment: &str, view: &ShopperView) -> String {
    let action = format!(
        "{THREE_D_SECURE_PATH}/{}/{}",
        path_segment(job),
        path_segment(payment)
    );
    let amount = view
        .amount
        .map(|amount| amount.to_string())
        .unwrap_or_default();
    let body = format!(
        "<h1>3-D Secure challenge</h1>\
         <p>Confirm the payment of {amount} {currency}.</p>\
         <form method=\"post\" action=\"{action}\">\
         <button type=\"submit\" name=\"result\" value=\"pass\" id=\"pass\">Authenticate</button> \
         <button type=\"submit\" name=\"result\" value=\"fail\" id=\"fail\">Fail authentication</button>\
         </form>",
        amount = text(&amount),
        currency = text(&view.currency),
        action = attribute(&action),
    );
    layout("3-D Secure challenge", &body)
}

/// A whole page around `body` (already escaped).
pub(crate) fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} \u{2014} Cashflows sandbox</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}}\
         label{{display:block;margin-top:.75rem}}input{{font-size:1rem;padding:.3rem;width:100%;box-sizing:border-box}}\
         button{{margin-top:1rem;font-size:1rem;padding:.5rem 1rem}}.error{{color:#a00}}</style></head>\
         <body><main>{body}<p><small>A local test page of the Cashflows sandbox, \
         not Cashflows' own.</small></p></main></body></html>",
        title = text(title),
    )
}

/// An HTML response.
pub(crate) fn html(status: StatusCode, page: &str) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        page.to_owned(),
    )
        .into_response()
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            &layout("Error", "<h1>The return URL cannot be followed.</h1>"),
        ),
    }
}

/// A reference as one path segment: references the sandbox hands out are
/// digits; anything else a visitor typed is percent-encoded.
fn path_segment(reference: &str) -> String {
    reqwest::Url::parse("http://sandbox/")
        .ok()
        .and_then(|mut url| {
            url.path_segments_mut().ok()?.push(reference);
            Some(url.path().trim_start_matches('/').to_owned())
        })
        .unwrap_or_default()
}

/// An error page; an expiry notifies first.
pub(crate) fn page_error(app: &AppState, error: PageError) -> Response {
    let (status, message) = match error {
        PageError::Expired(changes) => {
            webhooks::dispatch(app, changes);
            (StatusCode::GONE, "The payment job has expired.")
        }
        PageError::NotFound => (StatusCode::NOT_FOUND, "No such payment job or payment."),
        PageError::Conflict => (
            StatusCode::CONFLICT,
            "The payment job or payment is not waiting for this step.",
        ),
        // The Gateway's own words for it; 429 is the sandbox's choice for
        // its page (the hosted page's statuses are not published).
        PageError::TooManyAttempts => (
            StatusCode::TOO_MANY_REQUESTS,
            GatewayErrorCode::TooManyAttempts
                .message()
                .unwrap_or("Too many attempts."),
        ),
    };
    html(
        status,
        &layout("Not available", &format!("<h1>{}</h1>", text(message))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_one_segment() {
        assert_eq!(path_segment("220000000000000001"), "220000000000000001");
        assert_eq!(path_segment("../x"), "..%2Fx");
    }

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
