//! The client's own tests, in one binary: its tables and types round-trip,
//! property tests of its parsers and signer, a hostile server, and the live
//! integration environment when credentials are given.

mod accessors;
mod builder;
mod fault_server;
mod live_integration;
mod properties;
mod round_trips;
mod secrets_and_repeats;
