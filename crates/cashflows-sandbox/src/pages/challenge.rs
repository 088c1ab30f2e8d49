//! The 3-D Secure challenge page: pass or fail, then back to the shop. It
//! is also where embedded checkout's 3-D Secure step goes (inside the
//! library's dialog).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use serde::Deserialize;

use super::responses::{back_to_shop, html, layout, page_error, path_segment};
use crate::app::App;
use crate::engine::{PageError, ShopperView};
use crate::paths::THREE_D_SECURE_PATH;

/// `GET /sandbox/3ds/{job}/{payment}`: the challenge, to pass or fail.
pub(crate) async fn challenge_page(
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
) -> Response {
    match app.store().shopper_view(&job) {
        Ok(view) => html(StatusCode::OK, &challenge(&job, &payment, &view)),
        Err(error) => page_error(error),
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
    State(app): State<App>,
    Path((job, payment)): Path<(String, String)>,
    Form(answer): Form<ChallengeAnswer>,
) -> Response {
    let passed = answer.result == "pass";
    let completed = app.store().complete_authentication(&job, &payment, passed);
    if let Err(error) = completed {
        return page_error(error);
    }
    let Ok(view) = app.store().shopper_view(&job) else {
        return page_error(PageError::NotFound);
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
