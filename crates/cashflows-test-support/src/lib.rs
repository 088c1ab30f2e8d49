//! What the workspace's tests share, written once: the credentials a test
//! sandbox takes and a test client sends, a sandbox started with them (the
//! `sandbox` feature), typed payment requests, and a raw HTTP reader and
//! writer for the tests' own small servers (webhook receivers, proxies,
//! hostile servers, shop pages), and a webhook receiver that acknowledges.
//!
//! The client's, the sandbox's and the end-to-end tests depend on it; it is
//! never published.

pub mod credentials;
pub mod jobs;
pub mod raw_http;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod webhooks;

pub use credentials::{API_KEY, AUTH_ID, AUTH_PASS, CONFIGURATION_ID};
