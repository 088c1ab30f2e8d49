//! The request log as the control surface shows it: method, path, status,
//! the reason of a refusal and the fault injected, never a header or a
//! body (bodies carry card data and the Remote Auth password; headers, the
//! signature). Paths show the references they name, and nothing else a
//! caller put in them: payment-intent tokens, stored cards and card field
//! preparations stay as their route's placeholder.

use serde::Serialize;

use crate::journal::RecordedRequest;

/// The route parameters a path may show as sent: references and order
/// numbers, which are not secrets and say which job a request was about.
const SHOWN_PARAMETERS: [&str; 3] = [
    "{paymentJobReference}",
    "{paymentReference}",
    "{orderNumber}",
];

/// One request of the log, as shown.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShownRequest {
    pub(crate) method: String,
    /// The path without its query; `(no route)` where no route matched.
    pub(crate) path: String,
    pub(crate) status: Option<u16>,
    /// Why it was refused, if it was.
    pub(crate) reason: Option<&'static str>,
    /// The fault injected into it, if any.
    pub(crate) fault: Option<String>,
}

pub(crate) fn shown_requests(requests: &[RecordedRequest]) -> Vec<ShownRequest> {
    requests
        .iter()
        .map(|request| ShownRequest {
            method: request.method.clone(),
            path: shown_path(request.route.as_deref(), &request.path),
            status: request.status,
            reason: request.reason,
            fault: request.fault.clone(),
        })
        .collect()
}

/// `path` with each segment its route template does not allow to show
/// replaced by the template's placeholder.
fn shown_path(route: Option<&str>, path: &str) -> String {
    let Some(route) = route else {
        return "(no route)".to_owned();
    };
    let path = path.split('?').next().unwrap_or_default();
    let sent: Vec<&str> = path.split('/').collect();
    route
        .split('/')
        .enumerate()
        .map(|(index, template)| {
            if template.starts_with('{') && SHOWN_PARAMETERS.contains(&template) {
                sent.get(index).copied().unwrap_or(template)
            } else {
                template
            }
        })
        .collect::<Vec<&str>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_show_references_and_hide_tokens() {
        assert_eq!(
            shown_path(
                Some("/api/gateway/payment-jobs/{paymentJobReference}/payments/{paymentReference}"),
                "/api/gateway/payment-jobs/2201/payments/2202?locale=en_GB"
            ),
            "/api/gateway/payment-jobs/2201/payments/2202"
        );
        assert_eq!(
            shown_path(
                Some("/api/gateway/payment-intents/{token}/stored-cards/{card}"),
                "/api/gateway/payment-intents/secret-token/stored-cards/secret-card"
            ),
            "/api/gateway/payment-intents/{token}/stored-cards/{card}"
        );
        assert_eq!(shown_path(None, "/4111111111111111"), "(no route)");
    }
}
