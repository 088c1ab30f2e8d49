//! The sandbox's own tests, in one binary: its protocol over raw HTTP, the
//! requests it refuses (tables of cases), what hostile requests cannot do to
//! the money it holds, a route for every endpoint of the spec, the clock a
//! test moves, the binary as another language runs it, faults injected
//! into requests, and the webhook deliveries log.

mod binary;
mod binary_control;
mod clock;
mod control;
mod control_routes;
mod deliveries;
mod embedded;
mod faults;
mod harness;
mod money;
mod pages;
mod protocol;
mod refusals;
mod routes;
