//! OpenAPI links from the create answer to the calls on what it created,
//! so a tool (Schemathesis' stateful phase) can chain create → retrieve,
//! cancel, capture, refund without knowing the API, and from an intent's
//! create to the browser calls that use its token.

use crate::json::Json;
use crate::model::{Endpoint, Model};
use crate::types::TypeRef;

/// Where a created job's answer holds each reference a later call's path
/// needs: the `reference` of the `PaymentJob` in `data`, and of its first
/// payment.
const FROM_A_JOB: [(&str, &str); 2] = [
    ("paymentJobReference", "$response.body#/data/reference"),
    (
        "paymentReference",
        "$response.body#/data/payments/0/reference",
    ),
];

/// Where a created payment intent's answer holds the token the browser
/// calls' paths need.
const FROM_AN_INTENT: [(&str, &str); 1] = [("token", "$response.body#/data/token")];

/// The links of `endpoint`'s success answer: for a create answering a
/// payment job, one per call whose path needs only references it holds; for
/// the create of a payment intent, one per browser call whose path needs
/// only the token.
pub fn from(model: &Model, endpoint: &Endpoint) -> Option<Json> {
    if endpoint.method.wire == "POST"
        && endpoint.path_params.is_empty()
        && endpoint.response == Some(TypeRef::Named("PaymentIntent".into()))
    {
        return Some(from_an_intent(model));
    }
    let creates_a_job = endpoint.method.wire == "POST"
        && endpoint.path_params.is_empty()
        && endpoint.response == Some(TypeRef::Named("PaymentJob".into()));
    if !creates_a_job {
        return None;
    }
    let mut links = Json::object();
    for target in &model.endpoints.list {
        let needs = target.path_params.iter().map(|p| p.wire.as_str()).collect();
        let whence = "The references come from the create's answer.";
        if let Some(link) = link(&target.name, &target.summary, needs, &FROM_A_JOB, whence) {
            links.set(&target.name, link);
        }
    }
    Some(links)
}

/// Links from a created intent to the browser calls on it.
fn from_an_intent(model: &Model) -> Json {
    let mut links = Json::object();
    for target in &model.endpoints.browser_calls {
        let needs = target.path_params.iter().map(|p| p.wire.as_str()).collect();
        let whence =
            "The shopper's browser makes this call with the token from the create's answer.";
        if let Some(link) = link(
            &target.name,
            &target.summary,
            needs,
            &FROM_AN_INTENT,
            whence,
        ) {
            links.set(&target.name, link);
        }
    }
    links
}

/// A link to the call `name`, whose path needs the parameters `needs`,
/// when `known` (each parameter's runtime expression) gives all of them;
/// `None` for a call that needs none, or one the answer cannot give.
fn link(
    name: &str,
    summary: &str,
    needs: Vec<&str>,
    known: &[(&str, &str)],
    whence: &str,
) -> Option<Json> {
    let all_known = needs
        .iter()
        .all(|need| known.iter().any(|(name, _)| name == need));
    if needs.is_empty() || !all_known {
        return None;
    }
    let parameters = known
        .iter()
        .filter(|(name, _)| needs.contains(name))
        .map(|(name, expression)| ((*name).to_owned(), Json::from(*expression)));
    Some(
        Json::object()
            .with("operationId", name)
            .with("parameters", Json::Object(parameters.collect()))
            .with("description", format!("{summary} {whence}")),
    )
}
