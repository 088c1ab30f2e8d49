//! The Remote Auth adapter: a form POST (`application/x-www-form-urlencoded`)
//! at the documented path, answered with one `text/plain` line of
//! `|`-separated fields: `status|transaction_id|check digits|code|message`.
//! What each request gets is the engine's decision (its choices are listed
//! there); a body that is not a form is declined Vx26, as the engine says.

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use cashflows::AcquirerClass;
use cashflows::environments::REMOTE_AUTH_PATH;
use cashflows::remote_auth::REPLY_SEPARATOR;

use crate::app::App;
use crate::engine::{RemoteAuthFields, RemoteAuthReply};
use crate::journal::RefusalReason;

/// Remote Auth at its documented path.
pub(crate) fn router() -> Router<App> {
    Router::new().route(REMOTE_AUTH_PATH, post(handle))
}

/// `POST /gateway/remote_auth`: always 200, the reply line telling the
/// outcome. A decline also tells the log why, in the reply's own words
/// (the acquirer table's reason: "Invalid merchant details", …).
async fn handle(
    State(app): State<App>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let reply = match form {
        Ok(Form(fields)) => app.store().answer_remote_auth(&RemoteAuthFields(fields)),
        Err(_) => app.store().undecodable_remote_auth(),
    };
    let mut response = (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        reply_line(&reply),
    )
        .into_response();
    if reply.status != AcquirerClass::Authorised.letter() {
        response
            .extensions_mut()
            .insert(RefusalReason(reply.message));
    }
    response
}

/// The reply as one line.
fn reply_line(reply: &RemoteAuthReply) -> String {
    let checks: String = reply.checks.iter().map(|check| check.digit()).collect();
    let separator = REPLY_SEPARATOR;
    format!(
        "{}{separator}{}{separator}{checks}{separator}{}{separator}{}",
        reply.status, reply.transaction_id, reply.code, reply.message
    )
}
