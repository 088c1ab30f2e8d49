//! The Gateway's routes: one per endpoint of the client's table, at the
//! endpoint's own method and path, and the Gateway's 404 for any other
//! path. A test checks that every endpoint of the spec has one.

use std::collections::BTreeMap;

use axum::Router;
use axum::handler::Handler;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on};
use cashflows::endpoints::{self, Endpoint, Method};

use super::envelope::GatewayRefusal;
use super::{cards, intents, jobs, payments};
use crate::app::App;

/// The handler of each Gateway endpoint, at the endpoint's method.
pub(crate) fn gateway_routes() -> Vec<(&'static Endpoint, MethodRouter<App>)> {
    vec![
        serve(&endpoints::CREATE_PAYMENT_JOB, jobs::create_payment_job),
        serve(&endpoints::RETRIEVE_PAYMENT_JOB, jobs::retrieve_payment_job),
        serve(&endpoints::CANCEL_PAYMENT_JOB, jobs::cancel_payment_job),
        serve(&endpoints::RETRIEVE_PAYMENT, payments::retrieve_payment),
        serve(&endpoints::CANCEL_PAYMENT, payments::cancel_payment),
        serve(&endpoints::CAPTURE_PAYMENT, payments::capture_payment),
        serve(&endpoints::REFUND_PAYMENT, payments::refund_payment),
        serve(
            &endpoints::SUPPORTED_PAYMENT_METHODS,
            cards::supported_payment_methods,
        ),
        serve(&endpoints::TOKENISE_CARD, cards::tokenise_card),
        serve(&endpoints::ORDER_EXISTS, jobs::order_exists),
        serve(
            &endpoints::CREATE_PAYMENT_INTENT,
            intents::create_payment_intent,
        ),
    ]
}

/// Every Gateway endpoint. Routes that share a path (different methods) are
/// merged.
pub(crate) fn router() -> Router<App> {
    let mut by_path: BTreeMap<&str, MethodRouter<App>> = BTreeMap::new();
    for (endpoint, route) in gateway_routes() {
        let merged = match by_path.remove(endpoint.path_template) {
            Some(existing) => existing.merge(route),
            None => route,
        };
        by_path.insert(endpoint.path_template, merged);
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(path, route)
        })
}

/// Where every Gateway path starts (embedded checkout's browser calls
/// too); a test checks it of every endpoint.
const GATEWAY_PATHS: &str = "/api/gateway/";

/// Whether `path` (as sent, or a route's template) is one of the Gateway's,
/// answered in its envelope.
pub(crate) fn is_gateway_path(path: &str) -> bool {
    path.starts_with(GATEWAY_PATHS)
}

/// Any other path: 404 in the Gateway's envelope.
pub(crate) async fn not_found() -> Response {
    GatewayRefusal::NotFound("no such route").into_response()
}

/// `handler` at `endpoint`'s method (the path templates use axum's own
/// `{name}` placeholder syntax).
fn serve<H, T>(endpoint: &'static Endpoint, handler: H) -> (&'static Endpoint, MethodRouter<App>)
where
    H: Handler<T, App>,
    T: 'static,
{
    (endpoint, on(method_filter(endpoint.method), handler))
}

fn method_filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Head => MethodFilter::HEAD,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Patch => MethodFilter::PATCH,
        Method::Delete => MethodFilter::DELETE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_of_the_spec_has_a_route() {
        let served: Vec<&str> = gateway_routes()
            .iter()
            .map(|(endpoint, _)| endpoint.name)
            .collect();
        let missing: Vec<&str> = endpoints::ALL
            .iter()
            .map(|endpoint| endpoint.name)
            .filter(|name| !served.contains(name))
            .collect();
        assert!(
            missing.is_empty(),
            "the sandbox has no route for these endpoints of the spec: {missing:?}"
        );
    }

    #[test]
    fn every_endpoint_is_a_gateway_path() {
        for endpoint in endpoints::ALL {
            assert!(is_gateway_path(endpoint.path_template), "{}", endpoint.name);
        }
        assert!(!is_gateway_path(cashflows::environments::REMOTE_AUTH_PATH));
    }
}
