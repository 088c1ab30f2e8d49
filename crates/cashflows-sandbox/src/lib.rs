//! A local Cashflows sandbox: the Gateway and Remote Auth protocols on
//! loopback HTTP, driven by the client crate's tables (endpoints, codes,
//! test cards), so a new row of the spec reaches the client and the sandbox
//! together. Start it from a test with [`Sandbox::start`], or run the
//! `cashflows-sandbox` binary.

#![deny(missing_docs)]

mod auth;
mod errors;
mod handlers;
mod outcomes;
mod remote_auth;
mod routes;
mod server;
mod state;
mod webhooks;

pub use server::{RecordedRequest, Sandbox, SandboxConfig};
pub use state::Totals;
