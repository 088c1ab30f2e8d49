//! What the shopper's pages answer with: whole pages, redirects, the way
//! back to the shop, and the error pages.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cashflows::GatewayErrorCode;
use cashflows::return_url;
use html_escape::encode_text as text;

use crate::engine::{PageError, ShopperView};

/// A redirect (303) to the return URL with the documented parameters, or
/// a short result page when the job has none. Opened inside a frame (the
/// 3-D Secure dialog of embedded checkout, whose jobs have no return URLs),
/// the result page tells its parent window `{event: 'update'}`, the message
/// Cashflows' library waits for to read the intent again.
pub(crate) fn back_to_shop(
    url: Option<&str>,
    view: &ShopperView,
    job: &str,
    payment: Option<&str>,
    message: &str,
) -> Response {
    let status = view.status.as_ref().map_or("", |status| status.as_str());
    let target = url
        .and_then(|url| url::Url::parse(url).ok())
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

pub(crate) fn redirect(location: &str) -> Response {
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
pub(crate) fn path_segment(reference: &str) -> String {
    url::Url::parse("http://sandbox/")
        .ok()
        .and_then(|mut url| {
            url.path_segments_mut().ok()?.push(reference);
            Some(url.path().trim_start_matches('/').to_owned())
        })
        .unwrap_or_default()
}

/// An error page.
pub(crate) fn page_error(error: PageError) -> Response {
    let (status, message) = match error {
        PageError::Expired => (StatusCode::GONE, "The payment job has expired."),
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
}
