//! Who may use the control surface, checked before any of its handlers
//! runs. It can empty the sandbox and replace its state, so:
//!
//! - without a control token, only callers on loopback, naming a loopback
//!   host (a web page that rebinds its own name to 127.0.0.1 names its
//!   own host, and is refused);
//! - with a control token, only callers that present it, from anywhere: as
//!   `Authorization: Bearer TOKEN`, or in a browser once as `?token=TOKEN`,
//!   which sets a same-site cookie for the pages after it;
//! - never a request carrying the Gateway's `Hash` or `ConfigurationId`
//!   headers: a Cashflows request that reached these paths by mistake is
//!   refused, not obeyed;
//! - no state change from another site: a browser's `Origin` and
//!   `Sec-Fetch-Site` must say the request comes from the sandbox's own
//!   pages (the dashboard's forms also carry a per-sandbox token, checked
//!   by `dashboard`).

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};

use super::controls::PREFIX;
use super::refusal::ControlRefusal;
use crate::engine::{constant_time_eq, fresh_secret};
use crate::server::connections::ConnectionInfo;

/// The cookie a browser keeps the control token in, once given.
const TOKEN_COOKIE: &str = "cashflows_sandbox_token";

/// The control surface's credentials.
pub(crate) struct Access {
    /// When set, every control request must present it, from any address.
    control_token: Option<String>,
    /// What the dashboard's forms carry: a fresh secret per sandbox, which
    /// another site cannot read and so cannot post.
    form_token: String,
}

impl Access {
    pub(crate) fn new(control_token: Option<String>) -> Self {
        Access {
            control_token: control_token.filter(|token| !token.is_empty()),
            form_token: hex::encode(fresh_secret().get(..16).unwrap_or_default()),
        }
    }

    /// The token the dashboard's forms carry.
    pub(super) fn form_token(&self) -> &str {
        &self.form_token
    }

    /// Whether a form carried this sandbox's form token.
    pub(super) fn is_form_token(&self, given: &str) -> bool {
        constant_time_eq(given.as_bytes(), self.form_token.as_bytes())
    }

    /// Whether `request` may use the control surface; `Ok(true)` when it
    /// presented the control token in its query, to be kept in a cookie.
    fn check(&self, request: &Request) -> Result<bool, ControlRefusal> {
        let headers = request.headers();
        if headers.contains_key(HASH_HEADER) || headers.contains_key(CONFIGURATION_ID_HEADER) {
            return Err(ControlRefusal::bad_request(
                "the sandbox's control surface takes no Gateway credentials \
                 (Hash, ConfigurationId): these paths are not the Gateway's",
            ));
        }
        let from_query = match &self.control_token {
            Some(token) => self.presented(token, request)?,
            None => {
                loopback_only(request)?;
                false
            }
        };
        if is_state_change(request.method()) {
            same_origin(headers)?;
        }
        Ok(from_query)
    }

    /// Where the request presented the control token: `Ok(true)` in its
    /// query, `Ok(false)` in a header or the cookie.
    fn presented(&self, token: &str, request: &Request) -> Result<bool, ControlRefusal> {
        let matches = |given: &str| constant_time_eq(given.as_bytes(), token.as_bytes());
        let headers = request.headers();
        let bearer = header_text(headers, header::AUTHORIZATION)
            .and_then(|value| value.strip_prefix("Bearer "));
        if bearer.is_some_and(matches) || cookie(headers, TOKEN_COOKIE).is_some_and(matches) {
            return Ok(false);
        }
        let query = request.uri().query().unwrap_or_default();
        let in_query = form_urlencoded::parse(query.as_bytes())
            .any(|(name, value)| name == "token" && matches(&value));
        if in_query && request.method() == Method::GET {
            return Ok(true);
        }
        Err(ControlRefusal::new(
            axum::http::StatusCode::UNAUTHORIZED,
            "this sandbox's control surface needs its control token: \
             `Authorization: Bearer TOKEN`, or `?token=TOKEN` in a browser",
        ))
    }
}

/// Refuses the request unless it comes from loopback and names a loopback
/// host.
fn loopback_only(request: &Request) -> Result<(), ControlRefusal> {
    let peer = request
        .extensions()
        .get::<ConnectionInfo>()
        .map(|connection| connection.peer);
    if !peer.is_some_and(|peer| peer.ip().is_loopback()) {
        return Err(ControlRefusal::forbidden(
            "the sandbox's control surface answers only on loopback unless \
             it has a control token (--control-token)",
        ));
    }
    let host = header_text(request.headers(), header::HOST).unwrap_or_default();
    if !is_loopback_host(host) {
        return Err(ControlRefusal::forbidden(
            "the sandbox's control surface answers only to a loopback host \
             name (127.0.0.1, localhost, [::1]) unless it has a control token",
        ));
    }
    Ok(())
}

/// Whether a `Host` header names loopback: `localhost`, `127.x.x.x` or
/// `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn is_state_change(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses a state change a browser says comes from another site: its
/// `Sec-Fetch-Site` is not `same-origin` (nor `none`, typed by the person),
/// or its `Origin` is not this host's. Scripts and `curl` send neither.
fn same_origin(headers: &HeaderMap) -> Result<(), ControlRefusal> {
    let cross_site = || {
        ControlRefusal::forbidden(
            "the sandbox's state changes only from its own pages or from a \
             script, never from another site",
        )
    };
    if let Some(site) = header_text(headers, "sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return Err(cross_site());
    }
    if let Some(origin) = header_text(headers, header::ORIGIN) {
        let host = header_text(headers, header::HOST).unwrap_or_default();
        let own = origin
            .strip_prefix("http://")
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host));
        if !own {
            return Err(cross_site());
        }
    }
    Ok(())
}

fn header_text(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The value of the cookie `name`, if the request carries it.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// Lets through the requests [`Access`] allows, and refuses the others.
pub(super) async fn guard(
    State(access): State<Arc<Access>>,
    request: Request,
    next: Next,
) -> Response {
    match access.check(&request) {
        Ok(false) => next.run(request).await,
        Ok(true) => {
            let mut response = next.run(request).await;
            if let Some(token) = &access.control_token
                && let Ok(value) = HeaderValue::from_str(&format!(
                    "{TOKEN_COOKIE}={token}; Path={}; HttpOnly; SameSite=Strict",
                    PREFIX
                ))
            {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Err(refusal) => refusal.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tokio::sync::Notify;

    fn request(method: Method, uri: &str, peer: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectionInfo {
            peer: peer.parse().unwrap(),
            kill: Arc::new(Notify::new()),
        });
        request
    }

    #[test]
    fn without_a_token_only_loopback_callers_naming_loopback_are_let_in() {
        let access = Access::new(None);
        let status = |request: &Request| access.check(request).map_err(|refusal| refusal.status);
        let local = [("host", "127.0.0.1:4242")];
        assert_eq!(
            status(&request(
                Method::GET,
                "/__sandbox/clock",
                "127.0.0.1:5000",
                &local
            )),
            Ok(false)
        );
        assert_eq!(
            status(&request(
                Method::GET,
                "/__sandbox/clock",
                "10.0.0.5:5000",
                &local
            )),
            Err(axum::http::StatusCode::FORBIDDEN)
        );
        let rebound = [("host", "attacker.example:4242")];
        assert_eq!(
            status(&request(
                Method::POST,
                "/__sandbox/reset",
                "127.0.0.1:5000",
                &rebound
            )),
            Err(axum::http::StatusCode::FORBIDDEN)
        );
        let unknown_peer = Request::builder()
            .uri("/__sandbox/clock")
            .body(Body::empty())
            .unwrap();
        assert!(access.check(&unknown_peer).is_err(), "no peer, no entry");
    }

    #[test]
    fn with_a_token_any_caller_that_presents_it_is_let_in() {
        let access = Access::new(Some("t0ken".to_owned()));
        let status = |request: &Request| access.check(request).map_err(|refusal| refusal.status);
        let far = "203.0.113.9:5000";
        let bearer = [("host", "sandbox.test"), ("authorization", "Bearer t0ken")];
        assert_eq!(
            status(&request(Method::POST, "/__sandbox/reset", far, &bearer)),
            Ok(false)
        );
        let host = [("host", "sandbox.test")];
        assert_eq!(
            status(&request(Method::POST, "/__sandbox/reset", far, &host)),
            Err(axum::http::StatusCode::UNAUTHORIZED)
        );
        assert_eq!(
            status(&request(Method::GET, "/__sandbox/?token=t0ken", far, &host)),
            Ok(true)
        );
        assert_eq!(
            status(&request(
                Method::POST,
                "/__sandbox/reset?token=t0ken",
                far,
                &host
            )),
            Err(axum::http::StatusCode::UNAUTHORIZED),
            "a state change never takes the token from its address"
        );
        let cookie = [
            ("host", "sandbox.test"),
            ("cookie", "cashflows_sandbox_token=t0ken"),
        ];
        assert_eq!(
            status(&request(Method::GET, "/__sandbox/", far, &cookie)),
            Ok(false)
        );
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "127.0.0.1:4242",
            "localhost",
            "LOCALHOST:80",
            "[::1]:4242",
            "127.1.2.3",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "example.com",
            "10.0.0.1:4242",
            "localhost.evil.test",
            "[::2]",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn cross_site_state_changes_are_refused() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        assert!(same_origin(&headers(&[("host", "127.0.0.1:4242")])).is_ok());
        assert!(
            same_origin(&headers(&[
                ("host", "127.0.0.1:4242"),
                ("origin", "http://127.0.0.1:4242"),
                ("sec-fetch-site", "same-origin"),
            ]))
            .is_ok()
        );
        assert!(
            same_origin(&headers(&[
                ("host", "127.0.0.1:4242"),
                ("origin", "https://shop.example"),
            ]))
            .is_err()
        );
        assert!(same_origin(&headers(&[("sec-fetch-site", "cross-site")])).is_err());
        assert!(same_origin(&headers(&[("host", "127.0.0.1:4242"), ("origin", "null")])).is_err());
    }

    #[test]
    fn the_token_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cashflows_sandbox_token=secret; b=2"),
        );
        assert_eq!(cookie(&headers, TOKEN_COOKIE), Some("secret"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}
