//! The sandbox's own tests, in one binary: its protocol over raw HTTP, the
//! requests it refuses (tables of cases), what hostile requests cannot do to
//! the money it holds, a route for every endpoint of the spec, the clock a
//! test moves, and the binary as another language runs it.

mod binary;
mod clock;
mod embedded;
mod harness;
mod money;
mod pages;
mod protocol;
mod refusals;
mod routes;
