//! The sandbox's own tests, in one binary: its protocol over raw HTTP, and
//! a route for every endpoint of the spec.

mod protocol;
mod routes;
