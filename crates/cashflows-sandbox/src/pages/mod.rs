//! The shopper's pages: the hosted payment page (a card form that works
//! without JavaScript), the 3-D Secure challenge page, the cancel link, and
//! the redirects back to the job's return URLs with the documented `status`,
//! `paymentjobref`, `paymentref` and `ordernumber`. Every value shown is
//! escaped. The pages are the sandbox's own: Cashflows' real pages differ.
//!
//! The challenge page is also where embedded checkout's 3-D Secure step
//! goes (inside the library's dialog); see [`back_to_shop`](responses::back_to_shop).
//!
//! Without a browser, a test completes them with plain form posts: the
//! hosted page takes `cardNumber`, `cardExpiryMonth`, `cardExpiryYear`,
//! `cardCvc` and `cardHolderName`; the challenge page takes `result` =
//! `pass` or `fail`.

mod challenge;
mod hosted;
mod responses;

use axum::Router;
use axum::routing::get;

use crate::app::App;
use crate::paths::{HOSTED_PAGE_PATH, THREE_D_SECURE_PATH};

pub(crate) use self::responses::{html, layout};

/// The hosted page, its cancel link, and the 3-D Secure page.
pub(crate) fn router() -> Router<App> {
    Router::new()
        .route(
            &format!("{THREE_D_SECURE_PATH}/{{paymentJobReference}}/{{paymentReference}}"),
            get(challenge::challenge_page).post(challenge::answer_challenge),
        )
        .route(
            &format!("{HOSTED_PAGE_PATH}/{{paymentJobReference}}"),
            get(hosted::hosted_page).post(hosted::pay),
        )
        .route(
            &format!("{HOSTED_PAGE_PATH}/{{paymentJobReference}}/cancel"),
            get(hosted::cancel),
        )
}
