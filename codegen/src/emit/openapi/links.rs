//! OpenAPI links from the create answer to the calls on what it created,
//! so a tool (Schemathesis' stateful phase) can chain create → retrieve,
//! cancel, capture, refund without knowing the API.

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

/// The links of `endpoint`'s success answer: for a create answering a
/// payment job, one per call whose path needs only references it holds.
pub fn from(model: &Model, endpoint: &Endpoint) -> Option<Json> {
    let creates_a_job = endpoint.method.wire == "POST"
        && endpoint.path_params.is_empty()
        && endpoint.response == Some(TypeRef::Named("PaymentJob".into()));
    if !creates_a_job {
        return None;
    }
    let mut links = Json::object();
    for target in &model.endpoints.list {
        let needs: Vec<&str> = target.path_params.iter().map(|p| p.wire.as_str()).collect();
        let all_known = needs
            .iter()
            .all(|name| FROM_A_JOB.iter().any(|(known, _)| known == name));
        if needs.is_empty() || !all_known {
            continue;
        }
        let parameters = FROM_A_JOB
            .iter()
            .filter(|(name, _)| needs.contains(name))
            .map(|(name, expression)| ((*name).to_owned(), Json::from(*expression)));
        let link = Json::object()
            .with("operationId", target.name.as_str())
            .with("parameters", Json::Object(parameters.collect()))
            .with(
                "description",
                format!(
                    "{} The references come from the create's answer.",
                    target.summary
                ),
            );
        links.set(&target.name, link);
    }
    Some(links)
}
