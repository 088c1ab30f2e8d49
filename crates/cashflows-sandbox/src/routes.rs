//! The sandbox's routes: one per Gateway endpoint of the client's table, at
//! the endpoint's own method and path, and Remote Auth at its documented
//! path. A test checks that every endpoint of the spec has one.

use std::collections::BTreeMap;

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter, on, post};
use cashflows::endpoints::{self, Endpoint, Method};
use cashflows::environments::REMOTE_AUTH_PATH;

use crate::server::AppState;
use crate::{handlers, remote_auth};

/// The handler of each Gateway endpoint, at the endpoint's method.
pub(crate) fn gateway_routes() -> Vec<(&'static Endpoint, MethodRouter<AppState>)> {
    vec![
        serve(&endpoints::CREATE_PAYMENT_JOB, handlers::create_payment_job),
        serve(
            &endpoints::RETRIEVE_PAYMENT_JOB,
            handlers::retrieve_payment_job,
        ),
        serve(&endpoints::CANCEL_PAYMENT_JOB, handlers::cancel_payment_job),
        serve(&endpoints::RETRIEVE_PAYMENT, handlers::retrieve_payment),
        serve(&endpoints::CANCEL_PAYMENT, handlers::cancel_payment),
        serve(&endpoints::CAPTURE_PAYMENT, handlers::capture_payment),
        serve(&endpoints::REFUND_PAYMENT, handlers::refund_payment),
        serve(
            &endpoints::SUPPORTED_PAYMENT_METHODS,
            handlers::supported_payment_methods,
        ),
        serve(&endpoints::TOKENISE_CARD, handlers::tokenise_card),
        serve(&endpoints::ORDER_EXISTS, handlers::order_exists),
        serve(
            &endpoints::CREATE_PAYMENT_INTENT,
            handlers::create_payment_intent,
        ),
    ]
}

/// Every Gateway endpoint, and Remote Auth at its documented path. Routes
/// that share a path (different methods) are merged.
pub(crate) fn router() -> Router<AppState> {
    let mut by_path: BTreeMap<&str, MethodRouter<AppState>> = BTreeMap::new();
    for (endpoint, route) in gateway_routes() {
        let merged = match by_path.remove(endpoint.path_template) {
            Some(existing) => existing.merge(route),
            None => route,
        };
        by_path.insert(endpoint.path_template, merged);
    }
    let router = by_path
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(path, route)
        });
    router.route(REMOTE_AUTH_PATH, post(remote_auth::handle))
}

/// `handler` at `endpoint`'s method (the path templates use axum's own
/// `{name}` placeholder syntax).
fn serve<H, T>(
    endpoint: &'static Endpoint,
    handler: H,
) -> (&'static Endpoint, MethodRouter<AppState>)
where
    H: Handler<T, AppState>,
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
}
