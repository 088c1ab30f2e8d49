//! The sandbox's own tests, in one binary: its protocol over raw HTTP, the
//! requests it refuses (tables of cases), what hostile requests cannot do to
//! the money it holds, a route for every endpoint of the spec, and the clock
//! a test moves.

mod clock;
mod embedded;
mod harness;
mod money;
mod pages;
mod protocol;
mod refusals;
mod routes;
